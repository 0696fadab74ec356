/*
 * The applicant's supplement, online: while a dossier waits for a supplement
 * (status 5), the one who proves it is theirs — its code and the phone's last
 * four digits, as for the lookup, or the account that submitted it — stages
 * the files (POST /api/v1/lookup/uploads) and sends them with a short note
 * (POST /api/v1/lookup/supplement). Both count against the lookup's allowance.
 * Sending writes the files, a control-sheet row "supplement-sent" and the
 * audit row in one transaction, and tells the receiving unit (and the unit
 * holding the dossier) by e-mail. It does not end the wait: the desk checks
 * the papers and records the `supplement` action, which restarts the clock.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/portal.h"
#include "api/uploads.h"
#include "api/views.h"
#include "lib/json.h"
#include "lib/strbuf.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/outbox.h"

#include <string.h>

#define SUPPLEMENT_FILES_MAX 20

/* The dossier, proven by its code and phone digits, or by the account that submitted it. */
static int find_own(struct req *r, const char *code, const char *digits, struct dossier *d,
                    struct err *e)
{
    const struct user *u = req_user(r);

    if (digits && *digits)
        return lookup_find(r, code, digits, d, e);
    if (!u || !code)
        return lookup_find(r, code, digits, d, e); /* 400: both are required */
    if (lookup_try(r, e) < 0)
        return -1;
    if (!dossier_code_valid(code) || dossier_by_code(r->db, &r->arena, code, d, e) < 0 ||
        d->submitted_by != u->id || d->parent_id) {
        if (e->http && e->http != 404)
            return -1;
        err_clear(e);
        return err_set(e, 404, "not_found", "no dossier matches this code and these phone digits");
    }
    return 0;
}

static int waiting(const struct dossier *d, struct err *e)
{
    if (d->status != DOSSIER_SUPPLEMENT)
        return err_set(e, 409, "invalid_transition",
                       "dossier %s does not wait for a supplement (status %s)", d->code,
                       dossier_status_name(d->status));
    return 0;
}

int lookup_uploads_create(struct req *r, struct err *e)
{
    struct dossier d;

    if (find_own(r, upload_field(r, "code"), upload_field(r, "phone_last4"), &d, e) < 0 ||
        waiting(&d, e) < 0)
        return -1;
    return upload_stage(r, 0, d.id, e);
}

/* An e-mail to the receiving unit and, when another holds the dossier, to that unit too. */
static int tell_units(struct req *r, const struct dossier *d, const char *what, struct err *e)
{
    const char *ids[2] = {d->agency, d->current_unit};
    struct agency ag;
    int i;

    for (i = 0; i < 2; i++) {
        if (!ids[i] || (i == 1 && !strcmp(ids[0], ids[1])))
            continue;
        if (agency_get(r->db, &r->arena, ids[i], &ag, e) < 0)
            return -1;
        if (!ag.email || !*ag.email)
            continue;
        if (outbox_add(r->db, d->id, ag.email,
                       arena_printf(&r->arena, "Hồ sơ %s: công dân đã nộp bổ sung", d->code),
                       arena_printf(&r->arena,
                                    "Kính gửi %s,\n\nNgười nộp hồ sơ %s (thủ tục %s) đã gửi hồ sơ "
                                    "bổ sung trực tuyến:\n%s\nĐề nghị bộ phận một cửa kiểm tra và "
                                    "ghi nhận việc nhận hồ sơ bổ sung trên hệ thống.\n",
                                    ag.name, d->code, d->procedure_name, what),
                       r->now, e) < 0)
            return -1;
    }
    return 0;
}

int lookup_supplement(struct req *r, struct err *e)
{
    static const char *const keys[] = {"code", "phone_last4", "note", "uploads", NULL};
    struct dossier_event ev = {0};
    struct strbuf what = STRBUF_INIT;
    struct stored_file f;
    struct dossier d;
    const char *code, *digits, *note;
    json_t *body, *arr, *item, *files = json_array();
    int64_t *ids = NULL, total = 0;
    size_t n = 0, i;
    int rc = -1;

    if (req_json(r, &body, e) < 0) {
        json_decref(files);
        return -1;
    }
    jv_known(body, NULL, keys, e);
    code = jv_string(body, NULL, "code", JV_REQUIRED, 32, e);
    digits = jv_string(body, NULL, "phone_last4", JV_NULLABLE, 4, e);
    note = jv_string(body, NULL, "note", JV_NULLABLE | JV_MULTILINE, 1000, e);
    if ((arr = jv_typed(body, NULL, "uploads", JSON_ARRAY, JV_REQUIRED, e))) {
        if (json_array_size(arr) > SUPPLEMENT_FILES_MAX)
            err_field(e, "uploads", "at most %d files", SUPPLEMENT_FILES_MAX);
        else if (!json_array_size(arr))
            err_field_as(e, "uploads", "required", "", "attach at least one file");
        ids = arena_calloc(&r->arena, json_array_size(arr) + 1, sizeof(*ids));
        json_array_foreach(arr, i, item)
        {
            if (!json_is_integer(item) || json_integer_value(item) < 1)
                err_field(e, arena_printf(&r->arena, "uploads[%zu]", i),
                          "must be the id of a staged upload");
            else
                ids[n++] = json_integer_value(item);
        }
    }
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (find_own(r, code, digits, &d, e) < 0 || waiting(&d, e) < 0)
        goto out;
    for (i = 0; i < n; i++)
        if (upload_check(r, 0, d.id, ids[i], arena_printf(&r->arena, "uploads[%zu]", i), &total,
                         e) < 0 &&
            e->http != 422)
            goto out;
    if (e->http)
        goto out;
    if (files_total_size(r->db, d.id, &f.size, e) < 0)
        goto out;
    if (f.size + total > ((struct app *)r->app)->dossier_files_limit) {
        err_set(e, 413, "too_large", "the files of dossier %s would exceed %lld bytes", d.code,
                (long long)((struct app *)r->app)->dossier_files_limit);
        goto out;
    }
    for (i = 0; i < n; i++) {
        if (upload_attach(r, 0, &d, ids[i], 0, 1, arena_printf(&r->arena, "uploads[%zu]", i), &f,
                          e) < 0)
            goto out;
        strbuf_addf(&what, "  - %s (%lld KB)\n", f.name, (long long)((f.size + 1023) / 1024));
        json_array_append_new(files, file_json(r, &f));
    }
    if (note)
        strbuf_addf(&what, "Ghi chú của người nộp: %s\n", note);
    ev.at = r->now;
    ev.action = "supplement-sent";
    ev.from_status = ev.to_status = d.status;
    ev.actor_id = req_user_id(r);
    ev.actor_name = d.applicant_name;
    ev.unit = d.current_unit ? d.current_unit : d.agency;
    ev.note = arena_printf(&r->arena, "Nộp bổ sung trực tuyến %zu tệp.%s%s", n,
                           note ? " Ghi chú: " : "", note ? note : "");
    if (dossier_add_event(r->db, d.id, &ev, e) < 0 || portal_queue(r, d.id, e) < 0 ||
        tell_units(r, &d, what.buf, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "dossier.supplement.sent",
                     arena_printf(&r->arena, "dossier:%s", d.code),
                     arena_printf(&r->arena, "%zu files from %s", n, req_peer(r)), e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201,
                   json_pack("{s:s, s:s, s:o, s:O, s:o}", "code", d.code, "status",
                             dossier_status_name(d.status), "at", json_time(r->now), "files", files,
                             "note", json_str(note)));
out:
    db_rollback(r->db);
    strbuf_release(&what);
    json_decref(files);
    json_decref(body);
    return rc;
}
