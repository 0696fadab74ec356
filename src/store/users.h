/* Users, their roles over agency subtrees, and login sessions. */
#ifndef STORE_USERS_H
#define STORE_USERS_H

#include <stddef.h>

#include "lib/arena.h"
#include "store/db.h"

struct user_role {
    const char *role;
    const char *agency;      /* NULL: the whole system */
    const char *agency_path; /* the agency's path, for subtree checks; NULL with agency */
};

struct user {
    int64_t id;
    const char *username, *full_name, *email, *phone;
    const char *password_hash;
    int active;
    struct user_role *roles;
    size_t nroles;
};

/* 409 when the username is taken. */
int user_create(struct db *db, const struct user *u, int64_t now, int64_t *id, struct err *e);
/* 422 (field "agency") when the agency does not exist. */
int user_add_role(struct db *db, int64_t user_id, const char *role, const char *agency,
                  struct err *e);
/* The user with its roles; 404 when there is none. */
int user_by_username(struct db *db, struct arena *a, const char *username, struct user *out,
                     struct err *e);
int user_by_id(struct db *db, struct arena *a, int64_t id, struct user *out, struct err *e);
/*
 * Users having a role under the agency path (or every user when NULL), by
 * username, with their roles; a citizen has no agency, so only a NULL path
 * lists citizens.
 */
int user_list(struct db *db, struct arena *a, const char *agency_path, struct user **out, size_t *n,
              struct err *e);
/* Writes full name, e-mail, phone, active and, when set, the password hash. */
int user_update(struct db *db, const struct user *u, struct err *e);
/* Replaces the user's roles. */
int user_set_roles(struct db *db, int64_t user_id, const struct user_role *roles, size_t n,
                   struct err *e);

int session_create(struct db *db, const char *token_hash, int64_t user_id, const char *csrf,
                   int64_t now, int64_t expires_at, struct err *e);
/*
 * The session's user (with roles) and CSRF token. 401 "unauthenticated" when the
 * session does not exist, expired, was idle longer than idle_seconds, or its
 * user was deactivated. Refreshes last_seen at most once a minute.
 */
int session_user(struct db *db, struct arena *a, const char *token_hash, int64_t now,
                 int64_t idle_seconds, struct user *out, const char **csrf, struct err *e);
int session_delete(struct db *db, const char *token_hash, struct err *e);

/* Citizens' e-mailed tokens (account_tokens): kind "verify" or "reset". */
int account_token_add(struct db *db, const char *token_hash, int64_t user_id, const char *kind,
                      int64_t now, int64_t ttl, struct err *e);
/*
 * Uses a token: 1 with *user_id when it is of that kind, unused and not
 * expired (it is marked used; the user's other tokens of the kind too), 0
 * otherwise.
 */
int account_token_take(struct db *db, const char *token_hash, const char *kind, int64_t now,
                       int64_t *user_id, struct err *e);
/* Sets a user's password hash and active flag; ends the user's sessions. */
int user_set_password(struct db *db, int64_t user_id, const char *password_hash, int active,
                      struct err *e);

#endif
