/*
 * GET /api/v1/reports/resolution: the periodic report on the resolution of
 * administrative procedures, read from the statistics counters: received
 * (carried over, new online, new at the counter or by post), resolved (early,
 * on time, late), in progress (within time, overdue), closed without a
 * result, the on-time rate; grouped by child agency, procedure, field or month.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/reports.h"
#include "core/agency.h"
#include "core/date.h"
#include "store/procedures.h"
#include "store/stats.h"

#include <stdlib.h>
#include <string.h>

enum group { BY_AGENCY, BY_PROCEDURE, BY_FIELD, BY_MONTH, BY_NOTHING };
static const char *const groups[] = {"agency", "procedure", "field", "month", NULL};

/* One line of the report while it is added up. */
struct line {
    const char *key, *name;
    const char *path; /* BY_AGENCY: the child's path (its subtree counts) */
    struct stat_sums before, during;
    int64_t overdue_now;
    struct resolution res;
};

struct lines {
    struct line *v;
    size_t n, cap;
};

static struct line *line_add(struct req *r, struct lines *l, const char *key, const char *name)
{
    struct line *x = arena_push(&r->arena, &l->v, &l->n, &l->cap, sizeof(*x));

    x->key = key;
    x->name = name;
    return x;
}

static struct line *line_find(struct lines *l, const char *key)
{
    size_t i;

    for (i = 0; i < l->n; i++)
        if (!strcmp(l->v[i].key, key))
            return &l->v[i];
    return NULL;
}

/* The counted data, fetched once. */
struct data {
    struct stat_row *before, *during, *overdue;
    size_t nbefore, nduring, noverdue;
    struct agency *agencies; /* the subtree, for BY_AGENCY */
    size_t nagencies;
    struct procedure_brief *procs; /* for BY_PROCEDURE and BY_FIELD */
    size_t nprocs;
};

/* The line a row of counters belongs to, made on first sight where need be. */
static struct line *line_of(struct req *r, int group, const struct data *d, struct lines *l,
                            const struct stat_row *row)
{
    const struct procedure_brief *p;
    const char *key;
    size_t i;

    switch (group) {
    case BY_AGENCY:
        for (i = 0; i < d->nagencies; i++)
            if (!strcmp(d->agencies[i].id, row->agency))
                break;
        if (i == d->nagencies)
            return NULL;
        for (size_t k = 1; k < l->n; k++)
            if (agency_under(d->agencies[i].path, l->v[k].path))
                return &l->v[k];
        return &l->v[0]; /* the agency itself */
    case BY_PROCEDURE:
    case BY_FIELD:
        p = procedure_brief_find(d->procs, d->nprocs, row->procedure_id);
        key = group == BY_FIELD ? (p ? p->field : "Khác")
                                : arena_printf(&r->arena, "%lld", (long long)row->procedure_id);
        if (line_find(l, key))
            return line_find(l, key);
        return line_add(
            r, l, key,
            group == BY_FIELD ? key
            : p               ? p->name
                : arena_printf(&r->arena, "Thủ tục số %lld", (long long)row->procedure_id));
    }
    return NULL;
}

static int fetch(struct req *r, const struct report_scope *s, int group, struct data *d,
                 struct err *e)
{
    unsigned by = group == BY_AGENCY    ? STAT_BY_AGENCY
                  : group == BY_MONTH   ? STAT_BY_MONTH
                  : group == BY_NOTHING ? 0
                                        : STAT_BY_PROCEDURE;
    const char *path = s->ag.path;

    memset(d, 0, sizeof(*d));
    if (stats_sum(r->db, &r->arena, path, by & ~(unsigned)STAT_BY_MONTH, STAT_DAY_MIN, s->first - 1,
                  &d->before, &d->nbefore, e) < 0 ||
        (s->first <= s->until && stats_sum(r->db, &r->arena, path, by, s->first, s->until,
                                           &d->during, &d->nduring, e) < 0) ||
        (s->live &&
         stats_overdue_now(r->db, &r->arena, path, by, r->now, &d->overdue, &d->noverdue, e) < 0))
        return -1;
    if (group == BY_AGENCY)
        return agency_list(r->db, &r->arena, s->ag.id, &d->agencies, &d->nagencies, e);
    if (group == BY_PROCEDURE || group == BY_FIELD)
        return procedure_briefs(r->db, &r->arena, &d->procs, &d->nprocs, e);
    return 0;
}

static int64_t overdue_total(const struct data *d)
{
    int64_t n = 0;
    size_t i;

    for (i = 0; i < d->noverdue; i++)
        n += d->overdue[i].s.v[ST_OVERDUE_FROM];
    return n;
}

