/*
 * The SQLite driver of db.h: WAL journal, synchronous FULL, foreign keys on.
 * Write transactions are serialised inside the process by one mutex (one
 * writer at a time, no busy-waiting between our own threads) and across
 * processes by BEGIN IMMEDIATE with a busy timeout.
 */
#include "store/db.h"
#include "core/fold.h"
#include "lib/xalloc.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#define BUSY_TIMEOUT_MS 10000
#define CACHE_SLOTS     64 /* statements kept prepared per connection */

struct db_stmt {
    struct db *db;
    sqlite3_stmt *s;
    int cached, busy;    /* kept in the connection's cache; handed out now */
    uint64_t hash, used; /* the SQL's hash; when it was last handed out */
};

/*
 * Each connection keeps the statements it prepared last, keyed by their SQL:
 * db_prepare() of the same text hands the idle one back and db_finalize()
 * only resets it, so a repository's statement is compiled once per
 * connection, not once per call (bulk writers call the same functions
 * hundreds of thousands of times). A statement in use is never shared; when
 * the cache is full the idle statement used longest ago makes room.
 */
struct db {
    sqlite3 *h;
    int in_txn; /* 0, DB_READ + 1 or DB_WRITE + 1 */
    struct db_stmt cache[CACHE_SLOTS];
    size_t ncache;
    uint64_t ticks;
};

static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;

static int fail(struct db *db, int rc, struct err *e, const char *what)
{
    int sys = sqlite3_system_errno(db->h);

    rc &= 0xff; /* the primary code */
    if (rc == SQLITE_CONSTRAINT)
        return err_set(e, 409, "conflict", "%s: %s", what, sqlite3_errmsg(db->h));
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
        return err_set(e, 503, "busy", "the database is busy; try again");
    if (rc == SQLITE_FULL)
        return err_storage(e, ENOSPC, "the database cannot be written");
    if (rc == SQLITE_READONLY)
        return err_storage(e, EROFS, "the database cannot be written");
    if ((rc == SQLITE_IOERR || rc == SQLITE_CANTOPEN) && sys) /* the system's reason decides */
        return err_storage(e, sys, "the database cannot be written");
    return err_set(e, 500, "db", "%s: %s", what, sqlite3_errmsg(db->h));
}

/* motcua_fold(text): core/fold.h's folding in SQL (migrations fill folded columns with it). */
static void sql_fold(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    const char *in = (const char *)sqlite3_value_text(argv[0]);
    int n = sqlite3_value_bytes(argv[0]);
    char *out;

    (void)argc;
    if (!in) {
        sqlite3_result_null(ctx);
        return;
    }
    if (!(out = sqlite3_malloc(n + 1))) {
        sqlite3_result_error_nomem(ctx);
        return;
    }
    sqlite3_result_text(ctx, out, (int)fold_text(in, (size_t)n, out), sqlite3_free);
}

/*
 * SQLite set for how motcua uses it, before its first use: every connection
 * belongs to one thread at a time (no mutex around each call) and no global
 * memory statistics (their mutex is taken on every allocation).
 */
static void configure(void)
{
    sqlite3_config(SQLITE_CONFIG_MULTITHREAD);
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    sqlite3_initialize();
}

