/*
 * A plan's tasks: POST /api/v1/plans/{id}/tasks and PATCH /api/v1/tasks/{id}
 * (the committee: CAP_MANAGE_PLANS), GET /api/v1/tasks (what the caller's
 * units lead or cooperate on, with the month's report owed) and GET
 * /api/v1/tasks/{id} (with its reports).
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/plans.h"
#include "core/date.h"
#include "core/roles.h"
#include "lib/json.h"
#include "store/audit.h"

#include <string.h>

/* Whether `t` lies under the task `ancestor` (through at most 16 parents). */
static int under_task(struct req *r, const struct task *t, int64_t ancestor)
{
    struct task up = *t;
    struct err e = ERR_INIT;
    int depth;

    for (depth = 0; up.parent_id && depth < 16; depth++) {
        if (up.parent_id == ancestor)
            return 1;
        if (task_get(r->db, &r->arena, up.parent_id, &up, &e) < 0)
            return 0;
    }
    return 0;
}

/*
 * The progress of a task the committee reopens: the latest submitted report's
 * below 100 per cent (the one that said it was done no longer holds), or 0.
 */
static int reopened_progress(struct req *r, int64_t task_id)
{
    struct task_report *reps;
    struct err e = ERR_INIT;
    size_t n, i;

    if (task_reports_of(r->db, &r->arena, task_id, &reps, &n, &e) < 0)
        return 0;
    for (i = 0; i < n; i++) /* newest month first */
        if (reps[i].submitted_at && reps[i].progress < 100)
            return reps[i].progress;
    return 0;
}

/* The task's fields from a body; partial: only those present change. */
static int task_read(struct req *r, const struct plan_ctx *c, json_t *body, struct task *t,
                     int partial, struct err *e)
{
    static const char *const keys[] = {"no",     "title",    "lead",    "units",
                                       "area",   "deadline", "product", "priority",
                                       "parent", "done_on",  "version", NULL};
    unsigned req = partial ? 0 : JV_REQUIRED;
    const char *s;
    json_t *units;
    int64_t v;

    jv_known(body, NULL, keys, e);
    if ((s = jv_string(body, NULL, "no", req, 20, e)))
        t->no = s;
    if ((s = jv_string(body, NULL, "title", req | JV_MULTILINE, 2000, e)))
        t->title = s;
    if ((s = jv_string(body, NULL, "lead", req, 13, e))) {
        if (!plan_agency(c, s))
            err_field_as(e, "lead", "not_found", s, "no agency %s", s);
        t->lead = s;
    }
    if ((units = jv_typed(body, NULL, "units", JSON_ARRAY, JV_NULLABLE, e)) ||
        (json_has(body, "units") && !e->http)) {
        size_t i, n = json_array_size(units);

        t->units = arena_alloc(&r->arena, (n ? n : 1) * sizeof(char *));
        t->nunits = 0;
        for (i = 0; i < n && i < 50; i++) {
            const char *u = json_string_value(json_array_get(units, i));

            if (!u || !plan_agency(c, u))
                err_field_as(e, arena_printf(&r->arena, "units.%zu", i), "not_found", u ? u : "",
                             "no agency %s", u ? u : "(not a string)");
            else
                t->units[t->nunits++] = u;
        }
        if (n > 50)
            err_field(e, "units", "at most 50 cooperating units");
    }
    if (!partial || json_has(body, "area"))
        t->area = jv_string(body, NULL, "area", JV_NULLABLE, 200, e);
    if (!partial || json_has(body, "product"))
        t->product = jv_string(body, NULL, "product", JV_NULLABLE | JV_MULTILINE, 2000, e);
    if (!partial || json_has(body, "deadline"))
        jv_day(body, "deadline", &t->deadline, e);
    if (jv_int(body, NULL, "priority", 0, 1, 3, &v, e) == 1)
        t->priority = (int)v;
    if (!partial || json_has(body, "parent")) {
        t->parent_id = 0;
        if (jv_int(body, NULL, "parent", JV_NULLABLE, 1, INT64_MAX, &v, e) == 1) {
            struct task parent;
            struct err pe = {0};

            if (v == t->id)
                err_field_as(e, "parent", "subtask_cycle", "", "a task cannot be its own subtask");
            else if (task_get(r->db, &r->arena, v, &parent, &pe) < 0 ||
                     parent.plan_id != t->plan_id)
                err_field_as(e, "parent", "not_found", "", "no task %lld in this plan",
                             (long long)v);
            else if (t->id && under_task(r, &parent, t->id))
                err_field_as(e, "parent", "subtask_cycle", "", "task %lld is a subtask of this one",
                             (long long)v);
            else
                t->parent_id = v;
        }
    }
    if (!partial && json_has(body, "done_on"))
        err_field_as(e, "done_on", "invalid", "", "a new task is not done: mark it done later");
    if (partial && json_has(body, "done_on") && task_has_subtasks(r->db, t->id) == 1)
        err_field_as(e, "done_on", "has_subtasks", "",
                     "a task with subtasks is done when they are; mark them");
    else if (partial && json_has(body, "done_on") &&
             jv_day(body, "done_on", &t->done_day, e) >= 0) {
        if (t->done_day > c->today)
            err_field_as(e, "done_on", "after_today", "", "cannot be after today");
        t->progress = t->done_day ? 100 : reopened_progress(r, t->id);
    }
    if (jv_int(body, NULL, "version", partial ? JV_REQUIRED : 0, 1, INT32_MAX, &v, e) == 1 &&
        partial && v != t->version)
        err_set(e, 409, "version_conflict", "the task was changed meanwhile; read it again");
    return e->http ? -1 : 0;
}

