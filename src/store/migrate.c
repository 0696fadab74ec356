/* Applies the embedded migrations (build/gen/migrations_sqlite.c) and seeds defaults. */
#include "store/migrate.h"
#include "store/stats.h"

#include <stdio.h>
#include <stdlib.h>

/* the schema version with which the counting rules last changed (core/stats.c) */
#define STATS_VERSION 5

extern const char *const migrations_sqlite[];
extern const char *const migrations_sqlite_names[];

int migrate_latest(void)
{
    int i = 0;

    while (migrations_sqlite[i])
        i++;
    return atoi(migrations_sqlite_names[i - 1]);
}

static int current_version(struct db *db, int64_t *version, struct err *e)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_exec(db,
                "CREATE TABLE IF NOT EXISTS schema_version ("
                " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)",
                e) < 0 ||
        db_prepare(db, "SELECT coalesce(max(version), 0) FROM schema_version", &st, e) < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        *version = db_col_int(st, 0);
    db_finalize(st);
    return rc == DB_ROW ? 0 : -1;
}

static int apply(struct db *db, int version, const char *name, const char *sql, int64_t now,
                 struct err *e)
{
    struct db_stmt *st = NULL;

    if (db_begin(db, DB_WRITE, e) < 0)
        return -1;
    if (db_exec(db, sql, e) < 0 ||
        db_prepare(db, "INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                   &st, e) < 0)
        goto fail;
    db_bind_int(st, 1, version);
    db_bind_text(st, 2, name);
    db_bind_int(st, 3, now);
    if (db_step(st, e) < 0)
        goto fail;
    db_finalize(st);
    return db_commit(db, e);
fail:
    db_finalize(st);
    db_rollback(db);
    err_wrap(e, name);
    return -1;
}

int migrate(struct db *db, int64_t now, struct err *e)
{
    int64_t have;
    int i, applied = 0;

    if (current_version(db, &have, e) < 0)
        return -1;
    if (have > migrate_latest())
        return err_set(e, 500, "db",
                       "the database has schema version %lld, newer than this motcua (%d)",
                       (long long)have, migrate_latest());
    for (i = 0; migrations_sqlite[i]; i++) {
        int version = atoi(migrations_sqlite_names[i]);
        if (version <= have)
            continue;
        if (apply(db, version, migrations_sqlite_names[i], migrations_sqlite[i], now, e) < 0)
            return -1;
        applied++;
    }
    /* counters began with version 4 and their rules changed with 5: count again what an older
       database holds */
    if (have > 0 && have < STATS_VERSION && applied &&
        (db_begin(db, DB_WRITE, e) < 0 || stats_rebuild(db, e) < 0 || db_commit(db, e) < 0)) {
        db_rollback(db);
        return -1;
    }
    return applied;
}
