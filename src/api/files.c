/*
 * Files of a dossier: scans of its components (digitisation) and its result.
 * POST /api/v1/dossiers/{code}/files takes multipart/form-data with the fields
 * `kind` (component or result), `component` (its position) and one `file`;
 * only PDF, JPEG and PNG, by content. The name it was sent under is kept only
 * as a safe display name (core/filename.h). Files are stored once by SHA-256 under
 * the data directory: the server wrote and fsynced the temporary file, this
 * renames it into place before the row that names it commits.
 * GET /api/v1/files/{id} downloads one as an attachment.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/views.h"
#include "api/portal.h"
#include "docs/spreadsheet.h"
#include "store/dossiers.h"
#include "core/dossier.h"
#include "core/filename.h"
#include "core/filetype.h"
#include "core/fold.h"
#include "core/roles.h"
#include "store/audit.h"
#include "store/blobs.h"
#include "store/files.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Who may add which file in which status. */
static int may_upload(struct req *r, const struct dossier *d, int result, struct err *e)
{
    const struct user *u = req_user(r);
    int own = d->submitted_by && d->submitted_by == u->id;

    if (result) {
        if (d->status != DOSSIER_PROCESSING && d->status != DOSSIER_PROCESSED &&
            d->status != DOSSIER_RETURNED)
            return err_set(e, 409, "invalid_transition",
                           "a result file is attached while processing or once processed");
        if ((d->current_unit_path && user_can_at(u, CAP_PROCESS, d->current_unit_path)) ||
            user_can_at(u, CAP_RECEIVE, d->agency_path))
            return 0;
        return err_set(e, 403, "forbidden", "the result is attached by its unit or the desk");
    }
    if (d->status != DOSSIER_NEW && d->status != DOSSIER_RECEIVED &&
        d->status != DOSSIER_PROCESSING && d->status != DOSSIER_SUPPLEMENT)
        return err_set(e, 409, "invalid_transition",
                       "components are added before the result, not in status %s",
                       dossier_status_name(d->status));
    if (own && (d->status == DOSSIER_NEW || d->status == DOSSIER_SUPPLEMENT))
        return 0;
    if (user_can_at(u, CAP_RECEIVE, d->agency_path) ||
        (d->current_unit_path && user_can_at(u, CAP_PROCESS, d->current_unit_path)))
        return 0;
    return err_set(e, 403, "forbidden", "you may not add files to dossier %s", d->code);
}

const char *upload_type(struct req *r, struct err *e)
{
    const struct upload *up = r->upload;
    const char *type;

    if (!up->files) {
        err_field(e, "file", "a file is required");
        return NULL;
    }
    type = filetype_sniff(up->head,
                          up->size < UPLOAD_HEAD_BYTES ? (size_t)up->size : UPLOAD_HEAD_BYTES);
    if (!type)
        err_set(e, 415, "unsupported_media_type",
                "only PDF, JPEG and PNG files are accepted (judged by their content)");
    return type;
}

int upload_bytes(struct req *r, size_t max, const char **out, size_t *len, struct err *e)
{
    struct upload *up = r->upload;
    char *data;
    FILE *f;

    if (!up || !up->tmp_path || up->files != 1)
        return err_field(e, "file", "send the file as the multipart field file");
    if ((uint64_t)up->size > max)
        return err_set(e, 413, "too_large", "the file is at most %zu bytes", max);
    data = arena_alloc(&r->arena, (size_t)up->size + 1);
    if (!(f = fopen(up->tmp_path, "rb")) ||
        fread(data, 1, (size_t)up->size, f) != (size_t)up->size) {
        if (f)
            fclose(f);
        return err_set(e, 500, "internal", "the upload could not be read");
    }
    fclose(f);
    data[up->size] = '\0';
    *out = data;
    *len = (size_t)up->size;
    return 0;
}

int upload_spreadsheet(struct req *r, struct spreadsheet *out, struct err *e)
{
    const char *data;
    size_t len;

    if (upload_bytes(r, SPREADSHEET_MAX_BYTES, &data, &len, e) < 0)
        return -1;
    return spreadsheet_read(data, len, &r->arena, out, e);
}

int resp_import_refused(struct req *r, json_t *report, json_t *errors, int nbad)
{
    int rc;

    json_object_set_new(report, "errors", errors);
    json_object_set_new(report, "type", json_string("urn:motcua:problem:invalid"));
    json_object_set_new(report, "title", json_string("Unprocessable Entity"));
    json_object_set_new(report, "status", json_integer(422));
    json_object_set_new(report, "detail",
                        json_string(arena_printf(&r->arena,
                                                 "%d rows could not be read; nothing was imported "
                                                 "(see rows; partial=1 keeps the others)",
                                                 nbad)));
    rc = resp_json(r, 422, report);
    r->resp.content_type = "application/problem+json";
    return rc;
}

int upload_keep(struct req *r, int *created, struct err *e)
{
    struct app *app = r->app;

    if (blob_put(app->data_dir, r->upload->tmp_path, r->upload->sha256, created, e) < 0)
        return -1;
    r->upload->tmp_path = NULL; /* moved: the server must not remove it */
    return 0;
}

