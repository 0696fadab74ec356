/* Users, roles and sessions in SQL. */
#include "store/users.h"
#include "store/agencies.h"
#include "lib/log.h"

int user_create(struct db *db, const struct user *u, int64_t now, int64_t *id, struct err *e)
{
    int64_t exists;

    if (db_int(db, &exists, e, "SELECT count(*) FROM users WHERE username = ?", "t", u->username) <
        0)
        return -1;
    if (exists)
        return err_set(e, 409, "conflict", "the username %s is taken", u->username);
    if (db_int(db, id, e,
               "INSERT INTO users (username, password_hash, full_name, email, phone, active,"
               " created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
               "tttttiI", u->username, u->password_hash, u->full_name ? u->full_name : "", u->email,
               u->phone, u->active, now) != DB_ROW)
        return -1;
    return 0;
}

int user_add_role(struct db *db, int64_t user_id, const char *role, const char *agency,
                  struct err *e)
{
    int64_t n;

    if (agency) {
        if (db_int(db, &n, e, "SELECT count(*) FROM agencies WHERE id = ?", "t", agency) < 0)
            return -1;
        if (!n)
            return err_field(e, "agency", "no agency with identifier %s", agency);
    }
    return db_run(db, e,
                  "INSERT INTO user_roles (user_id, role, agency) VALUES (?, ?, ?)"
                  " ON CONFLICT DO NOTHING",
                  "Itt", user_id, role, agency) < 0
               ? -1
               : 0;
}

static void read_role(struct db_stmt *st, struct arena *a, void *out)
{
    struct user_role *r = out;

    r->role = db_col_dup(st, 0, a);
    r->agency = db_col_dup(st, 1, a);
    r->agency_path = db_col_dup(st, 2, a);
}

static int load_roles(struct db *db, struct arena *a, struct user *u, struct err *e)
{
    return db_all(db, a, read_role, sizeof(*u->roles), &u->roles, &u->nroles, e,
                  "SELECT r.role, r.agency, a.path FROM user_roles r"
                  " LEFT JOIN agencies a ON a.id = r.agency WHERE r.user_id = ?"
                  " ORDER BY r.role, r.agency",
                  "I", u->id);
}

static int user_where(struct db *db, struct arena *a, const char *sql, const char *types,
                      const void *key, struct user *out, struct err *e)
{
    struct db_stmt *st;
    int rc;

    rc = types[0] == 't' ? db_query(db, &st, e, sql, types, (const char *)key)
                         : db_query(db, &st, e, sql, types, *(const int64_t *)key);
    if (rc < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        out->id = db_col_int(st, 0);
        out->username = db_col_dup(st, 1, a);
        out->password_hash = db_col_dup(st, 2, a);
        out->full_name = db_col_dup(st, 3, a);
        out->email = db_col_dup(st, 4, a);
        out->phone = db_col_dup(st, 5, a);
        out->active = (int)db_col_int(st, 6);
    }
    db_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no such user");
    if (rc < 0)
        return -1;
    return load_roles(db, a, out, e);
}

#define USER_COLUMNS "id, username, password_hash, full_name, email, phone, active"

int user_by_username(struct db *db, struct arena *a, const char *username, struct user *out,
                     struct err *e)
{
    return user_where(db, a, "SELECT " USER_COLUMNS " FROM users WHERE username = ?", "t", username,
                      out, e);
}

int user_by_id(struct db *db, struct arena *a, int64_t id, struct user *out, struct err *e)
{
    return user_where(db, a, "SELECT " USER_COLUMNS " FROM users WHERE id = ?", "I", &id, out, e);
}

int session_create(struct db *db, const char *token_hash, int64_t user_id, const char *csrf,
                   int64_t now, int64_t expires_at, struct err *e)
{
    /* expired sessions of anyone are swept on each login */
    if (db_run(db, e, "DELETE FROM sessions WHERE expires_at <= ?", "I", now) < 0)
        return -1;
    return db_run(db, e,
                  "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen,"
                  " expires_at) VALUES (?, ?, ?, ?, ?, ?)",
                  "tItIII", token_hash, user_id, csrf, now, now, expires_at) < 0
               ? -1
               : 0;
}

