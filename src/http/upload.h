/*
 * A multipart/form-data body streamed as it arrives: form fields in memory,
 * the one file part into a temporary file in a given directory. The request
 * sees the result as struct upload (http/request.h).
 */
#ifndef HTTP_UPLOAD_H
#define HTTP_UPLOAD_H

#include <microhttpd.h>
#include <stddef.h>

#include "http/request.h"
#include "lib/crypto.h"

struct upload_stream {
    struct MHD_PostProcessor *pp;
    struct upload up;
    struct crypto_sha256 sha;
    size_t limit; /* bytes of the file */
    struct arena *arena;
};

/* -1 when the body is not multipart (no boundary): nothing to stream. */
int upload_begin(struct upload_stream *u, struct MHD_Connection *c, struct arena *a,
                 const char *dir, size_t limit);
void upload_feed(struct upload_stream *u, const char *data, size_t size);
/* The body is complete: the file is flushed to disk before any row names it. */
void upload_end(struct upload_stream *u);
/* A file the handler did not move into the store is removed before the client hears back. */
void upload_discard(struct upload_stream *u);
/* The request is over: everything it held is let go. */
void upload_release(struct upload_stream *u);

#endif