static int task_answer(struct req *r, const struct plan_ctx *c, int status, int64_t id,
                       struct err *e)
{
    struct task_view *v;
    struct task *t;
    size_t n, i;

    if (plan_task_find(r, c, id, &t, &v, &n, &i, e) < 0)
        return -1;
    return resp_json(r, status, task_json(c, &t[i], &v[i]));
}

int tasks_create(struct req *r, struct err *e)
{
    struct task t = {.priority = 2, .created_at = r->now, .updated_at = r->now};
    struct plan_ctx c;
    struct plan p;
    json_t *body;
    int rc = -1;

    if (param_id(r->params[0], "plan", &t.plan_id, e) < 0 || req_json(r, &body, e) < 0)
        return -1;
    if (plan_ctx_load(r, &c, e) < 0 || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (plan_get(r->db, &r->arena, t.plan_id, &p, e) < 0 || task_read(r, &c, body, &t, 0, e) < 0 ||
        task_insert(r->db, &t, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "task.create",
                     arena_printf(&r->arena, "task:%lld", (long long)t.id), t.title, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = task_answer(r, &c, 201, t.id, e);
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

int tasks_update(struct req *r, struct err *e)
{
    struct plan_ctx c;
    struct task t;
    json_t *body;
    int64_t id;
    int rc = -1;

    if (param_id(r->params[0], "task", &id, e) < 0 || req_json(r, &body, e) < 0)
        return -1;
    if (plan_ctx_load(r, &c, e) < 0 || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (task_get(r->db, &r->arena, id, &t, e) < 0 || task_read(r, &c, body, &t, 1, e) < 0)
        goto out;
    t.updated_at = r->now;
    if (task_update(r->db, &t, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "task.update",
                     arena_printf(&r->arena, "task:%lld", (long long)t.id), t.title, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = task_answer(r, &c, 200, t.id, e);
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

static const char *const task_views[] = {"all", "owed", "overdue", "due_soon", NULL};
enum { VIEW_ALL, VIEW_OWED, VIEW_OVERDUE, VIEW_DUE_SOON };

/* The month's report of task t among the month's reports (sorted by task). */
static const struct task_report *report_of(const struct task_report *reps, size_t n, int64_t id)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (reps[i].task_id == id)
            return &reps[i];
    return NULL;
}

/* Whether a task belongs in a view of the list. */
static int in_view(const struct plan_ctx *c, int view, const struct task_view *v,
                   const struct month_report *m)
{
    switch (view) {
    case VIEW_OWED:
        return (m->owed && (!m->report || !m->report->submitted_at)) || v->state == TASK_OVERDUE ||
               (!task_state_done(v->state) && v->deadline && v->deadline <= c->today + 7);
    case VIEW_OVERDUE: return v->state == TASK_OVERDUE;
    case VIEW_DUE_SOON:
        return !task_state_done(v->state) && v->state != TASK_OVERDUE && v->deadline &&
               v->deadline <= c->today + 7;
    default: return 1;
    }
}

int tasks_list(struct req *r, struct err *e)
{
    struct task_filter f = {0};
    struct task_report *reps;
    struct task_view *v;
    struct plan_ctx c;
    struct task *t;
    const char *s, *lead;
    json_t *items;
    int64_t year = 0;
    size_t n, nreps, i;
    int month, view = VIEW_ALL;

    if (plan_ctx_load(r, &c, e) < 0 || query_int(r, "plan", 1, INT64_MAX, &f.plan_id, e) < 0 ||
        query_int(r, "year", 2000, 2100, &year, e) < 0)
        return -1;
    f.year = (int)year;
    lead = req_query(r, "lead");
    month = month_of_day(c.today);
    if ((s = req_query(r, "month")) && month_parse(s, NULL, &month, e) < 0)
        return -1;
    if ((s = req_query(r, "view"))) {
        for (view = 0; task_views[view] && strcmp(task_views[view], s); view++)
            ;
        if (!task_views[view])
            return err_set(e, 400, "bad_request", "view is one of all, owed, overdue, due_soon");
    }
    if (task_list(r->db, &r->arena, &f, &t, &n, e) < 0 ||
        task_reports_month(r->db, &r->arena, month, &reps, &nreps, e) < 0)
        return -1;
    v = arena_alloc(&r->arena, (n ? n : 1) * sizeof(*v));
    plan_task_views(&c, t, n, v);
    items = json_array();
    for (i = 0; i < n; i++) {
        struct month_report m;
        json_t *j;

        if (!plan_sees_task(&c, &t[i]) || (lead && strcmp(t[i].lead, lead)))
            continue;
        plan_month_report(&c, &t[i], &v[i], month, report_of(reps, nreps, t[i].id), &m);
        if (!in_view(&c, view, &v[i], &m))
            continue;
        j = task_json(&c, &t[i], &v[i]);
        json_object_set_new(j, "this_month", month_report_json(&m));
        json_object_set_new(
            j, "may_report",
            json_boolean(user_can_at(req_user(r), CAP_REPORT_TASKS, t[i].lead_path)));
        json_array_append_new(items, j);
    }
    return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

int tasks_get(struct req *r, struct err *e)
{
    struct task_report *reps;
    struct task_view *v;
    struct plan_ctx c;
    struct month_report now;
    struct task *t;
    json_t *j, *list;
    const char *s;
    size_t n, nreps, i, k;
    int64_t id;
    int month;

    if (param_id(r->params[0], "task", &id, e) < 0 || plan_ctx_load(r, &c, e) < 0)
        return -1;
    month = month_of_day(c.today);
    if ((s = req_query(r, "month")) && month_parse(s, NULL, &month, e) < 0)
        return -1;
    if (plan_task_find(r, &c, id, &t, &v, &n, &i, e) < 0)
        return -1;
    if (task_reports_of(r->db, &r->arena, id, &reps, &nreps, e) < 0)
        return -1;
    j = task_json(&c, &t[i], &v[i]);
    list = json_array();
    for (k = 0; k < nreps; k++) {
        struct task_report_file *files;
        size_t nf, x;
        json_t *rj = task_report_json(&reps[k]), *fj = json_array();
        struct month_report m;

        if (task_report_files(r->db, &r->arena, reps[k].id, &files, &nf, e) < 0) {
            json_decref(rj);
            json_decref(fj);
            json_decref(list);
            json_decref(j);
            return -1;
        }
        for (x = 0; x < nf; x++)
            json_array_append_new(fj, task_file_json(r, &files[x]));
        plan_month_report(&c, &t[i], &v[i], reps[k].month, &reps[k], &m);
        json_object_set_new(rj, "due", json_day(m.due));
        json_object_set_new(rj, "late", json_boolean(m.late));
        json_object_set_new(rj, "files", fj);
        json_array_append_new(list, rj);
    }
    json_object_set_new(j, "reports", list);
    /* the month asked about (this month by default): what the form of its report starts from */
    for (k = 0; k < nreps && reps[k].month != month; k++)
        ;
    plan_month_report(&c, &t[i], &v[i], month, k < nreps ? &reps[k] : NULL, &now);
    json_object_set_new(j, "this_month", month_report_json(&now));
    json_object_set_new(j, "plan", plan_json(plan_find(&c, t[i].plan_id)));
    json_object_set_new(j, "may_report",
                        json_boolean(user_can_at(req_user(r), CAP_REPORT_TASKS, t[i].lead_path)));
    list = json_array();
    for (k = 0; k < n; k++)
        if (t[k].parent_id == id)
            json_array_append_new(list, task_json(&c, &t[k], &v[k]));
    json_object_set_new(j, "subtasks", list);
    return resp_json(r, 200, j);
}