int session_user(struct db *db, struct arena *a, const char *token_hash, int64_t now,
                 int64_t idle_seconds, struct user *out, const char **csrf, struct err *e)
{
    struct db_stmt *st;
    int64_t user_id = 0, last_seen = 0;
    int rc;

    if (db_query(db, &st, e,
                 "SELECT s.user_id, s.csrf_token, s.last_seen FROM sessions s"
                 " JOIN users u ON u.id = s.user_id"
                 " WHERE s.token_hash = ? AND s.expires_at > ? AND s.last_seen > ? AND u.active",
                 "tII", token_hash, now, now - idle_seconds) < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        user_id = db_col_int(st, 0);
        *csrf = db_col_dup(st, 1, a);
        last_seen = db_col_int(st, 2);
    }
    db_finalize(st);
    if (rc == DB_DONE)
        return err_set(e, 401, "unauthenticated", "the session has expired; log in again");
    if (rc < 0)
        return -1;
    if (now - last_seen >= 60) {
        /* best effort: a full or read-only disk must not stop the reads of a signed-in user */
        struct err touch = ERR_INIT;
        if (db_run(db, &touch, "UPDATE sessions SET last_seen = ? WHERE token_hash = ?", "It", now,
                   token_hash) < 0)
            log_warn("the session's last use was not recorded: %s", touch.msg);
    }
    return user_by_id(db, a, user_id, out, e);
}

int session_delete(struct db *db, const char *token_hash, struct err *e)
{
    return db_run(db, e, "DELETE FROM sessions WHERE token_hash = ?", "t", token_hash) < 0 ? -1 : 0;
}

static void read_user(struct db_stmt *st, struct arena *a, void *out)
{
    struct user *u = out;

    u->id = db_col_int(st, 0);
    u->username = db_col_dup(st, 1, a);
    u->full_name = db_col_dup(st, 2, a);
    u->email = db_col_dup(st, 3, a);
    u->phone = db_col_dup(st, 4, a);
    u->active = (int)db_col_int(st, 5);
}

int user_list(struct db *db, struct arena *a, const char *agency_path, struct user **out, size_t *n,
              struct err *e)
{
    size_t i;
    int rc = agency_path ? db_all(db, a, read_user, sizeof(**out), out, n, e,
                                  "SELECT DISTINCT u.id, u.username, u.full_name, u.email, u.phone,"
                                  " u.active FROM users u JOIN user_roles r ON r.user_id = u.id"
                                  " JOIN agencies g ON g.id = r.agency"
                                  " WHERE " AGENCY_UNDER_SQL("g.path", "?1") " ORDER BY u.username",
                                  "t", agency_path)
                         : db_all(db, a, read_user, sizeof(**out), out, n, e,
                                  "SELECT id, username, full_name, email, phone, active FROM users"
                                  " ORDER BY username",
                                  "");

    for (i = 0; rc == 0 && i < *n; i++)
        rc = load_roles(db, a, &(*out)[i], e);
    return rc;
}

int user_update(struct db *db, const struct user *u, struct err *e)
{
    return db_run(db, e,
                  "UPDATE users SET full_name = ?, email = ?, phone = ?, active = ?,"
                  " password_hash = coalesce(?, password_hash) WHERE id = ?",
                  "tttitI", u->full_name ? u->full_name : "", u->email, u->phone, u->active,
                  u->password_hash, u->id) < 0
               ? -1
               : 0;
}

int user_set_roles(struct db *db, int64_t user_id, const struct user_role *roles, size_t n,
                   struct err *e)
{
    size_t i;

    if (db_run(db, e, "DELETE FROM user_roles WHERE user_id = ?", "I", user_id) < 0)
        return -1;
    for (i = 0; i < n; i++)
        if (user_add_role(db, user_id, roles[i].role, roles[i].agency, e) < 0)
            return -1;
    return 0;
}

int account_token_add(struct db *db, const char *token_hash, int64_t user_id, const char *kind,
                      int64_t now, int64_t ttl, struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO account_tokens (token_hash, user_id, kind, created_at, expires_at)"
                  " VALUES (?, ?, ?, ?, ?)",
                  "tItII", token_hash, user_id, kind, now, now + ttl) < 0
               ? -1
               : 0;
}

int account_token_take(struct db *db, const char *token_hash, const char *kind, int64_t now,
                       int64_t *user_id, struct err *e)
{
    int rc = db_int(db, user_id, e,
                    "SELECT user_id FROM account_tokens WHERE token_hash = ? AND kind = ?"
                    " AND used_at IS NULL AND expires_at > ?",
                    "ttI", token_hash, kind, now);

    if (rc <= 0)
        return rc;
    return db_run(db, e,
                  "UPDATE account_tokens SET used_at = ? WHERE user_id = ? AND kind = ?"
                  " AND used_at IS NULL",
                  "IIt", now, *user_id, kind) < 0
               ? -1
               : 1;
}

int user_set_password(struct db *db, int64_t user_id, const char *password_hash, int active,
                      struct err *e)
{
    return db_run(db, e, "UPDATE users SET password_hash = ?, active = ? WHERE id = ?", "tiI",
                  password_hash, active, user_id) < 0 ||
                   db_run(db, e, "DELETE FROM sessions WHERE user_id = ?", "I", user_id) < 0
               ? -1
               : 0;
}
