/*
 * Staged uploads: a file is checked (its content must be PDF, JPEG or PNG, its
 * size within the limit) and stored before the request that attaches it, so
 * that a dossier and all its files are written in one transaction or not at
 * all. POST /api/v1/uploads stages one file for the signed-in applicant;
 * POST /api/v1/dossiers then names the staged files per component. The staged
 * rows of a dossier's supplement (api/supplement.c) work the same way.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/uploads.h"
#include "api/views.h"
#include "core/filename.h"
#include "lib/json.h"
#include "store/blobs.h"
#include "store/dossiers.h"
#include "store/files.h"

#include <string.h>

static json_t *staged_json(const struct staged_upload *s)
{
    return json_pack("{s:I, s:s, s:s, s:I}", "id", (json_int_t)s->id, "name", s->name,
                     "content_type", s->content_type, "size", (json_int_t)s->size);
}

int upload_stage(struct req *r, int64_t user_id, int64_t dossier_id, struct err *e)
{
    struct app *app = r->app;
    struct upload *up = r->upload;
    struct staged_upload s = {0};
    const char *type;
    char name[FILENAME_BYTES];
    int64_t n;
    int created = 0, rc = -1;

    if (!(type = upload_type(r, e))) {
        if (e->http == 415) /* the page shows the reason beside the file */
            err_field_as(e, "file", "file_type", "", "only PDF, JPEG and PNG files are accepted");
        return -1;
    }
    if (up->size == 0)
        return err_field(e, "file", "the file is empty");
    if (up->size > app->dossier_files_limit)
        return err_set(e, 413, "too_large", "a file is at most %lld bytes",
                       (long long)app->dossier_files_limit);
    if (filename_display(up->filename, type, name) < 0)
        return err_set(e, 500, "internal", "out of memory");
    s = (struct staged_upload){0,    user_id,    dossier_id, arena_strdup(&r->arena, name),
                               type, up->sha256, up->size,   r->now};
    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if (staged_count(r->db, user_id, dossier_id, r->now - STAGED_UPLOAD_TTL, &n, e) < 0)
        goto out;
    if (n >= STAGED_UPLOADS_MAX) {
        err_set(e, 429, "too_many_requests",
                "at most %d files wait to be sent at a time; send them or wait a day",
                STAGED_UPLOADS_MAX);
        goto out;
    }
    if (upload_keep(r, &created, e) < 0 || staged_insert(r->db, &s, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201, staged_json(&s));
out:
    if (rc < 0 && created)
        blob_drop(app->data_dir, up->sha256);
    db_rollback(r->db);
    return rc;
}

int uploads_create(struct req *r, struct err *e)
{
    return upload_stage(r, req_user_id(r), 0, e);
}

/* The owner's staged upload still waiting: 0 with *s, or 422 on field. */
static int staged(struct req *r, int64_t user_id, int64_t dossier_id, int64_t upload_id,
                  const char *field, struct staged_upload *s, struct err *e)
{
    int found = staged_get(r->db, &r->arena, upload_id, user_id, dossier_id,
                           r->now - STAGED_UPLOAD_TTL, s, e);

    if (found < 0)
        return -1;
    if (!found)
        return err_field_as(
            e, field, "upload_gone", "",
            "upload %lld is not waiting to be sent (over a day old, already sent or "
            "not yours): choose the file again",
            (long long)upload_id);
    return 0;
}

int upload_attach(struct req *r, int64_t user_id, const struct dossier *d, int64_t upload_id,
                  int component, int supplement, const char *field, struct stored_file *out,
                  struct err *e)
{
    struct staged_upload s;

    if (staged(r, user_id, user_id ? 0 : d->id, upload_id, field, &s, e) < 0)
        return -1;
    memset(out, 0, sizeof(*out));
    out->dossier_id = d->id;
    out->kind = "component";
    out->component = component;
    out->supplement = supplement;
    out->name = s.name;
    out->content_type = s.content_type;
    out->size = s.size;
    out->sha256 = s.sha256;
    out->uploaded_at = r->now;
    out->uploaded_by = req_user_id(r);
    return file_insert(r->db, out, e) < 0 || staged_delete(r->db, s.id, e) < 0 ||
                   (component && dossier_component_digitized(r->db, d->id, component, e) < 0)
               ? -1
               : 0;
}

int upload_check(struct req *r, int64_t user_id, int64_t dossier_id, int64_t upload_id,
                 const char *field, int64_t *size, struct err *e)
{
    struct staged_upload s;

    if (staged(r, user_id, dossier_id, upload_id, field, &s, e) < 0)
        return -1;
    *size += s.size;
    return 0;
}
