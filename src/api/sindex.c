/*
 * The real-time service index (Decision 766): GET /api/v1/index for an agency
 * and, with children=1, each child unit ranked with its sample size. The
 * store reads the counters and the catalog; core/sindex_measures.c measures
 * each part and core/sindex.c scores it; this file adds the counters up per
 * unit (sindex_run, for the other answers about the index too) and writes the
 * answer. sindex_measure_agency gives the same measures of one agency to
 * others (the PAR INDEX's linked figures).
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/reports.h"
#include "api/sindex.h"
#include "core/agency.h"
#include "core/date.h"
#include "core/sindex.h"
#include "core/sindex_measures.h"
#include "store/feedback.h"
#include "store/portal.h"
#include "store/procedures.h"
#include "store/sindex.h"
#include "store/stats.h"

#include <stdlib.h>
#include <string.h>

/* Everything read once for the whole subtree. */
struct inputs {
    struct stat_row *before, *during, *by_proc, *overdue;
    size_t nbefore, nduring, nby_proc, noverdue;
    struct agency *agencies;
    struct sindex_place *places; /* the agencies' paths and levels */
    size_t nagencies;
    struct procedure_brief *briefs;
    struct sindex_proc *procs; /* the briefs as core reads them, in the same order */
    size_t nprocs;
    struct sindex_catalog cat;
};

static int fetch(struct req *r, const struct report_scope *s, struct inputs *in, struct err *e)
{
    const char *path = s->ag.path;
    size_t i;

    memset(in, 0, sizeof(*in));
    if (stats_sum(r->db, &r->arena, path, STAT_BY_AGENCY, STAT_DAY_MIN, s->first - 1, &in->before,
                  &in->nbefore, e) < 0 ||
        (s->first <= s->until &&
         (stats_sum(r->db, &r->arena, path, STAT_BY_AGENCY, s->first, s->until, &in->during,
                    &in->nduring, e) < 0 ||
          stats_online_procedures(r->db, &r->arena, path, s->first, s->until, &in->by_proc,
                                  &in->nby_proc, e) < 0)) ||
        (s->live && stats_overdue_now(r->db, &r->arena, path, STAT_BY_AGENCY, r->now, &in->overdue,
                                      &in->noverdue, e) < 0) ||
        agency_list(r->db, &r->arena, s->ag.id, &in->agencies, &in->nagencies, e) < 0 ||
        procedure_briefs(r->db, &r->arena, &in->briefs, &in->nprocs, e) < 0 ||
        index_parts_list(r->db, &r->arena, &in->cat.parts, &in->cat.nparts, e) < 0 ||
        index_grades_list(r->db, &r->arena, &in->cat.grades, &in->cat.ngrades, e) < 0)
        return -1;
    in->places = arena_calloc(&r->arena, in->nagencies + 1, sizeof(*in->places));
    for (i = 0; i < in->nagencies; i++)
        in->places[i] = (struct sindex_place){in->agencies[i].path, in->agencies[i].level};
    in->procs = arena_calloc(&r->arena, in->nprocs + 1, sizeof(*in->procs));
    for (i = 0; i < in->nprocs; i++) {
        const struct procedure_brief *b = &in->briefs[i];
        in->procs[i] = (struct sindex_proc){
            b->agency_path, b->level,      b->online,         b->fee,
            b->complete,    b->created_at, b->effective_date, b->decision_date};
    }
    return 0;
}

static int member_cmp(const void *a, const void *b)
{
    return strcmp(((const struct sindex_member *)a)->id, ((const struct sindex_member *)b)->id);
}

/* The unit a row of counters adds to besides unit 0, or 0 when none. */
static size_t unit_of(const struct sindex_member *m, size_t n, const char *agency)
{
    struct sindex_member key = {agency, 0};
    const struct sindex_member *hit = bsearch(&key, m, n, sizeof(*m), member_cmp);

    return hit ? hit->unit : 0;
}

size_t sindex_unit_of(const struct sindex_run *run, const char *agency)
{
    return unit_of(run->members, run->nagencies, agency);
}

enum rows { ROWS_BEFORE, ROWS_DURING, ROWS_OVERDUE, ROWS_BY_PROC };

/* Adds rows of counters to unit 0 and to the child unit each lies under. */
static void add_rows(const struct inputs *in, struct sindex_unit *units,
                     const struct sindex_member *m, const struct stat_row *rows, size_t n,
                     enum rows which)
{
    size_t i, k;

