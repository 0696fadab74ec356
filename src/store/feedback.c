/* Feedback items and what goes with them. */
#include "store/feedback.h"
#include "core/date.h"
#include "core/dossier.h"
#include "store/agencies.h"
#include "store/where.h"

#include <string.h>

int feedback_next_code(struct db *db, int64_t at, char out[FEEDBACK_CODE_MAX], struct err *e)
{
    char day[DOSSIER_CODE_DAY_MAX];
    int64_t n, local_day = date_local_day(at);

    if (dossier_code_day(local_day, day) < 0)
        return err_set(e, 500, "clock", "no feedback code for a day outside 2000-2099");
    /* the counters of dossier codes, under a key no agency has */
    if (db_int(db, &n, e,
               "INSERT INTO code_counters (agency, day, last) VALUES (?, ?, 1)"
               " ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last",
               "tt", FEEDBACK_COUNTER, day) != DB_ROW)
        return -1;
    if (feedback_code_format(local_day, (int)n, out) < 0)
        return err_set(e, 503, "counter_full", "every feedback code of today is used");
    return 0;
}

int feedback_insert(struct db *db, struct feedback *f, struct err *e)
{
    int64_t id;

    if (db_int(db, &id, e,
               "INSERT INTO feedback (code, channel, category, status, agency, dossier_code, name,"
               " phone, email, phone_last4, submitted_by, recorded_by, text, address, lat, lng,"
               " client, received_at, classify_due, ask_due, answer_due, created_at, updated_at,"
               " classified_at, asked_at, answered_at, publish_due, published_at, closed_at,"
               " paused_at, answer, reason, request, duplicate_of)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? THEN ? END,"
               " CASE WHEN ? THEN ? END, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
               " RETURNING id",
               "tiiittttttzzttididtIIIIIIzzzzzzztttt", f->code, f->channel, f->category, f->status,
               f->agency, f->dossier_code, f->name, f->phone, f->email, f->phone_last4,
               f->submitted_by, f->recorded_by, f->text, f->address, f->has_location, f->lat,
               f->has_location, f->lng, f->client, f->received_at, f->classify_due, f->ask_due,
               f->answer_due, f->created_at, f->updated_at, f->classified_at, f->asked_at,
               f->answered_at, f->publish_due, f->published_at, f->closed_at, f->paused_at,
               f->answer, f->reason, f->request, f->duplicate_of) != DB_ROW)
        return -1;
    f->id = id;
    f->version = 1;
    return 0;
}

int feedback_update(struct db *db, struct feedback *f, struct err *e)
{
    int64_t n = db_run(
        db, e,
        "UPDATE feedback SET version = version + 1, status = ?, agency = ?, classified_at = ?,"
        " asked_at = ?, answer_due = ?, answered_at = ?, publish_due = ?, published_at = ?,"
        " closed_at = ?, paused_at = ?, answer = ?, reason = ?, request = ?, duplicate_of = ?,"
        " updated_at = ? WHERE id = ? AND version = ?",
        "itzzIzzzzzttttIIi", f->status, f->agency, f->classified_at, f->asked_at, f->answer_due,
        f->answered_at, f->publish_due, f->published_at, f->closed_at, f->paused_at, f->answer,
        f->reason, f->request, f->duplicate_of, f->updated_at, f->id, f->version);

    if (n < 0)
        return -1;
    if (n == 0)
        return err_set(e, 409, "conflict", "feedback %s was changed by someone else", f->code);
    f->version++;
    return 0;
}

#define FEEDBACK_SELECT                                                                            \
    "SELECT f.id, f.code, f.channel, f.category, f.status, f.version, f.agency, a.name, a.path,"   \
    " f.dossier_code, f.name, f.phone, f.email, f.phone_last4, f.submitted_by, f.recorded_by,"     \
    " f.text, f.address, f.lat IS NOT NULL, f.lat, f.lng, f.client, f.received_at,"                \
    " f.classify_due, f.classified_at, f.ask_due, f.asked_at, f.answer_due, f.answered_at,"        \
    " f.publish_due, f.published_at, f.closed_at, f.paused_at, f.answer, f.reason, f.request,"     \
    " f.duplicate_of, f.created_at, f.updated_at FROM feedback f"                                  \
    " LEFT JOIN agencies a ON a.id = f.agency"

