/*
 * Procedure search: the full-text expression for a query, folded (core/fold.h)
 * — every word as a prefix, all required; where the query holds a term a
 * synonym explains ("giay khai sinh", "cccd", "lltp"), its meaning in its
 * place as another way to match; or, when nothing matches all the words, any
 * of them, the index ranking those that match more first. Synonyms are data
 * (table search_synonyms).
 */
#ifndef CORE_SEARCH_H
#define CORE_SEARCH_H

#include <stddef.h>

#include "lib/strbuf.h"

#define SEARCH_WORDS_MAX 16

struct synonym {
    const char *term;  /* folded words, e.g. "giay khai sinh" */
    const char *means; /* folded words, e.g. "khai sinh" */
};

enum search_mode { SEARCH_ALL, SEARCH_ANY };

/*
 * Appends the FTS5 expression of the folded query to out ("" when it holds no
 * word): SEARCH_ALL, the words all required, or a synonym's rewriting;
 * SEARCH_ANY, any word of these. Words of one character are left out of
 * SEARCH_ANY, where they would match almost everything, unless there is no
 * other.
 */
void search_expr(const char *folded, const struct synonym *syn, size_t nsyn, enum search_mode mode,
                 struct strbuf *out);

#endif
