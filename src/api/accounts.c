/*
 * Citizens' own accounts: POST /api/v1/auth/register creates one, inactive
 * until the address is verified by the link e-mailed (POST
 * /api/v1/auth/verify); POST /api/v1/auth/password-reset e-mails a link to set
 * a new password (POST /api/v1/auth/password-reset/confirm). The username is
 * the e-mail address. Neither a registration nor a reset tells whether an
 * address has an account: both answer 202 and, for a known address, the
 * e-mail says what to do. Each counts against the address's public allowance
 * (--lookup-rate). Tokens are random, single use, kept as their SHA-256.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "core/dossier.h"
#include "lib/crypto.h"
#include "lib/json.h"
#include "store/audit.h"
#include "store/outbox.h"
#include "store/users.h"

#include <ctype.h>
#include <string.h>

#define VERIFY_TTL (3 * 24 * 3600)
#define RESET_TTL  3600

/* The address in lower case (it is the username). */
static const char *address_of(struct req *r, const char *email)
{
    char *s = arena_strdup(&r->arena, email), *p;

    for (p = s; *p; p++)
        *p = (char)tolower((unsigned char)*p);
    return s;
}

/* A new token of this kind for the user, and the link that carries it. */
static const char *new_link(struct req *r, int64_t user_id, const char *kind, int64_t ttl,
                            const char *page, struct err *e)
{
    struct app *app = r->app;
    char token[CRYPTO_TOKEN_LEN + 1], hash[CRYPTO_SHA256_HEX];

    crypto_token(token);
    crypto_sha256_hex(token, strlen(token), hash);
    if (account_token_add(r->db, hash, user_id, kind, r->now, ttl, e) < 0)
        return NULL;
    return arena_printf(&r->arena, "%s/#/%s?token=%s", app->public_url ? app->public_url : "", page,
                        token);
}

static int accepted(struct req *r, const char *what)
{
    return resp_json(r, 202, json_pack("{s:s}", "message", what));
}

