/* Open311 clients' keys. */
#include "store/open311.h"
#include "lib/crypto.h"

#include <ctype.h>
#include <string.h>

/* A client's name also names it in an address (DELETE /api/v1/open311/keys/{name}). */
static int name_valid(const char *name)
{
    size_t n = strlen(name);

    return n && n <= 100 && !strchr(name, '/') && strcmp(name, ".") && strcmp(name, "..") &&
           !isspace((unsigned char)name[0]) && !isspace((unsigned char)name[n - 1]);
}

int open311_key_add(struct db *db, const char *name, const char *key_hash, int64_t now, int64_t *id,
                    struct err *e)
{
    int64_t n;

    if (!name_valid(name))
        return err_field(
            e, "name", "must be 1 to 100 characters, without '/' and without spaces at either end");
    if (db_int(db, &n, e, "SELECT count(*) FROM open311_keys WHERE name = ?", "t", name) < 0)
        return -1;
    if (n)
        return err_set(e, 409, "conflict", "a client named %s exists already", name);
    return db_int(db, id, e,
                  "INSERT INTO open311_keys (name, key_hash, created_at) VALUES (?, ?, ?)"
                  " RETURNING id",
                  "ttI", name, key_hash, now) == DB_ROW
               ? 0
               : -1;
}

static void read_key(struct db_stmt *st, struct arena *a, void *out)
{
    struct open311_key *k = out;

    k->id = db_col_int(st, 0);
    k->name = db_col_dup(st, 1, a);
    k->created_at = db_col_int(st, 2);
    k->revoked_at = db_col_int0(st, 3);
    k->last_used_at = db_col_int0(st, 4);
    k->requests = db_col_int(st, 5);
}

#define KEY_COLUMNS "id, name, created_at, revoked_at, last_used_at, requests"

int open311_key_find(struct db *db, struct arena *a, const char *key_hash, struct open311_key *out,
                     struct err *e)
{
    int rc = db_one(db, a, read_key, out, e,
                    "SELECT " KEY_COLUMNS " FROM open311_keys WHERE key_hash = ?"
                    " AND revoked_at IS NULL",
                    "t", key_hash);

    return rc < 0 ? -1 : rc == DB_ROW;
}

int open311_key_used(struct db *db, int64_t id, int64_t now, struct err *e)
{
    return db_run(db, e,
                  "UPDATE open311_keys SET requests = requests + 1, last_used_at = ? WHERE id = ?",
                  "II", now, id) < 0
               ? -1
               : 0;
}

int open311_key_list(struct db *db, struct arena *a, struct open311_key **out, size_t *n,
                     struct err *e)
{
    return db_all(db, a, read_key, sizeof(**out), out, n, e,
                  "SELECT " KEY_COLUMNS " FROM open311_keys ORDER BY name", "");
}

int open311_key_revoke(struct db *db, const char *name, int64_t now, struct err *e)
{
    int64_t n = db_run(
        db, e, "UPDATE open311_keys SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL", "It",
        now, name);

    return n < 0 ? -1 : n > 0;
}

_Static_assert(CRYPTO_TOKEN_LEN + 1 <= OPEN311_KEY_MAX, "a key fits its buffer");

int open311_key_issue(struct db *db, const char *name, int64_t now, char key[OPEN311_KEY_MAX],
                      int64_t *id, struct err *e)
{
    char hash[CRYPTO_SHA256_HEX];

    crypto_token(key);
    crypto_sha256_hex(key, strlen(key), hash);
    return open311_key_add(db, name, hash, now, id, e);
}
