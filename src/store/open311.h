/* The API keys of Open311 clients (only each key's SHA-256 is stored). */
#ifndef STORE_OPEN311_H
#define STORE_OPEN311_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"
#include "store/db.h"

struct open311_key {
    int64_t id;
    const char *name;
    int64_t created_at, revoked_at, last_used_at, requests;
};

/* A new client with the SHA-256 of its key; 422 (name) for a name that cannot name it in an
   address, 409 when it is taken. */
int open311_key_add(struct db *db, const char *name, const char *key_hash, int64_t now, int64_t *id,
                    struct err *e);
#define OPEN311_KEY_MAX 64 /* a key and its NUL: CRYPTO_TOKEN_LEN + 1 at most */
/* Issues a new client its key: a random token written to `key`, to be shown once (open311_key_add).
 */
int open311_key_issue(struct db *db, const char *name, int64_t now, char key[OPEN311_KEY_MAX],
                      int64_t *id, struct err *e);
/* The active key with that hash: 1 found (out filled), 0 none or revoked, -1 error. */
int open311_key_find(struct db *db, struct arena *a, const char *key_hash, struct open311_key *out,
                     struct err *e);
/* Counts a request posted with the key. */
int open311_key_used(struct db *db, int64_t id, int64_t now, struct err *e);
int open311_key_list(struct db *db, struct arena *a, struct open311_key **out, size_t *n,
                     struct err *e);
/* Revokes the client's key: 1 revoked, 0 no active key of that name, -1 error. */
int open311_key_revoke(struct db *db, const char *name, int64_t now, struct err *e);

#endif
