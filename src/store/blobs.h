/*
 * The content-addressed file store: every stored file's bytes once, at
 * <data dir>/<first two hex digits>/<sha256>, made durable before the row
 * that names it commits (store/files.h, store/feedback.h hold the rows).
 */
#ifndef STORE_BLOBS_H
#define STORE_BLOBS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"

#define BLOB_SHA_HEX 65

/* Where the bytes of sha live (in the arena). */
const char *blob_path(struct arena *a, const char *data_dir, const char *sha);
/*
 * Moves a written and fsynced temporary file into place as sha and makes the
 * rename durable. *created says whether the file is new, so that a failed
 * transaction can take it away again with blob_drop.
 */
int blob_put(const char *data_dir, const char *tmp_path, const char *sha, int *created,
             struct err *e);
/* Writes bytes from memory (a sample the demo makes); sets sha. */
int blob_write(const char *data_dir, const void *data, size_t len, char sha[BLOB_SHA_HEX],
               struct err *e);
/* Removes a file no row names (after a failed transaction). */
void blob_drop(const char *data_dir, const char *sha);

#endif
