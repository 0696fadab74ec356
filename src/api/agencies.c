/* /api/v1/agencies: the agency tree. Reading is public; changes need an
   administrator, or a unit administrator inside their subtree. */
#include "api/app.h"
#include "api/handlers.h"
#include "core/dossier.h"
#include "core/roles.h"
#include "core/worktime.h"
#include "lib/json.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/forms.h"

#include <stdlib.h>
#include <string.h>

static const char *const levels[] = {"province", "department", "district", "commune",
                                     "division", "centre",     "other",    NULL};

static json_t *agency_json(const struct agency *ag)
{
    json_t *j =
        json_pack("{s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:o, s:b, s:i, s:o, s:o, s:o}", "id", ag->id,
                  "name", ag->name, "parent", json_str(ag->parent), "level", ag->level,
                  "office_hours", ag->office_hours, "address", json_str(ag->address), "phone",
                  json_str(ag->phone), "email", json_str(ag->email), "active", ag->active,
                  "version", ag->version, "created_at", json_time(ag->created_at), "updated_at",
                  json_time(ag->updated_at), "form_set", json_str(ag->form_set));

    json_object_set_new(j, "opening_hours", json_str(ag->opening_hours));
    return j;
}

/* Nests agencies (in path order) under their parents: each gets "children". */
static json_t *tree_json(const struct agency *list, size_t n)
{
    json_t *roots = json_array(), **nodes = calloc(n ? n : 1, sizeof(*nodes));
    size_t i, j;

    for (i = 0; i < n; i++) {
        json_t *holder = roots;
        nodes[i] = agency_json(&list[i]);
        json_object_set_new(nodes[i], "children", json_array());
        /* in path order a listed parent comes before its children */
        for (j = 0; list[i].parent && j < i; j++)
            if (!strcmp(list[j].id, list[i].parent)) {
                holder = json_object_get(nodes[j], "children");
                break;
            }
        json_array_append(holder, nodes[i]);
    }
    for (i = 0; i < n; i++)
        json_decref(nodes[i]);
    free(nodes);
    return roots;
}

int agencies_list(struct req *r, struct err *e)
{
    const char *root = req_query(r, "root"), *flat = req_query(r, "flat");
    struct agency *list;
    json_t *items;
    size_t n, i;

    if (agency_list(r->db, &r->arena, root, &list, &n, e) < 0)
        return -1;
    if (flat && !strcmp(flat, "1")) {
        items = json_array();
        for (i = 0; i < n; i++)
            json_array_append_new(items, agency_json(&list[i]));
    } else {
        items = tree_json(list, n);
    }
    return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

int agencies_get(struct req *r, struct err *e)
{
    struct agency ag;

    if (agency_get(r->db, &r->arena, r->params[0], &ag, e) < 0)
        return -1;
    return resp_json(r, 200, agency_json(&ag));
}

/* Reads the editable fields into ag (absent fields keep ag's values). */
static void read_fields(json_t *body, struct agency *ag, int creating, struct err *e)
{
    struct office_hours oh;
    const char *s;
    unsigned req = creating ? JV_REQUIRED : 0;
    int active;

    if ((s = jv_string(body, NULL, "name", req, 300, e)))
        ag->name = s;
    if (json_object_get(body, "parent")) {
        ag->parent = jv_string(body, NULL, "parent", JV_NULLABLE, 13, e);
        if (ag->parent && !agency_id_valid(ag->parent))
            err_field(e, "parent", "must be an agency identifier like 000.00.04.H43");
    }
    if ((s = jv_string(body, NULL, "level", 0, 20, e)) &&
        jv_choice(s, levels, NULL, "level", e) >= 0)
        ag->level = s;
    if ((s = jv_string(body, NULL, "office_hours", 0, 60, e)) && office_hours_parse(s, &oh, e) == 0)
        ag->office_hours = s;
    if (json_object_get(body, "address"))
        ag->address = jv_string(body, NULL, "address", JV_NULLABLE, 500, e);
    if (json_object_get(body, "opening_hours"))
        ag->opening_hours =
            jv_string(body, NULL, "opening_hours", JV_NULLABLE | JV_MULTILINE, 500, e);
    if (json_object_get(body, "phone")) {
        ag->phone = jv_string(body, NULL, "phone", JV_NULLABLE, 30, e);
        if (ag->phone && !phone_valid(ag->phone))
            err_field_as(e, "phone", "phone", "", "must be a phone number (8 to 15 digits)");
    }
    if (json_object_get(body, "email")) {
        ag->email = jv_string(body, NULL, "email", JV_NULLABLE, 254, e);
        if (ag->email && !email_valid(ag->email))
            err_field_as(e, "email", "email", "", "must be an e-mail address");
    }
    if (jv_bool(body, NULL, "active", 0, &active, e) == 1)
        ag->active = active;
    if ((s = jv_string(body, NULL, "form_set", 0, 40, e)))
        ag->form_set = s;
}

/* May the user manage agencies under this parent (NULL: a new root)? */
static int may_manage(struct req *r, const char *parent_id, struct err *e)
{
    struct agency parent;

    if (!parent_id)
        return user_can_at(req_user(r), CAP_MANAGE_AGENCIES, NULL)
                   ? 0
                   : err_set(e, 403, "forbidden", "only a system administrator adds a root agency");
    if (agency_get(r->db, &r->arena, parent_id, &parent, e) < 0) {
        if (e->http != 404)
            return -1;
        err_clear(e);
        return err_field(e, "parent", "no agency with identifier %s", parent_id);
    }
    if (!user_can_at(req_user(r), CAP_MANAGE_AGENCIES, parent.path))
        return err_set(e, 403, "forbidden", "agency %s is outside your units", parent_id);
    return 0;
}

static int save(struct req *r, struct agency *ag, int creating, struct err *e)
{
    int known;

    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if (ag->form_set && (known = form_set_exists(r->db, ag->form_set, e)) <= 0) {
        if (known == 0)
            err_field(e, "form_set", "no set of forms named %s", ag->form_set);
        db_rollback(r->db);
        return -1;
    }
    if ((creating ? agency_insert(r->db, ag, r->now, e)
                  : agency_update(r->db, &r->arena, ag, r->now, e)) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), creating ? "agency.create" : "agency.update",
                     arena_printf(&r->arena, "agency:%s", ag->id), ag->name, e) < 0 ||
        agency_get(r->db, &r->arena, ag->id, ag, e) < 0 || db_commit(r->db, e) < 0) {
        db_rollback(r->db);
        return -1;
    }
    app_calendar_reload(r->db); /* the calendar holds each agency's office hours */
    return resp_json(r, creating ? 201 : 200, agency_json(ag));
}

