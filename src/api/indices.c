/*
 * The external indices the steering committee records by year (PAR INDEX
 * score and rank, SIPAS, PAPI, PCI, and DDCI of departments and districts;
 * core/parindex.h names them): PUT /api/v1/indices records one value with its
 * source, GET /api/v1/indices gives them as series by index and agency for
 * the trend charts. They are published figures: every reader sees them all.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/par.h"
#include "core/roles.h"
#include "lib/json.h"
#include "store/audit.h"

#include <stdlib.h>
#include <string.h>

static json_t *value_json(const struct index_value *v)
{
    return json_pack("{s:i, s:o, s:o, s:s, s:o, s:o}", "year", v->year, "score",
                     par_points(v->score), "rank",
                     v->rank ? json_integer((json_int_t)v->rank) : json_null(), "source", v->source,
                     "note", json_str(v->note), "updated_at", json_time(v->updated_at));
}

static json_t *agency_json(struct req *r, const char *id)
{
    struct agency ag;
    struct err e = ERR_INIT;

    return json_pack("{s:s, s:o}", "id", id, "name",
                     agency_get(r->db, &r->arena, id, &ag, &e) < 0 ? json_null()
                                                                   : json_string(ag.name));
}

int indices_get(struct req *r, struct err *e)
{
    const char *kind = req_query(r, "kind"), *agency = req_query(r, "agency");
    struct index_value *v;
    int64_t from = 0, to = 0;
    size_t n, i;
    int k;
    json_t *kinds, *series, *s = NULL;

    if (kind && par_external_parse(kind) < 0)
        return err_set(e, 400, "invalid_query",
                       "kind must be one of: par_index, sipas, papi, pci, ddci");
    if (query_int(r, "from", 2000, 2100, &from, e) < 0 ||
        query_int(r, "to", 2000, 2100, &to, e) < 0 ||
        index_values_list(r->db, &r->arena, kind, agency, (int)from, (int)to, &v, &n, e) < 0)
        return -1;
    kinds = json_array();
    series = json_array();
    for (k = 0; k < PAR_EXT_COUNT; k++) {
        json_array_append_new(kinds, json_pack("{s:s, s:s}", "code", par_external_name(k), "name",
                                               par_external_label(k)));
        for (i = 0; i < n; i++) {
            if (strcmp(v[i].kind, par_external_name(k)))
                continue;
            if (!i || strcmp(v[i - 1].kind, v[i].kind) || strcmp(v[i - 1].subject, v[i].subject)) {
                s = json_pack("{s:s, s:s, s:o, s:[]}", "kind", v[i].kind, "name",
                              par_external_label(k), "agency", agency_json(r, v[i].subject),
                              "values");
                json_array_append_new(series, s);
            }
            json_array_append_new(json_object_get(s, "values"), value_json(&v[i]));
        }
    }
    return resp_json(r, 200, json_pack("{s:o, s:o}", "kinds", kinds, "series", series));
}

int indices_put(struct req *r, struct err *e)
{
    static const char *const keys[] = {"kind", "year",   "agency", "score",
                                       "rank", "source", "note",   NULL};
    const char *kinds[PAR_EXT_COUNT + 1] = {NULL};
    struct index_value x = {0};
    struct err found = ERR_INIT;
    struct agency ag;
    const char *kind, *agency;
    char *detail = NULL;
    int64_t year = 0, rank = 0;
    json_t *body, *j;
    int rc = -1, k;

    for (k = 0; k < PAR_EXT_COUNT; k++)
        kinds[k] = par_external_name(k);
    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    if ((kind = jv_string(body, NULL, "kind", JV_REQUIRED, 20, e)) &&
        jv_choice(kind, kinds, NULL, "kind", e) >= 0)
        x.kind = kind;
    jv_int(body, NULL, "year", JV_REQUIRED, 2000, 2100, &year, e);
    agency = jv_string(body, NULL, "agency", JV_REQUIRED, 20, e);
    jv_number(body, NULL, "score", JV_REQUIRED, 0, 1000, &x.score, e);
    jv_int(body, NULL, "rank", JV_NULLABLE, 1, 1000, &rank, e);
    x.source = jv_string(body, NULL, "source", JV_REQUIRED, 500, e);
    x.note = jv_string(body, NULL, "note", JV_NULLABLE | JV_MULTILINE, 2000, e);
    if (agency && agency_get(r->db, &r->arena, agency, &ag, &found) < 0) {
        if (found.http != 404) {
            *e = found;
            goto out;
        }
        err_field(e, "agency", "no agency with identifier %s", agency);
    }
    if (e->http)
        goto out;
    if (!user_can_at(req_user(r), CAP_MANAGE_PAR, ag.path)) {
        err_set(e, 403, "forbidden", "agency %s is not in your scope", agency);
        goto out;
    }
    x.year = (int)year;
    x.subject = agency;
    x.rank = rank;
    x.updated_at = r->now;
    x.updated_by = req_user_id(r);
    detail = json_dumps(body, JSON_COMPACT);
    if (db_begin(r->db, DB_WRITE, e) < 0 || index_value_put(r->db, &x, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "index.value",
                     arena_printf(&r->arena, "index:%s/%d/%s", x.kind, x.year, x.subject), detail,
                     e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    j = value_json(&x);
    json_object_set_new(j, "kind", json_string(x.kind));
    json_object_set_new(j, "agency", agency_json(r, x.subject));
    rc = resp_json(r, 200, j);
out:
    db_rollback(r->db);
    free(detail);
    json_decref(body);
    return rc;
}
