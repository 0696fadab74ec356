/* The form_templates table. */
#include "store/forms.h"

int form_seed(struct db *db, const struct form_template *t, struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO form_templates (form_set, form, title, template) VALUES (?, ?, ?, ?)"
                  " ON CONFLICT DO NOTHING",
                  "tttt", t->set, t->form, t->title, t->json) < 0
               ? -1
               : 0;
}

int form_put(struct db *db, const struct form_template *t, struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO form_templates (form_set, form, title, template) VALUES (?, ?, ?, ?)"
                  " ON CONFLICT (form_set, form) DO UPDATE SET title = excluded.title,"
                  " template = excluded.template",
                  "tttt", t->set, t->form, t->title, t->json) < 0
               ? -1
               : 0;
}

int form_get(struct db *db, struct arena *a, const char *set, const char *form,
             struct form_template *out, struct err *e)
{
    struct db_stmt *st;
    int rc;

    if (db_query(db, &st, e,
                 "SELECT form_set, form, title, template FROM form_templates"
                 " WHERE form_set = ? AND form = ?",
                 "tt", set, form) < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        out->set = db_col_dup(st, 0, a);
        out->form = db_col_dup(st, 1, a);
        out->title = db_col_dup(st, 2, a);
        out->json = db_col_dup(st, 3, a);
    }
    db_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "the form set %s has no form %s", set, form);
    return rc < 0 ? -1 : 0;
}

int form_list(struct db *db, struct arena *a, struct form_template **out, size_t *n, struct err *e)
{
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    *n = 0;
    *out = arena_alloc(a, 0);
    if (db_query(db, &st, e,
                 "SELECT form_set, form, title FROM form_templates ORDER BY form_set, form",
                 "") < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct form_template *t = arena_push(a, out, n, &cap, sizeof(*t));
        t->set = db_col_dup(st, 0, a);
        t->form = db_col_dup(st, 1, a);
        t->title = db_col_dup(st, 2, a);
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int form_set_exists(struct db *db, const char *set, struct err *e)
{
    int64_t n;

    if (db_int(db, &n, e, "SELECT count(*) FROM form_templates WHERE form_set = ?", "t", set) < 0)
        return -1;
    return n > 0;
}
