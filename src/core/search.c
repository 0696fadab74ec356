/* Procedure search expressions over folded text. */
#include "core/search.h"

#include <ctype.h>
#include <string.h>

struct words {
    const char *w[SEARCH_WORDS_MAX];
    size_t len[SEARCH_WORDS_MAX];
    size_t n;
};

static int word_byte(unsigned char c)
{
    return isalnum(c) || (c & 0x80);
}

static void split(const char *s, struct words *out)
{
    out->n = 0;
    while (*s && out->n < SEARCH_WORDS_MAX) {
        size_t n = 0;

        while (*s && !word_byte((unsigned char)*s))
            s++;
        while (word_byte((unsigned char)s[n]))
            n++;
        if (!n)
            break;
        out->w[out->n] = s;
        out->len[out->n++] = n;
        s += n;
    }
}

static void term(struct strbuf *sb, const char *w, size_t n)
{
    strbuf_addch(sb, '"');
    strbuf_add(sb, w, n);
    strbuf_addstr(sb, "\"*");
}

/* "(a* AND b* AND c*)" of q's words with [at, at + cut) replaced by the words of m. */
static void all_of(struct strbuf *sb, const struct words *q, size_t at, size_t cut,
                   const struct words *m)
{
    size_t i, k = 0;

    strbuf_addch(sb, '(');
    for (i = 0; i < q->n; i++) {
        if (i == at && m) {
            for (size_t j = 0; j < m->n; j++, k++) {
                if (k)
                    strbuf_addstr(sb, " AND ");
                term(sb, m->w[j], m->len[j]);
            }
            i += cut - 1;
            continue;
        }
        if (k++)
            strbuf_addstr(sb, " AND ");
        term(sb, q->w[i], q->len[i]);
    }
    strbuf_addch(sb, ')');
}

/* Where the term's words start among the query's, or -1. */
static long find(const struct words *q, const struct words *t)
{
    size_t i, j;

    if (!t->n)
        return -1;
    for (i = 0; i + t->n <= q->n; i++) {
        for (j = 0; j < t->n; j++)
            if (q->len[i + j] != t->len[j] || memcmp(q->w[i + j], t->w[j], t->len[j]))
                break;
        if (j == t->n)
            return (long)i;
    }
    return -1;
}

void search_expr(const char *folded, const struct synonym *syn, size_t nsyn, enum search_mode mode,
                 struct strbuf *out)
{
    struct words q, t, m;
    size_t i, k = 0;

    split(folded, &q);
    if (!q.n)
        return;
    if (mode == SEARCH_ANY) {
        int longer = 0;

        for (i = 0; i < q.n; i++)
            longer |= q.len[i] > 1;
        for (i = 0; i < q.n; i++)
            if (q.len[i] > 1 || !longer) {
                if (k++)
                    strbuf_addstr(out, " OR ");
                term(out, q.w[i], q.len[i]);
            }
        for (i = 0; i < nsyn; i++) {
            split(syn[i].term, &t);
            split(syn[i].means, &m);
            if (find(&q, &t) >= 0 && m.n) {
                if (k++)
                    strbuf_addstr(out, " OR ");
                all_of(out, &m, 0, 0, NULL);
            }
        }
        return;
    }
    all_of(out, &q, 0, 0, NULL);
    for (i = 0; i < nsyn; i++) {
        long at;

        split(syn[i].term, &t);
        split(syn[i].means, &m);
        if ((at = find(&q, &t)) >= 0 && m.n) {
            strbuf_addstr(out, " OR ");
            all_of(out, &q, (size_t)at, t.n, &m);
        }
    }
}