int agencies_create(struct req *r, struct err *e)
{
    static const char *const keys[] = {"id",           "name",     "parent",        "level",
                                       "office_hours", "address",  "phone",         "email",
                                       "active",       "form_set", "opening_hours", NULL};
    struct agency ag = {0};
    json_t *body;
    int rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    ag.level = "other";
    ag.office_hours = "07:30-11:30,13:00-17:00";
    ag.active = 1;
    jv_known(body, NULL, keys, e);
    ag.id = jv_string(body, NULL, "id", JV_REQUIRED, 13, e);
    if (ag.id && !agency_id_valid(ag.id))
        err_field(e, "id", "must be an agency identifier like 000.00.04.H43 (LLL.MM.NN.Xnn)");
    read_fields(body, &ag, 1, e);
    if (!e->http && may_manage(r, ag.parent, e) == 0)
        rc = save(r, &ag, 1, e);
    json_decref(body);
    return rc;
}

/*
 * 1 when the agency is the top of the caller's management scope: the caller
 * manages it but not its parent (a unit administrator's own unit). Deactivating
 * it would leave the caller administering a unit that no longer works.
 */
static int own_top_unit(struct req *r, const struct agency *ag)
{
    size_t n = agency_parent_path_len(ag->path);

    return !user_can_at(req_user(r), CAP_MANAGE_AGENCIES,
                        n ? arena_strndup(&r->arena, ag->path, n) : NULL);
}

int agencies_update(struct req *r, struct err *e)
{
    static const char *const keys[] = {"name",    "parent",   "level",         "office_hours",
                                       "address", "phone",    "email",         "active",
                                       "version", "form_set", "opening_hours", NULL};
    struct agency ag;
    json_t *body = NULL;
    int64_t version;
    int rc = -1, was_active;

    if (agency_get(r->db, &r->arena, r->params[0], &ag, e) < 0)
        return -1;
    if (!user_can_at(req_user(r), CAP_MANAGE_AGENCIES, ag.path))
        return err_set(e, 403, "forbidden", "agency %s is outside your units", ag.id);
    was_active = ag.active;
    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    ag.version = 0;
    if (jv_int(body, NULL, "version", 0, 1, INT32_MAX, &version, e) == 1)
        ag.version = (int)version;
    read_fields(body, &ag, 0, e);
    if (!e->http && was_active && !ag.active && own_top_unit(r, &ag))
        err_set(e, 403, "forbidden",
                "agency %s is the unit your role is bound to: only an administrator above it "
                "may deactivate it",
                ag.id);
    if (!e->http && (!json_object_get(body, "parent") || may_manage(r, ag.parent, e) == 0))
        rc = save(r, &ag, 0, e);
    json_decref(body);
    return rc;
}
