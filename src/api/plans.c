/*
 * Reform plans and their tasks: GET/POST /api/v1/plans, GET/PATCH
 * /api/v1/plans/{id}. The committee (CAP_MANAGE_PLANS) writes plans; everyone
 * with CAP_VIEW_PLANS reads those that give tasks to the units in their
 * scope, with the completion of those tasks (tasks.c has the tasks).
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/plans.h"
#include "core/date.h"
#include "core/roles.h"
#include "lib/json.h"
#include "store/audit.h"

#include <string.h>

static const char *const plan_kinds[] = {"yearly", "thematic", "conclusion", NULL};

/* Plans */

static int plan_read(json_t *body, struct plan *p, int partial, struct err *e)
{
    static const char *const keys[] = {"kind",   "year",       "title",   "doc_number", "doc_date",
                                       "signer", "report_day", "version", NULL};
    unsigned req = partial ? 0 : JV_REQUIRED;
    const char *kind;
    int64_t v;

    jv_known(body, NULL, keys, e);
    if ((kind = jv_string(body, NULL, "kind", req, 20, e)) &&
        jv_choice(kind, plan_kinds, NULL, "kind", e) >= 0)
        p->kind = kind;
    if (jv_int(body, NULL, "year", req, 2000, 2100, &v, e) == 1)
        p->year = (int)v;
    if (!partial || json_has(body, "title"))
        p->title = jv_string(body, NULL, "title", JV_REQUIRED, 500, e);
    if (!partial || json_has(body, "doc_number"))
        p->doc_number = jv_string(body, NULL, "doc_number", JV_NULLABLE, 50, e);
    if (!partial || json_has(body, "signer"))
        p->signer = jv_string(body, NULL, "signer", JV_NULLABLE, 200, e);
    if (!partial || json_has(body, "doc_date"))
        jv_day(body, "doc_date", &p->doc_day, e);
    if (jv_int(body, NULL, "report_day", 0, 1, 31, &v, e) == 1)
        p->report_day = (int)v;
    if (jv_int(body, NULL, "version", partial ? JV_REQUIRED : 0, 1, INT32_MAX, &v, e) == 1 &&
        partial && v != p->version)
        err_set(e, 409, "version_conflict", "the plan was changed meanwhile; read it again");
    return e->http ? -1 : 0;
}

/* A year's plans (0: all) with the completion of the top-level tasks the caller sees. */
int plans_list(struct req *r, struct err *e)
{
    struct task_filter f = {0};
    struct task_view *v;
    struct plan_ctx c;
    struct task *t;
    int64_t year = 0;
    json_t *items;
    size_t n, i, k;

    if (query_int(r, "year", 2000, 2100, &year, e) < 0 || plan_ctx_load(r, &c, e) < 0)
        return -1;
    f.year = (int)year;
    if (task_list(r->db, &r->arena, &f, &t, &n, e) < 0)
        return -1;
    v = arena_alloc(&r->arena, (n ? n : 1) * sizeof(*v));
    plan_task_views(&c, t, n, v);
    items = json_array();
    for (k = 0; k < c.nplans; k++) {
        const struct plan *p = &c.plans[k];
        struct task_counts counts;
        int seen = !c.scope;
        json_t *j;

        if (year && p->year != year)
            continue;
        /* a unit sees the plans that give it a task, a subtask too */
        for (i = 0; i < n && !seen; i++)
            seen = t[i].plan_id == p->id && plan_sees_task(&c, &t[i]);
        if (!seen)
            continue;
        plan_count(&c, t, v, n, p->id, &counts);
        j = plan_json(p);
        json_object_set_new(j, "tasks", task_counts_json(&counts));
        json_array_append_new(items, j);
    }
    return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

int plans_create(struct req *r, struct err *e)
{
    struct plan p = {.report_day = 20, .created_at = r->now, .updated_at = r->now};
    json_t *body;
    int rc = -1;

    p.created_by = req_user_id(r);
    if (req_json(r, &body, e) < 0)
        return -1;
    if (plan_read(body, &p, 0, e) < 0 || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (plan_insert(r->db, &p, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "plan.create",
                     arena_printf(&r->arena, "plan:%lld", (long long)p.id), p.title, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201, plan_json(&p));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

int plans_get(struct req *r, struct err *e)
{
    struct task_filter f = {0};
    struct task_counts k;
    struct plan_ctx c;
    struct task_view *v;
    struct task *t;
    struct plan p;
    json_t *tasks, *j;
    size_t n, i;

    if (param_id(r->params[0], "plan", &f.plan_id, e) < 0 || plan_ctx_load(r, &c, e) < 0 ||
        plan_get(r->db, &r->arena, f.plan_id, &p, e) < 0 ||
        task_list(r->db, &r->arena, &f, &t, &n, e) < 0)
        return -1;
    v = arena_alloc(&r->arena, (n ? n : 1) * sizeof(*v));
    plan_task_views(&c, t, n, v);
    tasks = json_array();
    for (i = 0; i < n; i++)
        if (plan_sees_task(&c, &t[i]))
            json_array_append_new(tasks, task_json(&c, &t[i], &v[i]));
    plan_count(&c, t, v, n, p.id, &k);
    if (c.scope && !json_array_size(tasks)) {
        json_decref(tasks);
        return err_set(e, 404, "not_found", "no plan %lld", (long long)p.id);
    }
    j = plan_json(&p);
    json_object_set_new(j, "counts", task_counts_json(&k));
    json_object_set_new(j, "tasks", tasks);
    return resp_json(r, 200, j);
}

int plans_update(struct req *r, struct err *e)
{
    struct plan p;
    json_t *body = NULL;
    int64_t id;
    int rc = -1;

    if (param_id(r->params[0], "plan", &id, e) < 0 || req_json(r, &body, e) < 0)
        return -1;
    if (db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (plan_get(r->db, &r->arena, id, &p, e) < 0 || plan_read(body, &p, 1, e) < 0)
        goto out;
    p.updated_at = r->now;
    if (plan_update(r->db, &p, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "plan.update",
                     arena_printf(&r->arena, "plan:%lld", (long long)p.id), p.title, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 200, plan_json(&p));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}
