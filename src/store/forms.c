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

static void read_form(struct db_stmt *st, struct arena *a, void *out)
{
    struct form_template *t = out;

    t->set = db_col_dup(st, 0, a);
    t->form = db_col_dup(st, 1, a);
    t->title = db_col_dup(st, 2, a);
    t->json = db_col_dup(st, 3, a);
}

int form_get(struct db *db, struct arena *a, const char *set, const char *form,
             struct form_template *out, struct err *e)
{
    int rc = db_one(db, a, read_form, out, e,
                    "SELECT form_set, form, title, template FROM form_templates"
                    " WHERE form_set = ? AND form = ?",
                    "tt", set, form);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "the form set %s has no form %s", set, form);
    return rc < 0 ? -1 : 0;
}

int form_list(struct db *db, struct arena *a, struct form_template **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_form, sizeof(**out), out, n, e,
                  "SELECT form_set, form, title, NULL FROM form_templates ORDER BY form_set, form",
                  "");
}

int form_set_exists(struct db *db, const char *set, struct err *e)
{
    int64_t n;

    if (db_int(db, &n, e, "SELECT count(*) FROM form_templates WHERE form_set = ?", "t", set) < 0)
        return -1;
    return n > 0;
}
