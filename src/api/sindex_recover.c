/*
 * GET /api/v1/index/recover: for an agency and (by default) each child unit,
 * the points each part of the service index loses and what would win them
 * back (core/sindex_recover.h), the units ordered by what they can win back;
 * with the online procedures that had no online dossier in the period and,
 * when the period reaches today, the open dossiers at risk of being late in
 * the next working days.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/sindex.h"
#include "core/sindex_recover.h"
#include "core/worktime.h"
#include "store/quality.h"

#include <stdlib.h>
#include <string.h>

/* The most items of a list shown; its count is the full one. */
#define LIST_MAX 20

struct recovery {
    struct sindex_unit *u;
    struct sindex_recovery rc[SI_COUNT];
    struct sindex_recovery_sum sum;
};

static int by_recoverable_desc(const void *a, const void *b)
{
    const struct recovery *x = a, *y = b;
    int c = sindex_recover_cmp(&x->sum, &y->sum);

    return c ? c : strcmp(x->u->ag->id, y->u->ag->id);
}

/* The part's row of the catalog, or NULL. */
static const struct index_part_row *part_row(const struct sindex_catalog *cat, int part)
{
    size_t i;

    for (i = 0; i < cat->nparts; i++)
        if (sindex_part_parse(cat->parts[i].code) == part)
            return &cat->parts[i];
    return NULL;
}

static json_t *part_json(const struct sindex_run *run, const struct sindex_unit *u,
                         const struct sindex_recovery *rc, int p)
{
    const struct index_part_row *row = part_row(&run->cat, p);
    const struct sindex_measure *m = &u->m.m[p];
    char advice[SINDEX_ADVICE_MAX];
    json_t *j;

    sindex_advice(p, m, &run->w[p], rc, advice);
    j = json_pack("{s:s, s:s, s:s, s:o, s:o, s:s}", "code", sindex_part_code(p), "name",
                  row ? row->name : "", "group_code", row ? row->group_code : "", "max_points",
                  sindex_points_json(run->w[p].max_points), "lost", sindex_points_json(rc->lost),
                  "action", advice);
    if (!rc->recorded)
        return j;
    json_object_set_new(j, "full_at", sindex_points_json(run->w[p].full_at * 100));
    json_object_set_new(j, "numerator", json_integer(m->num));
    json_object_set_new(j, "denominator", json_integer(m->den));
    json_object_set_new(j, "points", sindex_points_json(rc->points));
    json_object_set_new(j, "growth",
                        json_string(sindex_part_growth(p) == SI_GROWS_BOTH ? "both" : "numerator"));
    json_object_set_new(j, "shortfall",
                        rc->shortfall >= 0 ? json_integer(rc->shortfall) : json_null());
    json_object_set_new(j, "reachable", json_boolean(rc->shortfall != SI_UNREACHABLE));
    json_object_set_new(j, "next_points",
                        sindex_points_json(sindex_points_won(p, m, &run->w[p], 1)));
    return j;
}

/* The unit's online procedures without an online dossier in the period. */
static json_t *unused_json(const struct sindex_run *run, const struct sindex_unit *u)
{
    size_t first[LIST_MAX], n, i;
    json_t *items = json_array();

    n = sindex_unused_online(&u->c, u->ag->path, run->procs, run->nprocs, run->places,
                             run->nagencies, first, LIST_MAX);
    for (i = 0; i < n && i < LIST_MAX; i++) {
        const struct procedure_brief *b = &run->briefs[first[i]];
        json_array_append_new(items, json_pack("{s:I, s:s, s:s}", "id", (json_int_t)b->id, "code",
                                               b->code, "name", b->name));
    }
    return json_pack("{s:I, s:o}", "count", (json_int_t)n, "items", items);
}

/* The dossiers at risk of the subtree, read once. */
struct risk {
    const struct workcal *cal;
    struct risk_row *rows;
    size_t *unit; /* the child unit of each row, or 0 */
    size_t n;
    int64_t until;
};

static int risk_read(struct req *r, const struct sindex_run *run, struct risk *k, struct err *e)
{
    size_t i;

    memset(k, 0, sizeof(*k));
    if (!run->s.live)
        return 0;
    if (!(k->cal = app_calendar(r, e)) ||
        sindex_risk_until(k->cal, r->now, SINDEX_RISK_DAYS, &k->until, e) < 0)
        return -1;
    if (at_risk_dossiers(r->db, &r->arena, run->s.ag.path, r->now, k->until, LIST_MAX, &k->rows,
                         &k->n, e) < 0)
        return -1;
    k->unit = arena_calloc(&r->arena, k->n + 1, sizeof(*k->unit));
    for (i = 0; i < k->n; i++)
        k->unit[i] = sindex_unit_of(run, k->rows[i].lead_agency);
    return 0;
}