/* Lines per child agency (and the agency itself), per procedure or per field. */
static void add_up(struct req *r, const struct report_scope *s, int group, const struct data *d,
                   struct lines *l)
{
    size_t i;

    if (group == BY_AGENCY) {
        line_add(r, l, s->ag.id, s->ag.name)->path = s->ag.path;
        for (i = 0; i < d->nagencies; i++)
            if (d->agencies[i].parent && !strcmp(d->agencies[i].parent, s->ag.id))
                line_add(r, l, d->agencies[i].id, d->agencies[i].name)->path = d->agencies[i].path;
    }
    for (i = 0; i < d->nbefore; i++) {
        struct line *x = line_of(r, group, d, l, &d->before[i]);
        if (x)
            stat_sums_add(&x->before, &d->before[i].s);
    }
    for (i = 0; i < d->nduring; i++) {
        struct line *x = line_of(r, group, d, l, &d->during[i]);
        if (x)
            stat_sums_add(&x->during, &d->during[i].s);
    }
    for (i = 0; i < d->noverdue; i++) {
        struct line *x = line_of(r, group, d, l, &d->overdue[i]);
        if (x)
            x->overdue_now += d->overdue[i].s.v[ST_OVERDUE_FROM];
    }
    for (i = 0; i < l->n; i++)
        resolution_of(&l->v[i].before, &l->v[i].during, s->live ? l->v[i].overdue_now : -1,
                      &l->v[i].res);
}

/* Lines per month: each month's "before" is everything up to its first day. */
static void add_up_months(struct req *r, const struct report_scope *s, const struct data *d,
                          struct lines *l)
{
    struct stat_sums before = {0};
    int64_t day = s->first;
    size_t i, k = 0;

    for (i = 0; i < d->nbefore; i++)
        stat_sums_add(&before, &d->before[i].s);
    while (day <= s->until) {
        int y, m, dd;
        struct line *x;
        date_civil_from_days(day, &y, &m, &dd);
        x = line_add(r, l, arena_printf(&r->arena, "%04d-%02d", y, m),
                     arena_printf(&r->arena, "Tháng %02d/%04d", m, y));
        x->before = before;
        if (k < d->nduring && d->during[k].month == day - dd + 1)
            x->during = d->during[k++].s;
        day += date_days_in_month(y, m) - dd + 1;
        resolution_of(&x->before, &x->during, s->live && day > s->until ? overdue_total(d) : -1,
                      &x->res);
        stat_sums_add(&before, &x->during);
    }
}

static int by_received_desc(const void *a, const void *b)
{
    const struct line *x = a, *y = b;

    if (x->res.received != y->res.received)
        return x->res.received > y->res.received ? -1 : 1;
    return strcmp(x->name, y->name);
}

static json_t *res_json(const char *key, const char *name, const struct resolution *x)
{
    return json_pack("{s:s?, s:s?, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, "
                     "s:I, s:I, s:I, s:I, s:I, s:o}",
                     "key", key, "name", name, "received", (json_int_t)x->received, "carried",
                     (json_int_t)x->carried, "new_online", (json_int_t)x->new_online, "new_counter",
                     (json_int_t)x->new_counter, "new_post", (json_int_t)x->new_post, "resolved",
                     (json_int_t)x->resolved, "early", (json_int_t)x->early, "on_time",
                     (json_int_t)x->on_time, "late", (json_int_t)x->late, "in_progress",
                     (json_int_t)x->in_progress, "within_time", (json_int_t)x->within_time,
                     "overdue", (json_int_t)x->overdue, "refused", (json_int_t)x->refused,
                     "withdrawn", (json_int_t)x->withdrawn, "stopped", (json_int_t)x->stopped,
                     "returned", (json_int_t)x->returned, "not_accepted",
                     (json_int_t)x->not_accepted, "on_time_rate", report_rate(x->on_time_rate));
}

