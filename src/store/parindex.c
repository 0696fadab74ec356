/* The PAR INDEX's structures, assessments, evidence and external index values. */
#include "store/parindex.h"
#include "store/agencies.h"

#include <string.h>

/* A number that may be absent: bound as -1, stored as NULL. */
#define NULLABLE "nullif(?, -1)"

static double nullable(double x)
{
    return x < 0 ? -1.0 : x;
}

static double col_nullable(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? -1 : db_col_double(st, col);
}

int par_structure_insert(struct db *db, struct par_structure *s, struct par_item *items, size_t n,
                         struct err *e)
{
    struct arena a = ARENA_INIT;
    size_t i;
    int rc = -1;

    if (db_int(db, &s->id, e,
               "INSERT INTO par_structures (year, scope, name, source, example, max_points,"
               " created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               "itttidIz", s->year, s->scope, s->name, s->source, s->example, s->max_points,
               s->created_at, s->created_by) != DB_ROW)
        goto out;
    for (i = 0; i < n; i++) {
        const struct par_item *it = &items[i];
        if (db_int(db, &items[i].id, e,
                   "INSERT INTO par_items (structure_id, position, code, name, max_points, scoring,"
                   " target, bands, figure) VALUES (?, ?, ?, ?, ?, ?, nullif(?, 0), ?, ?)"
                   " RETURNING id",
                   "Iittdtdtt", s->id, (int)i + 1, it->code, it->name, it->max_points,
                   par_scoring_name(it->scoring), it->target,
                   it->nbands > 0 ? par_bands_text(&a, it->bands, it->nbands) : NULL,
                   it->figure) != DB_ROW)
            goto out;
    }
    s->items = (int64_t)n;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

static void read_structure(struct db_stmt *st, struct arena *a, void *out)
{
    struct par_structure *s = out;

    s->id = db_col_int(st, 0);
    s->year = (int)db_col_int(st, 1);
    s->scope = db_col_dup(st, 2, a);
    s->name = db_col_dup(st, 3, a);
    s->source = db_col_dup(st, 4, a);
    s->example = (int)db_col_int(st, 5);
    s->max_points = db_col_double(st, 6);
    s->created_at = db_col_int(st, 7);
    s->created_by = db_col_int0(st, 8);
    s->items = db_col_int(st, 9);
}

#define STRUCTURE_COLUMNS                                                                          \
    "s.id, s.year, s.scope, s.name, s.source, s.example, s.max_points, s.created_at,"              \
    " s.created_by, (SELECT count(*) FROM par_items i WHERE i.structure_id = s.id)"

int par_structure_list(struct db *db, struct arena *a, int year, struct par_structure **out,
                       size_t *n, struct err *e)
{
    return db_all(db, a, read_structure, sizeof(**out), out, n, e,
                  "SELECT " STRUCTURE_COLUMNS " FROM par_structures s WHERE ? = 0 OR s.year = ?"
                  " ORDER BY s.year DESC, s.id DESC",
                  "ii", year, year);
}

int par_structure_get(struct db *db, struct arena *a, int64_t id, struct par_structure *out,
                      struct err *e)
{
    int rc = db_one(db, a, read_structure, out, e,
                    "SELECT " STRUCTURE_COLUMNS " FROM par_structures s WHERE s.id = ?", "I", id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no PAR INDEX structure %lld", (long long)id);
    return rc < 0 ? -1 : 0;
}

static void read_item(struct db_stmt *st, struct arena *a, void *out)
{
    struct par_item *it = out;
    const char *why;

    memset(it, 0, sizeof(*it));
    it->id = db_col_int(st, 0);
    it->code = db_col_dup(st, 1, a);
    it->name = db_col_dup(st, 2, a);
    it->max_points = db_col_double(st, 3);
    it->scoring = db_col_is_null(st, 4) ? PAR_SCORING_NONE : par_scoring_parse(db_col_text(st, 4));
    it->target = db_col_is_null(st, 5) ? 0 : db_col_double(st, 5);
    if (par_bands_parse(db_col_text(st, 6), it->bands, &it->nbands, &why) < 0)
        it->nbands = 0; /* stored as par_bands_text wrote it: does not happen */
    it->figure = db_col_dup(st, 7, a);
    it->line = (int)db_col_int(st, 8);
}

int par_structure_items(struct db *db, struct arena *a, int64_t structure_id, struct par_item **out,
                        size_t *n, struct err *e)
{
    if (db_all(db, a, read_item, sizeof(**out), out, n, e,
               "SELECT id, code, name, max_points, scoring, target, bands, figure, position"
               " FROM par_items WHERE structure_id = ? ORDER BY position",
               "I", structure_id) < 0)
        return -1;
    par_tree_link(*out, *n);
    return 0;
}

static void read_assessment(struct db_stmt *st, struct arena *a, void *out)
{
    struct par_assessment *x = out;

    x->id = db_col_int(st, 0);
    x->item_id = db_col_int(st, 1);
    x->subject = db_col_dup(st, 2, a);
    x->responsible = db_col_dup(st, 3, a);
    x->value = col_nullable(st, 4);
    x->self_score = col_nullable(st, 5);
    x->appraised_score = col_nullable(st, 6);
    x->figure = db_col_dup(st, 7, a);
    x->note = db_col_dup(st, 8, a);
    x->updated_at = db_col_int(st, 9);
    x->updated_by = db_col_int0(st, 10);
}

int par_assessments_of(struct db *db, struct arena *a, int64_t structure_id, const char *subject,
                       struct par_assessment **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_assessment, sizeof(**out), out, n, e,
                  "SELECT x.id, x.item_id, x.subject, x.responsible, x.value, x.self_score,"
                  " x.appraised_score, x.figure, x.note, x.updated_at, x.updated_by"
                  " FROM par_assessments x JOIN par_items i ON i.id = x.item_id"
                  " WHERE i.structure_id = ? AND x.subject = ?",
                  "It", structure_id, subject);
}

static void read_text(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = db_col_dup(st, 0, a);
}

int par_assessed_subjects(struct db *db, struct arena *a, int64_t structure_id,
                          const char *root_path, const char ***out, size_t *n, struct err *e)
{
    return db_all(db, a, read_text, sizeof(**out), out, n, e,
                  "SELECT DISTINCT x.subject FROM par_assessments x"
                  " JOIN par_items i ON i.id = x.item_id JOIN agencies g ON g.id = x.subject"
                  " WHERE i.structure_id = ? AND " AGENCY_UNDER_SQL(
                      "g.path", "?2") " AND g.path <> ?2 ORDER BY x.subject",
                  "It", structure_id, root_path);
}

int par_assessment_put(struct db *db, struct par_assessment *x, struct err *e)
{
    return db_int(
               db, &x->id, e,
               "INSERT INTO par_assessments (item_id, subject, responsible, value, self_score,"
               " appraised_score, figure, note, updated_at, updated_by)"
               " VALUES (?, ?, ?, " NULLABLE ", " NULLABLE ", " NULLABLE ", ?, ?, ?, ?)"
               " ON CONFLICT (item_id, subject) DO UPDATE SET responsible = excluded.responsible,"
               " value = excluded.value, self_score = excluded.self_score,"
               " appraised_score = excluded.appraised_score, figure = excluded.figure,"
               " note = excluded.note, updated_at = excluded.updated_at,"
               " updated_by = excluded.updated_by RETURNING id",
               "IttdddttIz", x->item_id, x->subject, x->responsible, nullable(x->value),
               nullable(x->self_score), nullable(x->appraised_score), x->figure, x->note,
               x->updated_at, x->updated_by) == DB_ROW
               ? 0
               : -1;
}

int par_file_insert(struct db *db, struct par_file *f, struct err *e)
{
    return db_int(db, &f->id, e,
                  "INSERT INTO par_files (assessment_id, name, content_type, size, sha256,"
                  " uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  "IttItIz", f->assessment_id, f->name, f->content_type, f->size, f->sha256,
                  f->uploaded_at, f->uploaded_by) == DB_ROW
               ? 0
               : -1;
}

static void read_file(struct db_stmt *st, struct arena *a, void *out)
{
    struct par_file *f = out;

    f->id = db_col_int(st, 0);
    f->assessment_id = db_col_int(st, 1);
    f->name = db_col_dup(st, 2, a);
    f->content_type = db_col_dup(st, 3, a);
    f->size = db_col_int(st, 4);
    f->sha256 = db_col_dup(st, 5, a);
    f->uploaded_at = db_col_int(st, 6);
    f->uploaded_by = db_col_int0(st, 7);
    f->structure_id = db_col_int(st, 8);
    f->item_id = db_col_int(st, 9);
    f->subject = db_col_dup(st, 10, a);
    f->responsible = db_col_dup(st, 11, a);
}

#define FILE_FROM                                                                                  \
    "SELECT f.id, f.assessment_id, f.name, f.content_type, f.size, f.sha256, f.uploaded_at,"       \
    " f.uploaded_by, i.structure_id, x.item_id, x.subject, x.responsible FROM par_files f"         \
    " JOIN par_assessments x ON x.id = f.assessment_id JOIN par_items i ON i.id = x.item_id"

int par_files_of(struct db *db, struct arena *a, int64_t structure_id, const char *subject,
                 struct par_file **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_file, sizeof(**out), out, n, e,
                  FILE_FROM " WHERE i.structure_id = ? AND x.subject = ? ORDER BY f.id", "It",
                  structure_id, subject);
}

