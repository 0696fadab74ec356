/*
 * The steering committee's view of a month: GET /api/v1/committee?month=
 * (completion by plan and by unit, the overdue tasks, who has not reported,
 * the month's reports side by side; a member's own units first), and the
 * members with the units and areas they follow: GET
 * /api/v1/committee/members, PUT /api/v1/committee/members/{id}.
 */
#include "api/app.h"
#include "api/committee.h"
#include "api/handlers.h"
#include "core/agency.h"
#include "core/date.h"
#include "core/roles.h"
#include "lib/json.h"
#include "store/audit.h"
#include "store/users.h"

#include <stdlib.h>
#include <string.h>

static int contains(const char *const *list, size_t n, const char *s)
{
    size_t i;

    for (i = 0; s && i < n; i++)
        if (!strcmp(list[i], s))
            return 1;
    return 0;
}

static struct unit_month *unit_of(struct committee_month *m, const struct plan_ctx *c,
                                  const char *id)
{
    size_t i;

    for (i = 0; i < m->nunits; i++)
        if (!strcmp(m->units[i].id, id))
            return &m->units[i];
    m->units[m->nunits] = (struct unit_month){.id = id};
    m->units[m->nunits].name = plan_agency(c, id) ? plan_agency(c, id)->name : id;
    return &m->units[m->nunits++];
}

static int by_mine_then_name(const void *x, const void *y)
{
    const struct unit_month *a = x, *b = y;

    if (a->mine != b->mine)
        return b->mine - a->mine;
    return strcmp(a->name, b->name);
}

int committee_month_load(struct req *r, int month, int64_t plan_id, struct committee_month *m,
                         struct err *e)
{
    struct task_filter f = {.plan_id = plan_id};
    const char **areas;
    int64_t last;
    size_t i, k, nareas;

    memset(m, 0, sizeof(*m));
    m->month = month;
    if (!plan_id)
        f.year = month / 100;
    if (plan_ctx_load(r, &m->c, e) < 0 ||
        task_list(r->db, &r->arena, &f, &m->tasks, &m->ntasks, e) < 0 ||
        task_reports_month(r->db, &r->arena, month, &m->reps, &m->nreps, e) < 0 ||
        committee_get(r->db, &r->arena, req_user_id(r), &m->mine, &m->nmine, &areas, &nareas, e) <
            0)
        return -1;
    m->views = arena_alloc(&r->arena, (m->ntasks ? m->ntasks : 1) * sizeof(*m->views));
    m->months = arena_alloc(&r->arena, (m->ntasks ? m->ntasks : 1) * sizeof(*m->months));
    m->units = arena_alloc(&r->arena, (m->ntasks ? m->ntasks : 1) * sizeof(*m->units));
    /* a closed month's tasks as they stood at its end; its reports' lateness as of today */
    last = month_first_day(month) + date_days_in_month(month / 100, month % 100) - 1;
    m->c.asof = last < m->c.today ? last : m->c.today;
    plan_task_views(&m->c, m->tasks, m->ntasks, m->views);
    plan_count(&m->c, m->tasks, m->views, m->ntasks, 0, &m->counts);
    for (i = 0; i < m->ntasks; i++) {
        const struct task *t = &m->tasks[i];
        const struct task_report *rep = NULL;
        struct unit_month *u;

        for (k = 0; k < m->nreps && !rep; k++)
            if (m->reps[k].task_id == t->id)
                rep = &m->reps[k];
        plan_month_report(&m->c, t, &m->views[i], month, rep, &m->months[i]);
        if (!plan_sees_task(&m->c, t))
            continue;
        if (m->views[i].nsubs) /* a unit answers for the tasks without subtasks it leads */
            continue;
        u = unit_of(m, &m->c, t->lead);
        u->mine |= contains(m->mine, m->nmine, t->lead) || contains(areas, nareas, t->area);
        task_count(&u->counts, m->views[i].state);
        u->owed += m->months[i].owed;
        if (rep && rep->submitted_at)
            u->submitted++;
        else if (m->months[i].owed)
            u->missing++;
        u->late += m->months[i].late;
    }
    qsort(m->units, m->nunits, sizeof(*m->units), by_mine_then_name);
    return 0;
}

static json_t *brief_json(const struct committee_month *m, size_t i)
{
    json_t *j = task_json(&m->c, &m->tasks[i], &m->views[i]);

    json_object_set_new(j, "this_month", month_report_json(&m->months[i]));
    return j;
}

