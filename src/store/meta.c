/* The meta table. */
#include "store/meta.h"

int meta_get(struct db *db, struct arena *a, const char *key, const char **value, struct err *e)
{
    struct db_stmt *st;
    int rc;

    *value = NULL;
    if (db_query(db, &st, e, "SELECT value FROM meta WHERE key = ?", "t", key) < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        *value = db_col_dup(st, 0, a);
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int meta_set(struct db *db, const char *key, const char *value, struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO meta (key, value) VALUES (?, ?)"
                  " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                  "tt", key, value) < 0
               ? -1
               : 0;
}