/* The unit's dossiers at risk, soonest first, with the working time left to each one's due
   time; null when the period does not reach today. */
static json_t *risk_json(struct req *r, const struct sindex_run *run, const struct risk *k,
                         size_t unit, struct err *e)
{
    json_t *items;
    int64_t count = 0, left;
    size_t i, shown = 0;

    if (!run->s.live)
        return json_null();
    items = json_array();
    for (i = 0; i < k->n; i++) {
        const struct risk_row *x = &k->rows[i];
        if (unit && k->unit[i] != unit)
            continue;
        if (x->rank == 1)
            count += x->agency_risk;
        if (shown == LIST_MAX)
            continue;
        if (worktime_between(k->cal, workcal_hours(k->cal, x->lead_agency), r->now, x->due_at,
                             &left, e) < 0) {
            json_decref(items);
            return NULL;
        }
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:o, s:I}", "code", x->code,
                                               "procedure", x->procedure, "agency", x->lead_agency,
                                               "due_at", json_time(x->due_at),
                                               "working_minutes_left", (json_int_t)left));
        shown++;
    }
    return json_pack("{s:I, s:o}", "count", (json_int_t)count, "items", items);
}

static json_t *unit_json(struct req *r, const struct sindex_run *run, const struct risk *k,
                         const struct recovery *x, size_t unit, struct err *e)
{
    const struct sindex_unit *u = x->u;
    const struct sindex_result *s = &u->score;
    json_t *parts = json_array(), *unmeasured = json_array(), *risk;
    int order[SI_COUNT], n, i, p;

    if (!(risk = risk_json(r, run, k, unit, e))) {
        json_decref(parts);
        json_decref(unmeasured);
        return NULL;
    }
    n = sindex_recover_order(x->rc, order);
    for (i = 0; i < n; i++)
        json_array_append_new(parts, part_json(run, u, &x->rc[order[i]], order[i]));
    for (p = 0; p < SI_COUNT; p++)
        if (!x->rc[p].recorded && x->rc[p].lost > 0)
            json_array_append_new(unmeasured, part_json(run, u, &x->rc[p], p));
    return json_pack("{s:{s:s, s:s}, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}", "agency",
                     "id", u->ag->id, "name", u->ag->name, "total",
                     s->measured ? sindex_points_json(s->total) : json_null(), "points",
                     sindex_points_json(s->points), "max_points", sindex_points_json(s->max_points),
                     "recoverable", sindex_points_json(x->sum.recoverable), "recoverable_total",
                     sindex_points_json(x->sum.recoverable_total), "not_measured",
                     sindex_points_json(x->sum.not_measured), "parts", parts, "not_measured_parts",
                     unmeasured, "online_unused", unused_json(run, u), "at_risk", risk);
}

int sindex_recover_get(struct req *r, struct err *e)
{
    struct sindex_run run;
    struct recovery *x;
    struct risk k;
    json_t *j, *unit, *list;
    size_t i;

    if (sindex_run(r, 1, &run, e) < 0 || risk_read(r, &run, &k, e) < 0)
        return -1;
    x = arena_calloc(&r->arena, run.n, sizeof(*x));
    for (i = 0; i < run.n; i++) {
        x[i].u = &run.units[i];
        sindex_recover_unit(run.units[i].m.m, run.w, x[i].rc, &x[i].sum);
    }
    qsort(x + 1, run.n - 1, sizeof(*x), by_recoverable_desc);
    j = report_head(&run.s);
    json_object_set_new(j, "at_risk_until", run.s.live ? json_time(k.until) : json_null());
    if (!(unit = unit_json(r, &run, &k, &x[0], 0, e)))
        goto fail;
    json_object_set_new(j, "index", unit);
    if (run.children) {
        list = json_array();
        json_object_set_new(j, "children", list);
        for (i = 1; i < run.n; i++) {
            /* its index in run.units, which the member table names */
            size_t slot = (size_t)(x[i].u - run.units);
            if (!(unit = unit_json(r, &run, &k, &x[i], slot, e)))
                goto fail;
            json_object_set_new(unit, "rank", json_integer((json_int_t)i));
            json_array_append_new(list, unit);
        }
    }
    return resp_json(r, 200, j);
fail:
    json_decref(j);
    return -1;
}
