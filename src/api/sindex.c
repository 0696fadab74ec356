/*
 * The real-time service index (Decision 766): GET /api/v1/index for an agency
 * (and, with children=1, each child unit ranked with its sample size), and
 * its weights, GET and PUT /api/v1/index/parts. Measured from the statistics
 * counters and the procedure catalog; scored by core/sindex.c.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/reports.h"
#include "core/agency.h"
#include "core/date.h"
#include "core/sindex.h"
#include "lib/json.h"
#include "store/audit.h"
#include "store/procedures.h"
#include "store/sindex.h"
#include "store/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* One unit the index is computed for: the agency itself or one of its children. */
struct unit {
    const struct agency *ag;
    struct stat_sums before, during;
    int64_t overdue_now;
    unsigned char *online_hit, *paid_hit; /* per procedure brief: had such a dossier */
    struct sindex_measure m[SI_COUNT];
    struct resolution res;
    struct sindex_result score;
};

/* Everything read once for the whole subtree. */
struct inputs {
    struct stat_row *before, *during, *by_proc, *overdue;
    size_t nbefore, nduring, nby_proc, noverdue;
    struct agency *agencies;
    size_t nagencies;
    struct procedure_brief *procs;
    size_t nprocs;
    struct index_part_row *parts;
    size_t nparts;
    struct index_grade_row *grades;
    size_t ngrades;
};

/*
 * A procedure is the unit's when its agency is under the unit, or when it is
 * published above for a level of government the unit has (the province
 * publishes the communes' procedures, and every commune carries them out).
 */
static int procedure_of(const struct procedure_brief *p, const char *unit_path,
                        const struct inputs *in)
{
    size_t i;

    if (agency_under(p->agency_path, unit_path))
        return 1;
    for (i = 0; i < in->nagencies; i++)
        if (agency_under(in->agencies[i].path, unit_path) &&
            !strcmp(in->agencies[i].level, p->level) &&
            agency_under(in->agencies[i].path, p->agency_path))
            return 1;
    return 0;
}

static int fetch(struct req *r, const struct report_scope *s, struct inputs *in, struct err *e)
{
    const char *path = s->ag.path;

    memset(in, 0, sizeof(*in));
    return stats_sum(r->db, &r->arena, path, STAT_BY_AGENCY, STAT_DAY_MIN, s->first - 1,
                     &in->before, &in->nbefore, e) < 0 ||
                   (s->first <= s->until &&
                    (stats_sum(r->db, &r->arena, path, STAT_BY_AGENCY, s->first, s->until,
                               &in->during, &in->nduring, e) < 0 ||
                     stats_online_procedures(r->db, &r->arena, path, s->first, s->until,
                                             &in->by_proc, &in->nby_proc, e) < 0)) ||
                   (s->live && stats_overdue_now(r->db, &r->arena, path, STAT_BY_AGENCY, r->now,
                                                 &in->overdue, &in->noverdue, e) < 0) ||
                   agency_list(r->db, &r->arena, s->ag.id, &in->agencies, &in->nagencies, e) < 0 ||
                   procedure_briefs(r->db, &r->arena, &in->procs, &in->nprocs, e) < 0 ||
                   index_parts_list(r->db, &r->arena, &in->parts, &in->nparts, e) < 0 ||
                   index_grades_list(r->db, &r->arena, &in->grades, &in->ngrades, e) < 0
               ? -1
               : 0;
}

/* An agency of the subtree and the unit (0: the agency asked about; 1..: a child) it counts for. */
struct member {
    const char *id;
    size_t unit;
};

static int member_cmp(const void *a, const void *b)
{
    return strcmp(((const struct member *)a)->id, ((const struct member *)b)->id);
}

/* The unit a row of counters adds to besides unit 0, or 0 when none. */
static size_t unit_of(const struct member *m, size_t n, const char *agency)
{
    struct member key = {agency, 0};
    const struct member *hit = bsearch(&key, m, n, sizeof(*m), member_cmp);

    return hit ? hit->unit : 0;
}