static void read_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct feedback *f = out;
    int k = 0;

    f->id = db_col_int(st, k++);
    f->code = db_col_dup(st, k++, a);
    f->channel = (int)db_col_int(st, k++);
    f->category = (int)db_col_int(st, k++);
    f->status = (int)db_col_int(st, k++);
    f->version = (int)db_col_int(st, k++);
    f->agency = db_col_dup(st, k++, a);
    f->agency_name = db_col_dup(st, k++, a);
    f->agency_path = db_col_dup(st, k++, a);
    f->dossier_code = db_col_dup(st, k++, a);
    f->name = db_col_dup(st, k++, a);
    f->phone = db_col_dup(st, k++, a);
    f->email = db_col_dup(st, k++, a);
    f->phone_last4 = db_col_dup(st, k++, a);
    f->submitted_by = db_col_int0(st, k++);
    f->recorded_by = db_col_int0(st, k++);
    f->text = db_col_dup(st, k++, a);
    f->address = db_col_dup(st, k++, a);
    f->has_location = (int)db_col_int(st, k++);
    f->lat = db_col_double(st, k++);
    f->lng = db_col_double(st, k++);
    f->client = db_col_dup(st, k++, a);
    f->received_at = db_col_int0(st, k++);
    f->classify_due = db_col_int0(st, k++);
    f->classified_at = db_col_int0(st, k++);
    f->ask_due = db_col_int0(st, k++);
    f->asked_at = db_col_int0(st, k++);
    f->answer_due = db_col_int0(st, k++);
    f->answered_at = db_col_int0(st, k++);
    f->publish_due = db_col_int0(st, k++);
    f->published_at = db_col_int0(st, k++);
    f->closed_at = db_col_int0(st, k++);
    f->paused_at = db_col_int0(st, k++);
    f->answer = db_col_dup(st, k++, a);
    f->reason = db_col_dup(st, k++, a);
    f->request = db_col_dup(st, k++, a);
    f->duplicate_of = db_col_dup(st, k++, a);
    f->created_at = db_col_int0(st, k++);
    f->updated_at = db_col_int0(st, k++);
}

int feedback_by_code(struct db *db, struct arena *a, const char *code, struct feedback *out,
                     struct err *e)
{
    int rc = db_one(db, a, read_row, out, e, FEEDBACK_SELECT " WHERE f.code = ?", "t", code);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no feedback with code %s", code);
    return rc < 0 ? -1 : 0;
}