    for (i = 0; i < n; i++) {
        const struct procedure_brief *b = NULL;
        size_t u[2] = {0, unit_of(m, in->nagencies, rows[i].agency)};
        if (which == ROWS_BY_PROC &&
            !(b = procedure_brief_find(in->briefs, in->nprocs, rows[i].procedure_id)))
            continue;
        for (k = 0; k < (u[1] ? 2u : 1u); k++) {
            struct sindex_counts *c = &units[u[k]].c;
            if (which == ROWS_BY_PROC)
                sindex_counts_hit(c, (size_t)(b - in->briefs), &rows[i].s);
            else if (which == ROWS_OVERDUE)
                c->overdue_now += rows[i].s.v[ST_OVERDUE_FROM];
            else
                stat_sums_add(which == ROWS_BEFORE ? &c->before : &c->during, &rows[i].s);
        }
    }
}

/* Adds every row of counters to the agency's unit and to the child it lies under. */
static const struct sindex_member *gather(struct req *r, const struct inputs *in, int live,
                                          struct sindex_unit *units, size_t n)
{
    struct sindex_member *m = arena_calloc(&r->arena, in->nagencies + 1, sizeof(*m));
    size_t i, k;

    for (i = 0; i < in->nagencies; i++) {
        m[i].id = in->agencies[i].id;
        for (k = 1; k < n; k++)
            if (agency_under(in->agencies[i].path, units[k].ag->path))
                m[i].unit = k;
    }
    qsort(m, in->nagencies, sizeof(*m), member_cmp);
    for (k = 0; k < n; k++) {
        units[k].c.online_hit = arena_calloc(&r->arena, in->nprocs + 1, 1);
        units[k].c.paid_hit = arena_calloc(&r->arena, in->nprocs + 1, 1);
        units[k].c.overdue_now = live ? 0 : -1;
    }
    add_rows(in, units, m, in->before, in->nbefore, ROWS_BEFORE);
    add_rows(in, units, m, in->during, in->nduring, ROWS_DURING);
    add_rows(in, units, m, in->overdue, in->noverdue, ROWS_OVERDUE);
    add_rows(in, units, m, in->by_proc, in->nby_proc, ROWS_BY_PROC);
    return m;
}

static void weights_of(const struct inputs *in, struct sindex_weight w[SI_COUNT])
{
    size_t i;

    memset(w, 0, sizeof(*w) * SI_COUNT);
    for (i = 0; i < in->cat.nparts; i++) {
        const struct index_part_row *row = &in->cat.parts[i];
        int p = sindex_part_parse(row->code);
        if (p >= 0)
            w[p] = (struct sindex_weight){row->max_points, row->full_at};
    }
}

static int by_total_desc(const void *a, const void *b)
{
    const struct sindex_unit *x = a, *y = b;
    int c = sindex_rank_cmp(&x->score, &y->score);

    return c ? c : strcmp(x->ag->id, y->ag->id);
}

/* Each unit's feedback of the period: the index counts it as core tallies it. */
/* Each unit's feedback of the period: each item counts for unit 0 and the child it lies under. */
static int feedback_of(struct req *r, const struct report_scope *s, const struct inputs *in,
                       const struct sindex_member *m, struct sindex_unit *units, size_t n,
                       struct err *e)
{
    int64_t from = date_utc_of_local(s->first, 0), to = date_utc_of_local(s->until + 1, 0);
    struct feedback_tally *t = arena_calloc(&r->arena, n, sizeof(*t));
    struct feedback_fact *facts;
    size_t nf, i, k, u[2];

    if (feedback_facts(r->db, &r->arena, s->ag.path, from, to, &facts, &nf, e) < 0)
        return -1;
    for (i = 0; i < nf; i++) {
        u[0] = 0;
        u[1] = unit_of(m, in->nagencies, facts[i].f.agency);
        for (k = 0; k < (u[1] ? 2 : 1); k++)
            feedback_tally_add(&t[u[k]], &facts[i].f, facts[i].rating, facts[i].rated_at, from, to,
                               r->now);
    }
    for (k = 0; k < n; k++) {
        units[k].c.fb_handled = feedback_tally_judged(&t[k]);
        units[k].c.fb_on_time = t[k].on_time;
        units[k].c.fb_rated = t[k].rated;
        units[k].c.fb_satisfied = t[k].satisfied;
    }
    return 0;
}

/* Each unit's dossiers submitted in the period, and those synchronised to the portal on time. */
static int sync_of(struct req *r, const struct report_scope *s, const struct inputs *in,
                   const struct sindex_member *m, struct sindex_unit *units, struct err *e)
{
    int64_t from = date_utc_of_local(s->first, 0), to = date_utc_of_local(s->until + 1, 0);
    struct portal_fact *facts;
    size_t nf, i, k, u[2];

    if (portal_facts_read(r->db, &r->arena, s->ag.path, from, to, &facts, &nf, e) < 0)
        return -1;
    for (i = 0; i < nf; i++) {
        u[0] = 0;
        u[1] = unit_of(m, in->nagencies, facts[i].agency);
        for (k = 0; k < (u[1] ? 2 : 1); k++) {
            units[u[k]].c.sync_dossiers++;
            units[u[k]].c.sync_on_time += facts[i].on_time;
        }
    }
    return 0;
}

