/*
 * GET /api/v1/reports/feedback: citizens' feedback of a period, per unit
 * (the agency asked about and each unit under it), per category or per month
 * of receipt: received, handled on time and late, still open and overdue at
 * the period's end, the answers' ratings. Counted by core's
 * feedback_tally_add, as the service index counts it. JSON, XLSX or PDF.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/reports.h"
#include "core/agency.h"
#include "core/date.h"
#include "store/agencies.h"
#include "store/feedback.h"

#include <stdio.h>
#include <string.h>

enum { BY_AGENCY, BY_CATEGORY, BY_MONTH };

struct group {
    const char *key, *name;
    const char *path; /* BY_AGENCY: the unit's subtree */
    struct feedback_tally t;
};

static const struct xlsx_column columns[] = {
    {"STT", 5, XLSX_COUNT},
    {"Đơn vị / nhóm", 34, 0},
    {"Tiếp nhận", 11, XLSX_COUNT},
    {"Đã xử lý", 11, XLSX_COUNT},
    {"Đúng hạn", 11, XLSX_COUNT},
    {"Trễ hạn", 11, XLSX_COUNT},
    {"Tỷ lệ đúng hạn (%)", 13, XLSX_DECIMAL},
    {"Đang xử lý", 11, XLSX_COUNT},
    {"Quá hạn", 11, XLSX_COUNT},
    {"Đánh giá", 11, XLSX_COUNT},
    {"Hài lòng", 11, XLSX_COUNT},
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

/* Handled on time in ten-thousandths of those handled, and of those overdue; -1 for none. */
static int on_time_bp(const struct feedback_tally *t)
{
    int64_t all = feedback_tally_judged(t);
    return all ? (int)((t->on_time * 10000 + all / 2) / all) : -1;
}

static json_t *tally_json(const struct group *g)
{
    const struct feedback_tally *t = &g->t;

    return json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:o, s:I, s:I, s:I, s:I}", "key", g->key,
                     "name", g->name, "received", (json_int_t)t->received, "handled",
                     (json_int_t)t->handled, "on_time", (json_int_t)t->on_time, "late",
                     (json_int_t)t->late, "on_time_rate", report_rate(on_time_bp(t)), "open",
                     (json_int_t)t->open, "overdue", (json_int_t)t->overdue, "rated",
                     (json_int_t)t->rated, "satisfied", (json_int_t)t->satisfied);
}

static void cells_of(struct req *r, const struct report_scope *s, const char **c, const char *no,
                     const struct group *g)
{
    const struct feedback_tally *t = &g->t;

    c[0] = no;
    c[1] = g->name;
    c[2] = report_cell_count(r, s, t->received);
    c[3] = report_cell_count(r, s, t->handled);
    c[4] = report_cell_count(r, s, t->on_time);
    c[5] = report_cell_count(r, s, t->late);
    c[6] = report_cell_rate(r, s, on_time_bp(t));
    c[7] = report_cell_count(r, s, t->open);
    c[8] = report_cell_count(r, s, t->overdue);
    c[9] = report_cell_count(r, s, t->rated);
    c[10] = report_cell_count(r, s, t->satisfied);
}

/* The groups: the agency and its units, the categories, or the months of the period. */
static int groups_of(struct req *r, const struct report_scope *s, int by, struct group **out,
                     size_t *n, struct err *e)
{
    struct agency *all;
    size_t na, i, cap = 0;
    struct group *g;
    int64_t day;
    int y, m, d, c;

    *out = arena_alloc(&r->arena, 0);
    *n = 0;
    if (by == BY_CATEGORY) {
        for (c = FB_CATEGORY_MIN; c <= FB_CATEGORY_MAX; c++) {
            g = arena_push(&r->arena, out, n, &cap, sizeof(*g));
            *g = (struct group){feedback_category_name(c), feedback_category_label(c), NULL, {0}};
        }
        return 0;
    }
    if (by == BY_MONTH) {
        for (day = s->first; day <= s->last; day = m == 12 ? date_days_from_civil(y + 1, 1, 1)
                                                           : date_days_from_civil(y, m + 1, 1)) {
            date_civil_from_days(day, &y, &m, &d);
            g = arena_push(&r->arena, out, n, &cap, sizeof(*g));
            *g = (struct group){arena_printf(&r->arena, "%04d-%02d", y, m),
                                arena_printf(&r->arena, "Tháng %02d/%04d", m, y),
                                NULL,
                                {0}};
        }
        return 0;
    }
    if (agency_list(r->db, &r->arena, s->ag.id, &all, &na, e) < 0)
        return -1;
    for (i = 0; i < na; i++)
        if (i == 0 || (all[i].parent && !strcmp(all[i].parent, s->ag.id))) {
            g = arena_push(&r->arena, out, n, &cap, sizeof(*g));
            *g = (struct group){all[i].id, all[i].name, all[i].path, {0}};
        }
    return 0;
}