int committee_get_h(struct req *r, struct err *e)
{
    struct committee_month m;
    const char *s;
    json_t *plans, *units, *overdue, *missing, *reports;
    int64_t plan_id = 0;
    size_t i, k;
    int month;

    if (query_int(r, "plan", 1, INT64_MAX, &plan_id, e) < 0)
        return -1;
    month = month_of_day(date_local_day(r->now));
    if ((s = req_query(r, "month")) && month_parse(s, NULL, &month, e) < 0)
        return -1;
    if (committee_month_load(r, month, plan_id, &m, e) < 0)
        return -1;
    plans = json_array();
    for (k = 0; k < m.c.nplans; k++) {
        struct task_counts pc;
        json_t *pj;

        if (plan_id ? m.c.plans[k].id != plan_id : m.c.plans[k].year != month / 100)
            continue;
        plan_count(&m.c, m.tasks, m.views, m.ntasks, m.c.plans[k].id, &pc);
        pj = plan_json(&m.c.plans[k]);
        json_object_set_new(pj, "counts", task_counts_json(&pc));
        json_array_append_new(plans, pj);
    }
    units = json_array();
    missing = json_array();
    for (k = 0; k < m.nunits; k++) {
        const struct unit_month *u = &m.units[k];
        json_t *owing = json_array();

        json_array_append_new(units, json_pack("{s:s, s:s, s:b, s:o, s:{s:i, s:i, s:i, s:i}}", "id",
                                               u->id, "name", u->name, "mine", u->mine, "counts",
                                               task_counts_json(&u->counts), "reports", "owed",
                                               u->owed, "submitted", u->submitted, "missing",
                                               u->missing, "late", u->late));
        for (i = 0; i < m.ntasks; i++)
            if (!strcmp(m.tasks[i].lead, u->id) && m.months[i].owed && !m.views[i].nsubs &&
                (!m.months[i].report || !m.months[i].report->submitted_at) &&
                plan_sees_task(&m.c, &m.tasks[i]))
                json_array_append_new(owing, brief_json(&m, i));
        if (json_array_size(owing))
            json_array_append_new(missing,
                                  json_pack("{s:{s:s, s:s}, s:b, s:o}", "unit", "id", u->id, "name",
                                            u->name, "mine", u->mine, "tasks", owing));
        else
            json_decref(owing);
    }
    overdue = json_array();
    reports = json_array();
    for (k = 0; k < m.nunits; k++)
        for (i = 0; i < m.ntasks; i++) {
            if (strcmp(m.tasks[i].lead, m.units[k].id) || m.views[i].nsubs ||
                !plan_sees_task(&m.c, &m.tasks[i]))
                continue;
            if (m.views[i].state == TASK_OVERDUE)
                json_array_append_new(overdue, brief_json(&m, i));
            if (m.months[i].report && m.months[i].report->submitted_at)
                json_array_append_new(reports, brief_json(&m, i));
        }
    return resp_json(r, 200,
                     json_pack("{s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "month",
                               arena_printf(&r->arena, "%04d-%02d", month / 100, month % 100),
                               "today", json_day(m.c.today), "counts", task_counts_json(&m.counts),
                               "plans", plans, "units", units, "overdue", overdue, "not_reported",
                               missing, "reports", reports));
}

/* Members */

int committee_members_list(struct req *r, struct err *e)
{
    struct user *users;
    json_t *items;
    size_t n, i, k;

    if (user_list(r->db, &r->arena, NULL, &users, &n, e) < 0)
        return -1;
    items = json_array();
    for (i = 0; i < n; i++) {
        const char **units, **areas;
        size_t nunits, nareas;
        json_t *uj, *aj;
        int member = 0;

        for (k = 0; k < users[i].nroles; k++)
            member |= !strcmp(users[i].roles[k].role, "steering");
        if (!member)
            continue;
        if (committee_get(r->db, &r->arena, users[i].id, &units, &nunits, &areas, &nareas, e) < 0) {
            json_decref(items);
            return -1;
        }
        uj = json_array();
        aj = json_array();
        for (k = 0; k < nunits; k++)
            json_array_append_new(uj, json_string(units[k]));
        for (k = 0; k < nareas; k++)
            json_array_append_new(aj, json_string(areas[k]));
        json_array_append_new(items,
                              json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)users[i].id,
                                        "username", users[i].username, "full_name",
                                        users[i].full_name, "units", uj, "areas", aj));
    }
    return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The strings of an array member, each checked by `ok` (NULL: any text of 1..200 characters). */
static const char **strings(struct req *r, json_t *body, const char *key, const struct plan_ctx *c,
                            size_t *n, struct err *e)
{
    json_t *arr = jv_typed(body, NULL, key, JSON_ARRAY, JV_REQUIRED, e);
    size_t i, len = json_array_size(arr);
    const char **out = arena_alloc(&r->arena, (len ? len : 1) * sizeof(char *));

    *n = 0;
    if (len > 200)
        err_field(e, key, "at most 200");
    for (i = 0; i < len && i < 200; i++) {
        const char *s = json_string_value(json_array_get(arr, i));
        const char *field = arena_printf(&r->arena, "%s.%zu", key, i);

        if (!s || !*s || strlen(s) > 200)
            err_field(e, field, "must be a text of 1 to 200 characters");
        else if (c && !plan_agency(c, s))
            err_field_as(e, field, "not_found", s, "no agency %s", s);
        else
            out[(*n)++] = s;
    }
    return out;
}

int committee_members_put(struct req *r, struct err *e)
{
    static const char *const keys[] = {"units", "areas", NULL};
    const char **units, **areas;
    struct plan_ctx c;
    struct user u;
    json_t *body;
    size_t nunits, nareas, k;
    int64_t id;
    int member = 0, rc = -1;

    if (param_id(r->params[0], "user", &id, e) < 0 || req_json(r, &body, e) < 0)
        return -1;
    if (plan_ctx_load(r, &c, e) < 0 || user_by_id(r->db, &r->arena, id, &u, e) < 0)
        goto out;
    for (k = 0; k < u.nroles; k++)
        member |= !strcmp(u.roles[k].role, "steering");
    if (!member) {
        err_set(e, 404, "not_found", "user %lld is not a member of the steering committee",
                (long long)id);
        goto out;
    }
    jv_known(body, NULL, keys, e);
    units = strings(r, body, "units", &c, &nunits, e);
    areas = strings(r, body, "areas", NULL, &nareas, e);
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (committee_set(r->db, id, units, nunits, areas, nareas, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "committee.member",
                     arena_printf(&r->arena, "user:%lld", (long long)id),
                     arena_printf(&r->arena, "%zu units, %zu areas", nunits, nareas), e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 200,
                   json_pack("{s:I, s:O, s:O}", "id", (json_int_t)id, "units",
                             json_object_get(body, "units"), "areas",
                             json_object_get(body, "areas")));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}
