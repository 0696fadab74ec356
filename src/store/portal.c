/* The portal_queue, portal_sync and portal_statuses tables. */
#include "store/portal.h"
#include "store/agencies.h"

#include <string.h>

static const char *const states[3] = {"pending", "sent", "failed"};

int portal_status_map_load(struct db *db, struct portal_status_map *out, struct err *e)
{
    struct db_stmt *st;
    int rc;

    portal_status_map_default(out);
    if (db_query(db, &st, e, "SELECT status, portal_status FROM portal_statuses", "") < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        int64_t s = db_col_int(st, 0), p = db_col_int(st, 1);
        if (s >= DOSSIER_STATUS_MIN && s <= DOSSIER_STATUS_MAX)
            out->to[s] = (int)p;
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int portal_has_dossier_record(struct db *db, int64_t dossier_id, int *out, struct err *e)
{
    int64_t n = 0;

    if (db_int(db, &n, e,
               "SELECT count(*) FROM portal_queue WHERE dossier_id = ? AND kind = 'dossier'", "I",
               dossier_id) < 0)
        return -1;
    *out = n > 0;
    return 0;
}

int portal_enqueue(struct db *db, int64_t dossier_id, const char *kind, const char *payload,
                   int64_t now, struct err *e)
{
    if (db_run(db, e,
               "INSERT INTO portal_queue (dossier_id, kind, payload, created_at, next_attempt_at)"
               " VALUES (?, ?, ?, ?, ?)",
               "IttII", dossier_id, kind, payload, now, now) < 0 ||
        db_run(db, e,
               "INSERT INTO portal_sync (dossier_id, state, changed_at) VALUES (?, 'pending', ?)"
               " ON CONFLICT (dossier_id) DO UPDATE SET state = 'pending',"
               " changed_at = excluded.changed_at",
               "II", dossier_id, now) < 0)
        return -1;
    return 0;
}

int portal_record_synced(struct db *db, int64_t dossier_id, const char *kind, const char *payload,
                         int64_t created, int64_t sent_at, struct err *e)
{
    if (db_run(db, e,
               "INSERT INTO portal_queue (dossier_id, kind, payload, created_at, next_attempt_at,"
               " attempts, state, sent_at) VALUES (?, ?, ?, ?, ?, 1, 'sent', ?)",
               "IttIII", dossier_id, kind, payload, created, created, sent_at) < 0 ||
        db_run(db, e,
               "INSERT INTO portal_sync (dossier_id, state, changed_at, synced_at)"
               " VALUES (?, 'sent', ?, ?) ON CONFLICT (dossier_id) DO UPDATE SET"
               " changed_at = excluded.changed_at, synced_at = excluded.synced_at",
               "III", dossier_id, created, sent_at) < 0)
        return -1;
    return 0;
}

#define RECORD_COLS                                                                                \
    "q.id, q.dossier_id, d.code, q.kind, q.payload, q.state, q.answer, q.attempts,"                \
    " q.created_at, q.next_attempt_at, q.sent_at"

static void read_record(struct db_stmt *st, struct arena *a, void *out)
{
    struct portal_record *r = out;

    r->id = db_col_int(st, 0);
    r->dossier_id = db_col_int(st, 1);
    r->dossier_code = db_col_dup(st, 2, a);
    r->kind = db_col_dup(st, 3, a);
    r->payload = db_col_dup(st, 4, a);
    r->state = db_col_dup(st, 5, a);
    r->answer = db_col_dup(st, 6, a);
    r->attempts = (int)db_col_int(st, 7);
    r->created_at = db_col_int(st, 8);
    r->next_attempt_at = db_col_int(st, 9);
    r->sent_at = db_col_int0(st, 10);
}

int portal_due(struct db *db, struct arena *a, int64_t now, size_t max, struct portal_record **out,
               size_t *n, struct err *e)
{
    return db_all(db, a, read_record, sizeof(**out), out, n, e,
                  "SELECT " RECORD_COLS
                  " FROM portal_queue q JOIN dossiers d ON d.id = q.dossier_id"
                  " WHERE q.state = 'pending' AND q.next_attempt_at <= ? AND NOT EXISTS ("
                  "SELECT 1 FROM portal_queue p WHERE p.dossier_id = q.dossier_id"
                  " AND p.state = 'pending' AND p.id < q.id)"
                  " ORDER BY q.id LIMIT ?",
                  "Ii", now, (int)max);
}

/* The dossier's state from its records: pending while one waits, failed when one was given up. */
static int refresh(struct db *db, int64_t id, int64_t now, struct err *e)
{
    return db_run(db, e,
                  "UPDATE portal_sync SET"
                  " state = CASE WHEN EXISTS (SELECT 1 FROM portal_queue q WHERE"
                  " q.dossier_id = portal_sync.dossier_id AND q.state = 'pending') THEN 'pending'"
                  " WHEN EXISTS (SELECT 1 FROM portal_queue q WHERE"
                  " q.dossier_id = portal_sync.dossier_id AND q.state = 'failed') THEN 'failed'"
                  " ELSE 'sent' END,"
                  " answer = (SELECT q.answer FROM portal_queue q WHERE"
                  " q.dossier_id = portal_sync.dossier_id AND q.state = 'failed'"
                  " ORDER BY q.id DESC LIMIT 1),"
                  " synced_at = CASE WHEN ? > 0 THEN ? ELSE synced_at END"
                  " WHERE dossier_id = (SELECT dossier_id FROM portal_queue WHERE id = ?)",
                  "III", now, now, id) < 0
               ? -1
               : 0;
}

int portal_record_sent(struct db *db, int64_t id, const char *answer, int64_t now, struct err *e)
{
    if (db_begin(db, DB_WRITE, e) < 0)
        return -1;
    if (db_run(db, e,
               "UPDATE portal_queue SET state = 'sent', sent_at = ?, attempts = attempts + 1,"
               " answer = ? WHERE id = ?",
               "ItI", now, answer, id) < 0 ||
        refresh(db, id, now, e) < 0 || db_commit(db, e) < 0) {
        db_rollback(db);
        return -1;
    }
    return 0;
}

int portal_record_retry(struct db *db, int64_t id, const char *answer, int64_t next_attempt_at,
                        struct err *e)
{
    if (db_begin(db, DB_WRITE, e) < 0)
        return -1;
    if (db_run(db, e,
               "UPDATE portal_queue SET attempts = attempts + 1, answer = ?,"
               " state = CASE WHEN ? = 0 THEN 'failed' ELSE 'pending' END,"
               " next_attempt_at = CASE WHEN ? = 0 THEN next_attempt_at ELSE ? END"
               " WHERE id = ?",
               "tIIII", answer, next_attempt_at, next_attempt_at, next_attempt_at, id) < 0 ||
        refresh(db, id, 0, e) < 0 || db_commit(db, e) < 0) {
        db_rollback(db);
        return -1;
    }
    return 0;
}

int portal_retry_failed(struct db *db, int64_t dossier_id, int64_t *n, struct err *e)
{
    int64_t changed = db_run(db, e,
                             "UPDATE portal_queue SET state = 'pending', attempts = 0,"
                             " next_attempt_at = 0 WHERE state = 'failed'"
                             " AND (? = 0 OR dossier_id = ?)",
                             "II", dossier_id, dossier_id);

    if (changed < 0 ||
        db_run(db, e,
               "UPDATE portal_sync SET state = 'pending', answer = NULL WHERE state = 'failed'"
               " AND (? = 0 OR dossier_id = ?)",
               "II", dossier_id, dossier_id) < 0)
        return -1;
    *n = changed;
    return 0;
}

int portal_summary_read(struct db *db, int64_t dossier_id, struct portal_summary *out,
                        struct err *e)
{
    size_t i;

    memset(out, 0, sizeof(*out));
    for (i = 0; i < 3; i++)
        if (db_int(
                db, &out->records[i], e,
                "SELECT count(*) FROM portal_queue WHERE state = ? AND (? = 0 OR dossier_id = ?)",
                "tII", states[i], dossier_id, dossier_id) < 0 ||
            db_int(db, &out->dossiers[i], e,
                   "SELECT count(*) FROM portal_sync WHERE state = ? AND (? = 0 OR dossier_id = ?)",
                   "tII", states[i], dossier_id, dossier_id) < 0)
            return -1;
    return db_int(db, &out->oldest_pending_at, e,
                  "SELECT coalesce(min(created_at), 0) FROM portal_queue WHERE state = 'pending'"
                  " AND (? = 0 OR dossier_id = ?)",
                  "II", dossier_id, dossier_id) < 0
               ? -1
               : 0;
}

int portal_records(struct db *db, struct arena *a, int64_t dossier_id, const char *state,
                   size_t max, struct portal_record **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_record, sizeof(**out), out, n, e,
                  "SELECT " RECORD_COLS
                  " FROM portal_queue q JOIN dossiers d ON d.id = q.dossier_id"
                  " WHERE (? IS NULL OR q.state = ?) AND (? = 0 OR q.dossier_id = ?)"
                  " ORDER BY q.id LIMIT ?",
                  "ttIIi", state, state, dossier_id, dossier_id, (int)max);
}

static void read_sync(struct db_stmt *st, struct arena *a, void *out)
{
    struct portal_sync_row *r = out;

    r->state = db_col_dup(st, 0, a);
    r->answer = db_col_dup(st, 1, a);
    r->changed_at = db_col_int(st, 2);
    r->synced_at = db_col_int0(st, 3);
}

int portal_sync_get(struct db *db, struct arena *a, int64_t dossier_id, struct portal_sync_row *out,
                    struct err *e)
{
    return db_one(
        db, a, read_sync, out, e,
        "SELECT state, answer, changed_at, synced_at FROM portal_sync WHERE dossier_id = ?", "I",
        dossier_id);
}

struct fact_row {
    int64_t dossier_id, created_at, sent_at;
    const char *agency;
};

static void read_fact(struct db_stmt *st, struct arena *a, void *out)
{
    struct fact_row *r = out;

    r->dossier_id = db_col_int(st, 0);
    r->agency = db_col_dup(st, 1, a);
    r->created_at = db_col_int(st, 2);
    r->sent_at = db_col_int0(st, 3);
}

int portal_facts_read(struct db *db, struct arena *a, const char *agency_path, int64_t from,
                      int64_t to, struct portal_fact **out, size_t *n, struct err *e)
{
    struct fact_row *rows;
    struct portal_fact *f;
    size_t nrows, i, k = 0;

    if (db_all(db, a, read_fact, sizeof(*rows), &rows, &nrows, e,
               "SELECT d.id, d.agency, q.created_at, q.sent_at FROM dossiers d"
               " JOIN agencies g ON g.id = d.agency"
               " LEFT JOIN portal_queue q ON q.dossier_id = d.id"
               " WHERE d.submitted_at >= ? AND d.submitted_at < ? AND d.parent_id IS NULL"
               " AND " AGENCY_UNDER_SQL("g.path", "?") " ORDER BY d.id",
               "IItt", from, to, agency_path, agency_path) < 0)
        return -1;
    f = arena_calloc(a, nrows + 1, sizeof(*f));
    for (i = 0; i < nrows; i++) {
        /* a dossier without a record never reached the portal */
        int on_time = rows[i].created_at && portal_on_time(rows[i].created_at, rows[i].sent_at);
        if (i == 0 || rows[i].dossier_id != rows[i - 1].dossier_id)
            f[k++] = (struct portal_fact){rows[i].agency, 1};
        f[k - 1].on_time &= on_time;
    }
    *out = f;
    *n = k;
    return 0;
}
