/*
 * /api/v1/users: accounts and their roles. A system administrator manages
 * everyone; a unit administrator manages the staff of their units, giving
 * only roles bound to agencies there (never admin, steering or auditor).
 */
#include "api/app.h"
#include "api/handlers.h"
#include "core/dossier.h"
#include "core/roles.h"
#include "lib/crypto.h"
#include "lib/json.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/users.h"

#include <string.h>

#define PASSWORD_MIN      8
#define PASSWORD_MIN_TEXT "8"

/* May the caller give this role at this agency? 403, or a field error, when not. */
static int may_manage_role(struct req *r, const char *role, const char *agency, const char *field,
                           struct err *e)
{
    const struct user *me = req_user(r);
    struct agency ag;
    int rl = role_parse(role);

    if (rl < 0)
        return err_field(e, field,
                         "must be one of: citizen, receiver, processor, leader, unit_admin, "
                         "admin, steering, auditor");
    if (role_agency_binding(rl) == 1 && !agency)
        return err_field(e, field, "role %s works for a unit: give its agency", role);
    if (role_agency_binding(rl) == -1 && agency)
        return err_field(e, field, "role %s is not bound to an agency", role);
    if (agency && agency_get(r->db, &r->arena, agency, &ag, e) < 0) {
        if (e->http != 404)
            return -1;
        err_clear(e);
        return err_field(e, field, "no agency with identifier %s", agency);
    }
    if (!user_can_at(me, CAP_MANAGE_USERS, agency ? ag.path : NULL))
        return err_set(e, 403, "forbidden", "you may not give role %s%s%s", role,
                       agency ? " at " : "", agency ? agency : "");
    return 0;
}

static json_t *users_json(struct user *list, size_t n)
{
    json_t *items = json_array();
    size_t i;

    for (i = 0; i < n; i++) {
        json_t *j = user_json(&list[i]);
        json_object_set_new(j, "active", json_boolean(list[i].active));
        json_array_append_new(items, j);
    }
    return items;
}

