/*
 * Printable documents: a form template (JSON data, see docs/forms.md) filled
 * with values and tables and laid out as an A4 PDF with cairo and pango (Noto
 * Serif; Vietnamese shaped correctly whether the text is NFC or NFD).
 *
 * Template text may hold pango markup (<b>, <i>) and placeholders {name};
 * values are escaped before they go in, and an empty or unknown value prints
 * as a dotted line, as on paper forms.
 */
#ifndef DOCS_PDF_H
#define DOCS_PDF_H

#include <stddef.h>

#include "lib/err.h"
#include "lib/strbuf.h"

struct doc_var {
    const char *key, *value;
};

/* A table a template names by `source`: rows of ncols cells, row-major. */
struct doc_table {
    const char *name;
    size_t ncols, nrows;
    const char **cells;
};

struct doc_data {
    const struct doc_var *vars;
    size_t nvars;
    const struct doc_table *tables;
    size_t ntables;
    const char *qr; /* the text of the QR code block (a URL), or NULL */
};

/* Renders one form template (a JSON object) to PDF bytes appended to out. */
int doc_render_pdf(const char *template_json, const struct doc_data *data, struct strbuf *out,
                   struct err *e);

/* Appends s in upper case (Unicode: "Sở Tư pháp" → "SỞ TƯ PHÁP"). */
void doc_upper(const char *s, struct strbuf *out);

/* The value of a placeholder, or NULL. */
const char *doc_lookup(const struct doc_data *data, const char *key);

#endif
