/* The index_parts and index_grades tables. */
#include "store/sindex.h"
#include "store/agencies.h"

static void read_part(struct db_stmt *st, struct arena *a, void *out)
{
    struct index_part_row *p = out;

    p->code = db_col_dup(st, 0, a);
    p->position = (int)db_col_int(st, 1);
    p->group_code = db_col_dup(st, 2, a);
    p->group_name = db_col_dup(st, 3, a);
    p->name = db_col_dup(st, 4, a);
    p->max_points = db_col_double(st, 5);
    p->full_at = db_col_double(st, 6);
}

int index_parts_list(struct db *db, struct arena *a, struct index_part_row **out, size_t *n,
                     struct err *e)
{
    return db_all(db, a, read_part, sizeof(**out), out, n, e,
                  "SELECT code, position, group_code, group_name, name, max_points, full_at"
                  " FROM index_parts ORDER BY position",
                  "");
}

int index_part_update(struct db *db, const struct index_part_row *p, struct err *e)
{
    int64_t n =
        db_run(db, e,
               "UPDATE index_parts SET group_code = ?, group_name = ?, name = ?,"
               " max_points = ?, full_at = ? WHERE code = ?",
               "tttddt", p->group_code, p->group_name, p->name, p->max_points, p->full_at, p->code);

    if (n < 0)
        return -1;
    return n ? 0 : err_set(e, 404, "not_found", "no index part %s", p->code);
}

static void read_grade(struct db_stmt *st, struct arena *a, void *out)
{
    struct index_grade_row *g = out;

    g->min_points = db_col_double(st, 0);
    g->code = db_col_dup(st, 1, a);
    g->name = db_col_dup(st, 2, a);
}

int index_grades_list(struct db *db, struct arena *a, struct index_grade_row **out, size_t *n,
                      struct err *e)
{
    return db_all(db, a, read_grade, sizeof(**out), out, n, e,
                  "SELECT min_points, code, name FROM index_grades ORDER BY min_points DESC", "");
}

int dossiers_received_at_desks(struct db *db, const char *path, int64_t from, int64_t to,
                               int64_t *out, struct err *e)
{
    return db_int(
        db, out, e,
        "SELECT count(*) FROM dossiers WHERE agency IN (SELECT id FROM agencies "
        "WHERE " AGENCY_UNDER_SQL(
            "path", "?") ")"
                         " AND received_at >= ? AND received_at < ? AND parent_id IS NULL",
        "ttII", path, path, from, to);
}
