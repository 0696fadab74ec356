/* Dossiers in SQL. */
#include "store/dossiers.h"
#include "core/date.h"
#include "core/fold.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/agencies.h"
#include "store/stats.h"
#include "store/where.h"

#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

int dossier_next_code(struct db *db, const char *agency, int64_t at, char out[DOSSIER_CODE_MAX],
                      struct err *e)
{
    char day[DOSSIER_CODE_DAY_MAX];
    int64_t n, local_day = date_local_day(at);

    if (dossier_code_day(local_day, day) < 0)
        return err_set(e, 500, "clock", "no dossier code for a day outside 2000-2099");
    if (db_int(db, &n, e,
               "INSERT INTO code_counters (agency, day, last) VALUES (?, ?, 1)"
               " ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last",
               "tt", agency, day) != DB_ROW)
        return -1;
    if (n > DOSSIER_COUNTER_MAX)
        return err_set(e, 503, "counter_full", "agency %s has used every code for today", agency);
    if (dossier_code_format(agency, local_day, (int)n, out) < 0)
        return err_set(e, 500, "code", "%s is not an agency identifier", agency);
    return 0;
}

/*
 * The columns of a dossier: those set once at intake, and those transitions
 * change. SELECT, INSERT and UPDATE are built from these lists, so the three
 * cannot disagree; bind_fixed() and bind_mutable() follow the same order.
 */
static const char *const fixed_cols[] = {
    "code",
    "procedure_id",
    "agency",
    "lead_agency",
    "channel",
    "applicant_kind",
    "applicant_name",
    "applicant_folded",
    "applicant_id_number",
    "applicant_phone",
    "applicant_email",
    "applicant_address",
    "delegate_name",
    "delegate_id_number",
    "delegate_phone",
    "phone_last4",
    "summary",
    "sets",
    "submitted_at",
    "submitted_by",
    "parent_id",
    "created_at",
};
static const char *const mutable_cols[] = {
    "status",
    "duration_days",
    "duration_kind",
    "variant_id",
    "received_at",
    "due_at",
    "original_due_at",
    "finished_at",
    "returned_at",
    "closed_at",
    "received_by",
    "current_unit",
    "step",
    "paused_at",
    "resume_status",
    "supplement_count",
    "supplement_request",
    "open_children",
    "apology_at",
    "apology_reason",
    "apology_cause",
    "apology_previous_due_at",
    "result_number",
    "result_date",
    "result_signer",
    "result_electronic",
    "return_method",
    "return_tracking",
    "fee_amount",
    "fee_paid_amount",
    "fee_method",
    "fee_receipt",
    "fee_paid_at",
    "close_reason",
    "updated_at",
};
#define NFIXED   (sizeof(fixed_cols) / sizeof(fixed_cols[0]))
#define NMUTABLE (sizeof(mutable_cols) / sizeof(mutable_cols[0]))

static void bind_z(struct db_stmt *st, int k, int64_t v)
{
    if (v)
        db_bind_int(st, k, v);
    else
        db_bind_null(st, k);
}

/* The text folded for search (core/fold.h), or NULL. */
static void bind_folded(struct db_stmt *st, int k, const char *s)
{
    char buf[512], *out = buf;
    size_t n = s ? strlen(s) : 0;

    if (!s) {
        db_bind_null(st, k);
        return;
    }
    if (n >= sizeof(buf))
        out = xmalloc(n + 1);
    fold_text(s, n, out);
    db_bind_text(st, k, out);
    if (out != buf)
        free(out);
}

static int bind_fixed(struct db_stmt *st, const struct dossier *d, int k)
{
    db_bind_text(st, k++, d->code);
    db_bind_int(st, k++, d->procedure_id);
    db_bind_text(st, k++, d->agency);
    db_bind_text(st, k++, d->lead_agency ? d->lead_agency : d->agency);
    db_bind_int(st, k++, d->channel);
    db_bind_int(st, k++, d->applicant_kind);
    db_bind_text(st, k++, d->applicant_name);
    bind_folded(st, k++, d->applicant_name);
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
    db_bind_int(st, k++, d->submitted_at);
    bind_z(st, k++, d->submitted_by);
    bind_z(st, k++, d->parent_id);
    db_bind_int(st, k++, d->created_at);
    return k;
}

