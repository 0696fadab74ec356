/* Procedures in SQL; search through the FTS5 table procedure_search over folded text. */
#include "store/procedures.h"
#include "store/agencies.h"
#include "core/components.h"
#include "lib/strbuf.h"

#include <ctype.h>
#include <string.h>

#define PROCEDURE_COLUMNS                                                                          \
    "p.id, p.code, p.name, p.field, p.field_code, p.level, p.agency, a.name, p.duration_days,"     \
    " p.duration_kind, p.online_duration_days, p.online_class, p.online_level, p.legal_basis,"     \
    " p.result_name, p.description, p.decision_number, p.decision_date, p.effective_date,"         \
    " p.status, p.paper_result, p.inter_agency, p.any_place, p.version, p.created_at,"             \
    " p.updated_at, p.conditions"

static void read_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct procedure *p = out;

    memset(p, 0, sizeof(*p));
    p->id = db_col_int(st, 0);
    p->code = db_col_dup(st, 1, a);
    p->name = db_col_dup(st, 2, a);
    p->field = db_col_dup(st, 3, a);
    p->field_code = db_col_dup(st, 4, a);
    p->level = db_col_dup(st, 5, a);
    p->agency = db_col_dup(st, 6, a);
    p->agency_name = db_col_dup(st, 7, a);
    p->duration_days = db_col_double(st, 8);
    p->duration_kind = db_col_dup(st, 9, a);
    p->online_duration_days = db_col_is_null(st, 10) ? -1 : db_col_double(st, 10);
    p->online_class = db_col_dup(st, 11, a);
    p->online_level = (int)db_col_int0(st, 12);
    p->legal_basis = db_col_dup(st, 13, a);
    p->result_name = db_col_dup(st, 14, a);
    p->description = db_col_dup(st, 15, a);
    p->decision_number = db_col_dup(st, 16, a);
    p->decision_date = db_col_dup(st, 17, a);
    p->effective_date = db_col_dup(st, 18, a);
    p->status = db_col_dup(st, 19, a);
    p->paper_result = (int)db_col_int(st, 20);
    p->inter_agency = (int)db_col_int(st, 21);
    p->any_place = (int)db_col_int(st, 22);
    p->version = (int)db_col_int(st, 23);
    p->created_at = db_col_int(st, 24);
    p->updated_at = db_col_int(st, 25);
    p->conditions = db_col_dup(st, 26, a);
}

static void read_component(struct db_stmt *st, struct arena *a, void *out)
{
    struct procedure_component *c = out;

    c->name = db_col_dup(st, 0, a);
    c->kind = db_col_dup(st, 1, a);
    c->count = (int)db_col_int(st, 2);
    c->requirement = component_requirement_parse(db_col_text(st, 3));
    if (c->requirement < 0)
        c->requirement = COMPONENT_REQUIRED;
}

static void read_fee(struct db_stmt *st, struct arena *a, void *out)
{
    struct procedure_fee *f = out;

    f->name = db_col_dup(st, 0, a);
    f->amount = db_col_int(st, 1);
}

static int load_parts(struct db *db, struct arena *a, struct procedure *p, struct err *e)
{
    return db_all(db, a, read_component, sizeof(*p->components), &p->components, &p->ncomponents, e,
                  "SELECT name, kind, count, requirement FROM procedure_components"
                  " WHERE procedure_id = ? ORDER BY position",
                  "I", p->id) < 0 ||
                   db_all(db, a, read_fee, sizeof(*p->fees), &p->fees, &p->nfees, e,
                          "SELECT name, amount FROM procedure_fees WHERE procedure_id = ?"
                          " ORDER BY position",
                          "I", p->id) < 0
               ? -1
               : 0;
}

