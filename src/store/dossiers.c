/* Dossiers in SQL. */
#include "store/dossiers.h"
#include "lib/strbuf.h"

#include <stdio.h>
#include <string.h>

int dossier_next_number(struct db *db, const char *agency, const char *day, int *out, struct err *e)
{
    int64_t n;

    if (db_int(db, &n, e,
               "INSERT INTO code_counters (agency, day, last) VALUES (?, ?, 1)"
               " ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last",
               "tt", agency, day) != DB_ROW)
        return -1;
    *out = (int)n;
    return 0;
}

int dossier_insert(struct db *db, struct dossier *d, struct err *e)
{
    struct db_stmt *st;
    size_t i;
    int rc, k = 1;

    if (db_prepare(db,
                   "INSERT INTO dossiers (code, procedure_id, agency, channel, status,"
                   " applicant_kind, applicant_name, applicant_id_number, applicant_phone,"
                   " applicant_email, applicant_address, delegate_name, delegate_id_number,"
                   " delegate_phone, phone_last4, summary, sets, duration_days, duration_kind,"
                   " submitted_at, received_at, due_at, original_due_at, finished_at,"
                   " returned_at, closed_at, submitted_by, received_by, version, created_at,"
                   " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                   " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
                   &st, e) < 0)
        return -1;
    db_bind_text(st, k++, d->code);
    db_bind_int(st, k++, d->procedure_id);
    db_bind_text(st, k++, d->agency);
    db_bind_int(st, k++, d->channel);
    db_bind_int(st, k++, d->status);
    db_bind_int(st, k++, d->applicant_kind);
    db_bind_text(st, k++, d->applicant_name);
    db_bind_text(st, k++, d->applicant_id_number);
    db_bind_text(st, k++, d->applicant_phone);
    db_bind_text(st, k++, d->applicant_email);
    db_bind_text(st, k++, d->applicant_address);
    db_bind_text(st, k++, d->delegate_name);
    db_bind_text(st, k++, d->delegate_id_number);
    db_bind_text(st, k++, d->delegate_phone);
    db_bind_text(st, k++, d->phone_last4);
    db_bind_text(st, k++, d->summary);
    db_bind_int(st, k++, d->sets);
    db_bind_double(st, k++, d->duration_days);
    db_bind_text(st, k++, d->duration_kind);
    {
        const int64_t times[] = {d->submitted_at,    d->received_at,  d->due_at,
                                 d->original_due_at, d->finished_at,  d->returned_at,
                                 d->closed_at,       d->submitted_by, d->received_by};
        for (i = 0; i < sizeof(times) / sizeof(times[0]); i++, k++)
            if (times[i])
                db_bind_int(st, k, times[i]);
            else
                db_bind_null(st, k);
    }
    db_bind_int(st, k++, d->created_at);
    db_bind_int(st, k++, d->updated_at);
    rc = db_step(st, e);
    if (rc == DB_ROW)
        d->id = db_col_int(st, 0);
    db_finalize(st);
    if (rc != DB_ROW)
        return rc < 0 ? -1 : err_set(e, 500, "db", "insert returned no id");
    d->version = 1;
    for (i = 0; i < d->ncomponents; i++) {
        const struct dossier_component *c = &d->components[i];
        if (db_run(db, e,
                   "INSERT INTO dossier_components (dossier_id, position, name, kind, count,"
                   " received) VALUES (?, ?, ?, ?, ?, ?)",
                   "Iittii", d->id, (int)i + 1, c->name, c->kind, c->count, c->received) < 0)
            return -1;
    }
    return 0;
}

int dossier_add_event(struct db *db, int64_t dossier_id, const struct dossier_event *ev,
                      struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status,"
                  " actor_id, actor_name, unit, note, step_due_at)"
                  " VALUES (?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?)",
                  "IItiizttt"
                  "z",
                  dossier_id, ev->at, ev->action, ev->from_status, ev->to_status, ev->actor_id,
                  ev->actor_name, ev->unit, ev->note, ev->step_due_at) < 0
               ? -1
               : 0;
}

