/*
 * POST /api/v1/feedback/{code}/{action}: the officers' actions on a feedback
 * item, decided by core's feedback_apply and written in one transaction (the
 * item under its version, its control-sheet row, the sender's notice, the
 * audit row); and the service times and category routes an administrator sets.
 */
#include "api/feedback.h"
#include "api/handlers.h"
#include "core/dossier.h"
#include "core/roles.h"
#include "lib/json.h"
#include "store/agencies.h"
#include "store/audit.h"

#include <string.h>

/* What the action's body carries. */
static void read_input(json_t *body, int action, struct feedback_input *in, struct err *e)
{
    static const char *const keys[] = {"version", "note",         "reason",  "answer",
                                       "agency",  "duplicate_of", "request", NULL};

    memset(in, 0, sizeof(*in));
    jv_known(body, NULL, keys, e);
    jv_int(body, NULL, "version", 0, 1, INT32_MAX, &in->version, e);
    in->note = jv_string(body, NULL, "note", JV_NULLABLE | JV_MULTILINE, 2000, e);
    in->reason = jv_string(
        body, NULL, "reason",
        JV_MULTILINE | (action == FA_REFUSE || action == FA_ROUTE_OUT ? JV_REQUIRED : JV_NULLABLE),
        2000, e);
    if (action == FA_ANSWER)
        in->answer =
            feedback_plain(body, "answer", JV_REQUIRED | JV_MULTILINE, FEEDBACK_TEXT_MAX, e);
    if (action == FA_ASK)
        in->request = feedback_plain(body, "request", JV_REQUIRED | JV_MULTILINE, 2000, e);
    if (action == FA_FORWARD &&
        (in->agency = jv_string(body, NULL, "agency", JV_REQUIRED, 13, e)) &&
        !agency_id_valid(in->agency))
        err_field(e, "agency", "must be an agency identifier like 000.00.04.H43");
    if (action == FA_DUPLICATE &&
        (in->duplicate_of = jv_string(body, NULL, "duplicate_of", JV_REQUIRED, 24, e)) &&
        !feedback_code_valid(in->duplicate_of))
        err_field(e, "duplicate_of", "must be a feedback code like PAKN-260302-0001");
}

/* The facts the action needs: the agency forwarded to (if active), the original of a duplicate. */
static int read_facts(struct req *r, int action, const struct feedback_input *in,
                      struct feedback *original, struct feedback_facts *x, struct err *e)
{
    struct agency ag;

    if (action == FA_FORWARD && in->agency) {
        if (agency_get(r->db, &r->arena, in->agency, &ag, e) == 0 && ag.active)
            x->to_agency = ag.id;
        else if (e->http && e->http != 404)
            return -1;
        err_clear(e);
    }
    if (action == FA_DUPLICATE && in->duplicate_of) {
        if (feedback_by_code(r->db, &r->arena, in->duplicate_of, original, e) == 0)
            x->original = original;
        else if (e->http != 404)
            return -1;
        err_clear(e);
    }
    return 0;
}