int db_open(const char *path, struct db **out, struct err *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    struct db *db;
    int rc;

    pthread_once(&once, configure);
    db = xcalloc(1, sizeof(*db));
    *out = NULL;
    rc = sqlite3_open_v2(path, &db->h,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        err_set(e, 500, "db", "cannot open %s: %s", path,
                db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
        db_close(db);
        return -1;
    }
    sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(db->h, 1);
    sqlite3_create_function(db->h, "motcua_fold", 1,
                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_fold,
                            NULL, NULL);
    if (db_exec(db,
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                "PRAGMA temp_store=MEMORY;",
                e) < 0) {
        err_wrap(e, path);
        db_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

int db_copy(struct db *from, struct db *to, struct err *e)
{
    sqlite3_backup *b = sqlite3_backup_init(to->h, "main", from->h, "main");
    int rc;

    if (!b)
        return err_set(e, 500, "db", "cannot start the copy: %s", sqlite3_errmsg(to->h));
    /* all pages in one step: one read transaction on the source, so one snapshot */
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(20);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return fail(to, rc, e, "the copy failed");
    return 0;
}

void db_close(struct db *db)
{
    size_t i;

    if (!db)
        return;
    db_rollback(db);
    for (i = 0; i < db->ncache; i++)
        sqlite3_finalize(db->cache[i].s);
    sqlite3_close_v2(db->h);
    free(db);
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);

    sqlite3_free(msg);
    return rc == SQLITE_OK ? 0 : fail(db, rc & 0xff, e, "exec");
}

/* The length and the first and last bytes are enough to tell statements apart; strcmp decides. */
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
static struct db_stmt *cache_slot(struct db *db)
{
    struct db_stmt *oldest = NULL;
    size_t i;

    if (db->ncache < CACHE_SLOTS)
        return &db->cache[db->ncache++];
    for (i = 0; i < db->ncache; i++)
        if (!db->cache[i].busy && (!oldest || db->cache[i].used < oldest->used))
            oldest = &db->cache[i];
    if (oldest)
        sqlite3_finalize(oldest->s);
    return oldest;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
    uint64_t hash = sql_hash(sql);
    struct db_stmt *st;
    sqlite3_stmt *s;
    size_t i;
    int rc;

    *out = NULL;
    for (i = 0; i < db->ncache; i++) {
        st = &db->cache[i];
        if (st->hash == hash && !st->busy && !strcmp(sqlite3_sql(st->s), sql)) {
            st->busy = 1;
            st->used = ++db->ticks;
            *out = st;
            return 0;
        }
    }
    rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL);
    if (rc != SQLITE_OK)
        return fail(db, rc & 0xff, e, "prepare");
    st = s ? cache_slot(db) : NULL;
    if (st) {
        memset(st, 0, sizeof(*st));
        st->cached = 1;
    } else {
        st = xcalloc(1, sizeof(*st));
    }
    st->db = db;
    st->s = s;
    st->hash = hash;
    st->busy = 1;
    st->used = ++db->ticks;
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
    return fail(st->db, rc & 0xff, e, "step");
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

int db_begin(struct db *db, enum db_txn kind, struct err *e)
{
    if (db->in_txn)
        return err_set(e, 500, "db", "a transaction is already open");
    if (kind == DB_WRITE)
        pthread_mutex_lock(&write_lock);
    if (db_exec(db, kind == DB_WRITE ? "BEGIN IMMEDIATE" : "BEGIN", e) < 0) {
        if (kind == DB_WRITE)
            pthread_mutex_unlock(&write_lock);
        return -1;
    }
    db->in_txn = kind + 1;
    return 0;
}

static void end_txn(struct db *db)
{
    if (db->in_txn == DB_WRITE + 1)
        pthread_mutex_unlock(&write_lock);
    db->in_txn = 0;
}

int db_commit(struct db *db, struct err *e)
{
    int rc = db_exec(db, "COMMIT", e);

    if (rc < 0)
        db_exec(db, "ROLLBACK", &(struct err){0});
    end_txn(db);
    return rc;
}

void db_rollback(struct db *db)
{
    struct err ignored = ERR_INIT;

    if (!db->in_txn)
        return;
    if (!sqlite3_get_autocommit(db->h))
        db_exec(db, "ROLLBACK", &ignored);
    end_txn(db);
}

int db_bulk_load(struct db *db, struct err *e)
{
    return db_exec(db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144", e);
}

int db_optimize(struct db *db, struct err *e)
{
    return db_exec(db, "PRAGMA optimize", e);
}

int64_t db_changes(struct db *db)
{
    return sqlite3_changes64(db->h);
}
