/*
 * The SQLite driver of db.h: WAL journal, synchronous FULL, foreign keys on.
 * Write transactions are serialised inside the process by one mutex (one
 * writer at a time, no busy-waiting between our own threads) and across
 * processes by BEGIN IMMEDIATE with a busy timeout.
 *
 * Group commit (db_open_grouped, the server's per-thread connections): the
 * write transactions of all of them run on one shared writer connection per
 * database file, each inside a SAVEPOINT of the batch's transaction (BEGIN
 * IMMEDIATE when none is open). db_rollback undoes only its savepoint;
 * db_commit releases it, joins the batch, hands the writer on and waits. The
 * member that finds no other transaction waiting for the writer (or the batch
 * full) commits it (one fsync for all) and wakes the members with the result:
 * db_commit returns once the data is on disk; a failed COMMIT fails them all.
 */
#include "store/db_sqlite.h"
#include "core/fold.h"
#include "lib/xalloc.h"

#include <errno.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUSY_TIMEOUT_MS 10000
#define BATCH_MAX       256 /* write transactions committed together at most */

/* A batch of write transactions committed together; freed by the last member to read its result. */
struct batch {
    int members, done, rc;
    struct err e;
};

/* The shared writer connection of one database file, for its grouped connections. */
struct writer {
    struct writer *next;
    char *path;
    int refs;
    struct conn c;
    pthread_mutex_t m;
    pthread_cond_t turn, done;
    int busy;            /* a transaction holds the writer connection */
    int waiting;         /* transactions waiting for it */
    struct batch *batch; /* the open batch (its BEGIN IMMEDIATE ran); NULL: none */
};

static pthread_mutex_t write_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t writers_lock = PTHREAD_MUTEX_INITIALIZER;
static struct writer *writers;

int sqlite_fail(struct conn *db, int rc, struct err *e, const char *what)
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

static void conn_close(struct conn *c)
{
    size_t i;

    for (i = 0; i < c->ncache; i++)
        sqlite3_finalize(c->cache[i].s);
    c->ncache = 0;
    if (c->h)
        sqlite3_close_v2(c->h);
    c->h = NULL;
}