int feedback_act(struct req *r, struct err *e)
{
    const char *name = strrchr(r->path, '/') + 1;
    const struct user *u = req_user(r);
    int action = feedback_action_parse(name), view, rc = -1;
    struct feedback_times times;
    struct feedback_input in;
    struct feedback f = {0}, original;
    struct feedback_facts x = {0};
    struct feedback_move m;
    struct err fields = ERR_INIT;
    json_t *body = NULL;

    if (action < 0)
        return err_set(e, 404, "not_found", "no action %s", name);
    if (!r->body.len)
        body = json_object();
    else if (req_json(r, &body, e) < 0)
        return -1;
    read_input(body, action, &in, &fields);
    if (db_begin(r->db, DB_WRITE, e) < 0 || feedback_find(r, r->params[0], NULL, &f, &view, e) < 0)
        goto out;
    if (view > FEEDBACK_STAFF) {
        err_set(e, 404, "not_found", "no feedback with code %s", r->params[0]);
        goto out;
    }
    x = (struct feedback_facts){
        .cal = r->cal,
        .times = &times,
        .now = r->now,
        .actor_id = u->id,
        .actor_name = feedback_actor_name(u),
        .may = user_can_at(u, feedback_action_capability(action), f.agency_path)};
    /* the version, the status and the role come before the fields */
    if (fields.http) {
        if (feedback_may(action, in.version, x.may, &f, e) == 0)
            *e = fields;
        goto out;
    }
    if (feedback_times_get(r->db, &times, e) < 0 ||
        read_facts(r, action, &in, &original, &x, e) < 0 ||
        feedback_apply(action, &in, &x, &f, &m, &r->arena, e) < 0 ||
        feedback_update(r->db, &m.f, e) < 0 || feedback_add_event(r->db, m.f.id, &m.ev, e) < 0 ||
        (m.notify && feedback_notify(r, &m.f, e) < 0) ||
        audit_append(r->db, r->now, u->id,
                     arena_printf(&r->arena, "feedback.%s", feedback_action_name(action)),
                     arena_printf(&r->arena, "feedback:%s", f.code),
                     arena_printf(&r->arena, "%s -> %s", feedback_status_name(f.status),
                                  feedback_status_name(m.f.status)),
                     e) < 0 ||
        feedback_by_code(r->db, &r->arena, f.code, &f, e) < 0 || db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 200, feedback_json(r, &f, view));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

static json_t *times_json(const struct feedback_times *t)
{
    return json_pack("{s:f, s:f, s:f, s:f}", "classify", t->classify, "ask", t->ask, "answer",
                     t->answer, "publish", t->publish);
}

int feedback_times_get_h(struct req *r, struct err *e)
{
    struct feedback_times t;

    if (feedback_times_get(r->db, &t, e) < 0)
        return -1;
    return resp_json(r, 200, times_json(&t));
}

/* PUT /api/v1/feedback/times: every service time, in working days (0.5 to 60). */
int feedback_times_put(struct req *r, struct err *e)
{
    static const char *const keys[] = {"classify", "ask", "answer", "publish", NULL};
    struct feedback_times t;
    json_t *body;
    int rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    jv_number(body, NULL, "classify", JV_REQUIRED, 0.5, 60, &t.classify, e);
    jv_number(body, NULL, "ask", JV_REQUIRED, 0.5, 60, &t.ask, e);
    jv_number(body, NULL, "answer", JV_REQUIRED, 0.5, 60, &t.answer, e);
    jv_number(body, NULL, "publish", JV_REQUIRED, 0.5, 60, &t.publish, e);
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (feedback_times_set(r->db, &t, r->now, req_user_id(r), e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "feedback.times", "feedback_times",
                     arena_printf(&r->arena, "%g/%g/%g/%g", t.classify, t.ask, t.answer, t.publish),
                     e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 200, times_json(&t));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

/* PUT /api/v1/feedback/routes/{category}: the agency a category's feedback goes to. */
int feedback_route_put(struct req *r, struct err *e)
{
    static const char *const keys[] = {"agency", NULL};
    int category = feedback_category_parse(r->params[0]), rc = -1;
    const char *agency;
    struct agency ag;
    json_t *body;

    if (category < 0)
        return err_set(e, 404, "not_found", "no feedback category %s", r->params[0]);
    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    agency = jv_string(body, NULL, "agency", JV_REQUIRED, 13, e);
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (agency_get(r->db, &r->arena, agency, &ag, e) < 0 || !ag.active) {
        if (e->http && e->http != 404)
            goto out;
        err_clear(e);
        err_field(e, "agency", "no active agency with identifier %s", agency);
        goto out;
    }
    if (feedback_route_set(r->db, category, ag.id, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "feedback.route",
                     arena_printf(&r->arena, "feedback_route:%s", r->params[0]), ag.id, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 200, json_pack("{s:s, s:s}", "category", r->params[0], "agency", ag.id));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}