#define DOSSIER_COLUMNS                                                                            \
    "d.id, d.code, d.procedure_id, p.code, p.name, d.agency, a.name, d.channel, d.status,"         \
    " d.applicant_kind, d.applicant_name, d.applicant_id_number, d.applicant_phone,"               \
    " d.applicant_email, d.applicant_address, d.delegate_name, d.delegate_id_number,"              \
    " d.delegate_phone, d.phone_last4, d.summary, d.sets, d.duration_days, d.duration_kind,"       \
    " d.submitted_at, d.received_at, d.due_at, d.original_due_at, d.finished_at,"                  \
    " d.returned_at, d.closed_at, d.submitted_by, d.received_by, d.version, d.created_at,"         \
    " d.updated_at, a.path"
#define DOSSIER_FROM                                                                               \
    " FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"                                  \
    " JOIN agencies a ON a.id = d.agency"

static void read_row(struct db_stmt *st, struct arena *a, struct dossier *d)
{
    memset(d, 0, sizeof(*d));
    d->id = db_col_int(st, 0);
    d->code = db_col_dup(st, 1, a);
    d->procedure_id = db_col_int(st, 2);
    d->procedure_code = db_col_dup(st, 3, a);
    d->procedure_name = db_col_dup(st, 4, a);
    d->agency = db_col_dup(st, 5, a);
    d->agency_name = db_col_dup(st, 6, a);
    d->channel = (int)db_col_int(st, 7);
    d->status = (int)db_col_int(st, 8);
    d->applicant_kind = (int)db_col_int(st, 9);
    d->applicant_name = db_col_dup(st, 10, a);
    d->applicant_id_number = db_col_dup(st, 11, a);
    d->applicant_phone = db_col_dup(st, 12, a);
    d->applicant_email = db_col_dup(st, 13, a);
    d->applicant_address = db_col_dup(st, 14, a);
    d->delegate_name = db_col_dup(st, 15, a);
    d->delegate_id_number = db_col_dup(st, 16, a);
    d->delegate_phone = db_col_dup(st, 17, a);
    d->phone_last4 = db_col_dup(st, 18, a);
    d->summary = db_col_dup(st, 19, a);
    d->sets = (int)db_col_int(st, 20);
    d->duration_days = db_col_double(st, 21);
    d->duration_kind = db_col_dup(st, 22, a);
    d->submitted_at = db_col_int0(st, 23);
    d->received_at = db_col_int0(st, 24);
    d->due_at = db_col_int0(st, 25);
    d->original_due_at = db_col_int0(st, 26);
    d->finished_at = db_col_int0(st, 27);
    d->returned_at = db_col_int0(st, 28);
    d->closed_at = db_col_int0(st, 29);
    d->submitted_by = db_col_int0(st, 30);
    d->received_by = db_col_int0(st, 31);
    d->version = (int)db_col_int(st, 32);
    d->created_at = db_col_int(st, 33);
    d->updated_at = db_col_int(st, 34);
    d->agency_path = db_col_dup(st, 35, a);
}