static void build_where(struct where *w, const struct feedback_filter *f)
{
    size_t i;

    strbuf_addstr(&w->sql, " WHERE 1");
    if (f->open311)
        where_num(w, " AND (f.channel = ? OR f.published_at IS NOT NULL)", FBC_OPEN311);
    if (f->codes) {
        strbuf_addstr(&w->sql, " AND f.code IN ('-'");
        for (i = 0; i < f->ncodes && w->n < WHERE_ARGS_MAX; i++)
            where_text(w, ", ?", f->codes[i]);
        strbuf_addch(&w->sql, ')');
        return;
    }
    if (f->scope_paths) {
        strbuf_addstr(&w->sql, " AND (0");
        for (i = 0; i < f->nscopes && i < FEEDBACK_SCOPES_MAX; i++) {
            strbuf_addstr(&w->sql, " OR ");
            where_under(w, "a.path", f->scope_paths[i]);
        }
        strbuf_addch(&w->sql, ')');
    }
    if (f->work_paths) {
        strbuf_addstr(&w->sql, " AND (0");
        for (i = 0; i < f->nwork && i < FEEDBACK_SCOPES_MAX; i++) {
            strbuf_addstr(&w->sql, " OR ");
            where_under(w, "a.path", f->work_paths[i]);
        }
        strbuf_addch(&w->sql, ')');
    }
    if (f->due_to) {
        where_num(w,
                  " AND f.closed_at IS NULL AND f.answered_at IS NULL AND f.paused_at IS NULL"
                  " AND f.answer_due >= ?",
                  f->due_from);
        where_num(w, " AND f.answer_due < ?", f->due_to);
    }
    if (f->status)
        where_num(w, " AND f.status = ?", f->status);
    if (f->open)
        strbuf_addstr(&w->sql, " AND f.closed_at IS NULL");
    if (f->closed)
        strbuf_addstr(&w->sql, " AND f.closed_at IS NOT NULL");
    if (f->overdue_at)
        where_num(w,
                  " AND f.closed_at IS NULL AND f.answered_at IS NULL AND f.paused_at IS NULL"
                  " AND f.answer_due < ?",
                  f->overdue_at);
    if (f->published)
        strbuf_addstr(&w->sql, " AND f.published_at IS NOT NULL");
    if (f->category)
        where_num(w, " AND f.category = ?", f->category);
    if (f->submitted_by)
        where_num(w, " AND f.submitted_by = ?", f->submitted_by);
    if (f->q && *f->q) {
        where_text(w, " AND (instr(lower(f.text), lower(?)) > 0", f->q);
        where_text(w, " OR instr(lower(coalesce(f.answer, '')), lower(?)) > 0)", f->q);
    }
    if (f->from)
        where_num(w, " AND f.received_at >= ?", f->from);
    if (f->to)
        where_num(w, " AND f.received_at < ?", f->to);
    if (f->before_id)
        where_num(w, " AND f.id < ?", f->before_id);
}

int feedback_count(struct db *db, const struct feedback_filter *flt, int64_t *out, struct err *e)
{
    struct where w = WHERE_INIT;
    struct strbuf sql = STRBUF_INIT;
    struct db_stmt *st = NULL;
    int rc;

    *out = 0;
    if ((flt->scope_paths && !flt->nscopes) || (flt->work_paths && !flt->nwork))
        return 0;
    build_where(&w, flt);
    strbuf_addstr(&sql, "SELECT count(*) FROM feedback f LEFT JOIN agencies a ON a.id = f.agency");
    strbuf_add(&sql, w.sql.buf, w.sql.len);
    if ((rc = db_prepare(db, sql.buf, &st, e)) == 0) {
        where_bind(st, &w);
        if ((rc = db_step(st, e)) == DB_ROW)
            *out = db_col_int(st, 0);
        rc = rc < 0 ? -1 : 0;
    }
    db_finalize(st);
    strbuf_release(&sql);
    where_release(&w);
    return rc;
}

int feedback_list(struct db *db, struct arena *a, const struct feedback_filter *flt,
                  struct feedback **out, size_t *n, int *more, struct err *e)
{
    struct where w = WHERE_INIT;
    int rc;

    *n = 0;
    *more = 0;
    *out = arena_calloc(a, 1, sizeof(**out));
    if ((flt->scope_paths && !flt->nscopes) || (flt->work_paths && !flt->nwork))
        return 0;
    build_where(&w, flt);
    rc = where_page(db, a, FEEDBACK_SELECT, &w, " ORDER BY f.id DESC LIMIT ?",
                    flt->limit > 0 ? flt->limit : 50, -1, read_row, sizeof(**out), out, n, more, e);
    where_release(&w);
    return rc;
}

int feedback_add_event(struct db *db, int64_t feedback_id, const struct feedback_event *ev,
                       struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO feedback_events (feedback_id, at, action, from_status, to_status,"
                  " actor_id, actor_name, agency, to_agency, note, timeliness)"
                  " VALUES (?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?)",
                  "IItiizttttt", feedback_id, ev->at, ev->action, ev->from_status, ev->to_status,
                  ev->actor_id, ev->actor_name, ev->agency, ev->to_agency, ev->note,
                  ev->timeliness) < 0
               ? -1
               : 0;
}

