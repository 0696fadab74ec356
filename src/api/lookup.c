/*
 * The citizen's public side of a dossier, without login: GET /api/v1/lookup
 * and POST /api/v1/ratings. Both take the code and the last four digits of
 * the applicant's phone; any mismatch gets the same 404, so the answer never
 * tells which one was wrong. An address that tries too often gets 429, and so
 * does every address asking about a code that had too many wrong tries.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "core/dossier.h"
#include "lib/json.h"
#include "store/audit.h"
#include "api/views.h"
#include "store/blobs.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/ratings.h"

#include <string.h>

int lookup_try(struct req *r, struct err *e)
{
    struct app *app = r->app;
    const char *key = arena_printf(&r->arena, "l:%s", req_peer(r));
    int64_t wait = ratelimit_blocked(app->limits, key, r->now);

    if (wait) {
        e->retry_after = (long)wait;
        return err_set(e, 429, "too_many_requests",
                       "too many lookups from this address; try again in a minute");
    }
    /* counted as it is answered: the one after the allowance is refused */
    ratelimit_hit(app->limits, key, r->now, &app->lookup);
    return 0;
}

/*
 * The dossier a code and the phone digits name (never a consultation's child
 * dossier). Every try counts against the caller's address, and every wrong
 * try against the code, whoever makes it: once a code has had too many, it is
 * refused to everyone, with the right digits too, until its hour has passed
 * (a right answer does not reset it). A code that names no dossier counts the
 * same way, so a 429 never tells that a dossier exists.
 */
int lookup_find(struct req *r, const char *code, const char *digits, struct dossier *d,
                struct err *e)
{
    struct app *app = r->app;
    const char *code_key = NULL;
    int64_t wait;

    if (lookup_try(r, e) < 0)
        return -1;
    if (!code || !digits)
        return err_set(e, 400, "invalid_query", "both code and phone_last4 are required");
    if (dossier_code_valid(code)) {
        code_key = arena_printf(&r->arena, "c:%s", code);
        if ((wait = ratelimit_blocked(app->limits, code_key, r->now))) {
            e->retry_after = (long)wait;
            return err_set(e, 429, "too_many_requests",
                           "too many wrong tries for this dossier code; try again in an hour");
        }
    }
    if (!code_key || strlen(digits) != 4 || strspn(digits, "0123456789") != 4 ||
        dossier_by_code(r->db, &r->arena, code, d, e) < 0 || !d->phone_last4 ||
        strcmp(d->phone_last4, digits) || d->parent_id) {
        if (e->http && e->http != 404)
            return -1;
        err_clear(e);
        if (code_key)
            ratelimit_hit(app->limits, code_key, r->now, &app->lookup_code);
        return err_set(e, 404, "not_found", "no dossier matches this code and these phone digits");
    }
    return 0;
}

/*
 * The electronic result the citizen may take from the lookup: the latest
 * result file of a returned dossier whose result was issued electronically.
 * 1 with *out, 0 when there is none, -1.
 */
static int result_file(struct req *r, const struct dossier *d, struct stored_file *out,
                       struct err *e)
{
    struct stored_file *files;
    size_t n, i;
    int found = 0;

    if (d->status != DOSSIER_RETURNED || !d->result_electronic)
        return 0;
    if (files_of(r->db, &r->arena, d->id, &files, &n, e) < 0)
        return -1;
    for (i = 0; i < n; i++)
        if (!strcmp(files[i].kind, "result")) {
            *out = files[i];
            found = 1;
        }
    return found;
}

/*
 * While the dossier waits for a supplement: what is missing and why (the
 * request's items and reason), when it was asked, and the supplements the
 * applicant sent online since, which wait for the desk's check. null otherwise.
 */
static json_t *supplement_json(const struct dossier *d, const struct dossier_event *ev, size_t n)
{
    const struct dossier_event *asked = dossier_last_event(ev, n, "request-supplement");
    json_t *req, *items, *reason, *j, *sent;
    size_t i;

    if (d->status != DOSSIER_SUPPLEMENT || !asked)
        return json_null();
    sent = json_array();
    req = d->supplement_request ? json_loads(d->supplement_request, 0, NULL) : NULL;
    for (i = (size_t)(asked - ev) + 1; i < n; i++)
        if (!strcmp(ev[i].action, "supplement-sent"))
            json_array_append_new(sent, json_pack("{s:o, s:o}", "at", json_time(ev[i].at), "note",
                                                  json_str(ev[i].note)));
    items = json_object_get(req, "items");
    reason = json_object_get(req, "reason");
    j = json_pack("{s:o, s:o, s:o, s:o}", "items",
                  json_is_array(items) ? json_incref(items) : json_array(), "reason",
                  json_is_string(reason) ? json_incref(reason) : json_null(), "requested_at",
                  json_time(asked->at), "sent", sent);
    json_decref(req);
    return j;
}

/* A dossier is rated once its result is ready. */
static int can_rate(const struct dossier *d)
{
    return d->status == DOSSIER_PROCESSED || d->status == DOSSIER_RETURNED;
}

