/* Form templates (data): sets of forms, one JSON template each. */
#ifndef STORE_FORMS_H
#define STORE_FORMS_H

#include <stddef.h>

#include "lib/arena.h"
#include "store/db.h"

struct form_template {
    const char *set, *form, *title, *json;
};

/* Inserts a template unless the set already has that form (edits are kept). */
int form_seed(struct db *db, const struct form_template *t, struct err *e);
/* 404 when the set has no such form. */
int form_get(struct db *db, struct arena *a, const char *set, const char *form,
             struct form_template *out, struct err *e);
int form_list(struct db *db, struct arena *a, struct form_template **out, size_t *n, struct err *e);
int form_put(struct db *db, const struct form_template *t, struct err *e);
/* 1 when the set exists, 0 when not. */
int form_set_exists(struct db *db, const char *set, struct err *e);

#endif
