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
