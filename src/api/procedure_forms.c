/*
 * A procedure's form templates (tờ khai, đơn theo mẫu), for citizens to
 * download and fill in: POST /api/v1/procedures/{id}/forms takes
 * multipart/form-data with `title` (what the form is) and one `file` (PDF,
 * JPEG or PNG by content); GET .../forms/{form} gives it back to anyone;
 * DELETE .../forms/{form} takes it away. The system administrator, who edits
 * the catalog, adds and removes them. The bytes go to the content-addressed
 * file store, as a dossier's do; the procedure's JSON lists them.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/views.h"
#include "core/filename.h"
#include "lib/json.h"
#include "lib/utf8.h"
#include "store/audit.h"
#include "store/blobs.h"
#include "store/procedure_forms.h"
#include "store/procedures.h"

#include <string.h>

#define PROCEDURE_FORMS_MAX 20

static json_t *procedure_form_json(struct req *r, const struct procedure_form *f)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:I, s:o, s:s}", "id", (json_int_t)f->id, "title",
                     f->title, "name", f->name, "content_type", f->content_type, "size",
                     (json_int_t)f->size, "uploaded_at", json_time(f->uploaded_at), "url",
                     arena_printf(&r->arena, "/api/v1/procedures/%lld/forms/%lld",
                                  (long long)f->procedure_id, (long long)f->id));
}

json_t *procedure_forms_json(struct req *r, int64_t procedure_id, struct err *e)
{
    struct procedure_form *list;
    json_t *arr;
    size_t n, i;

    if (procedure_forms_of(r->db, &r->arena, procedure_id, &list, &n, e) < 0)
        return NULL;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, procedure_form_json(r, &list[i]));
    return arr;
}

/* The form's title from the multipart field, checked as a JSON string would be. */
static const char *read_title(struct req *r, struct err *e)
{
    const char *raw = upload_field(r, "title"), *title;
    json_t *holder;

    if (raw && !utf8_valid(raw, strlen(raw))) {
        err_field(e, "title", "must be UTF-8 text");
        return NULL;
    }
    holder = json_object();
    if (raw && *raw)
        json_object_set_new(holder, "title", json_string(raw));
    title = jv_string(holder, NULL, "title", JV_REQUIRED, 300, e);
    title = title ? arena_strdup(&r->arena, title) : NULL;
    json_decref(holder);
    return title;
}

int procedure_forms_upload(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct upload *up = r->upload;
    struct procedure_form f = {0}, *list;
    struct procedure p;
    const char *type, *title;
    char name[FILENAME_BYTES];
    int64_t id;
    size_t n;
    int created = 0, rc = -1;

    if (param_id(r->params[0], "procedure", &id, e) < 0)
        return -1;
    title = read_title(r, e);
    type = upload_type(r, e);
    if (!title || !type)
        return -1;
    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if (procedure_get(r->db, &r->arena, id, &p, e) < 0 ||
        procedure_forms_of(r->db, &r->arena, id, &list, &n, e) < 0)
        goto out;
    if (n >= PROCEDURE_FORMS_MAX) {
        err_set(e, 413, "too_large", "a procedure takes at most %d forms", PROCEDURE_FORMS_MAX);
        goto out;
    }
    if (filename_display(up->filename, type, name) < 0) {
        err_set(e, 500, "internal", "out of memory");
        goto out;
    }
    f = (struct procedure_form){0,          id,       title,  name,          type,
                                up->sha256, up->size, r->now, req_user_id(r)};
    if (upload_keep(r, &created, e) < 0 || procedure_form_insert(r->db, &f, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "procedure.form",
                     arena_printf(&r->arena, "procedure:%lld", (long long)id),
                     arena_printf(&r->arena, "%s %s", up->sha256, title), e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201, procedure_form_json(r, &f));
out:
    if (rc < 0 && created) /* no row names it: nothing half-written stays */
        blob_drop(app->data_dir, up->sha256);
    db_rollback(r->db);
    return rc;
}

int procedure_forms_download(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct procedure_form f;
    int64_t id, form;

    if (param_id(r->params[0], "procedure", &id, e) < 0 ||
        param_id(r->params[1], "form", &form, e) < 0 ||
        procedure_form_get(r->db, &r->arena, id, form, &f, e) < 0)
        return -1;
    r->resp.status = 200;
    r->resp.content_type = f.content_type;
    r->resp.file_path = blob_path(&r->arena, app->data_dir, f.sha256);
    resp_header(r, "Content-Disposition", file_disposition(r, f.name, f.content_type));
    return 0;
}

int procedure_forms_delete(struct req *r, struct err *e)
{
    int64_t id, form;

    if (param_id(r->params[0], "procedure", &id, e) < 0 ||
        param_id(r->params[1], "form", &form, e) < 0 || db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if (procedure_form_delete(r->db, id, form, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "procedure.form.delete",
                     arena_printf(&r->arena, "procedure:%lld", (long long)id),
                     arena_printf(&r->arena, "form %lld", (long long)form), e) < 0 ||
        db_commit(r->db, e) < 0) {
        db_rollback(r->db);
        return -1;
    }
    r->resp.status = 204;
    return 0;
}