static int load_components(struct db *db, struct arena *a, struct dossier *d, struct err *e)
{
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    d->ncomponents = 0;
    d->components = arena_alloc(a, 0);
    if (db_query(db, &st, e,
                 "SELECT name, kind, count, received FROM dossier_components"
                 " WHERE dossier_id = ? ORDER BY position",
                 "I", d->id) < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct dossier_component *c =
            arena_push(a, &d->components, &d->ncomponents, &cap, sizeof(*c));
        c->name = db_col_dup(st, 0, a);
        c->kind = db_col_dup(st, 1, a);
        c->count = (int)db_col_int(st, 2);
        c->received = (int)db_col_int(st, 3);
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int dossier_by_code(struct db *db, struct arena *a, const char *code, struct dossier *out,
                    struct err *e)
{
    struct db_stmt *st;
    int rc;

    if (db_query(db, &st, e, "SELECT " DOSSIER_COLUMNS DOSSIER_FROM " WHERE d.code = ?", "t",
                 code) < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        read_row(st, a, out);
    db_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no dossier with code %s", code);
    if (rc < 0)
        return -1;
    return load_components(db, a, out, e);
}

int dossier_events(struct db *db, struct arena *a, int64_t dossier_id, struct dossier_event **out,
                   size_t *n, struct err *e)
{
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    *n = 0;
    *out = arena_alloc(a, 0);
    if (db_query(db, &st, e,
                 "SELECT ev.id, ev.at, ev.action, ev.from_status, ev.to_status, ev.actor_id,"
                 " ev.actor_name, ev.unit, a.name, ev.note, ev.step_due_at FROM dossier_events ev"
                 " LEFT JOIN agencies a ON a.id = ev.unit WHERE ev.dossier_id = ? ORDER BY ev.id",
                 "I", dossier_id) < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct dossier_event *ev = arena_push(a, out, n, &cap, sizeof(*ev));
        ev->id = db_col_int(st, 0);
        ev->at = db_col_int(st, 1);
        ev->action = db_col_dup(st, 2, a);
        ev->from_status = (int)db_col_int0(st, 3);
        ev->to_status = (int)db_col_int(st, 4);
        ev->actor_id = db_col_int0(st, 5);
        ev->actor_name = db_col_dup(st, 6, a);
        ev->unit = db_col_dup(st, 7, a);
        ev->unit_name = db_col_dup(st, 8, a);
        ev->note = db_col_dup(st, 9, a);
        ev->step_due_at = db_col_int0(st, 10);
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int dossier_list(struct db *db, struct arena *a, const struct dossier_filter *f,
                 struct dossier **out, size_t *n, int *more, struct err *e)
{
    struct strbuf sql = STRBUF_INIT;
    struct db_stmt *st = NULL;
    int limit = f->limit > 0 ? f->limit : 50, rc = -1, k = 1;
    size_t i;

    *n = 0;
    *more = 0;
    *out = arena_calloc(a, (size_t)limit + 1, sizeof(**out));
    strbuf_addstr(&sql, "SELECT " DOSSIER_COLUMNS DOSSIER_FROM " WHERE 1");
    if (f->scope_paths) {
        if (!f->nscopes)
            goto done; /* may see nothing */
        strbuf_addstr(&sql, " AND (0");
        for (i = 0; i < f->nscopes; i++)
            strbuf_addstr(&sql, " OR substr(a.path, 1, length(?)) = ?");
        strbuf_addch(&sql, ')');
    }
    if (f->agency_path)
        strbuf_addstr(&sql, " AND substr(a.path, 1, length(?)) = ?");
    if (f->status)
        strbuf_addstr(&sql, " AND d.status = ?");
    if (f->procedure_id)
        strbuf_addstr(&sql, " AND d.procedure_id = ?");
    if (f->from)
        strbuf_addstr(&sql, " AND d.submitted_at >= ?");
    if (f->to)
        strbuf_addstr(&sql, " AND d.submitted_at < ?");
    if (f->submitted_by)
        strbuf_addstr(&sql, " AND d.submitted_by = ?");
    if (f->before_id)
        strbuf_addstr(&sql, " AND d.id < ?");
    strbuf_addstr(&sql, " ORDER BY d.id DESC LIMIT ?");
    if (db_prepare(db, sql.buf, &st, e) < 0)
        goto out;
    for (i = 0; f->scope_paths && i < f->nscopes; i++) {
        db_bind_text(st, k++, f->scope_paths[i]);
        db_bind_text(st, k++, f->scope_paths[i]);
    }
    if (f->agency_path) {
        db_bind_text(st, k++, f->agency_path);
        db_bind_text(st, k++, f->agency_path);
    }
    if (f->status)
        db_bind_int(st, k++, f->status);
    if (f->procedure_id)
        db_bind_int(st, k++, f->procedure_id);
    if (f->from)
        db_bind_int(st, k++, f->from);
    if (f->to)
        db_bind_int(st, k++, f->to);
    if (f->submitted_by)
        db_bind_int(st, k++, f->submitted_by);
    if (f->before_id)
        db_bind_int(st, k++, f->before_id);
    db_bind_int(st, k++, limit + 1);
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (*n == (size_t)limit) {
            *more = 1;
            break;
        }
        read_row(st, a, &(*out)[(*n)++]);
    }
    if (rc < 0)
        goto out;
done:
    rc = 0;
out:
    db_finalize(st);
    strbuf_release(&sql);
    return rc;
}
