/* /api/v1/procedures: the catalog. Reading and searching are public; the
   system administrator edits. Every published version is kept in history. */
#include "api/app.h"
#include "api/handlers.h"
#include "api/procedure_input.h"
#include "core/components.h"
#include "api/views.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/fold.h"
#include "core/worktime.h"
#include "lib/json.h"
#include "lib/strbuf.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/procedures.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const levels[] = {"central", "province", "district", "commune", NULL};
const char *const procedure_duration_kinds[] = {"working", "calendar", NULL};
static const char *const classes[] = {"full", "partial", NULL};
static const char *const component_kinds[] = {"original", "certified", "copy", NULL};
static const char *const statuses[] = {"active", "withdrawn", NULL};

#define COMPONENTS_MAX 50
#define FEES_MAX       20

static json_t *procedure_json(const struct procedure *p, int full)
{
    json_t *j =
        json_pack("{s:I, s:s, s:s, s:s, s:o, s:s, s:{s:s, s:o}, s:f, s:s, s:o, s:o, s:o, s:s, s:i}",
                  "id", (json_int_t)p->id, "code", p->code, "name", p->name, "field", p->field,
                  "field_code", json_str(p->field_code), "level", p->level, "agency", "id",
                  p->agency, "name", json_str(p->agency_name), "duration_days", p->duration_days,
                  "duration_kind", p->duration_kind, "online_duration_days",
                  p->online_duration_days >= 0 ? json_real(p->online_duration_days) : json_null(),
                  "online_class", json_str(p->online_class), "online_level",
                  p->online_level ? json_integer(p->online_level) : json_null(), "status",
                  p->status, "version", p->version);
    json_t *components, *fees;
    size_t i;

    if (!full)
        return j;
    components = json_array();
    for (i = 0; i < p->ncomponents; i++)
        json_array_append_new(
            components, json_pack("{s:i, s:s, s:s, s:i, s:b, s:s}", "position", (int)i + 1, "name",
                                  p->components[i].name, "kind", p->components[i].kind, "count",
                                  p->components[i].count, "required",
                                  component_mandatory(p->components[i].requirement), "requirement",
                                  component_requirement_name(p->components[i].requirement)));
    fees = json_array();
    for (i = 0; i < p->nfees; i++)
        json_array_append_new(fees, json_pack("{s:s, s:I}", "name", p->fees[i].name, "amount",
                                              (json_int_t)p->fees[i].amount));
    json_object_set_new(j, "legal_basis", json_str(p->legal_basis));
    json_object_set_new(j, "result_name", json_str(p->result_name));
    json_object_set_new(j, "conditions", json_str(p->conditions));
    json_object_set_new(j, "description", json_str(p->description));
    json_object_set_new(j, "decision_number", json_str(p->decision_number));
    json_object_set_new(j, "decision_date", json_str(p->decision_date));
    json_object_set_new(j, "effective_date", json_str(p->effective_date));
    json_object_set_new(j, "paper_result", json_boolean(p->paper_result));
    json_object_set_new(j, "inter_agency", json_boolean(p->inter_agency));
    json_object_set_new(j, "any_place", json_boolean(p->any_place));
    json_object_set_new(j, "components", components);
    json_object_set_new(j, "fees", fees);
    json_object_set_new(j, "created_at", json_time(p->created_at));
    json_object_set_new(j, "updated_at", json_time(p->updated_at));
    return j;
}

