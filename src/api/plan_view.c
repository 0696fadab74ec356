/* Reform plans: the caller's scope, tasks' states with their subtasks rolled up, JSON. */
#include "api/app.h"
#include "api/plans.h"
#include "core/agency.h"
#include "core/date.h"
#include "core/plans.h"
#include "core/roles.h"
#include "lib/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_id(const void *x, const void *y)
{
    return strcmp(((const struct agency *)x)->id, ((const struct agency *)y)->id);
}

int plan_ctx_init(struct db *db, struct arena *a, const struct workcal *cal, int64_t today,
                  struct plan_ctx *c, struct err *e)
{
    memset(c, 0, sizeof(*c));
    c->cal = cal;
    c->today = today;
    if (agency_list(db, a, NULL, &c->agencies, &c->nagencies, e) < 0 ||
        plan_list(db, a, 0, &c->plans, &c->nplans, e) < 0)
        return -1;
    qsort(c->agencies, c->nagencies, sizeof(struct agency), by_id);
    return 0;
}

int plan_ctx_load(struct req *r, struct plan_ctx *c, struct err *e)
{
    const struct workcal *cal = app_calendar(r, e);

    if (!cal || plan_ctx_init(r->db, &r->arena, cal, date_local_day(r->now), c, e) < 0)
        return -1;
    user_scopes(req_user(r), CAP_VIEW_PLANS, &r->arena, &c->scope, &c->nscope);
    return 0;
}

const struct plan *plan_find(const struct plan_ctx *c, int64_t id)
{
    size_t i;

    for (i = 0; i < c->nplans; i++)
        if (c->plans[i].id == id)
            return &c->plans[i];
    return NULL;
}

const struct agency *plan_agency(const struct plan_ctx *c, const char *id)
{
    struct agency key = {.id = id};

    return id ? bsearch(&key, c->agencies, c->nagencies, sizeof(struct agency), by_id) : NULL;
}

static int in_scope(const struct plan_ctx *c, const char *path)
{
    size_t i;

    for (i = 0; path && i < c->nscope; i++)
        if (agency_under(path, c->scope[i]))
            return 1;
    return 0;
}

int plan_sees_task(const struct plan_ctx *c, const struct task *t)
{
    size_t i;

    if (!c->scope || in_scope(c, t->lead_path))
        return 1;
    for (i = 0; i < t->nunits; i++) {
        const struct agency *ag = plan_agency(c, t->units[i]);

        if (ag && in_scope(c, ag->path))
            return 1;
    }
    return 0;
}

static size_t index_of(const struct task *t, size_t n, int64_t id)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (t[i].id == id)
            return i;
    return n;
}

/* How deep a task lies under its parents among these tasks (0: top-level here). */
static int depth(const struct task *t, size_t n, size_t i)
{
    int d = 0;
    size_t p;

    while (t[i].parent_id && (p = index_of(t, n, t[i].parent_id)) < n && d < 16) {
        i = p;
        d++;
    }
    return d;
}

void plan_task_views(const struct plan_ctx *c, const struct task *t, size_t n,
                     struct task_view *out)
{
    struct task_facts *facts = calloc(n ? n : 1, sizeof(*facts));
    struct task_facts *subs = calloc(n ? n : 1, sizeof(*subs));
    int *dep = calloc(n ? n : 1, sizeof(int)), d, maxd = 0;
    int64_t asof = c->asof ? c->asof : c->today;
    size_t i, j;

    if (!facts || !subs || !dep)
        abort();
    for (i = 0; i < n; i++) {
        /* as it stood on `asof`: done later is not done yet */
        facts[i] = (struct task_facts){t[i].deadline, t[i].done_day > asof ? 0 : t[i].done_day,
                                       t[i].progress};
        out[i] = (struct task_view){0};
        if ((dep[i] = depth(t, n, i)) > maxd)
            maxd = dep[i];
    }
    /* the deepest first, so a parent rolls up subtasks that have rolled up theirs */
    for (d = maxd; d >= 0; d--)
        for (i = 0; i < n; i++) {
            size_t k = 0;

            if (dep[i] != d)
                continue;
            for (j = 0; j < n; j++)
                if (t[j].parent_id == t[i].id)
                    subs[k++] = facts[j];
            task_roll_up(&facts[i], subs, k);
            out[i].nsubs = (int)k;
        }
    for (i = 0; i < n; i++) {
        out[i].state = task_state(c->cal, &facts[i], asof);
        out[i].progress = task_state_done(out[i].state) ? 100 : facts[i].progress;
        out[i].deadline = t[i].deadline ? plan_deadline(c->cal, t[i].deadline) : 0;
        out[i].done_day = facts[i].done_day;
    }
    free(facts);
    free(subs);
    free(dep);
}