static const struct xlsx_column columns[] = {
    {"STT", 5, XLSX_COUNT},
    {"Đơn vị, lĩnh vực, thủ tục", 34, 0},
    {"Tổng số hồ sơ nhận giải quyết", 11, XLSX_COUNT},
    {"Kỳ trước chuyển qua", 10, XLSX_COUNT},
    {"Mới tiếp nhận trực tuyến", 10, XLSX_COUNT},
    {"Mới tiếp nhận trực tiếp, bưu chính", 11, XLSX_COUNT},
    {"Đã giải quyết: tổng số", 10, XLSX_COUNT},
    {"Trước hạn", 9, XLSX_COUNT},
    {"Đúng hạn", 9, XLSX_COUNT},
    {"Quá hạn", 9, XLSX_COUNT},
    {"Đang giải quyết: tổng số", 10, XLSX_COUNT},
    {"Chưa đến hạn", 9, XLSX_COUNT},
    {"Quá hạn", 9, XLSX_COUNT},
    {"Trong đó từ chối, rút, dừng xử lý", 10, XLSX_COUNT},
    {"Tỷ lệ đúng hạn (%)", 10, XLSX_DECIMAL},
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

static void cells_of(struct req *r, const struct report_scope *s, const char **c, const char *no,
                     const char *name, const struct resolution *x)
{
    int64_t v[] = {
        x->received,    x->carried,     x->new_online, x->new_counter + x->new_post,
        x->resolved,    x->early,       x->on_time,    x->late,
        x->in_progress, x->within_time, x->overdue,    x->refused + x->withdrawn + x->stopped};
    size_t i;

    c[0] = no;
    c[1] = name;
    for (i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        c[2 + i] = report_cell_count(r, s, v[i]);
    c[NCOLS - 1] = report_cell_rate(r, s, x->on_time_rate);
}

/* The total: everything before the period, everything in it. */
static void total_of(const struct report_scope *s, const struct data *d, struct line *total)
{
    size_t i;

    for (i = 0; i < d->nbefore; i++)
        stat_sums_add(&total->before, &d->before[i].s);
    for (i = 0; i < d->nduring; i++)
        stat_sums_add(&total->during, &d->during[i].s);
    resolution_of(&total->before, &total->during, s->live ? overdue_total(d) : -1, &total->res);
}

int report_resolution_total(struct req *r, const struct report_scope *s, struct resolution *res,
                            struct err *e)
{
    struct data d;
    struct line total = {0};

    if (fetch(r, s, BY_NOTHING, &d, e) < 0)
        return -1;
    total_of(s, &d, &total);
    *res = total.res;
    return 0;
}

int reports_resolution(struct req *r, struct err *e)
{
    struct report_scope s;
    struct data d;
    struct lines l = {0};
    struct line total = {0};
    const char *g = req_query(r, "group_by");
    int group = BY_AGENCY;
    size_t i, first = 0;
    json_t *j, *rows;

    if (report_scope(r, &s, e) < 0)
        return -1;
    if (g) {
        for (group = 0; groups[group] && strcmp(groups[group], g); group++)
            ;
        if (!groups[group])
            return err_set(e, 400, "invalid_query",
                           "group_by must be agency, procedure, field or month");
    }
    if (fetch(r, &s, group, &d, e) < 0)
        return -1;
    if (group == BY_MONTH) {
        add_up_months(r, &s, &d, &l);
    } else {
        add_up(r, &s, group, &d, &l);
        if (group == BY_AGENCY) {
            /* the agency's own line only when it holds dossiers itself */
            first = l.v[0].res.received || l.v[0].res.not_accepted ? 0 : 1;
        } else if (l.n) {
            qsort(l.v, l.n, sizeof(*l.v), by_received_desc);
        }
    }
    total_of(&s, &d, &total);

    if (s.format != REPORT_JSON) {
        size_t nrows = l.n - first + 1, k = 0;
        const char **cells = arena_calloc(&r->arena, nrows * NCOLS, sizeof(*cells));
        struct doc_table t = {"report", NCOLS, nrows, cells};
        for (i = first; i < l.n; i++, k++)
            cells_of(r, &s, cells + k * NCOLS, arena_printf(&r->arena, "%zu", k + 1), l.v[i].name,
                     &l.v[i].res);
        cells_of(r, &s, cells + k * NCOLS, "", "Tổng cộng", &total.res);
        return report_send_doc(r, &s, "Báo cáo tình hình giải quyết thủ tục hành chính", columns,
                               NCOLS, &t, "bao-cao-giai-quyet-tthc", e);
    }
    rows = json_array();
    for (i = first; i < l.n; i++)
        json_array_append_new(rows, res_json(l.v[i].key, l.v[i].name, &l.v[i].res));
    j = report_head(&s);
    json_object_set_new(j, "group_by", json_string(groups[group]));
    json_object_set_new(j, "overdue_at", s.live ? json_time(r->now) : json_null());
    json_object_set_new(j, "rows", rows);
    json_object_set_new(j, "total", res_json(NULL, "Tổng cộng", &total.res));
    return resp_json(r, 200, j);
}