static int bind_mutable(struct db_stmt *st, const struct dossier *d, int k)
{
    db_bind_int(st, k++, d->status);
    db_bind_double(st, k++, d->duration_days);
    db_bind_text(st, k++, d->duration_kind);
    bind_z(st, k++, d->variant_id);
    bind_z(st, k++, d->received_at);
    bind_z(st, k++, d->due_at);
    bind_z(st, k++, d->original_due_at);
    bind_z(st, k++, d->finished_at);
    bind_z(st, k++, d->returned_at);
    bind_z(st, k++, d->closed_at);
    bind_z(st, k++, d->received_by);
    db_bind_text(st, k++, d->current_unit);
    db_bind_int(st, k++, d->step);
    bind_z(st, k++, d->paused_at);
    bind_z(st, k++, d->resume_status);
    db_bind_int(st, k++, d->supplement_count);
    db_bind_text(st, k++, d->supplement_request);
    db_bind_int(st, k++, d->open_children);
    bind_z(st, k++, d->apology_at);
    db_bind_text(st, k++, d->apology_reason);
    db_bind_text(st, k++, d->apology_cause);
    bind_z(st, k++, d->apology_previous_due_at);
    db_bind_text(st, k++, d->result_number);
    db_bind_text(st, k++, d->result_date);
    db_bind_text(st, k++, d->result_signer);
    db_bind_int(st, k++, d->result_electronic);
    db_bind_text(st, k++, d->return_method);
    db_bind_text(st, k++, d->return_tracking);
    bind_z(st, k++, d->fee_amount);
    bind_z(st, k++, d->fee_paid_amount);
    db_bind_text(st, k++, d->fee_method);
    db_bind_text(st, k++, d->fee_receipt);
    bind_z(st, k++, d->fee_paid_at);
    db_bind_text(st, k++, d->close_reason);
    db_bind_int(st, k++, d->updated_at);
    return k;
}

static struct strbuf insert_sql = STRBUF_INIT; /* built once: every intake runs it */
static pthread_once_t insert_once = PTHREAD_ONCE_INIT;

static void build_insert(void)
{
    size_t i;

    strbuf_addstr(&insert_sql, "INSERT INTO dossiers (version");
    for (i = 0; i < NFIXED; i++)
        strbuf_addf(&insert_sql, ", %s", fixed_cols[i]);
    for (i = 0; i < NMUTABLE; i++)
        strbuf_addf(&insert_sql, ", %s", mutable_cols[i]);
    strbuf_addstr(&insert_sql, ") VALUES (1");
    for (i = 0; i < NFIXED + NMUTABLE; i++)
        strbuf_addstr(&insert_sql, ", ?");
    strbuf_addstr(&insert_sql, ") RETURNING id");
}

int dossier_insert(struct db *db, struct dossier *d, struct err *e)
{
    struct db_stmt *st = NULL;
    struct stat_mark mark = {0}; /* a new dossier counted for nothing before */
    size_t i;
    int rc = -1;

    pthread_once(&insert_once, build_insert);
    if (db_prepare(db, insert_sql.buf, &st, e) < 0)
        goto out;
    bind_mutable(st, d, bind_fixed(st, d, 1));
    rc = db_step(st, e);
    if (rc == DB_ROW)
        d->id = db_col_int(st, 0);
    if (rc != DB_ROW) {
        if (rc == DB_DONE)
            err_set(e, 500, "db", "insert returned no id");
        rc = -1;
        goto out;
    }
    d->version = 1;
    for (i = 0; i < d->ncomponents; i++) {
        const struct dossier_component *c = &d->components[i];
        if (db_run(db, e,
                   "INSERT INTO dossier_components (dossier_id, position, name, kind, count,"
                   " received, digitized) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   "Iittiii", d->id, (int)i + 1, c->name, c->kind, c->count, c->received,
                   c->digitized) < 0)
            goto out;
    }
    mark.dossier_id = d->id;
    rc = stats_track_end(db, &mark, e);
out:
    db_finalize(st);
    return rc;
}

int dossier_update(struct db *db, struct dossier *d, struct err *e)
{
    struct strbuf sql = STRBUF_INIT;
    struct db_stmt *st = NULL;
    struct stat_mark mark;
    size_t i;
    int rc = -1, k;

    if (stats_track_begin(db, d->id, &mark, e) < 0)
        return -1;
    strbuf_addstr(&sql, "UPDATE dossiers SET version = version + 1");
    for (i = 0; i < NMUTABLE; i++)
        strbuf_addf(&sql, ", %s = ?", mutable_cols[i]);
    strbuf_addstr(&sql, " WHERE id = ? AND version = ?");
    if (db_prepare(db, sql.buf, &st, e) < 0)
        goto out;
    k = bind_mutable(st, d, 1);
    db_bind_int(st, k++, d->id);
    db_bind_int(st, k, d->version);
    if (db_step(st, e) < 0)
        goto out;
    if (db_changes(db) != 1) {
        err_set(e, 409, "conflict", "dossier %s was changed by someone else; reload it", d->code);
        goto out;
    }
    d->version++;
    rc = stats_track_end(db, &mark, e);
out:
    db_finalize(st);
    strbuf_release(&sql);
    return rc;
}