static int conn_exec(struct conn *c, const char *sql, struct err *e)
{
    char *msg = NULL;
    int rc = sqlite3_exec(c->h, sql, NULL, NULL, &msg);

    sqlite3_free(msg);
    return rc == SQLITE_OK ? 0 : sqlite_fail(c, rc & 0xff, e, "exec");
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

/* Opens one connection with the driver's settings. */
static int conn_open(const char *path, struct conn *c, struct err *e)
{
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    int rc;

    pthread_once(&once, configure);
    memset(c, 0, sizeof(*c));
    rc = sqlite3_open_v2(path, &c->h,
                         SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        err_set(e, 500, "db", "cannot open %s: %s", path,
                c->h ? sqlite3_errmsg(c->h) : sqlite3_errstr(rc));
        sqlite3_close_v2(c->h);
        c->h = NULL;
        return -1;
    }
    sqlite3_busy_timeout(c->h, BUSY_TIMEOUT_MS);
    sqlite3_extended_result_codes(c->h, 1);
    sqlite3_create_function(c->h, "motcua_fold", 1,
                            SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, sql_fold,
                            NULL, NULL);
    if (conn_exec(c,
                  "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                  "PRAGMA temp_store=MEMORY;",
                  e) < 0) {
        err_wrap(e, path);
        conn_close(c);
        return -1;
    }
    return 0;
}

int db_open(const char *path, struct db **out, struct err *e)
{
    struct db *db = xcalloc(1, sizeof(*db));

    *out = NULL;
    if (conn_open(path, &db->own, e) < 0) {
        free(db);
        return -1;
    }
    db->cur = &db->own;
    *out = db;
    return 0;
}

/* The shared writer of the file (opened by its first grouped connection). */
static struct writer *writer_get(const char *path, struct err *e)
{
    struct writer *w;

    pthread_mutex_lock(&writers_lock);
    for (w = writers; w && strcmp(w->path, path); w = w->next)
        ;
    if (!w) {
        w = xcalloc(1, sizeof(*w));
        if (conn_open(path, &w->c, e) < 0) {
            free(w);
            pthread_mutex_unlock(&writers_lock);
            return NULL;
        }
        w->path = xstrdup(path);
        pthread_mutex_init(&w->m, NULL);
        pthread_cond_init(&w->turn, NULL);
        pthread_cond_init(&w->done, NULL);
        w->next = writers;
        writers = w;
    }
    w->refs++;
    pthread_mutex_unlock(&writers_lock);
    return w;
}

static void writer_put(struct writer *w)
{
    struct writer **p;

    pthread_mutex_lock(&writers_lock);
    if (--w->refs == 0) {
        for (p = &writers; *p != w; p = &(*p)->next)
            ;
        *p = w->next;
        conn_close(&w->c);
        pthread_mutex_destroy(&w->m);
        pthread_cond_destroy(&w->turn);
        pthread_cond_destroy(&w->done);
        free(w->path);
        free(w);
    }
    pthread_mutex_unlock(&writers_lock);
}

int db_open_grouped(const char *path, struct db **out, struct err *e)
{
    struct db *db;

    if (db_open(path, &db, e) < 0)
        return -1;
    if (!(db->w = writer_get(path, e))) {
        db_close(db);
        return -1;
    }
    *out = db;
    return 0;
}

int db_copy(struct db *from, struct db *to, struct err *e)
{
    sqlite3_backup *b = sqlite3_backup_init(to->cur->h, "main", from->cur->h, "main");
    int rc;

    if (!b)
        return err_set(e, 500, "db", "cannot start the copy: %s", sqlite3_errmsg(to->cur->h));
    /* all pages in one step: one read transaction on the source, so one snapshot */
    while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED)
        sqlite3_sleep(20);
    sqlite3_backup_finish(b);
    if (rc != SQLITE_DONE)
        return sqlite_fail(to->cur, rc, e, "the copy failed");
    return 0;
}

void db_close(struct db *db)
{
    if (!db)
        return;
    db_rollback(db);
    conn_close(&db->own);
    if (db->w)
        writer_put(db->w);
    free(db);
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
    return conn_exec(db->cur, sql, e);
}

/* The length and the first and last bytes are enough to tell statements apart; strcmp decides. */
/* What the grouped writers committed (db_commit_stats), counted as they go. */
static atomic_ullong commits, committed, commit_micros, batch_le[DB_BATCH_BOUNDS + 1];

static int commit_timed(struct writer *w, int members, struct err *e)
{
    struct timespec t0, t1;
    int rc, b;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    rc = conn_exec(&w->c, "COMMIT", e);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (rc == 0) {
        for (b = 0; b < DB_BATCH_BOUNDS && members > 1 << b; b++)
            ;
        atomic_fetch_add(&batch_le[b], 1);
        atomic_fetch_add(&commits, 1);
        atomic_fetch_add(&committed, (unsigned long long)members);
        atomic_fetch_add(&commit_micros, (unsigned long long)((t1.tv_sec - t0.tv_sec) * 1000000 +
                                                              (t1.tv_nsec - t0.tv_nsec) / 1000));
    }
    return rc;
}

void db_commit_stats(struct db_commit_stats *out)
{
    int b;

    out->batches = atomic_load(&commits);
    out->transactions = atomic_load(&committed);
    out->seconds = (double)atomic_load(&commit_micros) / 1e6;
    for (b = 0; b <= DB_BATCH_BOUNDS; b++)
        out->size_le[b] = atomic_load(&batch_le[b]);
}