int plan_task_find(struct req *r, const struct plan_ctx *c, int64_t id, struct task **tasks,
                   struct task_view **views, size_t *n, size_t *at, struct err *e)
{
    struct task_filter f = {0};
    struct task one;
    size_t i;

    if (task_get(r->db, &r->arena, id, &one, e) < 0)
        return -1;
    f.plan_id = one.plan_id;
    if (task_list(r->db, &r->arena, &f, tasks, n, e) < 0)
        return -1;
    *views = arena_alloc(&r->arena, (*n ? *n : 1) * sizeof(**views));
    plan_task_views(c, *tasks, *n, *views);
    for (i = 0; i < *n && (*tasks)[i].id != id; i++)
        ;
    if (i == *n || !plan_sees_task(c, &(*tasks)[i]))
        return err_set(e, 404, "not_found", "no task %lld", (long long)id);
    *at = i;
    return 0;
}

void plan_count(const struct plan_ctx *c, const struct task *t, const struct task_view *v, size_t n,
                int64_t plan_id, struct task_counts *k)
{
    size_t i;

    memset(k, 0, sizeof(*k));
    for (i = 0; i < n; i++)
        if ((!plan_id || t[i].plan_id == plan_id) && !t[i].parent_id && plan_sees_task(c, &t[i]))
            task_count(k, v[i].state);
}

int plan_completion_of(struct req *r, const char *path, int year, int64_t last, double *pct,
                       struct err *e)
{
    struct plan_ctx c;
    struct task_filter f = {0, year};
    struct task_counts k;
    struct task_view *v;
    struct task *t;
    size_t n;

    if (plan_ctx_load(r, &c, e) < 0 || task_list(r->db, &r->arena, &f, &t, &n, e) < 0)
        return -1;
    c.scope = &path; /* the subject's subtree, whoever asks */
    c.nscope = 1;
    if (last < c.today)
        c.asof = last;
    v = arena_alloc(&r->arena, (n ? n : 1) * sizeof(*v));
    plan_task_views(&c, t, n, v);
    plan_count(&c, t, v, n, 0, &k);
    *pct = k.total ? 100.0 * (double)k.done / (double)k.total : -1;
    return 0;
}

json_t *json_day(int64_t day)
{
    char s[DATE_ISO_MAX];

    if (!day)
        return json_null();
    date_format_ymd(day, s);
    return json_string(s);
}

static json_t *unit_json(const struct plan_ctx *c, const char *id)
{
    const struct agency *ag = plan_agency(c, id);

    return json_pack("{s:s, s:o}", "id", id, "name", json_str(ag ? ag->name : NULL));
}

json_t *task_json(const struct plan_ctx *c, const struct task *t, const struct task_view *v)
{
    json_t *units = json_array();
    size_t i;

    for (i = 0; i < t->nunits; i++)
        json_array_append_new(units, unit_json(c, t->units[i]));
    return json_pack(
        "{s:I, s:I, s:o, s:s, s:s, s:{s:s, s:o}, s:o, s:o, s:o, s:o, s:o, s:i, s:i, s:o, s:s, "
        "s:s, s:i, s:i}",
        "id", (json_int_t)t->id, "plan_id", (json_int_t)t->plan_id, "parent_id",
        t->parent_id ? json_integer(t->parent_id) : json_null(), "no", t->no, "title", t->title,
        "lead", "id", t->lead, "name", json_str(t->lead_name), "units", units, "area",
        json_str(t->area), "deadline", json_day(t->deadline), "deadline_working",
        json_day(v->deadline), "product", json_str(t->product), "priority", t->priority, "progress",
        v->progress, "done_on", json_day(v->done_day), "state", task_state_name(v->state),
        "state_label", task_state_label(v->state), "subtasks", v->nsubs, "version", t->version);
}

json_t *plan_json(const struct plan *p)
{
    return json_pack("{s:I, s:s, s:i, s:s, s:o, s:o, s:o, s:i, s:i, s:o, s:o}", "id",
                     (json_int_t)p->id, "kind", p->kind, "year", p->year, "title", p->title,
                     "doc_number", json_str(p->doc_number), "doc_date", json_day(p->doc_day),
                     "signer", json_str(p->signer), "report_day", p->report_day, "version",
                     p->version, "created_at", json_time(p->created_at), "updated_at",
                     json_time(p->updated_at));
}