static void add_row(struct unit *units, size_t k, const struct stat_row *row, int during)
{
    stat_sums_add(during ? &units[k].during : &units[k].before, &row->s);
}

/* Adds every row of counters to the agency's unit and to the child it lies under. */
static void gather(struct req *r, const struct inputs *in, struct unit *units, size_t n)
{
    struct member *m = arena_calloc(&r->arena, in->nagencies + 1, sizeof(*m));
    size_t i, k;

    for (i = 0; i < in->nagencies; i++) {
        m[i].id = in->agencies[i].id;
        for (k = 1; k < n; k++)
            if (agency_under(in->agencies[i].path, units[k].ag->path))
                m[i].unit = k;
    }
    qsort(m, in->nagencies, sizeof(*m), member_cmp);
    for (k = 0; k < n; k++) {
        units[k].online_hit = arena_calloc(&r->arena, in->nprocs + 1, 1);
        units[k].paid_hit = arena_calloc(&r->arena, in->nprocs + 1, 1);
    }
    for (i = 0; i < in->nbefore; i++) {
        add_row(units, 0, &in->before[i], 0);
        if ((k = unit_of(m, in->nagencies, in->before[i].agency)))
            add_row(units, k, &in->before[i], 0);
    }
    for (i = 0; i < in->nduring; i++) {
        add_row(units, 0, &in->during[i], 1);
        if ((k = unit_of(m, in->nagencies, in->during[i].agency)))
            add_row(units, k, &in->during[i], 1);
    }
    for (i = 0; i < in->noverdue; i++) {
        units[0].overdue_now += in->overdue[i].s.v[ST_OVERDUE_FROM];
        if ((k = unit_of(m, in->nagencies, in->overdue[i].agency)))
            units[k].overdue_now += in->overdue[i].s.v[ST_OVERDUE_FROM];
    }
    for (i = 0; i < in->nby_proc; i++) {
        const struct stat_row *row = &in->by_proc[i];
        const struct procedure_brief *b =
            procedure_brief_find(in->procs, in->nprocs, row->procedure_id);
        size_t at, u[2] = {0, unit_of(m, in->nagencies, row->agency)};
        if (!b)
            continue;
        at = (size_t)(b - in->procs);
        for (k = 0; k < (u[1] ? 2 : 1); k++) {
            units[u[k]].online_hit[at] |= row->s.v[ST_RECV_ONLINE] > 0;
            units[u[k]].paid_hit[at] |= row->s.v[ST_PAID_ONLINE] > 0;
        }
    }
}