int auth_register(struct req *r, struct err *e)
{
    static const char *const keys[] = {"email", "password", "full_name", "phone", NULL};
    char hash[CRYPTO_HASH_MAX];
    struct user u = {0}, old;
    const char *email, *link;
    json_t *body;
    int found, rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    email = jv_string(body, NULL, "email", JV_REQUIRED, 254, e);
    if (email && !email_valid(email))
        err_field_as(e, "email", "email", "", "must be an e-mail address");
    u.full_name = jv_string(body, NULL, "full_name", JV_REQUIRED, 200, e);
    u.phone = jv_string(body, NULL, "phone", JV_NULLABLE, 20, e);
    u.password_hash = read_password(body, JV_REQUIRED, hash, e);
    if (e->http || lookup_try(r, e) < 0 || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    u.username = u.email = address_of(r, email);
    if ((found = user_by_username(r->db, &r->arena, u.username, &old, e)) < 0) {
        if (e->http != 404)
            goto out;
        err_clear(e);
        found = 0;
    } else {
        found = 1;
    }
    if (found) {
        /* say nothing here; tell the owner of the address */
        if (outbox_add(r->db, 0, u.email, "Tài khoản Cổng dịch vụ công",
                       "Địa chỉ thư điện tử này đã có tài khoản. Nếu quên mật khẩu, hãy dùng "
                       "chức năng \"Quên mật khẩu\" trên trang đăng nhập.\n",
                       r->now, e) < 0)
            goto out;
    } else {
        u.active = 0;
        if (user_create(r->db, &u, r->now, &u.id, e) < 0 ||
            user_add_role(r->db, u.id, "citizen", NULL, e) < 0 ||
            !(link = new_link(r, u.id, "verify", VERIFY_TTL, "xac-nhan", e)) ||
            outbox_add(r->db, 0, u.email, "Xác nhận tài khoản Cổng dịch vụ công",
                       arena_printf(&r->arena,
                                    "Kính gửi %s,\n\nĐể kích hoạt tài khoản, vui lòng mở "
                                    "đường dẫn sau trong vòng 3 ngày:\n%s\n\nNếu không phải "
                                    "bạn đăng ký, hãy bỏ qua thư này.\n",
                                    u.full_name, link),
                       r->now, e) < 0 ||
            audit_append(r->db, r->now, u.id, "account.register", "user", u.username, e) < 0)
            goto out;
    }
    if (db_commit(r->db, e) < 0)
        goto out;
    rc = accepted(r, "Vui lòng mở thư điện tử để xác nhận địa chỉ và kích hoạt tài khoản.");
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

/* The token of the body, as its SHA-256. */
static const char *token_hash(struct req *r, json_t *body, struct err *e)
{
    const char *token = jv_string(body, NULL, "token", JV_REQUIRED, 100, e);
    char *hash;

    if (!token)
        return NULL;
    hash = arena_alloc(&r->arena, CRYPTO_SHA256_HEX);
    crypto_sha256_hex(token, strlen(token), hash);
    return hash;
}

int auth_verify(struct req *r, struct err *e)
{
    static const char *const keys[] = {"token", NULL};
    struct user u;
    const char *hash;
    json_t *body;
    int64_t id;
    int rc = -1, found;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    hash = token_hash(r, body, e);
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if ((found = account_token_take(r->db, hash, "verify", r->now, &id, e)) < 0)
        goto out;
    if (!found) {
        err_field_as(e, "token", "expired", "", "the link is not valid or has expired");
        goto out;
    }
    if (user_by_id(r->db, &r->arena, id, &u, e) < 0 ||
        user_set_password(r->db, id, u.password_hash, 1, e) < 0 ||
        audit_append(r->db, r->now, id, "account.verify", "user", u.username, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 200, json_pack("{s:s}", "username", u.username));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

int auth_reset_request(struct req *r, struct err *e)
{
    static const char *const keys[] = {"email", NULL};
    const char *email, *link;
    struct user u;
    json_t *body;
    int rc = -1, k, citizen = 0;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    email = jv_string(body, NULL, "email", JV_REQUIRED, 254, e);
    if (e->http || lookup_try(r, e) < 0 || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (user_by_username(r->db, &r->arena, address_of(r, email), &u, e) < 0) {
        if (e->http != 404)
            goto out;
        err_clear(e);
    } else {
        /* staff passwords are set by their administrators, not by e-mail */
        for (k = 0; k < (int)u.nroles; k++)
            citizen |= !strcmp(u.roles[k].role, "citizen");
        if (citizen && u.email &&
            (!(link = new_link(r, u.id, "reset", RESET_TTL, "dat-lai-mat-khau", e)) ||
             outbox_add(r->db, 0, u.email, "Đặt lại mật khẩu Cổng dịch vụ công",
                        arena_printf(&r->arena,
                                     "Kính gửi %s,\n\nĐể đặt mật khẩu mới, vui lòng mở đường "
                                     "dẫn sau trong vòng 1 giờ:\n%s\n\nNếu không phải bạn yêu "
                                     "cầu, hãy bỏ qua thư này; mật khẩu cũ vẫn dùng được.\n",
                                     u.full_name, link),
                        r->now, e) < 0))
            goto out;
    }
    if (db_commit(r->db, e) < 0)
        goto out;
    rc = accepted(r, "Nếu địa chỉ này có tài khoản, một thư hướng dẫn đặt lại mật khẩu đã được "
                     "gửi đến.");
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

int auth_reset_confirm(struct req *r, struct err *e)
{
    static const char *const keys[] = {"token", "password", NULL};
    char hash[CRYPTO_HASH_MAX];
    const char *th, *ph;
    struct user u;
    json_t *body;
    int64_t id;
    int rc = -1, found;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    th = token_hash(r, body, e);
    ph = read_password(body, JV_REQUIRED, hash, e);
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if ((found = account_token_take(r->db, th, "reset", r->now, &id, e)) < 0)
        goto out;
    if (!found) {
        err_field_as(e, "token", "expired", "", "the link is not valid or has expired");
        goto out;
    }
    /* the link came by e-mail: the address is verified too */
    if (user_by_id(r->db, &r->arena, id, &u, e) < 0 || user_set_password(r->db, id, ph, 1, e) < 0 ||
        audit_append(r->db, r->now, id, "account.reset", "user", u.username, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 200, json_pack("{s:s}", "username", u.username));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}