int procedures_list(struct req *r, struct err *e)
{
    struct procedure_filter f = {0};
    const char *q, *agency = req_query(r, "agency");
    const char *limit = req_query(r, "limit"), *cursor = req_query(r, "cursor");
    const char *sort = req_query(r, "sort");
    struct procedure *list;
    struct agency ag;
    json_t *items;
    size_t n, i;
    int more;

    if (req_query_text(r, "q", &q, e) < 0 || req_query_text(r, "field", &f.field, e) < 0)
        return -1;
    if (limit) {
        char *end;
        long v = strtol(limit, &end, 10);
        if (*end || v < 1 || v > 200)
            return err_set(e, 400, "invalid_query", "limit must be an integer from 1 to 200");
        f.limit = (int)v;
    }
    if (sort && strcmp(sort, "popular") && strcmp(sort, "code"))
        return err_set(e, 400, "invalid_query", "sort must be popular or code");
    f.popular = sort && !strcmp(sort, "popular") && !q;
    if (cursor) {
        char *end;
        long long v;

        /* a page of a search that fell back to any word */
        if (q && !strncmp(cursor, "any.", 4)) {
            f.search_mode = SEARCH_ANY;
            cursor += 4;
        }
        v = strtoll(cursor, &end, 10);
        if (*end || v < 0 || v > INT32_MAX || !*cursor)
            return err_set(e, 400, "invalid_query", "cursor is not one this server gave");
        if (q || f.popular)
            f.offset = (int)v;
        else
            f.after_id = v;
    }
    if (q) {
        char *folded = arena_alloc(&r->arena, strlen(q) + 1);
        if (strlen(q) > 200)
            return err_set(e, 400, "invalid_query", "q must be at most 200 characters");
        fold_text(q, strlen(q), folded);
        f.folded_query = folded;
    }
    if (agency) {
        if (agency_get(r->db, &r->arena, agency, &ag, e) < 0) {
            err_clear(e);
            return err_set(e, 400, "invalid_query", "no agency with identifier %s", agency);
        }
        f.agency_path = ag.path;
    }
    f.level = req_query(r, "level");
    if (q && search_synonyms(r->db, &r->arena, (struct synonym **)&f.synonyms, &f.nsynonyms, e) < 0)
        return -1;
    if (procedure_list(r->db, &r->arena, &f, &list, &n, &more, e) < 0)
        return -1;
    /* nothing holds every word: those holding some of them, the most alike first */
    if (q && !n && !cursor) {
        f.search_mode = SEARCH_ANY;
        if (procedure_list(r->db, &r->arena, &f, &list, &n, &more, e) < 0)
            return -1;
    }
    items = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(items, procedure_json(&list[i], 0));
    return resp_json(
        r, 200,
        json_pack("{s:o, s:o}", "items", items, "next_cursor",
                  more ? json_string(arena_printf(&r->arena, "%s%lld",
                                                  f.search_mode == SEARCH_ANY ? "any." : "",
                                                  q || f.popular ? (long long)(f.offset + (int)n)
                                                                 : (long long)list[n - 1].id))
                       : json_null()));
}

int procedures_get(struct req *r, struct err *e)
{
    struct procedure p;
    json_t *j, *forms;
    int64_t id;

    if (param_id(r->params[0], "procedure", &id, e) < 0 ||
        procedure_get(r->db, &r->arena, id, &p, e) < 0 || !(forms = procedure_forms_json(r, id, e)))
        return -1;
    j = procedure_json(&p, 1);
    json_object_set_new(j, "forms", forms);
    return resp_json(r, 200, j);
}

void procedure_check_duration(const char *field, double days, const char *kind, struct err *e)
{
    if (!strcmp(kind, "calendar") && days != floor(days))
        err_field(e, field, "calendar-day durations are whole days");
    else if (days * WORKDAY_HOURS != floor(days * WORKDAY_HOURS))
        err_field(e, field, "must be a whole number of working hours (a multiple of 0.125 day)");
}

