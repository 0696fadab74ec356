/* The outbox table. */
#include "store/outbox.h"

int outbox_add(struct db *db, int64_t dossier_id, const char *recipient, const char *subject,
               const char *body, int64_t now, struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO outbox (dossier_id, recipient, subject, body, created_at,"
                  " next_attempt_at) VALUES (?, ?, ?, ?, ?, ?)",
                  "ztttII", dossier_id, recipient, subject, body, now, now) < 0
               ? -1
               : 0;
}

static void read_msg(struct db_stmt *st, struct arena *a, void *out)
{
    struct outbox_msg *m = out;

    m->id = db_col_int(st, 0);
    m->dossier_id = db_col_int0(st, 1);
    m->recipient = db_col_dup(st, 2, a);
    m->subject = db_col_dup(st, 3, a);
    m->body = db_col_dup(st, 4, a);
    m->attempts = (int)db_col_int(st, 5);
    m->created_at = db_col_int(st, 6);
    m->status = "pending";
}

int outbox_due(struct db *db, struct arena *a, int64_t now, size_t max, struct outbox_msg **out,
               size_t *n, struct err *e)
{
    return db_all(db, a, read_msg, sizeof(**out), out, n, e,
                  "SELECT id, dossier_id, recipient, subject, body, attempts, created_at"
                  " FROM outbox WHERE status = 'pending' AND next_attempt_at <= ?"
                  " ORDER BY next_attempt_at, id LIMIT ?",
                  "Ii", now, (int)max);
}

int outbox_sent(struct db *db, int64_t id, int64_t now, struct err *e)
{
    return db_run(db, e,
                  "UPDATE outbox SET status = 'sent', sent_at = ?, attempts = attempts + 1,"
                  " last_error = NULL WHERE id = ?",
                  "II", now, id) < 0
               ? -1
               : 0;
}

int outbox_retry(struct db *db, int64_t id, const char *error, int64_t next_attempt_at,
                 struct err *e)
{
    return db_run(db, e,
                  "UPDATE outbox SET attempts = attempts + 1, last_error = ?,"
                  " status = CASE WHEN ? = 0 THEN 'failed' ELSE 'pending' END,"
                  " next_attempt_at = CASE WHEN ? = 0 THEN next_attempt_at ELSE ? END"
                  " WHERE id = ?",
                  "tIIII", error, next_attempt_at, next_attempt_at, next_attempt_at, id) < 0
               ? -1
               : 0;
}
