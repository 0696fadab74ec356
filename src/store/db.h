/*
 * The database interface every repository is written against. SQL uses `?`
 * placeholders (bound from 1); a driver rewrites them if its server needs to.
 * One struct db is one connection, used by one thread at a time.
 *
 * Ownership: db_open() returns a connection the caller closes with db_close();
 * a statement belongs to its connection and is finalized by the caller; text
 * returned by db_col_text() is valid until the next step, reset or finalize.
 *
 * Errors fill struct err: 409 "conflict" for a unique or foreign-key violation,
 * 503 "busy" when the database stayed locked, 500 "db" otherwise.
 */
#ifndef STORE_DB_H
#define STORE_DB_H

#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"

struct db;
struct db_stmt;

enum { DB_DONE = 0, DB_ROW = 1 };
enum db_txn { DB_READ = 0, DB_WRITE = 1 };

/* Opens (creating if need be) the database at path. */
int db_open(const char *path, struct db **out, struct err *e);
/*
 * db_open for the server's connections, one per thread: their write
 * transactions share one writer connection to the file and commit in groups,
 * one fsync for all the transactions waiting at that moment (db_sqlite.c).
 * db_commit still returns only once its transaction is on disk, and
 * db_rollback undoes only its own transaction.
 */
int db_open_grouped(const char *path, struct db **out, struct err *e);
void db_close(struct db *db);

/* Runs one or more statements without parameters. */
int db_exec(struct db *db, const char *sql, struct err *e);

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e);
void db_finalize(struct db_stmt *st);
/* Makes the statement ready to run again with new bindings. */
void db_reset(struct db_stmt *st);

void db_bind_int(struct db_stmt *st, int idx, int64_t v);
void db_bind_double(struct db_stmt *st, int idx, double v);
/* NULL binds SQL NULL. The text is copied. */
void db_bind_text(struct db_stmt *st, int idx, const char *s);
void db_bind_null(struct db_stmt *st, int idx);

/* DB_ROW, DB_DONE or -1. */
int db_step(struct db_stmt *st, struct err *e);

int db_col_is_null(struct db_stmt *st, int col);
int64_t db_col_int(struct db_stmt *st, int col);
double db_col_double(struct db_stmt *st, int col);
/* NULL for SQL NULL. */
const char *db_col_text(struct db_stmt *st, int col);

/*
 * Transactions. A write transaction is exclusive among this process's
 * connections and waits for other processes. db_rollback() is safe to call
 * when no transaction is open.
 */
int db_begin(struct db *db, enum db_txn kind, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);

/*
 * Copies the whole database, as one consistent snapshot while others go on
 * writing, over the database `to` (created when missing; SQLite's online
 * backup API). Used for backups (to a new file) and restores (onto a database).
 */
int db_copy(struct db *from, struct db *to, struct err *e);

/*
 * For a new database one process fills in large transactions (motcua gen):
 * commits without waiting for the disk and a large page cache. A crash
 * leaves a database to throw away.
 */
int db_bulk_load(struct db *db, struct err *e);
/* Lets the database refresh its query planner's statistics (before closing after a bulk load). */
int db_optimize(struct db *db, struct err *e);

/* Rows changed by the last INSERT, UPDATE or DELETE. */
int64_t db_changes(struct db *db);

/* Helpers common to all drivers (db.c). */

/* The column's text copied into the arena; NULL for SQL NULL. */
const char *db_col_dup(struct db_stmt *st, int col, struct arena *a);
/* The column as an integer, 0 for SQL NULL. */
int64_t db_col_int0(struct db_stmt *st, int col);

/*
 * Prepares sql and binds the arguments after `types`, one letter each:
 * 'i' int, 'I' int64_t, 'd' double, 't' text (NULL binds NULL), 'z' int64_t
 * where 0 binds NULL.
 */
int db_query(struct db *db, struct db_stmt **out, struct err *e, const char *sql, const char *types,
             ...);
/* db_query, stepped to completion and finalized. Returns the rows changed, or -1. */
int64_t db_run(struct db *db, struct err *e, const char *sql, const char *types, ...);
/* Reads the current row of st into out (a repository's row reader). */
typedef void (*db_row_fn)(struct db_stmt *st, struct arena *a, void *out);

/*
 * Runs a query for at most one row and reads it with fn: DB_ROW, DB_DONE (no
 * row; out untouched) or -1.
 */
int db_one(struct db *db, struct arena *a, db_row_fn fn, void *out, struct err *e, const char *sql,
           const char *types, ...);
/* Runs a query and reads every row with fn into a new arena array of elements of `size`. */
int db_all(struct db *db, struct arena *a, db_row_fn fn, size_t size, void *out, size_t *n,
           struct err *e, const char *sql, const char *types, ...);

/* db_query for a single integer result: 1 with *out set, 0 when no row, -1. */
int db_int(struct db *db, int64_t *out, struct err *e, const char *sql, const char *types, ...);

/*
 * What the server's grouped writers committed since it started (GET
 * /metrics): batches, the write transactions in them, the seconds spent in
 * COMMIT (its fsync), and the batches by size: size_le[b] counts those of at
 * most 2^b transactions, the last those above 2^(DB_BATCH_BOUNDS - 1).
 */
#define DB_BATCH_BOUNDS 9
struct db_commit_stats {
    unsigned long long batches, transactions, size_le[DB_BATCH_BOUNDS + 1];
    double seconds;
};
void db_commit_stats(struct db_commit_stats *out);

#endif
