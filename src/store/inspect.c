/* Whether a database answers, and whether a file is a whole motcua database. */
#include "store/inspect.h"

#include <string.h>

int store_ping(struct db *db, struct err *e)
{
    int64_t one;

    return db_int(db, &one, e, "SELECT 1", "") == DB_ROW ? 0 : -1;
}

int store_inspect(struct db *db, const char *path, int64_t *version, int64_t *dossiers,
                  struct err *e)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_query(db, &st, e, "PRAGMA integrity_check", "") < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW && strcmp(db_col_text(st, 0), "ok"))
        err_set(e, 422, "corrupt", "%s fails the integrity check: %s", path, db_col_text(st, 0));
    db_finalize(st);
    if (rc < 0 || e->http)
        return -1;
    if (db_int(db, version, e, "SELECT coalesce(max(version), 0) FROM schema_version", "") !=
            DB_ROW ||
        db_int(db, dossiers, e, "SELECT count(*) FROM dossiers", "") != DB_ROW) {
        err_clear(e);
        return err_set(e, 422, "not_motcua", "%s is not a motcua database", path);
    }
    return 0;
}