json_t *task_counts_json(const struct task_counts *k)
{
    char done[48];

    snprintf(done, sizeof(done), "%lld/%lld", (long long)k->done, (long long)k->total);
    return json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:s#}", "total",
                     (json_int_t)k->total, "done", (json_int_t)k->done, "done_early",
                     (json_int_t)k->done_early, "done_on_time", (json_int_t)k->done_on_time,
                     "done_late", (json_int_t)k->done_late, "in_progress",
                     (json_int_t)k->in_progress, "not_started", (json_int_t)k->not_started,
                     "overdue", (json_int_t)k->overdue, "completion", done, strlen(done));
}

int month_parse(const char *s, const char *field, int *month, struct err *e)
{
    int y, m, n = 0;

    if (!s || sscanf(s, "%4d-%2d%n", &y, &m, &n) != 2 || s[n] || n != 7 || y < 2000 || y > 2100 ||
        m < 1 || m > 12) {
        if (field)
            return err_field(e, field, "must be a month written YYYY-MM");
        return err_set(e, 400, "bad_request", "a month is written YYYY-MM, e.g. 2026-11");
    }
    *month = y * 100 + m;
    return 0;
}

int64_t month_first_day(int month)
{
    return date_days_from_civil(month / 100, month % 100, 1);
}

int month_of_day(int64_t day)
{
    int y, m, d;

    date_civil_from_days(day, &y, &m, &d);
    return y * 100 + m;
}

int jv_day(json_t *body, const char *key, int64_t *out, struct err *e)
{
    const char *s = jv_string(body, NULL, key, JV_NULLABLE, 10, e);

    *out = 0;
    if (!s)
        return json_has(body, key) && !json_is_null(json_object_get(body, key)) ? -1 : 0;
    if (date_parse_ymd(s, out) < 0)
        return err_field_as(e, key, "date", "", "must be a date written YYYY-MM-DD");
    return 1;
}

int json_has(json_t *body, const char *key)
{
    return json_object_get(body, key) != NULL;
}

void plan_month_report(const struct plan_ctx *c, const struct task *t, const struct task_view *v,
                       int month, const struct task_report *report, struct month_report *out)
{
    const struct plan *p = plan_find(c, t->plan_id);
    int64_t submitted = report && report->submitted_at ? date_local_day(report->submitted_at) : 0;

    memset(out, 0, sizeof(*out));
    out->month = month;
    out->report = report;
    out->due = plan_report_due(c->cal, month / 100, month % 100, p ? p->report_day : 20);
    out->owed = !v->nsubs && task_owes_report(date_local_day(t->created_at), v->done_day,
                                              month_first_day(month), out->due);
    out->late = (out->owed || submitted) && plan_report_late(out->due, submitted, c->today);
}

json_t *task_report_json(const struct task_report *rep)
{
    char month[24];

    snprintf(month, sizeof(month), "%04d-%02d", rep->month / 100, rep->month % 100);
    return json_pack("{s:I, s:s, s:i, s:o, s:o, s:o, s:o, s:o, s:o, s:s, s:o, s:o, s:o}", "id",
                     (json_int_t)rep->id, "month", month, "progress", rep->progress,
                     "progress_text", json_str(rep->progress_text), "results",
                     json_str(rep->results), "shortfall", json_str(rep->shortfall), "fix",
                     json_str(rep->fix), "proposal", json_str(rep->proposal), "done_on",
                     json_day(rep->done_day), "status", rep->submitted_at ? "submitted" : "draft",
                     "submitted_at", json_time(rep->submitted_at), "submitted_by",
                     json_str(rep->submitted_by_name), "updated_at", json_time(rep->updated_at));
}

json_t *month_report_json(const struct month_report *m)
{
    char month[24];

    snprintf(month, sizeof(month), "%04d-%02d", m->month / 100, m->month % 100);
    return json_pack("{s:s, s:b, s:o, s:s, s:b, s:o}", "month", month, "owed", m->owed, "due",
                     json_day(m->due), "status",
                     !m->report                ? "missing"
                     : m->report->submitted_at ? "submitted"
                                               : "draft",
                     "late", m->late, "report",
                     m->report ? task_report_json(m->report) : json_null());
}