static void finish_batch(struct writer *w)
{
    struct batch *b = w->batch;
    struct err e = ERR_INIT;
    int rc = 0;

    w->batch = NULL;
    pthread_mutex_unlock(&w->m);
    if (sqlite3_get_autocommit(w->c.h)) /* SQLite rolled it back (an I/O error, a full disk) */
        rc = b->members ? err_storage(&e, EIO, "the database cannot be written") : 0;
    else if (!b->members)
        conn_exec(&w->c, "ROLLBACK", &e);
    else if ((rc = commit_timed(w, b->members, &e)) < 0 && !sqlite3_get_autocommit(w->c.h))
        conn_exec(&w->c, "ROLLBACK", &(struct err){0});
    pthread_mutex_lock(&w->m);
    b->done = 1;
    b->rc = rc;
    b->e = e;
    if (!b->members)
        free(b);
    pthread_cond_broadcast(&w->done);
}

/*
 * A transaction leaves the writer: a member (joined) waits for its batch's
 * result. The batch is committed now when no other transaction waits for the
 * writer, when it is full, or when SQLite dropped it.
 */
static int leave_writer(struct db *db, int joined, struct err *e)
{
    struct writer *w = db->w;
    struct batch *b;
    int rc = 0;

    db->cur = &db->own;
    db->in_txn = 0;
    pthread_mutex_lock(&w->m);
    b = w->batch;
    if (b && joined)
        b->members++;
    if (b && (!w->waiting || b->members >= BATCH_MAX || sqlite3_get_autocommit(w->c.h)))
        finish_batch(w);
    w->busy = 0;
    pthread_cond_signal(&w->turn);
    if (b && joined) {
        while (!b->done)
            pthread_cond_wait(&w->done, &w->m);
        if ((rc = b->rc) < 0)
            *e = b->e;
        if (--b->members == 0)
            free(b);
    }
    pthread_mutex_unlock(&w->m);
    return rc;
}

/* A write transaction of a grouped connection: a savepoint in the writer's open batch. */
static int begin_grouped(struct db *db, struct err *e)
{
    struct writer *w = db->w;
    struct err ignored = ERR_INIT;

    pthread_mutex_lock(&w->m);
    w->waiting++;
    while (w->busy)
        pthread_cond_wait(&w->turn, &w->m);
    w->waiting--;
    w->busy = 1;
    pthread_mutex_unlock(&w->m);
    db->cur = &w->c;
    db->in_txn = DB_WRITE + 1;
    if (!w->batch) {
        if (conn_exec(&w->c, "BEGIN IMMEDIATE", e) < 0) {
            leave_writer(db, 0, &ignored);
            return -1;
        }
        w->batch = xcalloc(1, sizeof(*w->batch));
    }
    if (conn_exec(&w->c, "SAVEPOINT txn", e) < 0) {
        leave_writer(db, 0, &ignored);
        return -1;
    }
    return 0;
}

int db_begin(struct db *db, enum db_txn kind, struct err *e)
{
    if (db->in_txn)
        return err_set(e, 500, "db", "a transaction is already open");
    if (kind == DB_WRITE && db->w)
        return begin_grouped(db, e);
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

static int grouped_write(const struct db *db)
{
    return db->w && db->in_txn == DB_WRITE + 1;
}

int db_commit(struct db *db, struct err *e)
{
    int rc;

    if (grouped_write(db)) {
        if (conn_exec(db->cur, "RELEASE txn", e) < 0) {
            db_rollback(db);
            return -1;
        }
        return leave_writer(db, 1, e);
    }
    if ((rc = db_exec(db, "COMMIT", e)) < 0)
        db_exec(db, "ROLLBACK", &(struct err){0});
    end_txn(db);
    return rc;
}

void db_rollback(struct db *db)
{
    struct err ignored = ERR_INIT;

    if (!db->in_txn)
        return;
    if (grouped_write(db)) {
        /* only this transaction's savepoint: the batch's others stay */
        if (!sqlite3_get_autocommit(db->cur->h))
            conn_exec(db->cur, "ROLLBACK TO txn; RELEASE txn", &ignored);
        leave_writer(db, 0, &ignored);
        return;
    }
    if (!sqlite3_get_autocommit(db->cur->h))
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
    return sqlite3_changes64(db->cur->h);
}
