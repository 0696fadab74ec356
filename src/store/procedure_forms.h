/* The form templates (tờ khai, đơn) of a procedure that citizens download to fill in. */
#ifndef STORE_PROCEDURE_FORMS_H
#define STORE_PROCEDURE_FORMS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "store/db.h"

struct procedure_form {
    int64_t id, procedure_id;
    const char *title;                 /* what the form is, e.g. "Tờ khai đăng ký khai sinh" */
    const char *name;                  /* the file's display name */
    const char *content_type, *sha256; /* the bytes in the file store (store/blobs.h) */
    int64_t size, uploaded_at, uploaded_by;
};

/* Sets f->id. */
int procedure_form_insert(struct db *db, struct procedure_form *f, struct err *e);
/* 404 when the procedure has no such form. */
int procedure_form_get(struct db *db, struct arena *a, int64_t procedure_id, int64_t id,
                       struct procedure_form *out, struct err *e);
/* The procedure's forms in the order they were added. */
int procedure_forms_of(struct db *db, struct arena *a, int64_t procedure_id,
                       struct procedure_form **out, size_t *n, struct err *e);
/* 404 when the procedure has no such form. */
int procedure_form_delete(struct db *db, int64_t procedure_id, int64_t id, struct err *e);

#endif
