/*
 * A WHERE clause built piece by piece with its arguments, bound in order: the
 * list queries' filters (dossiers, feedback) share it.
 */
#ifndef STORE_WHERE_H
#define STORE_WHERE_H

#include <stddef.h>
#include <stdint.h>

#include "lib/strbuf.h"
#include "store/db.h"

#define WHERE_ARGS_MAX 64

struct where {
    struct strbuf sql;
    size_t n;
    struct {
        const char *text;
        int64_t num;
    } arg[WHERE_ARGS_MAX];
};
#define WHERE_INIT                                                                                 \
    {                                                                                              \
        STRBUF_INIT, 0,                                                                            \
        {                                                                                          \
            {                                                                                      \
                0, 0                                                                               \
            }                                                                                      \
        }                                                                                          \
    }

/* Appends cond, which holds one '?' for v. */
void where_num(struct where *w, const char *cond, int64_t v);
/* Appends cond, which holds one '?' for the text s. */
void where_text(struct where *w, const char *cond, const char *s);
/* "col lies under path": a prefix match on the materialised path (AGENCY_UNDER_SQL). */
void where_under(struct where *w, const char *col, const char *path);
/* Binds the arguments from parameter 1; returns the next parameter's index. */
int where_bind(struct db_stmt *st, const struct where *w);
void where_release(struct where *w);

/*
 * A page of a list: runs select, the clause and tail (ending in "LIMIT ?",
 * then "OFFSET ?" when offset >= 0), binding the clause's arguments, limit + 1
 * and the offset; reads at most `limit` rows with fn into a new arena array of
 * elements of `size` (*out); *more is 1 when another row follows.
 */
int where_page(struct db *db, struct arena *a, const char *select, const struct where *w,
               const char *tail, int limit, int64_t offset, db_row_fn fn, size_t size, void *out,
               size_t *n, int *more, struct err *e);

#endif