int procedure_get(struct db *db, struct arena *a, int64_t id, struct procedure *out, struct err *e)
{
    int rc = db_one(db, a, read_row, out, e,
                    "SELECT " PROCEDURE_COLUMNS
                    " FROM procedures p JOIN agencies a ON a.id = p.agency WHERE p.id = ?",
                    "I", id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no procedure with id %lld", (long long)id);
    if (rc < 0)
        return -1;
    return load_parts(db, a, out, e);
}

int procedure_by_code(struct db *db, struct arena *a, const char *code, struct procedure *out,
                      struct err *e)
{
    int rc = db_one(db, a, read_row, out, e,
                    "SELECT " PROCEDURE_COLUMNS
                    " FROM procedures p JOIN agencies a ON a.id = p.agency WHERE p.code = ?",
                    "t", code);

    if (rc == DB_DONE)
        return 0;
    if (rc < 0 || load_parts(db, a, out, e) < 0)
        return -1;
    return 1;
}

static void read_synonym(struct db_stmt *st, struct arena *a, void *out)
{
    struct synonym *x = out;

    x->term = db_col_dup(st, 0, a);
    x->means = db_col_dup(st, 1, a);
}

int search_synonyms(struct db *db, struct arena *a, struct synonym **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_synonym, sizeof(struct synonym), out, n, e,
                  "SELECT term, means FROM search_synonyms ORDER BY term", "");
}

int procedure_list(struct db *db, struct arena *a, const struct procedure_filter *f,
                   struct procedure **out, size_t *n, int *more, struct err *e)
{
    struct strbuf match = STRBUF_INIT;
    struct db_stmt *st = NULL;
    int limit = f->limit > 0 ? f->limit : 50, rc = -1;
    const char *sql;

    *n = 0;
    *more = 0;
    *out = arena_calloc(a, (size_t)limit + 1, sizeof(**out));
    if (f->folded_query) {
        search_expr(f->folded_query, f->synonyms, f->nsynonyms, f->search_mode, &match);
        if (!match.len) { /* a query without a word finds nothing */
            rc = 0;
            goto out;
        }
    }
    if (match.len) {
        sql =
            "SELECT " PROCEDURE_COLUMNS " FROM procedure_search s"
            " JOIN procedures p ON p.id = s.rowid JOIN agencies a ON a.id = p.agency"
            " WHERE procedure_search MATCH ?1"
            " AND (?2 IS NULL OR " AGENCY_UNDER_SQL(
                "a.path", "?2") ")"
                                " AND (?3 IS NULL OR p.field = ?3) AND (?4 IS NULL OR p.level = ?4)"
                                " AND (?5 OR p.status = 'active')"
                                " ORDER BY s.rank, p.id LIMIT ?6 OFFSET ?7";
        if (db_query(db, &st, e, sql, "ttttiii", match.buf, f->agency_path, f->field, f->level,
                     f->include_withdrawn, limit + 1, f->offset) < 0)
            goto out;
    } else if (f->popular) {
        sql =
            "SELECT " PROCEDURE_COLUMNS " FROM procedures p JOIN agencies a ON a.id = p.agency"
            " WHERE (?1 IS NULL OR " AGENCY_UNDER_SQL(
                "a.path", "?1") ")"
                                " AND (?2 IS NULL OR p.field = ?2) AND (?3 IS NULL OR p.level = ?3)"
                                " AND (?4 OR p.status = 'active')"
                                " ORDER BY (SELECT count(*) FROM dossiers d WHERE d.procedure_id = "
                                "p.id) DESC, p.id"
                                " LIMIT ?5 OFFSET ?6";
        if (db_query(db, &st, e, sql, "tttiii", f->agency_path, f->field, f->level,
                     f->include_withdrawn, limit + 1, f->offset) < 0)
            goto out;
    } else {
        sql =
            "SELECT " PROCEDURE_COLUMNS " FROM procedures p JOIN agencies a ON a.id = p.agency"
            " WHERE p.id > ?1"
            " AND (?2 IS NULL OR " AGENCY_UNDER_SQL(
                "a.path", "?2") ")"
                                " AND (?3 IS NULL OR p.field = ?3) AND (?4 IS NULL OR p.level = ?4)"
                                " AND (?5 OR p.status = 'active')"
                                " ORDER BY p.id LIMIT ?6";
        if (db_query(db, &st, e, sql, "Itttii", f->after_id, f->agency_path, f->field, f->level,
                     f->include_withdrawn, limit + 1) < 0)
            goto out;
    }
    while ((rc = db_step(st, e)) == DB_ROW) {
        if (*n == (size_t)limit) {
            *more = 1;
            break;
        }
        read_row(st, a, &(*out)[(*n)++]);
    }
    rc = rc < 0 ? -1 : 0;
out:
    db_finalize(st);
    strbuf_release(&match);
    return rc;
}

