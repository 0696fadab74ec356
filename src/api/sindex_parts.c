/*
 * The service index's weights (Decision 766): GET and PUT /api/v1/index/parts,
 * the parts' groups, maximum points and full-score rates, and the grades; and
 * a unit's score by group and part as JSON.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/sindex.h"
#include "core/sindex.h"
#include "core/sindex_measures.h"
#include "lib/json.h"
#include "store/audit.h"
#include "store/sindex.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

json_t *sindex_points_json(double x)
{
    return json_real(round(x * 100) / 100);
}

static json_t *grade_json(const struct sindex_catalog *in, double total)
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

json_t *sindex_unit_json(const struct sindex_catalog *in, const struct agency *ag,
                         const struct sindex_measures *m, const struct sindex_result *s,
                         int detailed)
{
    json_t *groups = json_array(), *g = NULL;
    const char *current = NULL;
    double gp = 0, gmax = 0;
    size_t i;

    for (i = 0; i <= in->nparts; i++) {
        const struct index_part_row *row = i < in->nparts ? &in->parts[i] : NULL;
        int p = row ? sindex_part_parse(row->code) : -1;
        if (current && (!row || strcmp(row->group_code, current))) {
            json_object_set_new(g, "points", sindex_points_json(gp));
            json_object_set_new(g, "max_points", sindex_points_json(gmax));
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
                json_pack(
                    "{s:s, s:s, s:o, s:o, s:b, s:b, s:o, s:o, s:o, s:o, s:s}", "code", row->code,
                    "name", row->name, "max_points", sindex_points_json(row->max_points), "full_at",
                    sindex_points_json(row->full_at * 100), "recorded", sindex_part_recorded(p),
                    "applicable", s->part[p].applicable, "numerator",
                    sindex_part_recorded(p) ? json_integer(m->m[p].num) : json_null(),
                    "denominator",
                    sindex_part_recorded(p) ? json_integer(m->m[p].den) : json_null(), "rate",
                    s->part[p].rate < 0 ? json_null() : sindex_points_json(s->part[p].rate * 100),
                    "points", sindex_points_json(s->part[p].points), "source",
                    sindex_part_source(p)));
    }
    /* nothing measured (no dossier, no procedure): no score rather than a weak one */
    return json_pack(
        "{s:{s:s, s:s}, s:o, s:o, s:o, s:o, s:{s:I, s:I}, s:o}", "agency", "id", ag->id, "name",
        ag->name, "total", s->measured ? sindex_points_json(s->total) : json_null(), "points",
        sindex_points_json(s->points), "max_points", sindex_points_json(s->max_points), "grade",
        s->measured ? grade_json(in, s->total) : json_null(), "sample", "received",
        (json_int_t)m->received, "resolved", (json_int_t)m->res.resolved, "groups", groups);
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
            list,
            json_pack("{s:s, s:s, s:s, s:s, s:o, s:o, s:b, s:s}", "code", parts[i].code,
                      "group_code", parts[i].group_code, "group_name", parts[i].group_name, "name",
                      parts[i].name, "max_points", sindex_points_json(parts[i].max_points),
                      "full_at", sindex_points_json(parts[i].full_at * 100), "recorded",
                      sindex_part_recorded(sindex_part_parse(parts[i].code)), "source",
                      sindex_part_source(sindex_part_parse(parts[i].code))));
    glist = json_array();
    for (i = 0; i < ng; i++)
        json_array_append_new(glist, json_pack("{s:o, s:s, s:s}", "min_points",
                                               sindex_points_json(grades[i].min_points), "code",
                                               grades[i].code, "name", grades[i].name));
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