int lookup_get(struct req *r, struct err *e)
{
    struct dossier_event *ev;
    struct stored_file f;
    struct dossier d;
    json_t *steps, *j;
    size_t n, i;
    int rated, has_result;

    if (lookup_find(r, req_query(r, "code"), req_query(r, "phone_last4"), &d, e) < 0 ||
        dossier_events(r->db, &r->arena, d.id, &ev, &n, e) < 0 ||
        (rated = rating_exists(r->db, d.id, e)) < 0 || (has_result = result_file(r, &d, &f, e)) < 0)
        return -1;
    steps = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(
            steps,
            json_pack("{s:o, s:s, s:s, s:s, s:o, s:o}", "at", json_time(ev[i].at), "action",
                      ev[i].action, "status", dossier_status_name(ev[i].to_status), "status_label",
                      dossier_status_label(ev[i].to_status), "unit", json_str(ev[i].unit_name),
                      "step_due_at", json_time(ev[i].step_due_at)));
    j = json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:s, s:o, s:o, s:o, s:o, s:o, s:b, s:b}", "code",
                  d.code, "status", dossier_status_name(d.status), "status_label",
                  dossier_status_label(d.status), "procedure", "code", d.procedure_code, "name",
                  d.procedure_name, "agency", d.agency_name, "submitted_at",
                  json_time(d.submitted_at), "received_at", json_time(d.received_at), "due_at",
                  json_time(d.due_at), "finished_at", json_time(d.finished_at), "steps", steps,
                  "rated", rated, "can_rate", !rated && can_rate(&d));
    json_object_set_new(j, "supplement", supplement_json(&d, ev, n));
    json_object_set_new(j, "result",
                        has_result ? json_pack("{s:s, s:s, s:I}", "name", f.name, "content_type",
                                               f.content_type, "size", (json_int_t)f.size)
                                   : json_null());
    return resp_json(r, 200, j);
}

/*
 * GET /api/v1/lookup/result?code=&phone_last4=: the electronic result of a
 * returned dossier, to the one who knows its code and phone digits, under the
 * lookup's allowance; each download is in the audit log.
 */
int lookup_result(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct stored_file f;
    struct dossier d;
    int found;

    if (lookup_find(r, req_query(r, "code"), req_query(r, "phone_last4"), &d, e) < 0 ||
        (found = result_file(r, &d, &f, e)) < 0)
        return -1;
    if (!found)
        return err_set(e, 404, "not_found",
                       "the dossier has no electronic result to take yet (it is given once the "
                       "result is returned)");
    if (db_begin(r->db, DB_WRITE, e) < 0 ||
        audit_append(r->db, r->now, 0, "dossier.result.download",
                     arena_printf(&r->arena, "dossier:%s", d.code), req_peer(r), e) < 0 ||
        db_commit(r->db, e) < 0) {
        db_rollback(r->db);
        return -1;
    }
    r->resp.status = 200;
    r->resp.content_type = f.content_type;
    r->resp.file_path = blob_path(&r->arena, app->data_dir, f.sha256);
    resp_header(r, "Content-Disposition", file_disposition(r, f.name, f.content_type));
    return 0;
}

int ratings_create(struct req *r, struct err *e)
{
    static const char *const keys[] = {"code", "phone_last4", "level", "criteria", "comment", NULL};
    static const char *const levels[] = {"very_satisfied", "satisfied", "not_satisfied", NULL};
    static const char *const criteria[] = {"access", "procedure", "officer",
                                           "result", "feedback",  NULL};
    struct rating rt = {0};
    struct dossier d;
    const char *code, *digits, *level;
    json_t *body, *crit;
    int64_t v;
    int rc = -1, k;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    code = jv_string(body, NULL, "code", JV_REQUIRED, 32, e);
    digits = jv_string(body, NULL, "phone_last4", JV_REQUIRED, 4, e);
    if ((level = jv_string(body, NULL, "level", JV_REQUIRED, 20, e)))
        rt.level = jv_choice(level, levels, NULL, "level", e) + 1;
    if ((crit = jv_typed(body, NULL, "criteria", JSON_OBJECT, JV_NULLABLE, e))) {
        jv_known(crit, "criteria", criteria, e);
        for (k = 0; criteria[k]; k++)
            if (jv_int(crit, "criteria", criteria[k], JV_NULLABLE, 1, 5, &v, e) == 1)
                rt.criteria[k] = (int)v;
    }
    rt.comment = jv_string(body, NULL, "comment", JV_NULLABLE | JV_MULTILINE, 2000, e);
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (lookup_find(r, code, digits, &d, e) < 0)
        goto out;
    if (!can_rate(&d)) {
        err_set(e, 409, "not_ready", "a dossier is rated once its result is ready");
        goto out;
    }
    rt.dossier_id = d.id;
    rt.created_at = r->now;
    if (rating_insert(r->db, &rt, e) < 0 ||
        audit_append(r->db, r->now, 0, "dossier.rating",
                     arena_printf(&r->arena, "dossier:%s", d.code), level, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201, json_pack("{s:s, s:s}", "code", d.code, "level", level));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}
