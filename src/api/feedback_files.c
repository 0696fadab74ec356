/*
 * Photos and PDFs with feedback: POST /api/v1/feedback/{code}/files takes
 * multipart/form-data with one `file` (PDF, JPEG or PNG by content) and, for
 * a sender without an account, `contact`; GET /api/v1/feedback/{code}/files/{id}
 * gives one back. The sender (signed in, or with the contact) and the staff
 * who see the item's personal data attach and read them; at most
 * FEEDBACK_FILES_MAX files while the item is open. The bytes go to the
 * content-addressed file store, as a dossier's do.
 */
#include "api/feedback.h"
#include "api/handlers.h"
#include "api/views.h"
#include "core/filename.h"
#include "store/audit.h"
#include "store/blobs.h"

#include <string.h>

#define FEEDBACK_FILES_MAX 5

json_t *feedback_file_json(struct req *r, const struct feedback *f, const struct feedback_file *x)
{
    return json_pack(
        "{s:I, s:s, s:s, s:I, s:o, s:s}", "id", (json_int_t)x->id, "name", x->name, "content_type",
        x->content_type, "size", (json_int_t)x->size, "uploaded_at", json_time(x->uploaded_at),
        "url",
        arena_printf(&r->arena, "/api/v1/feedback/%s/files/%lld", f->code, (long long)x->id));
}

/* Whether the caller may attach to or read the item's files: its sender, or staff who see it whole.
 */
static int may_see_files(int view, struct err *e)
{
    if (view == FEEDBACK_STAFF_FULL || view == FEEDBACK_SENDER || view == FEEDBACK_FOLLOW)
        return 0;
    return err_set(e, 403, "forbidden",
                   "the files of feedback hold personal data your role sees only masked");
}

int feedback_files_upload(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct upload *up = r->upload;
    struct feedback_file x = {0}, *list;
    struct feedback_event ev = {0};
    struct feedback f = {0};
    const char *type;
    char name[FILENAME_BYTES];
    int64_t used = 0;
    size_t n, i;
    int view, created = 0, rc = -1;

    if (!(type = upload_type(r, e)))
        return -1;
    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if (feedback_find(r, r->params[0], upload_field(r, "contact"), &f, &view, e) < 0 ||
        may_see_files(view, e) < 0 || feedback_files(r->db, &r->arena, f.id, &list, &n, e) < 0)
        goto out;
    if (feedback_status_final(f.status)) {
        err_set(e, 409, "invalid_transition", "feedback %s is done: nothing more is attached",
                f.code);
        goto out;
    }
    for (i = 0; i < n; i++)
        used += list[i].size;
    if (n >= FEEDBACK_FILES_MAX || used + up->size > app->dossier_files_limit) {
        err_set(e, 413, "too_large", "feedback takes at most %d files of %lld bytes in all",
                FEEDBACK_FILES_MAX, (long long)app->dossier_files_limit);
        goto out;
    }
    if (filename_display(up->filename, type, name) < 0) {
        err_set(e, 500, "internal", "out of memory");
        goto out;
    }
    x = (struct feedback_file){0, f.id, name, type, up->sha256, up->size, r->now, req_user_id(r)};
    if (upload_keep(r, &created, e) < 0)
        goto out;
    ev = (struct feedback_event){.at = r->now,
                                 .action = "attach",
                                 .from_status = f.status,
                                 .to_status = f.status,
                                 .actor_id = req_user_id(r),
                                 .agency = f.agency,
                                 .note = arena_printf(&r->arena, "Tệp đính kèm: %s", name)};
    if (feedback_file_insert(r->db, &x, e) < 0 || feedback_add_event(r->db, f.id, &ev, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "feedback.attach",
                     arena_printf(&r->arena, "feedback:%s", f.code),
                     arena_printf(&r->arena, "%s %lld bytes", up->sha256, (long long)up->size),
                     e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201, feedback_file_json(r, &f, &x));
out:
    if (rc < 0 && created) /* no row names it: nothing half-written stays */
        blob_drop(app->data_dir, up->sha256);
    db_rollback(r->db);
    return rc;
}

int feedback_files_download(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct feedback_file x;
    struct feedback f = {0};
    int64_t id;
    int view;

    if (param_id(r->params[1], "file", &id, e) < 0 ||
        feedback_find(r, r->params[0], req_query(r, "contact"), &f, &view, e) < 0 ||
        may_see_files(view, e) < 0 || feedback_file_get(r->db, &r->arena, f.id, id, &x, e) < 0)
        return -1;
    r->resp.status = 200;
    r->resp.content_type = x.content_type;
    r->resp.file_path = blob_path(&r->arena, app->data_dir, x.sha256);
    resp_header(r, "Content-Disposition", file_disposition(r, x.name, x.content_type));
    return 0;
}
