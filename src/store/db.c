/* Driver-independent helpers of db.h: binding by type letters, one-shot queries. */
#include "store/db.h"

#include <stdarg.h>

const char *db_col_dup(struct db_stmt *st, int col, struct arena *a)
{
    const char *s = db_col_text(st, col);
    return s ? arena_strdup(a, s) : NULL;
}

int64_t db_col_int0(struct db_stmt *st, int col)
{
    return db_col_is_null(st, col) ? 0 : db_col_int(st, col);
}

static int vquery(struct db *db, struct db_stmt **out, struct err *e, const char *sql,
                  const char *types, va_list ap)
{
    int i;

    if (db_prepare(db, sql, out, e) < 0)
        return -1;
    for (i = 0; types[i]; i++) {
        int idx = i + 1;
        switch (types[i]) {
        case 'i': db_bind_int(*out, idx, va_arg(ap, int)); break;
        case 'I': db_bind_int(*out, idx, va_arg(ap, int64_t)); break;
        case 'd': db_bind_double(*out, idx, va_arg(ap, double)); break;
        case 't': db_bind_text(*out, idx, va_arg(ap, const char *)); break;
        case 'z': {
            int64_t v = va_arg(ap, int64_t);
            if (v)
                db_bind_int(*out, idx, v);
            else
                db_bind_null(*out, idx);
            break;
        }
        default:
            db_finalize(*out);
            *out = NULL;
            return err_set(e, 500, "internal", "db_query: bad type letter '%c'", types[i]);
        }
    }
    return 0;
}

int db_query(struct db *db, struct db_stmt **out, struct err *e, const char *sql, const char *types,
             ...)
{
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vquery(db, out, e, sql, types, ap);
    va_end(ap);
    return rc;
}

int64_t db_run(struct db *db, struct err *e, const char *sql, const char *types, ...)
{
    struct db_stmt *st;
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vquery(db, &st, e, sql, types, ap);
    va_end(ap);
    if (rc < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW)
        ;
    db_finalize(st);
    return rc < 0 ? -1 : db_changes(db);
}

int db_int(struct db *db, int64_t *out, struct err *e, const char *sql, const char *types, ...)
{
    struct db_stmt *st;
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vquery(db, &st, e, sql, types, ap);
    va_end(ap);
    if (rc < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        *out = db_col_int(st, 0);
    db_finalize(st);
    return rc;
}

int db_one(struct db *db, struct arena *a, db_row_fn fn, void *out, struct err *e, const char *sql,
           const char *types, ...)
{
    struct db_stmt *st;
    va_list ap;
    int rc;

    va_start(ap, types);
    rc = vquery(db, &st, e, sql, types, ap);
    va_end(ap);
    if (rc < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW)
        fn(st, a, out);
    db_finalize(st);
    return rc;
}

int db_all(struct db *db, struct arena *a, db_row_fn fn, size_t size, void *out, size_t *n,
           struct err *e, const char *sql, const char *types, ...)
{
    struct db_stmt *st;
    size_t cap = 0;
    va_list ap;
    int rc;

    *n = 0;
    *(void **)out = arena_alloc(a, 0);
    va_start(ap, types);
    rc = vquery(db, &st, e, sql, types, ap);
    va_end(ap);
    if (rc < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW)
        fn(st, a, arena_push(a, out, n, &cap, size));
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}