static void read_parts(json_t *body, struct arena *a, struct procedure *p, struct err *e)
{
    json_t *arr, *item;
    size_t i;
    int64_t v;
    int b;

    if ((arr = jv_typed(body, NULL, "components", JSON_ARRAY, 0, e))) {
        if (json_array_size(arr) > COMPONENTS_MAX)
            err_field(e, "components", "at most %d components", COMPONENTS_MAX);
        p->ncomponents = 0;
        p->components = arena_calloc(a, json_array_size(arr) + 1, sizeof(*p->components));
        json_array_foreach(arr, i, item)
        {
            static const char *const keys[] = {"name",     "kind",        "count",
                                               "required", "requirement", NULL};
            struct procedure_component *c = &p->components[p->ncomponents++];
            char *prefix = arena_printf(a, "components[%zu]", i);
            const char *kind, *requirement;

            if (!json_is_object(item)) {
                err_field(e, prefix, "must be an object");
                continue;
            }
            jv_known(item, prefix, keys, e);
            c->name = jv_string(item, prefix, "name", JV_REQUIRED, 500, e);
            c->kind = "original";
            if ((kind = jv_string(item, prefix, "kind", 0, 20, e)) &&
                jv_choice(kind, component_kinds, prefix, "kind", e) >= 0)
                c->kind = kind;
            c->count = 1;
            if (jv_int(item, prefix, "count", 0, 1, 20, &v, e) == 1)
                c->count = (int)v;
            /* requirement, or the older boolean: required or optional */
            c->requirement = COMPONENT_REQUIRED;
            if (jv_bool(item, prefix, "required", 0, &b, e) == 1 && !b)
                c->requirement = COMPONENT_OPTIONAL;
            if ((requirement = jv_string(item, prefix, "requirement", 0, 20, e)) &&
                jv_choice(requirement, component_requirements, prefix, "requirement", e) >= 0)
                c->requirement = component_requirement_parse(requirement);
        }
    }
    if ((arr = jv_typed(body, NULL, "fees", JSON_ARRAY, 0, e))) {
        if (json_array_size(arr) > FEES_MAX)
            err_field(e, "fees", "at most %d fees", FEES_MAX);
        p->nfees = 0;
        p->fees = arena_calloc(a, json_array_size(arr) + 1, sizeof(*p->fees));
        json_array_foreach(arr, i, item)
        {
            static const char *const keys[] = {"name", "amount", NULL};
            struct procedure_fee *f = &p->fees[p->nfees++];
            char *prefix = arena_printf(a, "fees[%zu]", i);

            if (!json_is_object(item)) {
                err_field(e, prefix, "must be an object");
                continue;
            }
            jv_known(item, prefix, keys, e);
            f->name = jv_string(item, prefix, "name", JV_REQUIRED, 300, e);
            if (jv_int(item, prefix, "amount", JV_REQUIRED, 0, 1000000000000LL, &v, e) == 1)
                f->amount = v;
        }
    }
}

static int valid_code(const char *s)
{
    return strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-") ==
           strlen(s);
}

/* Reads the fields of a procedure into p; absent fields keep p's values unless creating. */
static void read_fields(json_t *body, struct arena *a, struct procedure *p, int creating,
                        struct err *e)
{
    unsigned req = creating ? JV_REQUIRED : 0;
    const char *s;
    double d;
    int64_t v;
    int b;

