/* The router's begin hook: the thread's database, the request's calendar and the session. */
#include "api/app.h"
#include "core/roles.h"
#include "lib/crypto.h"

#include <string.h>

static unsigned role_mask_of(const struct user *u)
{
    unsigned mask = 0;
    size_t i;

    for (i = 0; i < u->nroles; i++) {
        int r = role_parse(u->roles[i].role);
        if (r >= 0)
            mask |= ROLE_BIT(r);
    }
    return mask;
}

int app_begin(struct req *r, struct err *e)
{
    const char *token = req_cookie(r, SESSION_COOKIE), *csrf;
    char hash[CRYPTO_SHA256_HEX];
    struct app *app = r->app;
    struct user *u;

    r->db = app_thread_db(app, e);
    if (!r->db || !app_calendar(r, e))
        return -1;
    if (!token || strlen(token) != CRYPTO_TOKEN_LEN)
        return 0;
    crypto_sha256_hex(token, strlen(token), hash);
    u = arena_calloc(&r->arena, 1, sizeof(*u));
    if (session_user(r->db, &r->arena, hash, r->now, app->session_idle, u, &csrf, e) < 0) {
        if (e->http != 401)
            return -1;
        err_clear(e); /* an expired session is anonymous; routes that need one say 401 */
        return 0;
    }
    r->user = u;
    r->csrf = csrf;
    r->role_mask = role_mask_of(u);
    return 0;
}