static void measure(const struct inputs *in, int live, struct unit *u)
{
    const int64_t *p = u->during.v;
    struct sindex_measure *m = u->m;
    size_t i;

    resolution_of(&u->before, &u->during, live ? u->overdue_now : -1, &u->res);
    for (i = 0; i < in->nprocs; i++) {
        const struct procedure_brief *b = &in->procs[i];
        int64_t effective;
        if (!procedure_of(b, u->ag->path, in))
            continue;
        /* published no later than it takes effect: the decision's date (the day it was
           entered here only when the decision's is unknown) */
        if (b->effective_date && date_parse_ymd(b->effective_date, &effective) == 0) {
            int64_t published = date_local_day(b->created_at);
            if (b->decision_date && date_parse_ymd(b->decision_date, &published) < 0)
                published = date_local_day(b->created_at);
            m[SI_PUBLISHED_ON_TIME].den++;
            m[SI_PUBLISHED_ON_TIME].num += published <= effective;
        }
        m[SI_COMPLETE_CONTENT].den++;
        m[SI_COMPLETE_CONTENT].num += b->complete;
        m[SI_PROCEDURES_ONLINE].den++;
        m[SI_PROCEDURES_ONLINE].num += b->online;
        m[SI_ONLINE_USED].den += b->online;
        m[SI_ONLINE_USED].num += b->online && u->online_hit[i];
        m[SI_PROCEDURES_PAID_ONLINE].den += b->fee;
        m[SI_PROCEDURES_PAID_ONLINE].num += b->fee && u->paid_hit[i];
    }
    /* payment integration (not recorded) concerns only units with fee-bearing procedures */
    m[SI_PAYMENT_INTEGRATED].den = m[SI_PROCEDURES_PAID_ONLINE].den > 0 ? 0 : -1;
    m[SI_ON_TIME].num = u->res.early + u->res.on_time - p[ST_DONE_INDEX_LATE];
    m[SI_ON_TIME].den = u->res.resolved + u->res.overdue;
    m[SI_DOSSIERS_ONLINE].num = p[ST_RECV_ONLINE];
    m[SI_DOSSIERS_ONLINE].den = p[ST_RECV_ONLINE] + p[ST_RECV_COUNTER] + p[ST_RECV_POST];
    m[SI_PAID_ONLINE] = (struct sindex_measure){p[ST_PAID_ONLINE], p[ST_FEE_BEARING]};
    m[SI_E_RESULTS] = (struct sindex_measure){p[ST_E_RESULT], u->res.resolved - u->res.refused -
                                                                  u->res.withdrawn -
                                                                  u->res.stopped}; /* results */
    m[SI_DIGITISED] = (struct sindex_measure){p[ST_DIGITISED], p[ST_COMPONENTS]};
    m[SI_SATISFIED] = (struct sindex_measure){p[ST_RATING_1] + p[ST_RATING_2],
                                              p[ST_RATING_1] + p[ST_RATING_2] + p[ST_RATING_3]};
}

static void weights_of(const struct inputs *in, struct sindex_weight w[SI_COUNT])
{
    size_t i;

    memset(w, 0, sizeof(*w) * SI_COUNT);
    for (i = 0; i < in->nparts; i++) {
        int p = sindex_part_parse(in->parts[i].code);
        if (p >= 0)
            w[p] = (struct sindex_weight){in->parts[i].max_points, in->parts[i].full_at};
    }
}

static json_t *num2(double x)
{
    return json_real(round(x * 100) / 100);
}

static json_t *grade_json(const struct inputs *in, double total)
{
    double mins[16];
    size_t i, n = in->ngrades < 16 ? in->ngrades : 16;
    int g;

    for (i = 0; i < n; i++)
        mins[i] = in->grades[i].min_points;
    g = sindex_grade(total, mins, (int)n);
    return g < 0 ? json_null()
                 : json_pack("{s:s, s:s}", "code", in->grades[g].code, "name", in->grades[g].name);
}

/* The unit's score by group (in the parts' order), with every part when detailed. */
static json_t *unit_json(const struct inputs *in, const struct unit *u, int detailed)
{
    const struct sindex_result *s = &u->score;
    json_t *groups = json_array(), *g = NULL;
    const char *current = NULL;
    double gp = 0, gmax = 0;
    size_t i;

    for (i = 0; i <= in->nparts; i++) {
        const struct index_part_row *row = i < in->nparts ? &in->parts[i] : NULL;
        int p = row ? sindex_part_parse(row->code) : -1;
        if (current && (!row || strcmp(row->group_code, current))) {
            json_object_set_new(g, "points", num2(gp));
            json_object_set_new(g, "max_points", num2(gmax));
            json_array_append_new(groups, g);
            current = NULL;
        }
        if (!row || p < 0)
            continue;
        if (!current) {
            current = row->group_code;
            g = json_pack("{s:s, s:s}", "code", row->group_code, "name", row->group_name);
            if (detailed)
                json_object_set_new(g, "parts", json_array());
            gp = gmax = 0;
        }
        if (s->part[p].applicable) {
            gp += s->part[p].points;
            gmax += row->max_points;
        }
        if (detailed)
            json_array_append_new(
                json_object_get(g, "parts"),
                json_pack("{s:s, s:s, s:o, s:o, s:b, s:b, s:o, s:o, s:o, s:o, s:s}", "code",
                          row->code, "name", row->name, "max_points", num2(row->max_points),
                          "full_at", num2(row->full_at * 100), "recorded", sindex_part_recorded(p),
                          "applicable", s->part[p].applicable, "numerator",
                          sindex_part_recorded(p) ? json_integer(u->m[p].num) : json_null(),
                          "denominator",
                          sindex_part_recorded(p) ? json_integer(u->m[p].den) : json_null(), "rate",
                          s->part[p].rate < 0 ? json_null() : num2(s->part[p].rate * 100), "points",
                          num2(s->part[p].points), "source", sindex_part_source(p)));
    }
    /* nothing measured (no dossier, no procedure): no score rather than a weak one */
    return json_pack("{s:{s:s, s:s}, s:o, s:o, s:o, s:o, s:{s:I, s:I}, s:o}", "agency", "id",
                     u->ag->id, "name", u->ag->name, "total",
                     s->measured ? num2(s->total) : json_null(), "points", num2(s->points),
                     "max_points", num2(s->max_points), "grade",
                     s->measured ? grade_json(in, s->total) : json_null(), "sample", "received",
                     (json_int_t)(u->during.v[ST_RECV_COUNTER] + u->during.v[ST_RECV_ONLINE] +
                                  u->during.v[ST_RECV_POST]),
                     "resolved", (json_int_t)u->res.resolved, "groups", groups);
}