    if ((s = jv_string(body, NULL, "code", req, 40, e))) {
        if (valid_code(s))
            p->code = s;
        else
            err_field(e, "code", "must hold only letters, digits, dots and dashes (e.g. 1.001234)");
    }
    if ((s = jv_string(body, NULL, "name", req, 500, e)))
        p->name = s;
    if ((s = jv_string(body, NULL, "field", req, 200, e)))
        p->field = s;
    if (json_object_get(body, "field_code"))
        p->field_code = jv_string(body, NULL, "field_code", JV_NULLABLE, 40, e);
    if ((s = jv_string(body, NULL, "level", req, 20, e)) &&
        jv_choice(s, levels, NULL, "level", e) >= 0)
        p->level = s;
    if ((s = jv_string(body, NULL, "agency", req, 13, e))) {
        if (agency_id_valid(s))
            p->agency = s;
        else
            err_field(e, "agency", "must be an agency identifier like 000.00.04.H43");
    }
    if ((s = jv_string(body, NULL, "duration_kind", req, 20, e)) &&
        jv_choice(s, procedure_duration_kinds, NULL, "duration_kind", e) >= 0)
        p->duration_kind = s;
    if (jv_number(body, NULL, "duration_days", req, 0.125, 3650, &d, e) == 1)
        p->duration_days = d;
    if (json_object_get(body, "online_duration_days")) {
        p->online_duration_days = -1;
        if (jv_number(body, NULL, "online_duration_days", JV_NULLABLE, 0.125, 3650, &d, e) == 1)
            p->online_duration_days = d;
    }
    if (json_object_get(body, "online_class")) {
        p->online_class = NULL;
        if ((s = jv_string(body, NULL, "online_class", JV_NULLABLE, 20, e)) &&
            jv_choice(s, classes, NULL, "online_class", e) >= 0)
            p->online_class = s;
    }
    if (json_object_get(body, "online_level")) {
        p->online_level = 0;
        if (jv_int(body, NULL, "online_level", JV_NULLABLE, 1, 4, &v, e) == 1)
            p->online_level = (int)v;
    }
    if (json_object_get(body, "legal_basis"))
        p->legal_basis = jv_string(body, NULL, "legal_basis", JV_NULLABLE | JV_MULTILINE, 5000, e);
    if (json_object_get(body, "result_name"))
        p->result_name = jv_string(body, NULL, "result_name", JV_NULLABLE, 500, e);
    if (json_object_get(body, "conditions"))
        p->conditions = jv_string(body, NULL, "conditions", JV_NULLABLE | JV_MULTILINE, 5000, e);
    if (json_object_get(body, "description"))
        p->description = jv_string(body, NULL, "description", JV_NULLABLE | JV_MULTILINE, 10000, e);
    if (json_object_get(body, "decision_number"))
        p->decision_number = jv_string(body, NULL, "decision_number", JV_NULLABLE, 100, e);
    if (json_object_get(body, "decision_date")) {
        int64_t day;
        p->decision_date = jv_string(body, NULL, "decision_date", JV_NULLABLE, 10, e);
        if (p->decision_date && date_parse_ymd(p->decision_date, &day) < 0)
            err_field_as(e, "decision_date", "date", "", "must be a date YYYY-MM-DD");
    }
    if (json_object_get(body, "effective_date")) {
        int64_t day;
        p->effective_date = jv_string(body, NULL, "effective_date", JV_NULLABLE, 10, e);
        if (p->effective_date && date_parse_ymd(p->effective_date, &day) < 0)
            err_field_as(e, "effective_date", "date", "", "must be a date YYYY-MM-DD");
    }
    if ((s = jv_string(body, NULL, "status", 0, 20, e)) &&
        jv_choice(s, statuses, NULL, "status", e) >= 0)
        p->status = s;
    if (jv_bool(body, NULL, "paper_result", 0, &b, e) == 1)
        p->paper_result = b;
    if (jv_bool(body, NULL, "inter_agency", 0, &b, e) == 1)
        p->inter_agency = b;
    if (jv_bool(body, NULL, "any_place", 0, &b, e) == 1)
        p->any_place = b;
    read_parts(body, a, p, e);
    if (p->duration_kind && p->duration_days > 0)
        procedure_check_duration("duration_days", p->duration_days, p->duration_kind, e);
    if (p->duration_kind && p->online_duration_days > 0) {
        procedure_check_duration("online_duration_days", p->online_duration_days, p->duration_kind,
                                 e);
        if (p->online_duration_days > p->duration_days)
            err_field(e, "online_duration_days", "must not exceed duration_days");
    }
}

static const char *const field_keys[] = {"code",
                                         "name",
                                         "field",
                                         "field_code",
                                         "level",
                                         "agency",
                                         "duration_days",
                                         "duration_kind",
                                         "online_duration_days",
                                         "online_class",
                                         "online_level",
                                         "legal_basis",
                                         "result_name",
                                         "description",
                                         "conditions",
                                         "decision_number",
                                         "decision_date",
                                         "effective_date",
                                         "status",
                                         "paper_result",
                                         "inter_agency",
                                         "any_place",
                                         "components",
                                         "fees",
                                         "version",
                                         NULL};

/* The folded text the search index holds for a procedure. */
static const char *search_text(struct arena *a, const struct procedure *p)
{
    const char *raw = arena_printf(a, "%s %s %s", p->code, p->name, p->field);
    char *out = arena_alloc(a, strlen(raw) + 1);

    fold_text(raw, strlen(raw), out);
    return out;
}

json_t *procedure_view(const struct procedure *p)
{
    return procedure_json(p, 1);
}

const char *procedure_search_text(struct arena *a, const struct procedure *p)
{
    return search_text(a, p);
}