static void read_event(struct db_stmt *st, struct arena *a, void *out)
{
    struct feedback_event *ev = out;

    ev->id = db_col_int(st, 0);
    ev->at = db_col_int(st, 1);
    ev->action = db_col_dup(st, 2, a);
    ev->from_status = (int)db_col_int0(st, 3);
    ev->to_status = (int)db_col_int(st, 4);
    ev->actor_id = db_col_int0(st, 5);
    ev->actor_name = db_col_dup(st, 6, a);
    ev->agency = db_col_dup(st, 7, a);
    ev->to_agency = db_col_dup(st, 8, a);
    ev->note = db_col_dup(st, 9, a);
    ev->timeliness = db_col_dup(st, 10, a);
}

int feedback_events(struct db *db, struct arena *a, int64_t feedback_id,
                    struct feedback_event **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_event, sizeof(**out), out, n, e,
                  "SELECT id, at, action, from_status, to_status, actor_id, actor_name, agency,"
                  " to_agency, note, timeliness FROM feedback_events WHERE feedback_id = ?"
                  " ORDER BY id",
                  "I", feedback_id);
}

int feedback_file_insert(struct db *db, struct feedback_file *f, struct err *e)
{
    return db_int(db, &f->id, e,
                  "INSERT INTO feedback_files (feedback_id, name, content_type, size, sha256,"
                  " uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  "IttItIz", f->feedback_id, f->name, f->content_type, f->size, f->sha256,
                  f->uploaded_at, f->uploaded_by) == DB_ROW
               ? 0
               : -1;
}

static void read_file_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct feedback_file *f = out;

    f->id = db_col_int(st, 0);
    f->feedback_id = db_col_int(st, 1);
    f->name = db_col_dup(st, 2, a);
    f->content_type = db_col_dup(st, 3, a);
    f->size = db_col_int(st, 4);
    f->sha256 = db_col_dup(st, 5, a);
    f->uploaded_at = db_col_int(st, 6);
    f->uploaded_by = db_col_int0(st, 7);
}

#define FILE_COLUMNS "id, feedback_id, name, content_type, size, sha256, uploaded_at, uploaded_by"

int feedback_files(struct db *db, struct arena *a, int64_t feedback_id, struct feedback_file **out,
                   size_t *n, struct err *e)
{
    return db_all(db, a, read_file_row, sizeof(**out), out, n, e,
                  "SELECT " FILE_COLUMNS " FROM feedback_files WHERE feedback_id = ? ORDER BY id",
                  "I", feedback_id);
}

