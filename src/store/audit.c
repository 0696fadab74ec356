/* Hash-chained audit rows. */
#include "store/audit.h"
#include "lib/crypto.h"
#include "lib/strbuf.h"
#include "store/meta.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

/* SHA-256 of the previous hash and a row's fields. */
static void row_hash(const char *prev, int64_t id, int64_t at, int64_t actor, const char *action,
                     const char *object, const char *detail, char out[CRYPTO_SHA256_HEX])
{
    struct strbuf sb = STRBUF_INIT;

    strbuf_addf(&sb, "%s|%lld|%lld|%lld|%s|%s|%s", prev, (long long)id, (long long)at,
                (long long)actor, action, object, detail ? detail : "");
    crypto_sha256_hex(sb.buf, sb.len, out);
    strbuf_release(&sb);
}

int audit_append(struct db *db, int64_t now, int64_t actor_id, const char *action,
                 const char *object, const char *detail, struct err *e)
{
    struct db_stmt *st;
    char prev[CRYPTO_SHA256_HEX] = AUDIT_GENESIS, hash[CRYPTO_SHA256_HEX], head[96];
    int64_t id = 1;
    int rc;

    if (db_query(db, &st, e, "SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1", "") < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        id = db_col_int(st, 0) + 1;
        memcpy(prev, db_col_text(st, 1), CRYPTO_SHA256_HEX - 1);
        /* requests started in one order may commit in another: the row is
           dated no earlier than the one it follows, so time never runs back */
        if (now < db_col_int(st, 2))
            now = db_col_int(st, 2);
    }
    db_finalize(st);
    if (rc < 0)
        return -1;
    row_hash(prev, id, now, actor_id, action, object, detail, hash);
    snprintf(head, sizeof(head), "%lld:%s", (long long)id, hash);
    return db_run(db, e,
                  "INSERT INTO audit_log (id, at, actor_id, action, object, detail, prev_hash,"
                  " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  "IIztttt"
                  "t",
                  id, now, actor_id, action, object, detail ? detail : "", prev, hash) < 0 ||
                   meta_set(db, "audit_head", head, e) < 0
               ? -1
               : 0;
}

int audit_verify(struct db *db, struct audit_report *out, struct err *e)
{
    struct arena a = ARENA_INIT;
    struct db_stmt *st;
    char prev[CRYPTO_SHA256_HEX] = AUDIT_GENESIS, hash[CRYPTO_SHA256_HEX];
    const char *head = NULL;
    int64_t expect = 1, last_at = 0;
    int rc;

    memset(out, 0, sizeof(*out));
    if (meta_get(db, &a, "audit_head", &head, e) < 0 ||
        db_query(db, &st, e,
                 "SELECT id, at, coalesce(actor_id, 0), action, object, detail, prev_hash, hash"
                 " FROM audit_log ORDER BY id",
                 "") < 0) {
        arena_release(&a);
        return -1;
    }
    while ((rc = db_step(st, e)) == DB_ROW) {
        int64_t id = db_col_int(st, 0), at = db_col_int(st, 1);
        const char *why = NULL;

        out->rows++;
        row_hash(prev, id, at, db_col_int(st, 2), db_col_text(st, 3), db_col_text(st, 4),
                 db_col_text(st, 5), hash);
        if (id != expect)
            why = id > expect ? "rows before it were deleted" : "it was inserted out of order";
        else if (strcmp(db_col_text(st, 6), prev))
            why = "it does not follow the row before it (a row was deleted or replaced)";
        else if (strcmp(db_col_text(st, 7), hash))
            why = "its content was edited (the hash does not match)";
        else if (at < last_at)
            why = "it is dated before the row it follows (inserted out of order)";
        if (why) {
            out->bad_id = id;
            snprintf(out->reason, sizeof(out->reason), "%s", why);
            break;
        }
        memcpy(prev, hash, sizeof(prev));
        last_at = at;
        expect = id + 1;
    }
    db_finalize(st);
    if (rc >= 0 && !out->bad_id && head) {
        /* the head written with the last append must be the last row */
        long long head_id = strtoll(head, NULL, 10);
        const char *colon = strchr(head, ':');
        if (head_id != expect - 1 || !colon || strcmp(colon + 1, prev)) {
            out->bad_id = expect;
            snprintf(out->reason, sizeof(out->reason),
                     "the log ends early: the last row written was %lld", head_id);
        }
    }
    arena_release(&a);
    return rc < 0 ? -1 : 0;
}