static int write_parts(struct db *db, const struct procedure *p, const char *search_text,
                       struct err *e)
{
    size_t i;

    if (db_run(db, e, "DELETE FROM procedure_components WHERE procedure_id = ?", "I", p->id) < 0 ||
        db_run(db, e, "DELETE FROM procedure_fees WHERE procedure_id = ?", "I", p->id) < 0 ||
        db_run(db, e, "DELETE FROM procedure_search WHERE rowid = ?", "I", p->id) < 0 ||
        db_run(db, e, "INSERT INTO procedure_search (rowid, text) VALUES (?, ?)", "It", p->id,
               search_text) < 0)
        return -1;
    for (i = 0; i < p->ncomponents; i++) {
        const struct procedure_component *c = &p->components[i];
        if (db_run(db, e,
                   "INSERT INTO procedure_components (procedure_id, position, name, kind, count,"
                   " required, requirement) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   "Iittiit", p->id, (int)i + 1, c->name, c->kind, c->count,
                   component_mandatory(c->requirement),
                   component_requirement_name(c->requirement)) < 0)
            return -1;
    }
    for (i = 0; i < p->nfees; i++) {
        const struct procedure_fee *f = &p->fees[i];
        if (db_run(db, e,
                   "INSERT INTO procedure_fees (procedure_id, position, name, amount)"
                   " VALUES (?, ?, ?, ?)",
                   "IitI", p->id, (int)i + 1, f->name, f->amount) < 0)
            return -1;
    }
    return 0;
}

static int code_taken(struct db *db, const char *code, int64_t except_id, struct err *e)
{
    int64_t n;

    if (db_int(db, &n, e, "SELECT count(*) FROM procedures WHERE code = ? AND id <> ?", "tI", code,
               except_id) < 0)
        return -1;
    if (n)
        return err_set(e, 409, "conflict", "a procedure with code %s already exists", code);
    return 0;
}

/* Binds the 21 editable columns in the order of the INSERT and UPDATE below. */
static void bind_fields(struct db_stmt *st, const struct procedure *p)
{
    int i = 1;

    db_bind_text(st, i++, p->code);
    db_bind_text(st, i++, p->name);
    db_bind_text(st, i++, p->field);
    db_bind_text(st, i++, p->field_code);
    db_bind_text(st, i++, p->level);
    db_bind_text(st, i++, p->agency);
    db_bind_double(st, i++, p->duration_days);
    db_bind_text(st, i++, p->duration_kind);
    if (p->online_duration_days >= 0)
        db_bind_double(st, i++, p->online_duration_days);
    else
        db_bind_null(st, i++);
    db_bind_text(st, i++, p->online_class);
    if (p->online_level)
        db_bind_int(st, i++, p->online_level);
    else
        db_bind_null(st, i++);
    db_bind_text(st, i++, p->legal_basis);
    db_bind_text(st, i++, p->result_name);
    db_bind_text(st, i++, p->description);
    db_bind_text(st, i++, p->decision_number);
    db_bind_text(st, i++, p->decision_date);
    db_bind_text(st, i++, p->effective_date);
    db_bind_text(st, i++, p->status ? p->status : "active");
    db_bind_int(st, i++, p->paper_result);
    db_bind_int(st, i++, p->inter_agency);
    db_bind_int(st, i++, p->any_place);
    db_bind_text(st, i++, p->conditions);
}

int procedure_insert(struct db *db, struct procedure *p, const char *search_text, int64_t now,
                     struct err *e)
{
    struct db_stmt *st;
    int rc;

    if (code_taken(db, p->code, 0, e) < 0)
        return -1;
    if (db_prepare(db,
                   "INSERT INTO procedures (code, name, field, field_code, level, agency,"
                   " duration_days, duration_kind, online_duration_days, online_class,"
                   " online_level, legal_basis, result_name, description, decision_number,"
                   " decision_date, effective_date, status, paper_result, inter_agency,"
                   " any_place, conditions, created_at, updated_at, version) VALUES (?, ?, ?, ?,"
                   " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?23, ?23, 1)"
                   " RETURNING id",
                   &st, e) < 0)
        return -1;
    bind_fields(st, p);
    db_bind_int(st, 23, now);
    rc = db_step(st, e);
    if (rc == DB_ROW)
        p->id = db_col_int(st, 0);
    db_finalize(st);
    if (rc != DB_ROW)
        return rc < 0 ? -1 : err_set(e, 500, "db", "insert returned no id");
    p->version = 1;
    p->created_at = p->updated_at = now;
    return write_parts(db, p, search_text, e);
}