static int by_total_desc(const void *a, const void *b)
{
    const struct unit *x = a, *y = b;

    if (!x->score.measured != !y->score.measured)
        return x->score.measured ? -1 : 1;
    if (x->score.total != y->score.total)
        return x->score.total > y->score.total ? -1 : 1;
    return strcmp(x->ag->id, y->ag->id);
}

int sindex_get(struct req *r, struct err *e)
{
    struct report_scope s;
    struct inputs in;
    struct sindex_weight w[SI_COUNT];
    struct unit *units;
    const char *children = req_query(r, "children");
    size_t n = 1, i;
    json_t *j, *list;

    if (report_scope(r, &s, e) < 0)
        return -1;
    if (s.format != REPORT_JSON)
        return err_set(e, 400, "invalid_query", "the index is served as JSON");
    if (children && strcmp(children, "0") && strcmp(children, "1"))
        return err_set(e, 400, "invalid_query", "children must be 0 or 1");
    if (fetch(r, &s, &in, e) < 0)
        return -1;
    weights_of(&in, w);
    units = arena_calloc(&r->arena, in.nagencies + 1, sizeof(*units));
    units[0].ag = &s.ag;
    if (children && !strcmp(children, "1"))
        for (i = 0; i < in.nagencies; i++)
            if (in.agencies[i].parent && !strcmp(in.agencies[i].parent, s.ag.id))
                units[n++].ag = &in.agencies[i];
    gather(r, &in, units, n);
    for (i = 0; i < n; i++) {
        measure(&in, s.live, &units[i]);
        sindex_compute(units[i].m, w, &units[i].score);
    }
    qsort(units + 1, n - 1, sizeof(*units), by_total_desc);
    j = report_head(&s);
    json_object_set_new(j, "index", unit_json(&in, &units[0], 1));
    if (n > 1 || (children && !strcmp(children, "1"))) {
        list = json_array();
        for (i = 1; i < n; i++) {
            json_t *c = unit_json(&in, &units[i], 0);
            json_object_set_new(c, "rank", json_integer((json_int_t)i));
            json_array_append_new(list, c);
        }
        json_object_set_new(j, "children", list);
    }
    return resp_json(r, 200, j);
}