/* The group an item falls in; -1 for none (an agency's row counts only its own items). */
static long group_of(const struct group *g, size_t n, int by, const struct feedback *f)
{
    char month[8];
    int y, m, d;
    size_t i;

    if (by == BY_CATEGORY)
        return f->category - FB_CATEGORY_MIN;
    if (by == BY_MONTH) {
        date_civil_from_days(date_local_day(f->received_at), &y, &m, &d);
        snprintf(month, sizeof(month), "%04d-%02d", y, m);
        for (i = 0; i < n; i++)
            if (!strcmp(g[i].key, month))
                return (long)i;
        return -1;
    }
    for (i = 1; i < n; i++)
        if (agency_under(f->agency_path, g[i].path))
            return (long)i;
    return 0; /* the agency asked about itself */
}

int reports_feedback(struct req *r, struct err *e)
{
    static const char *const names[] = {"agency", "category", "month", NULL};
    const char *by_name = req_query(r, "group_by");
    int64_t from, to;
    struct report_scope s;
    struct feedback_fact *facts;
    struct group *groups, total = {"total", "Tổng cộng", NULL, {0}};
    size_t nf, ng, i;
    int by = BY_AGENCY;
    long k;
    json_t *j, *rows;

    if (report_scope(r, &s, e) < 0)
        return -1;
    for (; by_name && names[by] && strcmp(names[by], by_name); by++)
        ;
    if (by_name && !names[by])
        return err_set(e, 400, "invalid_query", "group_by must be agency, category or month");
    from = date_utc_of_local(s.first, 0);
    to = date_utc_of_local(s.last + 1, 0);
    if (feedback_facts(r->db, &r->arena, s.ag.path, from, to, &facts, &nf, e) < 0 ||
        groups_of(r, &s, by, &groups, &ng, e) < 0)
        return -1;
    for (i = 0; i < nf; i++) {
        const struct feedback_fact *x = &facts[i];
        feedback_tally_add(&total.t, &x->f, x->rating, x->rated_at, from, to, r->now);
        if ((k = group_of(groups, ng, by, &x->f)) >= 0)
            feedback_tally_add(&groups[k].t, &x->f, x->rating, x->rated_at, from, to, r->now);
    }
    if (s.format != REPORT_JSON) {
        const char **cells = arena_calloc(&r->arena, (ng + 1) * NCOLS, sizeof(*cells));
        struct doc_table t = {"report", NCOLS, ng + 1, cells};
        for (i = 0; i < ng; i++)
            cells_of(r, &s, cells + i * NCOLS, arena_printf(&r->arena, "%zu", i + 1), &groups[i]);
        cells_of(r, &s, cells + ng * NCOLS, "", &total);
        return report_send_doc(r, &s, "Tình hình tiếp nhận, xử lý phản ánh, kiến nghị", columns,
                               NCOLS, &t, "phan-anh-kien-nghi", e);
    }
    rows = json_array();
    for (i = 0; i < ng; i++)
        json_array_append_new(rows, tally_json(&groups[i]));
    j = report_head(&s);
    json_object_set_new(j, "group_by", json_string(names[by]));
    json_object_set_new(j, "rows", rows);
    json_object_set_new(j, "total", tally_json(&total));
    return resp_json(r, 200, j);
}
