/*
 * Evidence of a PAR INDEX sub-criterion: POST /api/v1/par/structures/{id}/
 * items/{item}/files takes multipart/form-data with `agency` (the subject)
 * and one `file` (PDF, JPEG or PNG by content); GET /api/v1/par/files/{id}
 * gives one back. Those who score the sub-criterion attach (the steering
 * committee, the unit responsible); those who see it read. At most
 * PAR_FILES_MAX files of dossier-files-limit bytes in all per sub-criterion
 * and subject. The bytes go to the content-addressed file store, as a
 * dossier's do.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/par.h"
#include "api/views.h"
#include "core/filename.h"
#include "core/roles.h"
#include "store/audit.h"
#include "store/blobs.h"

#include <string.h>

#define PAR_FILES_MAX 20

int par_files_upload(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct upload *up = r->upload;
    struct par_tree t;
    struct par_places p;
    struct par_subject s;
    struct par_assessment x;
    struct par_file f = {0};
    const char *type, *agency = upload_field(r, "agency");
    char name[FILENAME_BYTES];
    int64_t used = 0;
    size_t item, n = 0, i;
    int manage, created = 0, rc = -1;

    if (!(type = upload_type(r, e)))
        return -1;
    if (!agency)
        return err_field_as(e, "agency", "required", "", "the agency assessed is required");
    if (par_tree_load(r, &t, e) < 0 || par_item_of(r, &t, &item, e) < 0)
        return -1;
    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if (par_scorer(r, &t, item, agency, &p, &s, &manage, e) < 0)
        goto out;
    for (i = 0; i < s.nfiles; i++)
        if (s.files[i].item_id == t.items[item].id)
            n++, used += s.files[i].size;
    if (n >= PAR_FILES_MAX || used + up->size > app->dossier_files_limit) {
        err_set(e, 413, "too_large", "a criterion takes at most %d files of %lld bytes in all",
                PAR_FILES_MAX, (long long)app->dossier_files_limit);
        goto out;
    }
    if (filename_display(up->filename, type, name) < 0) {
        err_set(e, 500, "internal", "out of memory");
        goto out;
    }
    x = s.row[item]
            ? *s.row[item]
            : (struct par_assessment){0,    t.items[item].id, s.ag->id,      NULL, -1, -1, -1, NULL,
                                      NULL, r->now,           req_user_id(r)};
    if (!s.row[item] && par_assessment_put(r->db, &x, e) < 0)
        goto out;
    f = (struct par_file){0,      x.id,           name,    type,      up->sha256, up->size,
                          r->now, req_user_id(r), t.st.id, x.item_id, s.ag->id,   x.responsible};
    if (upload_keep(r, &created, e) < 0 || par_file_insert(r->db, &f, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "par.evidence",
                     arena_printf(&r->arena, "par:%lld/%s/%s", (long long)t.st.id, s.ag->id,
                                  t.items[item].code),
                     arena_printf(&r->arena, "%s %lld bytes", up->sha256, (long long)up->size),
                     e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201, par_file_json(r, &f));
out:
    if (rc < 0 && created) /* no row names it: nothing half-written stays */
        blob_drop(app->data_dir, up->sha256);
    db_rollback(r->db);
    return rc;
}

int par_files_download(struct req *r, struct err *e)
{
    struct app *app = r->app;
    const struct user *u = req_user(r);
    struct agency subject, unit;
    struct par_file f;
    int64_t id;

    if (param_id(r->params[0], "evidence file", &id, e) < 0 ||
        par_file_get(r->db, &r->arena, id, &f, e) < 0 ||
        agency_get(r->db, &r->arena, f.subject, &subject, e) < 0 ||
        agency_get(r->db, &r->arena, f.responsible ? f.responsible : f.subject, &unit, e) < 0)
        return -1;
    if (!user_can_at(u, CAP_VIEW_PAR, subject.path) && !user_can_at(u, CAP_ASSESS_PAR, unit.path))
        return err_set(e, 404, "not_found", "no evidence file %lld", (long long)id);
    r->resp.status = 200;
    r->resp.content_type = f.content_type;
    r->resp.file_path = blob_path(&r->arena, app->data_dir, f.sha256);
    resp_header(r, "Content-Disposition", file_disposition(r, f.name, f.content_type));
    return 0;
}
