/*
 * What the SQLite driver's two files share (db_sqlite.c: connections and
 * transactions; db_sqlite_stmt.c: statements and their cache). Private to them.
 */
#ifndef STORE_DB_SQLITE_H
#define STORE_DB_SQLITE_H

#include <sqlite3.h>
#include <stdint.h>

#include "store/db.h"

#define CACHE_SLOTS 64 /* statements kept prepared per connection */

struct db_stmt {
    struct conn *c;
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
struct conn {
    sqlite3 *h;
    struct db_stmt cache[CACHE_SLOTS];
    size_t ncache;
    uint64_t ticks;
};

struct writer;

struct db {
    struct conn own;  /* the thread's connection */
    struct conn *cur; /* where statements go: own, or the writer's in a write transaction */
    struct writer *w; /* the shared writer (grouped connections); NULL: writes on own */
    int in_txn;       /* 0, DB_READ + 1 or DB_WRITE + 1 */
};

/* An SQLite result code as an error (409 for a constraint, 503 when busy, storage errors): -1. */
int sqlite_fail(struct conn *c, int rc, struct err *e, const char *what);

#endif
