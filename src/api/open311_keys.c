/*
 * The administrator's Open311 clients: GET /api/v1/open311/keys lists them
 * (never a key), POST issues a client its key (shown in this answer only; the
 * store keeps its SHA-256), DELETE /api/v1/open311/keys/{name} revokes it.
 * The command `motcua open311 key` does the same.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "lib/json.h"
#include "store/audit.h"
#include "store/open311.h"

#include <string.h>

static json_t *key_json(const struct open311_key *k)
{
    return json_pack("{s:I, s:s, s:o, s:o, s:o, s:I}", "id", (json_int_t)k->id, "name", k->name,
                     "created_at", json_time(k->created_at), "revoked_at", json_time(k->revoked_at),
                     "last_used_at", json_time(k->last_used_at), "requests",
                     (json_int_t)k->requests);
}

int open311_keys_list(struct req *r, struct err *e)
{
    struct open311_key *keys;
    json_t *items;
    size_t n, i;

    if (open311_key_list(r->db, &r->arena, &keys, &n, e) < 0)
        return -1;
    items = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(items, key_json(&keys[i]));
    return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

int open311_keys_create(struct req *r, struct err *e)
{
    static const char *const keys[] = {"name", NULL};
    char key[OPEN311_KEY_MAX];
    const char *name;
    json_t *body;
    int64_t id;
    int rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    name = jv_string(body, NULL, "name", JV_REQUIRED, 100, e);
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (open311_key_issue(r->db, name, r->now, key, &id, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "open311.key.add", "open311_key", name, e) <
            0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201,
                   json_pack("{s:I, s:s, s:s}", "id", (json_int_t)id, "name", name, "key", key));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

int open311_keys_revoke(struct req *r, struct err *e)
{
    int rc;

    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if ((rc = open311_key_revoke(r->db, r->params[0], r->now, e)) < 0 ||
        (rc && (audit_append(r->db, r->now, req_user_id(r), "open311.key.revoke", "open311_key",
                             r->params[0], e) < 0 ||
                db_commit(r->db, e) < 0))) {
        db_rollback(r->db);
        return -1;
    }
    db_rollback(r->db);
    if (!rc)
        return err_set(e, 404, "not_found", "no active key of a client named %s", r->params[0]);
    r->resp.status = 204;
    return 0;
}