int sindex_run(struct req *r, int children, struct sindex_run *out, struct err *e)
{
    const char *q = req_query(r, "children");
    struct report_scope s;

    if (report_scope(r, &s, e) < 0)
        return -1;
    if (s.format != REPORT_JSON)
        return err_set(e, 400, "invalid_query", "the index is served as JSON");
    if (q && strcmp(q, "0") && strcmp(q, "1"))
        return err_set(e, 400, "invalid_query", "children must be 0 or 1");
    return sindex_run_for(r, &s, q ? !strcmp(q, "1") : children, out, e);
}

int sindex_run_for(struct req *r, const struct report_scope *s, int children,
                   struct sindex_run *out, struct err *e)
{
    struct inputs in;
    size_t i;

    memset(out, 0, sizeof(*out));
    out->s = *s;
    out->children = children;
    if (fetch(r, &out->s, &in, e) < 0)
        return -1;
    weights_of(&in, out->w);
    out->units = arena_calloc(&r->arena, in.nagencies + 1, sizeof(*out->units));
    out->units[0].ag = &out->s.ag;
    out->n = 1;
    if (out->children)
        for (i = 0; i < in.nagencies; i++)
            if (in.agencies[i].parent && !strcmp(in.agencies[i].parent, out->s.ag.id))
                out->units[out->n++].ag = &in.agencies[i];
    out->members = gather(r, &in, out->s.live, out->units, out->n);
    if (feedback_of(r, &out->s, &in, out->members, out->units, out->n, e) < 0 ||
        sync_of(r, &out->s, &in, out->members, out->units, e) < 0)
        return -1;
    for (i = 0; i < out->n; i++) {
        struct sindex_unit *u = &out->units[i];
        sindex_measure_unit(&u->c, u->ag->path, in.procs, in.nprocs, in.places, in.nagencies,
                            &u->m);
        sindex_compute(u->m.m, out->w, &u->score);
    }
    out->cat = in.cat;
    out->briefs = in.briefs;
    out->procs = in.procs;
    out->nprocs = in.nprocs;
    out->agencies = in.agencies;
    out->places = in.places;
    out->nagencies = in.nagencies;
    return 0;
}

int sindex_get(struct req *r, struct err *e)
{
    struct sindex_run run;
    struct sindex_unit *units;
    size_t i;
    json_t *j, *list;

    if (sindex_run(r, 0, &run, e) < 0)
        return -1;
    units = run.units;
    qsort(units + 1, run.n - 1, sizeof(*units), by_total_desc);
    j = report_head(&run.s);
    json_object_set_new(j, "index",
                        sindex_unit_json(&run.cat, units[0].ag, &units[0].m, &units[0].score, 1));
    if (run.children) {
        int64_t from = date_utc_of_local(run.s.first, 0),
                to = date_utc_of_local(run.s.until + 1, 0);
        list = json_array();
        for (i = 1; i < run.n; i++) {
            json_t *c = sindex_unit_json(&run.cat, units[i].ag, &units[i].m, &units[i].score, 0);
            json_object_set_new(c, "rank", json_integer((json_int_t)i));
            /* a unit answering for no dossier may still receive them for others (a one-stop
               centre): its desk's count, so that it reads as a receiving unit, not as empty */
            if (!units[i].m.received) {
                int64_t desk = 0;
                if (dossiers_received_at_desks(r->db, units[i].ag->path, from, to, &desk, e) < 0) {
                    json_decref(c);
                    json_decref(list);
                    json_decref(j);
                    return -1;
                }
                json_object_set_new(c, "received_at_desk", json_integer((json_int_t)desk));
            }
            json_array_append_new(list, c);
        }
        json_object_set_new(j, "children", list);
    }
    return resp_json(r, 200, j);
}

int sindex_measure_agency(struct req *r, const struct agency *ag, int64_t first, int64_t last,
                          struct sindex_measures *out, struct err *e)
{
    int64_t today = date_local_day(r->now);
    struct report_scope s = {.ag = *ag, .first = first, .last = last};
    struct sindex_run run;

    s.until = last < today ? last : today;
    s.live = last >= today;
    if (sindex_run_for(r, &s, 0, &run, e) < 0)
        return -1;
    *out = run.units[0].m;
    return 0;
}
