/* The SQLite driver's statements: prepared once per connection and kept, bound, stepped, read. */
#include "store/db_sqlite.h"
#include "lib/xalloc.h"

#include <stdlib.h>
#include <string.h>

static uint64_t sql_hash(const char *sql)
{
    uint64_t h = 1469598103934665603u ^ strlen(sql); /* FNV-1a */
    size_t n = strlen(sql), i;

    for (i = 0; i < n && i < 48; i++)
        h = (h ^ (unsigned char)sql[i]) * 1099511628211u;
    for (i = n > 96 ? n - 48 : i; i < n; i++)
        h = (h ^ (unsigned char)sql[i]) * 1099511628211u;
    return h;
}

/* A slot for a new statement: a free one, else the idle one used longest ago (finalized). */
static struct db_stmt *cache_slot(struct conn *c)
{
    struct db_stmt *oldest = NULL;
    size_t i;

    if (c->ncache < CACHE_SLOTS)
        return &c->cache[c->ncache++];
    for (i = 0; i < c->ncache; i++)
        if (!c->cache[i].busy && (!oldest || c->cache[i].used < oldest->used))
            oldest = &c->cache[i];
    if (oldest)
        sqlite3_finalize(oldest->s);
    return oldest;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
    struct conn *c = db->cur;
    uint64_t hash = sql_hash(sql);
    struct db_stmt *st;
    sqlite3_stmt *s;
    size_t i;
    int rc;

    *out = NULL;
    for (i = 0; i < c->ncache; i++) {
        st = &c->cache[i];
        if (st->hash == hash && !st->busy && !strcmp(sqlite3_sql(st->s), sql)) {
            st->busy = 1;
            st->used = ++c->ticks;
            *out = st;
            return 0;
        }
    }
    rc = sqlite3_prepare_v3(c->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
    if (rc != SQLITE_OK)
        return sqlite_fail(c, rc & 0xff, e, "prepare");
    st = s ? cache_slot(c) : NULL;
    if (st) {
        memset(st, 0, sizeof(*st));
        st->cached = 1;
    } else {
        st = xcalloc(1, sizeof(*st));
    }
    st->c = c;
    st->s = s;
    st->hash = hash;
    st->busy = 1;
    st->used = ++c->ticks;
    *out = st;
    return 0;
}
void db_finalize(struct db_stmt *st)
{
    if (!st)
        return;
    if (st->cached) {
        sqlite3_reset(st->s);
        sqlite3_clear_bindings(st->s);
        st->busy = 0;
        return;
    }
    sqlite3_finalize(st->s);
    free(st);
}

void db_reset(struct db_stmt *st)
{
    sqlite3_reset(st->s);
    sqlite3_clear_bindings(st->s);
}

void db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
    sqlite3_bind_int64(st->s, idx, v);
}

void db_bind_double(struct db_stmt *st, int idx, double v)
{
    sqlite3_bind_double(st->s, idx, v);
}

void db_bind_text(struct db_stmt *st, int idx, const char *s)
{
    if (s)
        sqlite3_bind_text(st->s, idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st->s, idx);
}

void db_bind_null(struct db_stmt *st, int idx)
{
    sqlite3_bind_null(st->s, idx);
}

int db_step(struct db_stmt *st, struct err *e)
{
    int rc = sqlite3_step(st->s);

    if (rc == SQLITE_ROW)
        return DB_ROW;
    if (rc == SQLITE_DONE)
        return DB_DONE;
    return sqlite_fail(st->c, rc & 0xff, e, "step");
}

int db_col_is_null(struct db_stmt *st, int col)
{
    return sqlite3_column_type(st->s, col) == SQLITE_NULL;
}

int64_t db_col_int(struct db_stmt *st, int col)
{
    return sqlite3_column_int64(st->s, col);
}

double db_col_double(struct db_stmt *st, int col)
{
    return sqlite3_column_double(st->s, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
    return (const char *)sqlite3_column_text(st->s, col);
}

/*
 * The batch is over: committed, or rolled back when it has no member; its
 * members are woken with the result. Called with w->m held by the holder of
 * the writer; the COMMIT (its fsync) runs without w->m, so transactions that
 * arrive meanwhile can say they wait.
 */