static int save(struct req *r, struct procedure *p, int creating, struct err *e)
{
    struct strbuf snapshot = STRBUF_INIT;
    struct agency ag;
    json_t *j;
    int rc = -1;

    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if (agency_get(r->db, &r->arena, p->agency, &ag, e) < 0) {
        if (e->http == 404) {
            err_clear(e);
            err_field(e, "agency", "no agency with identifier %s", p->agency);
        }
        goto out;
    }
    p->agency_name = ag.name;
    if ((creating ? procedure_insert(r->db, p, search_text(&r->arena, p), r->now, e)
                  : procedure_update(r->db, p, search_text(&r->arena, p), r->now, e)) < 0)
        goto out;
    j = procedure_json(p, 1);
    json_dump_strbuf(j, &snapshot);
    if (procedure_record_history(r->db, p->id, p->version, r->now, req_user_id(r), snapshot.buf,
                                 e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r),
                     creating ? "procedure.create" : "procedure.update",
                     arena_printf(&r->arena, "procedure:%lld", (long long)p->id), p->code, e) < 0 ||
        db_commit(r->db, e) < 0) {
        json_decref(j);
        goto out;
    }
    rc = resp_json(r, creating ? 201 : 200, j);
out:
    db_rollback(r->db);
    strbuf_release(&snapshot);
    return rc;
}

int procedures_create(struct req *r, struct err *e)
{
    struct procedure p = {0};
    json_t *body;
    int rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    p.online_duration_days = -1;
    p.status = "active";
    p.components = arena_calloc(&r->arena, 1, sizeof(*p.components));
    p.fees = arena_calloc(&r->arena, 1, sizeof(*p.fees));
    jv_known(body, NULL, field_keys, e);
    read_fields(body, &r->arena, &p, 1, e);
    if (!e->http)
        rc = save(r, &p, 1, e);
    json_decref(body);
    return rc;
}

int procedures_update(struct req *r, struct err *e)
{
    struct procedure p;
    json_t *body;
    int64_t id, version;
    int rc = -1;

    if (param_id(r->params[0], "procedure", &id, e) < 0 ||
        procedure_get(r->db, &r->arena, id, &p, e) < 0)
        return -1;
    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, field_keys, e);
    p.version = 0;
    if (jv_int(body, NULL, "version", 0, 1, INT32_MAX, &version, e) == 1)
        p.version = (int)version;
    read_fields(body, &r->arena, &p, 0, e);
    if (!e->http)
        rc = save(r, &p, 0, e);
    json_decref(body);
    return rc;
}

/*
 * GET /api/v1/procedures/{id}/units: where a citizen may file it — the units
 * with a one-stop desk (communes, districts, service centres) that may receive
 * it, and the procedure's own agency when that is not the province itself.
 */
int procedures_units(struct req *r, struct err *e)
{
    struct procedure p;
    struct agency owner, *list;
    char root[16];
    json_t *items;
    size_t n, i;
    int64_t id;

    if (param_id(r->params[0], "procedure", &id, e) < 0 ||
        procedure_get(r->db, &r->arena, id, &p, e) < 0 ||
        agency_get(r->db, &r->arena, p.agency, &owner, e) < 0)
        return -1;
    snprintf(root, sizeof(root), "%.13s", owner.path);
    if (agency_list(r->db, &r->arena, root, &list, &n, e) < 0)
        return -1;
    items = json_array();
    for (i = 0; i < n; i++) {
        const struct agency *a = &list[i];
        int desk = !strcmp(a->level, "commune") || !strcmp(a->level, "district") ||
                   !strcmp(a->level, "centre") ||
                   (!strcmp(a->id, owner.id) && strcmp(a->level, "province"));
        if (a->active && desk && dossier_receivable(owner.path, a->path, a->level, p.any_place))
            json_array_append_new(
                items, json_pack("{s:s, s:s, s:s, s:o, s:o, s:s, s:o}", "id", a->id, "name",
                                 a->name, "level", a->level, "address", json_str(a->address),
                                 "phone", json_str(a->phone), "office_hours", a->office_hours,
                                 "opening_hours", json_str(a->opening_hours)));
    }
    return resp_json(r, 200, json_pack("{s:o}", "items", items));
}