int dossier_component_digitized(struct db *db, int64_t dossier_id, int position, struct err *e)
{
    struct stat_mark mark;

    return stats_track_begin(db, dossier_id, &mark, e) < 0 ||
                   db_run(db, e,
                          "UPDATE dossier_components SET digitized = 1"
                          " WHERE dossier_id = ? AND position = ?",
                          "Ii", dossier_id, position) < 0 ||
                   stats_track_end(db, &mark, e) < 0
               ? -1
               : 0;
}

#define DOSSIER_FROM                                                                               \
    " FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"                                  \
    " JOIN agencies a ON a.id = d.agency LEFT JOIN agencies cu ON cu.id = d.current_unit"

/* Appends "SELECT d.id, d.version, <fixed>, <mutable>, p.code, p.name, a.name, a.path, cu.path". */
static void add_select(struct strbuf *sql)
{
    size_t i;

    strbuf_addstr(sql, "SELECT d.id, d.version");
    for (i = 0; i < NFIXED; i++)
        strbuf_addf(sql, ", d.%s", fixed_cols[i]);
    for (i = 0; i < NMUTABLE; i++)
        strbuf_addf(sql, ", d.%s", mutable_cols[i]);
    strbuf_addstr(sql, ", p.code, p.name, a.name, a.path, cu.path" DOSSIER_FROM);
}

static void read_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct dossier *d = out;
    int k = 0;

    memset(d, 0, sizeof(*d));
    d->id = db_col_int(st, k++);
    d->version = (int)db_col_int(st, k++);
    /* fixed */
    d->code = db_col_dup(st, k++, a);
    d->procedure_id = db_col_int(st, k++);
    d->agency = db_col_dup(st, k++, a);
    d->lead_agency = db_col_dup(st, k++, a);
    d->channel = (int)db_col_int(st, k++);
    d->applicant_kind = (int)db_col_int(st, k++);
    d->applicant_name = db_col_dup(st, k++, a);
    k++; /* applicant_folded: for search only */
    d->applicant_id_number = db_col_dup(st, k++, a);
    d->applicant_phone = db_col_dup(st, k++, a);
    d->applicant_email = db_col_dup(st, k++, a);
    d->applicant_address = db_col_dup(st, k++, a);
    d->delegate_name = db_col_dup(st, k++, a);
    d->delegate_id_number = db_col_dup(st, k++, a);
    d->delegate_phone = db_col_dup(st, k++, a);
    d->phone_last4 = db_col_dup(st, k++, a);
    d->summary = db_col_dup(st, k++, a);
    d->sets = (int)db_col_int(st, k++);
    d->submitted_at = db_col_int0(st, k++);
    d->submitted_by = db_col_int0(st, k++);
    d->parent_id = db_col_int0(st, k++);
    d->created_at = db_col_int(st, k++);
    /* mutable */
    d->status = (int)db_col_int(st, k++);
    d->duration_days = db_col_double(st, k++);
    d->duration_kind = db_col_dup(st, k++, a);
    d->variant_id = db_col_int0(st, k++);
    d->received_at = db_col_int0(st, k++);
    d->due_at = db_col_int0(st, k++);
    d->original_due_at = db_col_int0(st, k++);
    d->finished_at = db_col_int0(st, k++);
    d->returned_at = db_col_int0(st, k++);
    d->closed_at = db_col_int0(st, k++);
    d->received_by = db_col_int0(st, k++);
    d->current_unit = db_col_dup(st, k++, a);
    d->step = (int)db_col_int(st, k++);
    d->paused_at = db_col_int0(st, k++);
    d->resume_status = (int)db_col_int0(st, k++);
    d->supplement_count = (int)db_col_int(st, k++);
    d->supplement_request = db_col_dup(st, k++, a);
    d->open_children = (int)db_col_int(st, k++);
    d->apology_at = db_col_int0(st, k++);
    d->apology_reason = db_col_dup(st, k++, a);
    d->apology_cause = db_col_dup(st, k++, a);
    d->apology_previous_due_at = db_col_int0(st, k++);
    d->result_number = db_col_dup(st, k++, a);
    d->result_date = db_col_dup(st, k++, a);
    d->result_signer = db_col_dup(st, k++, a);
    d->result_electronic = (int)db_col_int(st, k++);
    d->return_method = db_col_dup(st, k++, a);
    d->return_tracking = db_col_dup(st, k++, a);
    d->fee_amount = db_col_int0(st, k++);
    d->fee_paid_amount = db_col_int0(st, k++);
    d->fee_method = db_col_dup(st, k++, a);
    d->fee_receipt = db_col_dup(st, k++, a);
    d->fee_paid_at = db_col_int0(st, k++);
    d->close_reason = db_col_dup(st, k++, a);
    d->updated_at = db_col_int(st, k++);
    /* joined */
    d->procedure_code = db_col_dup(st, k++, a);
    d->procedure_name = db_col_dup(st, k++, a);
    d->agency_name = db_col_dup(st, k++, a);
    d->agency_path = db_col_dup(st, k++, a);
    d->current_unit_path = db_col_dup(st, k++, a);
}

