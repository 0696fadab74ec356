/* Hash-chained audit rows. */
#include "store/audit.h"
#include "lib/crypto.h"
#include "lib/strbuf.h"

#include <string.h>

#define AUDIT_GENESIS "0000000000000000000000000000000000000000000000000000000000000000"

int audit_append(struct db *db, int64_t now, int64_t actor_id, const char *action,
                 const char *object, const char *detail, struct err *e)
{
    struct strbuf sb = STRBUF_INIT;
    struct db_stmt *st;
    char prev[CRYPTO_SHA256_HEX] = AUDIT_GENESIS, hash[CRYPTO_SHA256_HEX];
    int64_t id = 1;
    int rc;

    if (db_query(db, &st, e, "SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1", "") < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        id = db_col_int(st, 0) + 1;
        memcpy(prev, db_col_text(st, 1), CRYPTO_SHA256_HEX - 1);
    }
    db_finalize(st);
    if (rc < 0)
        return -1;
    strbuf_addf(&sb, "%s|%lld|%lld|%lld|%s|%s|%s", prev, (long long)id, (long long)now,
                (long long)actor_id, action, object, detail ? detail : "");
    crypto_sha256_hex(sb.buf, sb.len, hash);
    strbuf_release(&sb);
    return db_run(db, e,
                  "INSERT INTO audit_log (id, at, actor_id, action, object, detail, prev_hash,"
                  " hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                  "IIztttt"
                  "t",
                  id, now, actor_id, action, object, detail ? detail : "", prev, hash) < 0
               ? -1
               : 0;
}
