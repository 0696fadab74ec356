/*
 * What the spreadsheet readers share (docs/spreadsheet.c, the CSV reader and
 * the rows; docs/spreadsheet_xlsx.c, the XLSX reader): the rows being filled
 * and how a file is refused.
 */
#ifndef DOCS_SHEET_ROWS_H
#define DOCS_SHEET_ROWS_H

#include "docs/spreadsheet.h"

struct rows {
    struct arena *a;
    struct err *e;
    struct spreadsheet *out;
    size_t cap;    /* of out->rows */
    size_t ncells; /* of every row kept */
    /* the row being read: its cells by column, and one past its last non-empty one */
    const char *cells[SPREADSHEET_MAX_COLS];
    size_t used;
};

/* Refuses the file: 422 with the field "file" and the reason, also as the message. -1. */
int sheet_refuse(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A cell's text: s[0..n) trimmed, in NFC, in the arena; "" when blank; NULL when not UTF-8. */
const char *sheet_cell_text(struct arena *a, const char *s, size_t n);
void sheet_rows_put(struct rows *rb, size_t col, const char *text);
/* Ends the row being read, keeping it when it holds text. 0 or -1. */
int sheet_rows_end(struct rows *rb, int line);
/* The XLSX reader (spreadsheet_xlsx.c). 0 or -1. */
int sheet_read_xlsx(const void *data, size_t len, struct rows *rb, struct spreadsheet *out);

#endif