int users_list(struct req *r, struct err *e)
{
    const struct user *me = req_user(r);
    const char **paths;
    struct user *list;
    size_t n, np, i;
    json_t *items;

    user_scopes(me, CAP_MANAGE_USERS, &r->arena, &paths, &np);
    if (!paths)
        return user_list(r->db, &r->arena, NULL, &list, &n, e) < 0
                   ? -1
                   : resp_json(r, 200, json_pack("{s:o}", "items", users_json(list, n)));
    items = json_array();
    for (i = 0; i < np; i++) {
        json_t *part;
        size_t k;
        if (user_list(r->db, &r->arena, paths[i], &list, &n, e) < 0) {
            json_decref(items);
            return -1;
        }
        part = users_json(list, n);
        for (k = 0; k < json_array_size(part); k++)
            json_array_append(items, json_array_get(part, k));
        json_decref(part);
    }
    return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

/* Reads "roles": [{"role", "agency"}], checking the caller may give each one. */
static int read_roles(struct req *r, json_t *body, struct user_role **out, size_t *n, struct err *e)
{
    static const char *const keys[] = {"role", "agency", NULL};
    json_t *arr = jv_typed(body, NULL, "roles", JSON_ARRAY, JV_REQUIRED, e), *item;
    size_t i;

    *n = 0;
    if (!arr)
        return -1;
    if (!json_array_size(arr) || json_array_size(arr) > 10)
        return err_field(e, "roles", "must hold 1 to 10 roles");
    *out = arena_calloc(&r->arena, json_array_size(arr), sizeof(**out));
    json_array_foreach(arr, i, item)
    {
        const char *prefix = arena_printf(&r->arena, "roles[%zu]", i);
        struct user_role *ro = &(*out)[(*n)++];

        if (!json_is_object(item)) {
            err_field(e, prefix, "must be an object");
            continue;
        }
        jv_known(item, prefix, keys, e);
        ro->role = jv_string(item, prefix, "role", JV_REQUIRED, 20, e);
        ro->agency = jv_string(item, prefix, "agency", JV_NULLABLE, 13, e);
        if (ro->role &&
            may_manage_role(r, ro->role, ro->agency, arena_printf(&r->arena, "%s.role", prefix),
                            e) < 0 &&
            e->http != 422)
            return -1;
    }
    return e->http ? -1 : 0;
}

static void read_profile(json_t *body, struct user *u, struct err *e)
{
    int active;

    if (json_object_get(body, "full_name"))
        u->full_name = jv_string(body, NULL, "full_name", JV_NULLABLE, 200, e);
    if (json_object_get(body, "email")) {
        u->email = jv_string(body, NULL, "email", JV_NULLABLE, 254, e);
        if (u->email && !email_valid(u->email))
            err_field_as(e, "email", "email", "", "must be an e-mail address");
    }
    if (json_object_get(body, "phone")) {
        u->phone = jv_string(body, NULL, "phone", JV_NULLABLE, 30, e);
        if (u->phone && !phone_valid(u->phone))
            err_field_as(e, "phone", "phone", "", "must be a phone number (8 to 15 digits)");
    }
    if (jv_bool(body, NULL, "active", 0, &active, e) == 1)
        u->active = active;
}

const char *read_password(json_t *body, unsigned flags, char *hash, struct err *e)
{
    const char *p = jv_string(body, NULL, "password", flags, 200, e);

    if (!p)
        return NULL;
    if (utf8_length(p) < PASSWORD_MIN) {
        err_field_as(e, "password", "too_short", PASSWORD_MIN_TEXT,
                     "must be at least %d characters", PASSWORD_MIN);
        return NULL;
    }
    return crypto_password_hash(p, hash, e) < 0 ? NULL : hash;
}

static int save(struct req *r, struct user *u, struct user_role *roles, size_t nroles, int creating,
                struct err *e)
{
    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if ((creating ? user_create(r->db, u, r->now, &u->id, e) : user_update(r->db, u, e)) < 0 ||
        (roles && user_set_roles(r->db, u->id, roles, nroles, e) < 0) ||
        audit_append(r->db, r->now, req_user_id(r), creating ? "user.create" : "user.update",
                     arena_printf(&r->arena, "user:%lld", (long long)u->id), u->username, e) < 0 ||
        user_by_id(r->db, &r->arena, u->id, u, e) < 0 || db_commit(r->db, e) < 0) {
        db_rollback(r->db);
        return -1;
    }
    {
        json_t *j = user_json(u);
        json_object_set_new(j, "active", json_boolean(u->active));
        return resp_json(r, creating ? 201 : 200, j);
    }
}

int users_create(struct req *r, struct err *e)
{
    static const char *const keys[] = {"username", "password", "full_name", "email",
                                       "phone",    "active",   "roles",     NULL};
    struct user u = {0};
    struct user_role *roles = NULL;
    char hash[CRYPTO_HASH_MAX];
    size_t nroles = 0;
    json_t *body;
    int rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    u.username = jv_string(body, NULL, "username", JV_REQUIRED, 100, e);
    if (u.username && strcspn(u.username, " \t/\\:@") != strlen(u.username))
        err_field(e, "username", "must not hold spaces or / \\ : @");
    u.password_hash = read_password(body, JV_REQUIRED, hash, e);
    u.active = 1;
    read_profile(body, &u, e);
    if ((read_roles(r, body, &roles, &nroles, e) < 0 && e->http != 422) || e->http)
        goto out;
    rc = save(r, &u, roles, nroles, 1, e);
out:
    json_decref(body);
    return rc;
}

/* Everyone for a system administrator; else a user all of whose roles lie in the caller's units. */
static int may_manage_user(const struct user *me, const struct user *u)
{
    size_t i;

    if (user_can_at(me, CAP_MANAGE_USERS, NULL))
        return 1;
    for (i = 0; i < u->nroles; i++)
        if (!u->roles[i].agency_path || !user_can_at(me, CAP_MANAGE_USERS, u->roles[i].agency_path))
            return 0;
    return u->nroles > 0;
}

int users_update(struct req *r, struct err *e)
{
    static const char *const keys[] = {"password", "full_name", "email", "phone",
                                       "active",   "roles",     NULL};
    const struct user *me = req_user(r);
    struct user u;
    struct user_role *roles = NULL;
    char hash[CRYPTO_HASH_MAX];
    size_t nroles = 0;
    json_t *body = NULL;
    int64_t id;
    int rc = -1;

    if (param_id(r->params[0], "user", &id, e) < 0 || user_by_id(r->db, &r->arena, id, &u, e) < 0)
        return -1;
    if (!may_manage_user(me, &u))
        return err_set(e, 404, "not_found", "no user with id %lld", (long long)id);
    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    u.password_hash = read_password(body, 0, hash, e);
    read_profile(body, &u, e);
    if (json_object_get(body, "roles") && read_roles(r, body, &roles, &nroles, e) < 0 &&
        e->http != 422)
        goto out;
    if (e->http)
        goto out;
    if (u.id == me->id && !u.active) {
        err_field(e, "active", "you cannot deactivate your own account");
        goto out;
    }
    rc = save(r, &u, roles, nroles, 0, e);
out:
    json_decref(body);
    return rc;
}
