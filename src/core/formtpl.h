/*
 * The rules a form template (docs/forms.md) must follow before it is stored:
 * which forms exist, which blocks, keys and table sources a template may use,
 * and the bounds of every number, count and size, so that any stored template
 * lays out on an A4 page in bounded time.
 */
#ifndef CORE_FORMTPL_H
#define CORE_FORMTPL_H

#include <jansson.h>
#include <stddef.h>

#include "lib/err.h"

#define FORMTPL_FONT_MIN    6.0 /* points */
#define FORMTPL_FONT_MAX    40.0
#define FORMTPL_BLOCKS_MAX  60
#define FORMTPL_TABLES_MAX  4
#define FORMTPL_SIGNERS_MAX 4
#define FORMTPL_TEXT_MAX    2000  /* characters of one text */
#define FORMTPL_JSON_MAX    32768 /* bytes of the whole template, compact */

/* A table a form can print: its name (a block's `source`) and its number of columns. */
struct formtpl_source {
    const char *name;
    size_t ncols;
};

/* The values `requires` may take (NULL-terminated); null means "always". */
extern const char *const formtpl_requires[];

/* Whether form is one of the numbered forms ("01" ... "07"). */
int formtpl_form_known(const char *form);

/* The tables form can print (the register for 06, a dossier's tables for the others). */
const struct formtpl_source *formtpl_sources(const char *form, size_t *n);

/*
 * Checks the template tpl (a request body) for form: every problem is added to
 * e as a field error with its path ("font_size", "blocks[3].size",
 * "blocks[2].columns[0].width"). Returns 0 when it follows every rule, else -1
 * (422 "invalid").
 */
int formtpl_check(json_t *tpl, const char *form, struct err *e);

#endif
