/* Rows naming stored files (the bytes live under the data directory, by SHA-256). */
#ifndef STORE_FILES_H
#define STORE_FILES_H

#include <stddef.h>

#include "lib/arena.h"
#include "store/db.h"

struct stored_file {
    int64_t id, dossier_id;
    const char *kind; /* component, result */
    int component;    /* position, 0 for a result or a supplement of no component */
    int supplement;   /* 1: sent by the applicant as a supplement */
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

/*
 * A file checked and stored before the request that attaches it: owned by a
 * citizen's account (user_id) or by a dossier's code and phone digits
 * (dossier_id), exactly one of the two.
 */
struct staged_upload {
    int64_t id, user_id, dossier_id;
    const char *name, *content_type, *sha256;
    int64_t size, created_at;
};

/* Staged uploads are used within a day; older ones are forgotten. */
#define STAGED_UPLOAD_TTL 86400
/* At most this many staged uploads wait for one owner at a time. */
#define STAGED_UPLOADS_MAX 40

/* Sets s->id; first forgets the owner's staged uploads older than a day. */
int staged_insert(struct db *db, struct staged_upload *s, struct err *e);
/* How many uploads wait for the owner (user_id or dossier_id, the other 0) since `since`. */
int staged_count(struct db *db, int64_t user_id, int64_t dossier_id, int64_t since, int64_t *n,
                 struct err *e);
/* The owner's upload id staged after `since`: 1 with *out, 0 when there is none, -1. */
int staged_get(struct db *db, struct arena *a, int64_t id, int64_t user_id, int64_t dossier_id,
               int64_t since, struct staged_upload *out, struct err *e);
/* Taken: the row goes (its bytes stay, named by the file row that took them). */
int staged_delete(struct db *db, int64_t id, struct err *e);

#endif
