/* Procedures' form templates in SQL; the bytes are in the file store. */
#include "store/procedure_forms.h"

int procedure_form_insert(struct db *db, struct procedure_form *f, struct err *e)
{
    return db_int(db, &f->id, e,
                  "INSERT INTO procedure_forms (procedure_id, title, name, content_type, size,"
                  " sha256, uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                  " RETURNING id",
                  "ItttItIz", f->procedure_id, f->title, f->name, f->content_type, f->size,
                  f->sha256, f->uploaded_at, f->uploaded_by) == DB_ROW
               ? 0
               : -1;
}

static void read_form(struct db_stmt *st, struct arena *a, void *out)
{
    struct procedure_form *f = out;

    f->id = db_col_int(st, 0);
    f->procedure_id = db_col_int(st, 1);
    f->title = db_col_dup(st, 2, a);
    f->name = db_col_dup(st, 3, a);
    f->content_type = db_col_dup(st, 4, a);
    f->size = db_col_int(st, 5);
    f->sha256 = db_col_dup(st, 6, a);
    f->uploaded_at = db_col_int(st, 7);
    f->uploaded_by = db_col_int0(st, 8);
}

#define FORM_COLUMNS                                                                               \
    "SELECT id, procedure_id, title, name, content_type, size, sha256, uploaded_at, uploaded_by"   \
    " FROM procedure_forms"

int procedure_form_get(struct db *db, struct arena *a, int64_t procedure_id, int64_t id,
                       struct procedure_form *out, struct err *e)
{
    int rc = db_one(db, a, read_form, out, e, FORM_COLUMNS " WHERE procedure_id = ? AND id = ?",
                    "II", procedure_id, id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "procedure %lld has no form %lld",
                       (long long)procedure_id, (long long)id);
    return rc < 0 ? -1 : 0;
}

int procedure_forms_of(struct db *db, struct arena *a, int64_t procedure_id,
                       struct procedure_form **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_form, sizeof(**out), out, n, e,
                  FORM_COLUMNS " WHERE procedure_id = ? ORDER BY id", "I", procedure_id);
}

int procedure_form_delete(struct db *db, int64_t procedure_id, int64_t id, struct err *e)
{
    int64_t n = db_run(db, e, "DELETE FROM procedure_forms WHERE procedure_id = ? AND id = ?", "II",
                       procedure_id, id);

    if (n < 0)
        return -1;
    return n ? 0
             : err_set(e, 404, "not_found", "procedure %lld has no form %lld",
                       (long long)procedure_id, (long long)id);
}
