/* Login, logout and the current user. Sessions: a random token in an HttpOnly,
   SameSite=Strict cookie, stored as its SHA-256; a CSRF token for state changes. */
#include "api/app.h"
#include "api/handlers.h"
#include "core/roles.h"
#include "lib/crypto.h"
#include "lib/json.h"
#include "lib/log.h"
#include "store/audit.h"

#include <pthread.h>
#include <string.h>

/* A hash to verify against when the user does not exist, so both cases take as long. */
static char dummy_hash[CRYPTO_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void make_dummy(void)
{
    struct err e = ERR_INIT;
    char token[CRYPTO_TOKEN_LEN + 1];

    crypto_token(token);
    crypto_password_hash(token, dummy_hash, &e);
}

json_t *user_json(const struct user *u)
{
    json_t *roles = json_array(), *caps = json_array();
    size_t i;
    int c;

    for (i = 0; i < u->nroles; i++)
        json_array_append_new(roles, json_pack("{s:s, s:o, s:s}", "role", u->roles[i].role,
                                               "agency", json_str(u->roles[i].agency), "label",
                                               role_label(role_parse(u->roles[i].role))));
    /* what the user may do somewhere (core/roles.c): the web's menus follow these */
    for (c = 0; c < CAP_COUNT; c++)
        for (i = 0; i < u->nroles; i++)
            if (role_can(role_parse(u->roles[i].role), c)) {
                json_array_append_new(caps, json_string(capability_name(c)));
                break;
            }
    return json_pack("{s:I, s:s, s:s, s:o, s:o, s:o, s:o}", "id", (json_int_t)u->id, "username",
                     u->username, "full_name", u->full_name ? u->full_name : "", "email",
                     json_str(u->email), "phone", json_str(u->phone), "roles", roles,
                     "capabilities", caps);
}

static void set_cookie(struct req *r, const char *value, int64_t max_age)
{
    struct app *app = r->app;

    resp_header(r, "Set-Cookie",
                arena_printf(&r->arena, "%s=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Strict%s",
                             SESSION_COOKIE, value, (long long)max_age,
                             app->secure_cookies ? "; Secure" : ""));
}

int auth_login(struct req *r, struct err *e)
{
    static const char *const keys[] = {"username", "password", NULL};
    struct app *app = r->app;
    const char *username, *password, *account, *address;
    int64_t wait;
    char token[CRYPTO_TOKEN_LEN + 1], csrf[CRYPTO_TOKEN_LEN + 1], hash[CRYPTO_SHA256_HEX];
    struct user u;
    json_t *body = NULL;
    int rc = -1, found;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    username = jv_string(body, NULL, "username", JV_REQUIRED, 100, e);
    password = jv_string(body, NULL, "password", JV_REQUIRED, 200, e);
    if (e->http)
        goto out;
    account = arena_printf(&r->arena, "u:%s", username);
    address = arena_printf(&r->arena, "a:%s", req_peer(r));
    wait = ratelimit_blocked(app->limits, account, r->now);
    if (!wait)
        wait = ratelimit_blocked(app->limits, address, r->now);
    if (wait) {
        log_warn("login refused: too many failures for this account or from %s", req_peer(r));
        e->retry_after = (long)wait;
        err_set(e, 429, "too_many_attempts", "too many failed logins; try again in %lld minutes",
                (long long)(wait + 59) / 60);
        goto out;
    }
    found = user_by_username(r->db, &r->arena, username, &u, e) == 0;
    if (!found) {
        if (e->http != 404)
            goto out;
        err_clear(e);
        pthread_once(&dummy_once, make_dummy);
        crypto_password_verify(dummy_hash, password);
    }
    if (!found || !u.active || !crypto_password_verify(u.password_hash, password)) {
        log_warn("login failed for a user from %s", req_peer(r));
        ratelimit_hit(app->limits, account, r->now, &app->login_account);
        ratelimit_hit(app->limits, address, r->now, &app->login_address);
        err_set(e, 401, "invalid_credentials", "wrong username or password");
        goto out;
    }
    ratelimit_clear(app->limits, account);
    crypto_token(token);
    crypto_token(csrf);
    crypto_sha256_hex(token, strlen(token), hash);
    if (db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (session_create(r->db, hash, u.id, csrf, r->now, r->now + app->session_ttl, e) < 0 ||
        audit_append(r->db, r->now, u.id, "login",
                     arena_printf(&r->arena, "user:%lld", (long long)u.id), "", e) < 0 ||
        db_commit(r->db, e) < 0) {
        db_rollback(r->db);
        goto out;
    }
    set_cookie(r, token, app->session_ttl);
    rc = resp_json(r, 200, json_pack("{s:s, s:o}", "csrf_token", csrf, "user", user_json(&u)));
out:
    json_decref(body);
    return rc;
}

int auth_logout(struct req *r, struct err *e)
{
    const char *token = req_cookie(r, SESSION_COOKIE);
    char hash[CRYPTO_SHA256_HEX];

    crypto_sha256_hex(token, strlen(token), hash);
    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if (session_delete(r->db, hash, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "logout",
                     arena_printf(&r->arena, "user:%lld", (long long)req_user_id(r)), "", e) < 0 ||
        db_commit(r->db, e) < 0) {
        db_rollback(r->db);
        return -1;
    }
    set_cookie(r, "", 0);
    r->resp.status = 204;
    return 0;
}

int auth_me(struct req *r, struct err *e)
{
    (void)e;
    return resp_json(
        r, 200, json_pack("{s:o, s:s}", "user", user_json(req_user(r)), "csrf_token", r->csrf));
}
