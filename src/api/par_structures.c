/*
 * PAR INDEX structures: GET /api/v1/par/structures lists them (with the
 * figures an item may be linked to and the scoring kinds), GET .../{id} gives
 * one with its items in tree order, and POST loads one from a structure
 * document (docs/par-index.md): 201 with the report of what was ignored, or
 * 422 with every problem, and nothing stored, when any is fatal.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/par.h"
#include "api/views.h"
#include "docs/spreadsheet.h"
#include "core/sindex.h"
#include "lib/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int par_structures_list(struct req *r, struct err *e)
{
    struct par_structure *list;
    int64_t year = 0;
    size_t n, i;
    int k;
    json_t *items, *figures, *scorings;

    if (query_int(r, "year", 2000, 2100, &year, e) < 0 ||
        par_structure_list(r->db, &r->arena, (int)year, &list, &n, e) < 0)
        return -1;
    items = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(items, par_structure_json(&list[i]));
    figures = json_array();
    for (k = 0; k < PAR_FIGURE_COUNT; k++)
        if (par_figure_parse(par_figure_code(k)) == k)
            json_array_append_new(figures, json_pack("{s:s, s:s}", "code", par_figure_code(k),
                                                     "source", par_figure_source(k)));
    scorings = json_array();
    for (k = PAR_YES_NO; k < PAR_SCORING_COUNT; k++)
        json_array_append_new(scorings, json_pack("{s:s, s:s}", "code", par_scoring_name(k), "name",
                                                  par_scoring_label(k)));
    return resp_json(
        r, 200,
        json_pack("{s:o, s:o, s:o}", "items", items, "figures", figures, "scorings", scorings));
}

int par_structures_get(struct req *r, struct err *e)
{
    struct par_tree t;
    json_t *j, *items;
    size_t i;

    if (par_tree_load(r, &t, e) < 0)
        return -1;
    j = par_structure_json(&t.st);
    items = json_array();
    for (i = 0; i < t.n; i++)
        json_array_append_new(items, par_item_json(&t.items[i]));
    json_object_set_new(j, "items", items);
    return resp_json(r, 200, j);
}

/* 422 as problem+json: every fatal problem in errors[], and the whole report. */
static int refuse(struct req *r, const struct par_load *l)
{
    json_t *errors = json_array(), *j;
    size_t i;

    for (i = 0; i < l->rep.n; i++)
        if (l->rep.p[i].fatal)
            json_array_append_new(errors, json_pack("{s:s, s:s, s:s, s:s}", "field",
                                                    par_problem_path(&r->arena, &l->rep.p[i]),
                                                    "code", "invalid", "param", "", "message",
                                                    l->rep.p[i].message));
    j = json_pack("{s:s, s:s, s:i, s:s, s:o, s:o}", "type", "urn:motcua:problem:invalid", "title",
                  "Unprocessable Content", "status", 422, "detail",
                  arena_printf(&r->arena,
                               "the structure cannot be stored: %zu problem%s (nothing was stored)",
                               l->rep.fatal, l->rep.fatal == 1 ? "" : "s"),
                  "errors", errors, "report", par_report_json(&r->arena, l));
    resp_json(r, 422, j);
    r->resp.content_type = "application/problem+json";
    return 0;
}

int par_structures_create(struct req *r, struct err *e)
{
    struct par_load l;
    json_t *body;
    int rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    if (par_load_document(r->db, &r->arena, body, r->now, req_user_id(r), &l, e) < 0)
        goto out;
    if (!l.stored) {
        rc = refuse(r, &l);
        goto out;
    }
    resp_header(r, "Location",
                arena_printf(&r->arena, "/api/v1/par/structures/%lld", (long long)l.st.id));
    rc = resp_json(r, 201,
                   json_pack("{s:o, s:o}", "structure", par_structure_json(&l.st), "report",
                             par_report_json(&r->arena, &l)));
out:
    json_decref(body);
    return rc;
}

/*
 * POST /api/v1/par/structures/import: the same from an XLSX or CSV point
 * table (multipart: file, and the head as fields year, scope, name, source,
 * example); each problem names the sheet's row.
 */
int par_structures_import(struct req *r, struct err *e)
{
    struct spreadsheet sh;
    struct par_load l;
    const char *year = upload_field(r, "year"), *v;
    json_t *head;
    char *end;
    long y;
    int rc = -1;

    if (upload_spreadsheet(r, &sh, e) < 0)
        return -1;
    head = json_object();
    y = year ? strtol(year, &end, 10) : 0;
    json_object_set_new(head, "year",
                        year && !*end ? json_integer(y) : json_string(year ? year : ""));
    if ((v = upload_field(r, "scope")) && *v)
        json_object_set_new(head, "scope", json_string(v));
    if ((v = upload_field(r, "name")))
        json_object_set_new(head, "name", json_string(v));
    if ((v = upload_field(r, "source")) && *v)
        json_object_set_new(head, "source", json_string(v));
    if ((v = upload_field(r, "example")) && *v)
        json_object_set_new(head, "example", json_boolean(!strcmp(v, "1") || !strcmp(v, "true")));
    if (par_load_sheet(r->db, &r->arena, head, &sh, r->now, req_user_id(r), &l, e) < 0)
        goto out;
    if (!l.stored) {
        rc = refuse(r, &l);
        goto out;
    }
    resp_header(r, "Location",
                arena_printf(&r->arena, "/api/v1/par/structures/%lld", (long long)l.st.id));
    rc = resp_json(r, 201,
                   json_pack("{s:o, s:o}", "structure", par_structure_json(&l.st), "report",
                             par_report_json(&r->arena, &l)));
out:
    json_decref(head);
    return rc;
}
