/*
 * Streaming a multipart/form-data body (libmicrohttpd's post processor): the
 * form fields into memory, the one file part into a temporary file, fsynced
 * when the body is complete, while its SHA-256 is computed.
 */
#include "http/upload.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

const char *upload_field(struct req *r, const char *name)
{
    int i;

    for (i = 0; r->upload && i < r->upload->nfields; i++)
        if (!strcmp(r->upload->fields[i].name, name))
            return r->upload->fields[i].value.buf;
    return NULL;
}

static int write_all(int fd, const char *data, size_t n)
{
    while (n) {
        ssize_t w = write(fd, data, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Receives the parts of a multipart body: fields in memory, the file to a temporary file. */
static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    struct upload_stream *u = cls;
    struct upload *up = &u->up;
    int i;

    (void)kind;
    (void)transfer_encoding;
    if (!key) { /* a part without a name (found by the http fuzz target) */
        up->malformed = 1;
        return MHD_YES;
    }
    if (!filename) {
        for (i = 0; i < up->nfields && strcmp(up->fields[i].name, key); i++)
            ;
        if (i == up->nfields) {
            if (up->nfields == UPLOAD_FIELDS_MAX)
                return MHD_YES;
            up->fields[i].name = arena_strdup(u->arena, key);
            strbuf_init(&up->fields[i].value, 0);
            up->nfields++;
        }
        if (up->fields[i].value.len + size <= 1000)
            strbuf_add(&up->fields[i].value, data, size);
        return MHD_YES;
    }
    if (off == 0 && up->fd < 0) {
        /* the first (and only) file part begins */
        if (up->files++) {
            up->malformed = 1;
            return MHD_YES;
        }
        up->field = arena_strdup(u->arena, key);
        up->filename = arena_strdup(u->arena, filename);
        up->declared_type = content_type ? arena_strdup(u->arena, content_type) : NULL;
        up->fd = mkstemp(up->tmp_path);
        if (up->fd < 0) {
            up->write_errno = errno;
            return MHD_YES;
        }
        crypto_sha256_init(&u->sha);
    } else if (off == 0 && up->size > 0) {
        up->malformed = 1; /* a second file part (one part may be announced twice at offset 0) */
        return MHD_YES;
    }
    if (up->fd < 0 || up->too_large || up->write_errno)
        return MHD_YES;
    if (up->size + (int64_t)size > (int64_t)u->limit) {
        up->too_large = 1;
        return MHD_YES;
    }
    if (up->size < UPLOAD_HEAD_BYTES)
        memcpy(up->head + up->size, data,
               size < (size_t)(UPLOAD_HEAD_BYTES - up->size)
                   ? size
                   : (size_t)(UPLOAD_HEAD_BYTES - up->size));
    if (write_all(up->fd, data, size) < 0) {
        up->write_errno = errno;
        return MHD_YES;
    }
    crypto_sha256_update(&u->sha, data, size);
    up->size += (int64_t)size;
    return MHD_YES;
}

void upload_end(struct upload_stream *u)
{
    struct upload *up = &u->up;

    if (!u->pp)
        return;
    if (MHD_destroy_post_processor(u->pp) == MHD_NO)
        up->malformed = 1;
    u->pp = NULL;
    if (up->fd >= 0) {
        if (!up->write_errno && fsync(up->fd) < 0)
            up->write_errno = errno;
        close(up->fd);
        up->fd = -1;
        crypto_sha256_final(&u->sha, up->sha256);
    }
}

void upload_discard(struct upload_stream *u)
{
    if (u->up.fd >= 0)
        close(u->up.fd);
    u->up.fd = -1;
    if (u->up.tmp_path && u->up.files)
        unlink(u->up.tmp_path);
    u->up.tmp_path = NULL;
}

void upload_release(struct upload_stream *u)
{
    int i;

    if (u->pp)
        MHD_destroy_post_processor(u->pp);
    u->pp = NULL;
    upload_discard(u);
    for (i = 0; i < u->up.nfields; i++)
        strbuf_release(&u->up.fields[i].value);
}

int upload_begin(struct upload_stream *u, struct MHD_Connection *c, struct arena *a,
                 const char *dir, size_t limit)
{
    u->up.fd = -1;
    u->arena = a;
    u->limit = limit;
    u->up.tmp_path = arena_printf(a, "%s/upload-XXXXXX", dir);
    u->pp = MHD_create_post_processor(c, 64 * 1024, on_part, u);
    return u->pp ? 0 : -1;
}

void upload_feed(struct upload_stream *u, const char *data, size_t size)
{
    if (MHD_post_process(u->pp, data, size) == MHD_NO)
        u->up.malformed = 1;
}