int files_upload(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct upload *up = r->upload;
    struct stored_file f = {0};
    struct dossier d;
    const char *kind = upload_field(r, "kind"), *component = upload_field(r, "component");
    const char *type;
    char name[FILENAME_BYTES];
    int64_t used;
    int full, result, created = 0, position = 0, rc = -1;
    json_t *j;

    if (!(type = upload_type(r, e)))
        return -1;
    if (!kind || (strcmp(kind, "component") && strcmp(kind, "result")))
        return err_field(e, "kind", "must be one of: component, result");
    result = !strcmp(kind, "result");
    if (!result) {
        char *end;
        position = component ? (int)strtol(component, &end, 10) : 0;
        if (!component || *end || position < 1)
            return err_field(e, "component", "must be the position (1, 2, …) of a component");
    }
    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if (!dossier_code_valid(r->params[0])) {
        err_set(e, 404, "not_found", "%s is not a dossier code", r->params[0]);
        goto out;
    }
    if (dossier_by_code(r->db, &r->arena, r->params[0], &d, e) < 0 ||
        dossier_access(r, &d, &full, e) < 0 || may_upload(r, &d, result, e) < 0)
        goto out;
    if (!result && (size_t)position > d.ncomponents) {
        err_field(e, "component", "dossier %s has %zu components", d.code, d.ncomponents);
        goto out;
    }
    if (files_total_size(r->db, d.id, &used, e) < 0)
        goto out;
    if (used + up->size > app->dossier_files_limit) {
        err_set(e, 413, "too_large", "the files of dossier %s would exceed %lld bytes", d.code,
                (long long)app->dossier_files_limit);
        goto out;
    }
    f.dossier_id = d.id;
    f.kind = kind;
    f.component = position;
    if (filename_display(up->filename, type, name) < 0) {
        err_set(e, 500, "internal", "out of memory");
        goto out;
    }
    f.name = name;
    f.content_type = type;
    f.size = up->size;
    f.sha256 = up->sha256;
    f.uploaded_at = r->now;
    f.uploaded_by = req_user_id(r);
    if (upload_keep(r, &created, e) < 0 || file_insert(r->db, &f, e) < 0 ||
        (result ? dossier_mark_result_electronic(r->db, d.id, e)
                : dossier_component_digitized(r->db, d.id, position, e)) < 0 ||
        portal_queue(r, d.id, e) < 0 ||
        audit_append(
            r->db, r->now, req_user_id(r), "file.upload",
            arena_printf(&r->arena, "dossier:%s", d.code),
            arena_printf(&r->arena, "%s %s %lld bytes", kind, up->sha256, (long long)up->size),
            e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    j = file_json(r, &f);
    resp_header(r, "Location", arena_printf(&r->arena, "/api/v1/files/%lld", (long long)f.id));
    rc = resp_json(r, 201, j);
out:
    if (rc < 0 && created) /* no row names it: nothing half-written stays */
        blob_drop(app->data_dir, up->sha256);
    db_rollback(r->db);
    return rc;
}

/*
 * RFC 6266: the display name (made safe again, for rows stored before names
 * were) percent-encoded as UTF-8, and an ASCII fallback without diacritics.
 */
const char *file_disposition(struct req *r, const char *stored, const char *type)
{
    static const char hex[] = "0123456789ABCDEF";
    char name[FILENAME_BYTES];
    size_t len, i, k = 0, a = 0;
    char *folded, *enc;

    if (filename_display(stored, type, name) < 0)
        strcpy(name, FILENAME_FALLBACK);
    len = strlen(name);
    folded = arena_alloc(&r->arena, len + 1);
    enc = arena_alloc(&r->arena, len * 3 + 1);
    fold_text(name, len, folded);
    for (i = 0; name[i]; i++) {
        unsigned char c = (unsigned char)name[i];
        if (isalnum(c) || c == '.' || c == '-' || c == '_') {
            enc[k++] = (char)c;
        } else {
            enc[k++] = '%';
            enc[k++] = hex[c >> 4];
            enc[k++] = hex[c & 15];
        }
    }
    enc[k] = '\0';
    for (i = 0; folded[i]; i++) {
        unsigned char c = (unsigned char)folded[i];
        if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\')
            folded[a++] = (char)c;
    }
    folded[a] = '\0';
    return arena_printf(&r->arena, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
                        a ? folded : "file", enc);
}

int files_download(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct stored_file f;
    struct dossier d;
    int64_t id;
    int full;

    if (param_id(r->params[0], "file", &id, e) < 0 || file_get(r->db, &r->arena, id, &f, e) < 0 ||
        dossier_by_id(r->db, &r->arena, f.dossier_id, &d, e) < 0)
        return -1;
    if (dossier_access(r, &d, &full, e) < 0)
        return err_set(e, 404, "not_found", "no file with id %lld", (long long)id);
    if (!full) /* a scan holds the personal data this caller sees only masked */
        return err_set(e, 403, "forbidden",
                       "the dossier's files hold personal data your role sees only masked");
    r->resp.status = 200;
    r->resp.content_type = f.content_type;
    r->resp.file_path = blob_path(&r->arena, app->data_dir, f.sha256);
    resp_header(r, "Content-Disposition", file_disposition(r, f.name, f.content_type));
    return 0;
}
