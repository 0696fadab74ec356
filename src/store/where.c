/* A WHERE clause and its arguments. */
#include "store/where.h"
#include "store/agencies.h"

void where_num(struct where *w, const char *cond, int64_t v)
{
    strbuf_addstr(&w->sql, cond);
    w->arg[w->n].text = NULL;
    w->arg[w->n++].num = v;
}

void where_text(struct where *w, const char *cond, const char *s)
{
    strbuf_addstr(&w->sql, cond);
    w->arg[w->n++].text = s;
}

void where_under(struct where *w, const char *col, const char *path)
{
    strbuf_addf(&w->sql, AGENCY_UNDER_SQL("%s", "?"), col);
    w->arg[w->n++].text = path;
    w->arg[w->n++].text = path;
}

int where_bind(struct db_stmt *st, const struct where *w)
{
    size_t i;

    for (i = 0; i < w->n; i++)
        if (w->arg[i].text)
            db_bind_text(st, (int)i + 1, w->arg[i].text);
        else
            db_bind_int(st, (int)i + 1, w->arg[i].num);
    return (int)w->n + 1;
}

void where_release(struct where *w)
{
    strbuf_release(&w->sql);
}

int where_page(struct db *db, struct arena *a, const char *select, const struct where *w,
               const char *tail, int limit, int64_t offset, db_row_fn fn, size_t size, void *out,
               size_t *n, int *more, struct err *e)
{
    struct strbuf sql = STRBUF_INIT;
    struct db_stmt *st = NULL;
    char *rows = arena_calloc(a, (size_t)limit + 1, size);
    int rc, k;

    *(void **)out = rows;
    *n = 0;
    *more = 0;
    strbuf_addstr(&sql, select);
    strbuf_add(&sql, w->sql.buf, w->sql.len);
    strbuf_addstr(&sql, tail);
    if ((rc = db_prepare(db, sql.buf, &st, e)) == 0) {
        k = where_bind(st, w);
        db_bind_int(st, k++, limit + 1);
        if (offset >= 0)
            db_bind_int(st, k, offset);
        while ((rc = db_step(st, e)) == DB_ROW) {
            if (*n == (size_t)limit) {
                *more = 1;
                break;
            }
            fn(st, a, rows + (*n)++ * size);
        }
        rc = rc < 0 ? -1 : 0;
    }
    db_finalize(st);
    strbuf_release(&sql);
    return rc;
}