int procedure_update(struct db *db, struct procedure *p, const char *search_text, int64_t now,
                     struct err *e)
{
    struct db_stmt *st;
    int64_t version = 0, created = 0;
    int rc;

    if (db_query(db, &st, e, "SELECT version, created_at FROM procedures WHERE id = ?", "I",
                 p->id) < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        version = db_col_int(st, 0);
        created = db_col_int(st, 1);
    }
    db_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no procedure with id %lld", (long long)p->id);
    if (rc < 0)
        return -1;
    if (p->version && p->version != version)
        return err_set(e, 409, "conflict",
                       "procedure %lld was changed by someone else (version %lld, yours %d)",
                       (long long)p->id, (long long)version, p->version);
    if (code_taken(db, p->code, p->id, e) < 0)
        return -1;
    if (db_prepare(db,
                   "UPDATE procedures SET code = ?, name = ?, field = ?, field_code = ?,"
                   " level = ?, agency = ?, duration_days = ?, duration_kind = ?,"
                   " online_duration_days = ?, online_class = ?, online_level = ?,"
                   " legal_basis = ?, result_name = ?, description = ?, decision_number = ?,"
                   " decision_date = ?, effective_date = ?, status = ?, paper_result = ?,"
                   " inter_agency = ?, any_place = ?, conditions = ?, updated_at = ?23,"
                   " version = version + 1 WHERE id = ?24",
                   &st, e) < 0)
        return -1;
    bind_fields(st, p);
    db_bind_int(st, 23, now);
    db_bind_int(st, 24, p->id);
    rc = db_step(st, e);
    db_finalize(st);
    if (rc < 0)
        return -1;
    p->version = (int)version + 1;
    p->created_at = created;
    p->updated_at = now;
    return write_parts(db, p, search_text, e);
}

int procedure_record_history(struct db *db, int64_t id, int version, int64_t now, int64_t user_id,
                             const char *json, struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO procedure_history (procedure_id, version, changed_at, changed_by,"
                  " data) VALUES (?, ?, ?, ?, ?)",
                  "IiIzt", id, version, now, user_id, json) < 0
               ? -1
               : 0;
}

static void read_variant(struct db_stmt *st, struct arena *a, void *out)
{
    struct procedure_variant *v = out;

    v->id = db_col_int(st, 0);
    v->name = db_col_dup(st, 1, a);
    v->duration_days = db_col_double(st, 2);
    v->duration_kind = db_col_dup(st, 3, a);
    v->online_duration_days = db_col_is_null(st, 4) ? -1 : db_col_double(st, 4);
}

static void read_step(struct db_stmt *st, struct arena *a, void *out)
{
    struct process_step *p = out;

    p->name = db_col_dup(st, 0, a);
    p->unit = db_col_dup(st, 1, a);
    p->role = db_col_dup(st, 2, a);
    p->hours = db_col_double(st, 3);
}

int procedure_variants(struct db *db, struct arena *a, int64_t procedure_id,
                       struct procedure_variant **out, size_t *n, struct err *e)
{
    size_t i;

    if (db_all(db, a, read_variant, sizeof(**out), out, n, e,
               "SELECT id, name, duration_days, duration_kind, online_duration_days"
               " FROM procedure_variants WHERE procedure_id = ? ORDER BY position",
               "I", procedure_id) < 0)
        return -1;
    for (i = 0; i < *n; i++)
        if (db_all(db, a, read_step, sizeof(*(*out)[i].steps), &(*out)[i].steps, &(*out)[i].nsteps,
                   e,
                   "SELECT name, unit, role, hours FROM process_steps WHERE variant_id = ?"
                   " ORDER BY position",
                   "I", (*out)[i].id) < 0)
            return -1;
    return 0;
}

