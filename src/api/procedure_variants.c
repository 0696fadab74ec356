/* /api/v1/procedures/{id}/variants: a procedure's cases, each with its duration and process. */
#include "api/app.h"
#include "api/handlers.h"
#include "api/procedure_input.h"
#include "core/dossier.h"
#include "core/worktime.h"
#include "lib/json.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/procedures.h"

#include <string.h>

static const char *const step_roles[] = {"process", "approve", "consult", "return", NULL};

static json_t *variants_json(const struct procedure_variant *v, size_t n)
{
    json_t *arr = json_array(), *steps;
    size_t i, k;

    for (i = 0; i < n; i++) {
        steps = json_array();
        for (k = 0; k < v[i].nsteps; k++)
            json_array_append_new(
                steps, json_pack("{s:i, s:s, s:o, s:s, s:f}", "position", (int)k + 1, "name",
                                 v[i].steps[k].name, "unit", json_str(v[i].steps[k].unit), "role",
                                 v[i].steps[k].role, "hours", v[i].steps[k].hours));
        json_array_append_new(
            arr,
            json_pack("{s:I, s:i, s:s, s:f, s:s, s:o, s:o}", "id", (json_int_t)v[i].id, "position",
                      (int)i + 1, "name", v[i].name, "duration_days", v[i].duration_days,
                      "duration_kind", v[i].duration_kind, "online_duration_days",
                      v[i].online_duration_days >= 0 ? json_real(v[i].online_duration_days)
                                                     : json_null(),
                      "steps", steps));
    }
    return arr;
}

int procedures_variants_get(struct req *r, struct err *e)
{
    struct procedure_variant *v;
    struct procedure p;
    int64_t id;
    size_t n;

    if (param_id(r->params[0], "procedure", &id, e) < 0 ||
        procedure_get(r->db, &r->arena, id, &p, e) < 0 ||
        procedure_variants(r->db, &r->arena, id, &v, &n, e) < 0)
        return -1;
    return resp_json(
        r, 200,
        json_pack("{s:I, s:o}", "procedure", (json_int_t)id, "variants", variants_json(v, n)));
}

/* Reads one variant; unknown step units are checked in the transaction. */
static void read_variant(struct arena *a, json_t *item, const char *prefix,
                         struct procedure_variant *v, struct err *e)
{
    static const char *const keys[] = {
        "name", "duration_days", "duration_kind", "online_duration_days", "steps", NULL};
    static const char *const step_keys[] = {"name", "unit", "role", "hours", NULL};
    json_t *steps, *s;
    double hours = 0, d;
    const char *kind;
    size_t k;

    jv_known(item, prefix, keys, e);
    v->name = jv_string(item, prefix, "name", JV_REQUIRED, 300, e);
    if (jv_number(item, prefix, "duration_days", JV_REQUIRED, 0.125, 3650, &d, e) == 1)
        v->duration_days = d;
    v->duration_kind = "working";
    if ((kind = jv_string(item, prefix, "duration_kind", 0, 20, e)) &&
        jv_choice(kind, procedure_duration_kinds, prefix, "duration_kind", e) >= 0)
        v->duration_kind = kind;
    v->online_duration_days = -1;
    if (jv_number(item, prefix, "online_duration_days", JV_NULLABLE, 0.125, 3650, &d, e) == 1)
        v->online_duration_days = d;
    if (v->duration_days > 0)
        procedure_check_duration(arena_printf(a, "%s.duration_days", prefix), v->duration_days,
                                 v->duration_kind, e);
    steps = jv_typed(item, prefix, "steps", JSON_ARRAY, JV_REQUIRED, e);
    if (!steps)
        return;
    if (!json_array_size(steps) || json_array_size(steps) > 20)
        err_field(e, arena_printf(a, "%s.steps", prefix), "must hold 1 to 20 steps");
    v->steps = arena_calloc(a, json_array_size(steps) + 1, sizeof(*v->steps));
    json_array_foreach(steps, k, s)
    {
        struct process_step *p = &v->steps[v->nsteps++];
        const char *sp = arena_printf(a, "%s.steps[%zu]", prefix, k), *role;

        if (!json_is_object(s)) {
            err_field(e, sp, "must be an object");
            continue;
        }
        jv_known(s, sp, step_keys, e);
        p->name = jv_string(s, sp, "name", JV_REQUIRED, 300, e);
        p->unit = jv_string(s, sp, "unit", JV_NULLABLE, 13, e);
        if (p->unit && !agency_id_valid(p->unit))
            err_field(e, arena_printf(a, "%s.unit", sp), "must be an agency identifier");
        p->role = "process";
        if ((role = jv_string(s, sp, "role", 0, 20, e)) &&
            jv_choice(role, step_roles, sp, "role", e) >= 0)
            p->role = role;
        if (jv_number(s, sp, "hours", JV_REQUIRED, 0.25, 3650 * WORKDAY_HOURS, &d, e) == 1) {
            p->hours = d;
            hours += d;
        }
    }
    if (!strcmp(v->duration_kind, "working") && v->duration_days > 0 &&
        hours > v->duration_days * WORKDAY_HOURS + 1e-9)
        err_field(e, arena_printf(a, "%s.steps", prefix),
                  "the steps take %g working hours, more than the %g the duration allows", hours,
                  v->duration_days * WORKDAY_HOURS);
}

/* 1 (with the field's error) when a step names no agency, or on another error; 0 when it does. */
static int step_unit_missing(struct req *r, const char *unit, size_t i, size_t k, struct err *e)
{
    struct agency ag;

    if (agency_get(r->db, &r->arena, unit, &ag, e) == 0)
        return 0;
    if (e->http == 404) {
        err_clear(e);
        err_field(e, arena_printf(&r->arena, "variants[%zu].steps[%zu].unit", i, k),
                  "no agency with identifier %s", unit);
    }
    return 1;
}

int procedures_variants_put(struct req *r, struct err *e)
{
    static const char *const keys[] = {"variants", NULL};
    struct procedure_variant *v = NULL;
    struct procedure p;
    json_t *body, *arr, *item;
    int64_t id;
    size_t n = 0, i, k;
    int rc = -1;

    if (param_id(r->params[0], "procedure", &id, e) < 0 ||
        procedure_get(r->db, &r->arena, id, &p, e) < 0 || req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    if ((arr = jv_typed(body, NULL, "variants", JSON_ARRAY, JV_REQUIRED, e))) {
        if (json_array_size(arr) > 20)
            err_field(e, "variants", "at most 20 variants");
        v = arena_calloc(&r->arena, json_array_size(arr) + 1, sizeof(*v));
        json_array_foreach(arr, i, item)
        {
            const char *prefix = arena_printf(&r->arena, "variants[%zu]", i);
            if (!json_is_object(item))
                err_field(e, prefix, "must be an object");
            else
                read_variant(&r->arena, item, prefix, &v[n++], e);
        }
    }
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    for (i = 0; i < n; i++)
        for (k = 0; k < v[i].nsteps; k++)
            if (v[i].steps[k].unit && step_unit_missing(r, v[i].steps[k].unit, i, k, e))
                goto out;
    if (procedure_set_variants(r->db, id, v, n, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "procedure.variants",
                     arena_printf(&r->arena, "procedure:%lld", (long long)id),
                     arena_printf(&r->arena, "%zu variants", n), e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(
        r, 200,
        json_pack("{s:I, s:o}", "procedure", (json_int_t)id, "variants", variants_json(v, n)));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}