static void read_component(struct db_stmt *st, struct arena *a, void *out)
{
    struct dossier_component *c = out;

    c->name = db_col_dup(st, 0, a);
    c->kind = db_col_dup(st, 1, a);
    c->count = (int)db_col_int(st, 2);
    c->received = (int)db_col_int(st, 3);
    c->digitized = (int)db_col_int(st, 4);
}

static int load_components(struct db *db, struct arena *a, struct dossier *d, struct err *e)
{
    return db_all(db, a, read_component, sizeof(*d->components), &d->components, &d->ncomponents, e,
                  "SELECT name, kind, count, received, digitized FROM dossier_components"
                  " WHERE dossier_id = ? ORDER BY position",
                  "I", d->id);
}

static int dossier_where(struct db *db, struct arena *a, const char *where, const char *code,
                         int64_t id, struct dossier *out, struct err *e)
{
    struct strbuf sql = STRBUF_INIT;
    int rc;

    add_select(&sql);
    strbuf_addstr(&sql, where);
    rc = code ? db_one(db, a, read_row, out, e, sql.buf, "t", code)
              : db_one(db, a, read_row, out, e, sql.buf, "I", id);
    strbuf_release(&sql);
    if (rc == DB_DONE)
        return code ? err_set(e, 404, "not_found", "no dossier with code %s", code)
                    : err_set(e, 404, "not_found", "no dossier with id %lld", (long long)id);
    if (rc < 0)
        return -1;
    return load_components(db, a, out, e);
}

int dossier_by_code(struct db *db, struct arena *a, const char *code, struct dossier *out,
                    struct err *e)
{
    return dossier_where(db, a, " WHERE d.code = ?", code, 0, out, e);
}

int dossier_by_id(struct db *db, struct arena *a, int64_t id, struct dossier *out, struct err *e)
{
    return dossier_where(db, a, " WHERE d.id = ?", NULL, id, out, e);
}

/* Received, worked on or held now by a unit under one of the paths (held_only: held now). */
static void w_any_under(struct where *w, const char *const *paths, size_t n, int held_only)
{
    size_t i;

    strbuf_addstr(&w->sql, " AND (0");
    for (i = 0; i < n && i < DOSSIER_SCOPES_MAX; i++) {
        if (!held_only) {
            strbuf_addstr(&w->sql, " OR ");
            where_under(w, "a.path", paths[i]);
            /* a unit that worked on it keeps seeing it */
            strbuf_addstr(&w->sql, " OR EXISTS (SELECT 1 FROM dossier_steps s JOIN agencies g"
                                   " ON g.id = s.unit WHERE s.dossier_id = d.id AND ");
            where_under(w, "g.path", paths[i]);
            strbuf_addch(&w->sql, ')');
        }
        strbuf_addstr(&w->sql, " OR ");
        where_under(w, "cu.path", paths[i]);
    }
    strbuf_addch(&w->sql, ')');
}