int procedure_set_variants(struct db *db, int64_t procedure_id, struct procedure_variant *v,
                           size_t n, struct err *e)
{
    int64_t used;
    size_t i, k;

    if (db_int(db, &used, e,
               "SELECT count(*) FROM dossiers d JOIN procedure_variants v ON v.id = d.variant_id"
               " WHERE v.procedure_id = ? AND v.position > ?",
               "Ii", procedure_id, (int)n) < 0)
        return -1;
    if (used)
        return err_set(e, 409, "conflict",
                       "dossiers use a variant that would be removed; keep at least %lld",
                       (long long)n + 1);
    if (db_run(db, e,
               "DELETE FROM process_steps WHERE variant_id IN"
               " (SELECT id FROM procedure_variants WHERE procedure_id = ?)",
               "I", procedure_id) < 0 ||
        db_run(db, e, "DELETE FROM procedure_variants WHERE procedure_id = ? AND position > ?",
               "Ii", procedure_id, (int)n) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        if (db_int(
                db, &v[i].id, e,
                "INSERT INTO procedure_variants (procedure_id, position, name, duration_days,"
                " duration_kind, online_duration_days) VALUES (?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (procedure_id, position) DO UPDATE SET name = excluded.name,"
                " duration_days = excluded.duration_days, duration_kind = excluded.duration_kind,"
                " online_duration_days = excluded.online_duration_days RETURNING id",
                "Iitdtd", procedure_id, (int)i + 1, v[i].name, v[i].duration_days,
                v[i].duration_kind, v[i].online_duration_days) != DB_ROW)
            return -1;
        if (v[i].online_duration_days < 0 &&
            db_run(db, e, "UPDATE procedure_variants SET online_duration_days = NULL WHERE id = ?",
                   "I", v[i].id) < 0)
            return -1;
        for (k = 0; k < v[i].nsteps; k++) {
            const struct process_step *p = &v[i].steps[k];
            if (db_run(db, e,
                       "INSERT INTO process_steps (variant_id, position, name, unit, role, hours)"
                       " VALUES (?, ?, ?, ?, ?, ?)",
                       "Iitttd", v[i].id, (int)k + 1, p->name, p->unit, p->role, p->hours) < 0)
                return -1;
        }
    }
    return 0;
}

static void read_brief(struct db_stmt *st, struct arena *a, void *out)
{
    struct procedure_brief *b = out;

    b->id = db_col_int(st, 0);
    b->code = db_col_dup(st, 1, a);
    b->name = db_col_dup(st, 2, a);
    b->field = db_col_dup(st, 3, a);
    b->level = db_col_dup(st, 4, a);
    b->agency = db_col_dup(st, 5, a);
    b->agency_path = db_col_dup(st, 6, a);
    b->online = (int)db_col_int(st, 7);
    b->fee = (int)db_col_int(st, 8);
    b->complete = (int)db_col_int(st, 9);
    b->created_at = db_col_int(st, 10);
    b->effective_date = db_col_dup(st, 11, a);
    b->decision_date = db_col_dup(st, 12, a);
}

int procedure_briefs(struct db *db, struct arena *a, struct procedure_brief **out, size_t *n,
                     struct err *e)
{
    return db_all(
        db, a, read_brief, sizeof(**out), out, n, e,
        "SELECT p.id, p.code, p.name, p.field, p.level, p.agency, g.path,"
        " CASE WHEN p.online_class IS NULL THEN 0 ELSE 1 END,"
        " CASE WHEN EXISTS (SELECT 1 FROM procedure_fees f WHERE f.procedure_id = p.id"
        "   AND f.amount > 0) THEN 1 ELSE 0 END,"
        " CASE WHEN coalesce(p.legal_basis, '') <> '' AND coalesce(p.result_name, '') <> ''"
        "   AND p.duration_days > 0 AND EXISTS (SELECT 1 FROM procedure_components c"
        "   WHERE c.procedure_id = p.id) THEN 1 ELSE 0 END,"
        " p.created_at, p.effective_date, p.decision_date"
        " FROM procedures p JOIN agencies g ON g.id = p.agency"
        " WHERE p.status = 'active' ORDER BY p.id",
        "");
}

const struct procedure_brief *procedure_brief_find(const struct procedure_brief *list, size_t n,
                                                   int64_t id)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (list[mid].id == id)
            return &list[mid];
        if (list[mid].id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}