static json_t *parts_json(struct req *r, struct err *e)
{
    struct index_part_row *parts;
    struct index_grade_row *grades;
    size_t n, ng, i;
    json_t *list, *glist;

    if (index_parts_list(r->db, &r->arena, &parts, &n, e) < 0 ||
        index_grades_list(r->db, &r->arena, &grades, &ng, e) < 0)
        return NULL;
    list = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(
            list, json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:s}", "code", parts[i].code,
                            "group_code", parts[i].group_code, "group_name", parts[i].group_name,
                            "name", parts[i].name, "max_points", num2(parts[i].max_points),
                            "full_at", num2(parts[i].full_at * 100), "recorded",
                            sindex_part_recorded(sindex_part_parse(parts[i].code)), "source",
                            sindex_part_source(sindex_part_parse(parts[i].code))));
    glist = json_array();
    for (i = 0; i < ng; i++)
        json_array_append_new(glist,
                              json_pack("{s:o, s:s, s:s}", "min_points", num2(grades[i].min_points),
                                        "code", grades[i].code, "name", grades[i].name));
    return json_pack("{s:o, s:o}", "parts", list, "grades", glist);
}

int sindex_parts_get(struct req *r, struct err *e)
{
    json_t *j = parts_json(r, e);

    return j ? resp_json(r, 200, j) : -1;
}

#define POINTS_TOTAL 100.0

/*
 * PUT {"parts": [{"code", "max_points", "full_at" (percent), and optionally
 * "group_code", "group_name", "name"}]}: the parts named change; the maximum
 * points of all parts must still add up to 100.
 */
int sindex_parts_put(struct req *r, struct err *e)
{
    static const char *const keys[] = {"code",       "max_points", "full_at", "group_code",
                                       "group_name", "name",       NULL};
    struct index_part_row *parts, *in;
    json_t *body, *list, *item, *j = NULL;
    char *detail = NULL;
    size_t n, i, k;
    double sum = 0;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, (const char *const[]){"parts", NULL}, e);
    list = jv_typed(body, NULL, "parts", JSON_ARRAY, JV_REQUIRED, e);
    if (e->http || index_parts_list(r->db, &r->arena, &parts, &n, e) < 0)
        goto out;
    in = arena_calloc(&r->arena, json_array_size(list) + 1, sizeof(*in));
    json_array_foreach(list, i, item)
    {
        char *at = arena_printf(&r->arena, "parts[%zu]", i);
        const char *code, *text;
        double v;
        if (!json_is_object(item)) {
            err_field(e, at, "must be an object");
            continue;
        }
        jv_known(item, at, keys, e);
        if (!(code = jv_string(item, at, "code", JV_REQUIRED, 40, e)))
            continue;
        for (k = 0; k < n && strcmp(parts[k].code, code); k++)
            ;
        if (k == n) {
            err_field(e, arena_printf(&r->arena, "%s.code", at), "no index part %s", code);
            continue;
        }
        if (jv_number(item, at, "max_points", JV_REQUIRED, 0, POINTS_TOTAL, &v, e) == 1)
            parts[k].max_points = v;
        if (jv_number(item, at, "full_at", JV_REQUIRED, 1, 100, &v, e) == 1)
            parts[k].full_at = v / 100;
        if ((text = jv_string(item, at, "group_code", 0, 40, e)))
            parts[k].group_code = text;
        if ((text = jv_string(item, at, "group_name", 0, 200, e)))
            parts[k].group_name = text;
        if ((text = jv_string(item, at, "name", 0, 300, e)))
            parts[k].name = text;
        in[i] = parts[k];
    }
    if (e->http)
        goto out;
    for (k = 0; k < n; k++)
        sum += parts[k].max_points;
    if (fabs(sum - POINTS_TOTAL) > 1e-6) {
        err_field(e, "parts", "the parts' maximum points must add up to 100 (now %.2f)", sum);
        goto out;
    }
    detail = json_dumps(list, JSON_COMPACT);
    if (db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    for (i = 0; i < json_array_size(list); i++)
        if (index_part_update(r->db, &in[i], e) < 0)
            goto out;
    if (audit_append(r->db, r->now, req_user_id(r), "index.weights", "index_parts", detail, e) <
            0 ||
        db_commit(r->db, e) < 0)
        goto out;
    j = parts_json(r, e);
out:
    db_rollback(r->db);
    free(detail);
    json_decref(body);
    return j ? resp_json(r, 200, j) : -1;
}