int par_file_get(struct db *db, struct arena *a, int64_t id, struct par_file *out, struct err *e)
{
    int rc = db_one(db, a, read_file, out, e, FILE_FROM " WHERE f.id = ?", "I", id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no evidence file %lld", (long long)id);
    return rc < 0 ? -1 : 0;
}

int index_value_put(struct db *db, struct index_value *v, struct err *e)
{
    return db_int(db, &v->id, e,
                  "INSERT INTO index_values (kind, year, subject, score, rank, source, note,"
                  " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (kind, year, subject) DO UPDATE SET score = excluded.score,"
                  " rank = excluded.rank, source = excluded.source, note = excluded.note,"
                  " updated_at = excluded.updated_at, updated_by = excluded.updated_by"
                  " RETURNING id",
                  "titdzttIz", v->kind, v->year, v->subject, v->score, v->rank, v->source, v->note,
                  v->updated_at, v->updated_by) == DB_ROW
               ? 0
               : -1;
}

static void read_value(struct db_stmt *st, struct arena *a, void *out)
{
    struct index_value *v = out;

    v->id = db_col_int(st, 0);
    v->kind = db_col_dup(st, 1, a);
    v->year = (int)db_col_int(st, 2);
    v->subject = db_col_dup(st, 3, a);
    v->score = db_col_double(st, 4);
    v->rank = db_col_int0(st, 5);
    v->source = db_col_dup(st, 6, a);
    v->note = db_col_dup(st, 7, a);
    v->updated_at = db_col_int(st, 8);
    v->updated_by = db_col_int0(st, 9);
}

int index_values_list(struct db *db, struct arena *a, const char *kind, const char *subject,
                      int from, int to, struct index_value **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_value, sizeof(**out), out, n, e,
                  "SELECT id, kind, year, subject, score, rank, source, note, updated_at,"
                  " updated_by FROM index_values WHERE (?1 IS NULL OR kind = ?1)"
                  " AND (?2 IS NULL OR subject = ?2) AND (?3 = 0 OR year >= ?3)"
                  " AND (?4 = 0 OR year <= ?4) ORDER BY kind, subject, year",
                  "ttii", kind, subject, from, to);
}
