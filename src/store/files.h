/* Rows naming stored files (the bytes live under the data directory, by SHA-256). */
#ifndef STORE_FILES_H
#define STORE_FILES_H

#include <stddef.h>

#include "lib/arena.h"
#include "store/db.h"

struct stored_file {
    int64_t id, dossier_id;
    const char *kind; /* component, result */
    int component;    /* position, 0 for a result */
    const char *name, *content_type, *sha256;
    int64_t size, uploaded_at, uploaded_by;
};

/* Sets f->id. */
int file_insert(struct db *db, struct stored_file *f, struct err *e);
/* 404 when there is none. */
int file_get(struct db *db, struct arena *a, int64_t id, struct stored_file *out, struct err *e);
int files_of(struct db *db, struct arena *a, int64_t dossier_id, struct stored_file **out,
             size_t *n, struct err *e);
int files_total_size(struct db *db, int64_t dossier_id, int64_t *out, struct err *e);
int dossier_mark_result_electronic(struct db *db, int64_t dossier_id, struct err *e);

#endif