/* Builds the conditions of a filter; returns 0 when it can select nothing. */
static int build_where(struct where *w, const struct dossier_filter *f)
{
    strbuf_addstr(&w->sql, " WHERE 1");
    if (f->scope_paths) {
        if (!f->nscopes)
            return 0;
        w_any_under(w, f->scope_paths, f->nscopes, 0);
    }
    if (f->work_paths) {
        if (!f->nwork)
            return 0;
        w_any_under(w, f->work_paths, f->nwork, 1);
    }
    if (f->agency_path) {
        strbuf_addstr(&w->sql, " AND (");
        where_under(w, "a.path", f->agency_path);
        strbuf_addstr(&w->sql, " OR ");
        where_under(w, "cu.path", f->agency_path);
        strbuf_addch(&w->sql, ')');
    }
    if (f->active)
        strbuf_addstr(&w->sql, " AND " STATUS_IN_SQL("d.status", DOSSIERS_OPEN));
    if (f->status)
        where_num(w, " AND d.status = ?", f->status);
    if (f->procedure_id)
        where_num(w, " AND d.procedure_id = ?", f->procedure_id);
    if (f->from)
        where_num(w, " AND d.submitted_at >= ?", f->from);
    if (f->to)
        where_num(w, " AND d.submitted_at < ?", f->to);
    if (f->due_from)
        where_num(w, " AND d.due_at >= ?", f->due_from);
    if (f->due_to)
        where_num(w, " AND d.due_at < ?", f->due_to);
    if (f->overdue_at)
        where_num(w, " AND " OVERDUE_SQL("d."), f->overdue_at);
    if (f->submitted_by)
        where_num(w, " AND d.submitted_by = ?", f->submitted_by);
    if (f->q) {
        /* a code (or its end: "261202-0001"), the applicant's name, or their numbers */
        where_text(w, " AND (instr(d.code, ?) > 0", f->q);
        if (f->q_folded && *f->q_folded)
            where_text(w, " OR instr(d.applicant_folded, ?) > 0", f->q_folded);
        if (f->q_digits && strlen(f->q_digits) >= 4 && (!f->q_digits_paths || f->nq_digits_paths)) {
            where_text(w, " OR ((d.applicant_id_number = ?", f->q_digits);
            where_text(w,
                       " OR instr(replace(replace(replace(d.applicant_phone, ' ', ''), '.', ''),"
                       " '-', ''), ?) > 0)",
                       f->q_digits);
            if (f->q_digits_paths) /* only where the caller sees these numbers */
                w_any_under(w, f->q_digits_paths, f->nq_digits_paths, 0);
            strbuf_addch(&w->sql, ')');
        }
        strbuf_addch(&w->sql, ')');
    }
    if (f->before_id && !f->by_due)
        where_num(w, " AND d.id < ?", f->before_id);
    return 1;
}

int dossier_list(struct db *db, struct arena *a, const struct dossier_filter *f,
                 struct dossier **out, size_t *n, int *more, struct err *e)
{
    struct where w = WHERE_INIT;
    struct strbuf select = STRBUF_INIT;
    int limit = f->limit > 0 ? f->limit : 50, rc = 0;

    *n = 0;
    *more = 0;
    *out = arena_calloc(a, 1, sizeof(**out));
    if (build_where(&w, f)) {
        add_select(&select);
        rc =
            where_page(db, a, select.buf, &w,
                       f->by_due ? " ORDER BY d.due_at IS NULL, d.due_at, d.id LIMIT ? OFFSET ?"
                                 : " ORDER BY d.id DESC LIMIT ?",
                       limit, f->by_due ? f->offset : -1, read_row, sizeof(**out), out, n, more, e);
    }
    strbuf_release(&select);
    where_release(&w);
    return rc;
}

int dossier_count(struct db *db, const struct dossier_filter *f, int64_t *out, struct err *e)
{
    struct where w = WHERE_INIT;
    struct strbuf sql = STRBUF_INIT;
    struct db_stmt *st = NULL;
    int rc = 0;

    *out = 0;
    if (!build_where(&w, f))
        goto out;
    strbuf_addstr(&sql, "SELECT count(*)" DOSSIER_FROM);
    strbuf_add(&sql, w.sql.buf, w.sql.len);
    if ((rc = db_prepare(db, sql.buf, &st, e)) < 0)
        goto out;
    where_bind(st, &w);
    rc = db_step(st, e);
    if (rc == DB_ROW)
        *out = db_col_int(st, 0);
    rc = rc < 0 ? -1 : 0;
out:
    db_finalize(st);
    strbuf_release(&sql);
    where_release(&w);
    return rc;
}

int dossier_children(struct db *db, struct arena *a, int64_t parent_id, struct dossier **out,
                     size_t *n, struct err *e)
{
    struct strbuf sql = STRBUF_INIT;
    int rc;

    add_select(&sql);
    strbuf_addstr(&sql, " WHERE d.parent_id = ? ORDER BY d.id");
    rc = db_all(db, a, read_row, sizeof(**out), out, n, e, sql.buf, "I", parent_id);
    strbuf_release(&sql);
    return rc;
}