int feedback_file_get(struct db *db, struct arena *a, int64_t feedback_id, int64_t id,
                      struct feedback_file *out, struct err *e)
{
    int rc = db_one(db, a, read_file_row, out, e,
                    "SELECT " FILE_COLUMNS " FROM feedback_files WHERE feedback_id = ? AND id = ?",
                    "II", feedback_id, id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no file %lld with this feedback", (long long)id);
    return rc < 0 ? -1 : 0;
}

static const char *const steps[] = {"classify", "ask", "answer", "publish"};

int feedback_times_get(struct db *db, struct feedback_times *out, struct err *e)
{
    double *slot[] = {&out->classify, &out->ask, &out->answer, &out->publish};
    struct db_stmt *st;
    size_t i;
    int rc;

    *out = feedback_times_default;
    if (db_query(db, &st, e, "SELECT step, days FROM feedback_times", "") < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW)
        for (i = 0; i < 4; i++)
            if (!strcmp(db_col_text(st, 0), steps[i]))
                *slot[i] = db_col_double(st, 1);
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int feedback_times_set(struct db *db, const struct feedback_times *t, int64_t now, int64_t user,
                       struct err *e)
{
    const double days[] = {t->classify, t->ask, t->answer, t->publish};
    size_t i;

    for (i = 0; i < 4; i++)
        if (db_run(db, e,
                   "INSERT INTO feedback_times (step, days, updated_at, updated_by)"
                   " VALUES (?, ?, ?, ?) ON CONFLICT (step) DO UPDATE SET days = excluded.days,"
                   " updated_at = excluded.updated_at, updated_by = excluded.updated_by",
                   "tdIz", steps[i], days[i], now, user) < 0)
            return -1;
    return 0;
}

static void read_text(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = db_col_dup(st, 0, a);
}

int feedback_route_get(struct db *db, struct arena *a, int category, const char **agency,
                       struct err *e)
{
    *agency = NULL;
    return db_one(db, a, read_text, agency, e,
                  "SELECT r.agency FROM feedback_routes r JOIN agencies g ON g.id = r.agency"
                  " WHERE r.category = ? AND g.active",
                  "i", category) < 0
               ? -1
               : 0;
}

int feedback_route_set(struct db *db, int category, const char *agency, struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO feedback_routes (category, agency) VALUES (?, ?)"
                  " ON CONFLICT (category) DO UPDATE SET agency = excluded.agency",
                  "it", category, agency) < 0
               ? -1
               : 0;
}

int feedback_rated(struct db *db, int64_t feedback_id, struct err *e)
{
    int64_t n;

    if (db_int(db, &n, e, "SELECT count(*) FROM feedback_ratings WHERE feedback_id = ?", "I",
               feedback_id) < 0)
        return -1;
    return n > 0;
}

int feedback_rate(struct db *db, int64_t feedback_id, int level, const char *comment, int64_t now,
                  struct err *e)
{
    int rated = feedback_rated(db, feedback_id, e);

    if (rated < 0)
        return -1;
    if (rated)
        return err_set(e, 409, "already_rated", "this answer has been rated already");
    return db_run(db, e,
                  "INSERT INTO feedback_ratings (feedback_id, level, comment, created_at)"
                  " VALUES (?, ?, ?, ?)",
                  "IitI", feedback_id, level, comment, now) < 0
               ? -1
               : 0;
}

static void read_fact(struct db_stmt *st, struct arena *a, void *out)
{
    struct feedback_fact *x = out;
    struct feedback *f = &x->f;
    int k = 0;

    f->agency = db_col_dup(st, k++, a);
    f->agency_path = db_col_dup(st, k++, a);
    f->category = (int)db_col_int(st, k++);
    f->status = (int)db_col_int(st, k++);
    f->received_at = db_col_int0(st, k++);
    f->classify_due = db_col_int0(st, k++);
    f->classified_at = db_col_int0(st, k++);
    f->answer_due = db_col_int0(st, k++);
    f->answered_at = db_col_int0(st, k++);
    f->closed_at = db_col_int0(st, k++);
    f->paused_at = db_col_int0(st, k++);
    x->rating = (int)db_col_int0(st, k++);
    x->rated_at = db_col_int0(st, k++);
}

int feedback_facts(struct db *db, struct arena *a, const char *path, int64_t from, int64_t to,
                   struct feedback_fact **out, size_t *n, struct err *e)
{
    return db_all(
        db, a, read_fact, sizeof(**out), out, n, e,
        "SELECT f.agency, a.path, f.category, f.status, f.received_at, f.classify_due,"
        " f.classified_at, f.answer_due, f.answered_at, f.closed_at, f.paused_at,"
        " r.level, r.created_at FROM feedback f JOIN agencies a ON a.id = f.agency"
        " LEFT JOIN feedback_ratings r ON r.feedback_id = f.id"
        " WHERE " AGENCY_UNDER_SQL(
            "a.path",
            "?1") " AND f.received_at < ?3 AND"
                  " (coalesce(f.answered_at, f.closed_at, ?2) >= ?2 OR r.created_at >= ?2)"
                  " ORDER BY f.id",
        "tII", path, from, to);
}
