/* Spreadsheets (XLSX, libxlsxwriter): one sheet, a title, a frozen header row, formatted cells. */
#ifndef DOCS_XLSX_H
#define DOCS_XLSX_H

#include "docs/pdf.h"

struct xlsx_column {
    const char *title;
    double width; /* characters */
    int numeric;  /* 0 text; XLSX_COUNT or XLSX_DECIMAL: cells hold numbers ("1234", "99.57") */
};

enum { XLSX_COUNT = 1, XLSX_DECIMAL = 2 }; /* shown as 1,234 and 99.57 */

/*
 * Writes a workbook with one sheet: the title in the first row, the subtitle
 * in the second, the column titles in the fourth (frozen), then the rows of
 * table. tmp_dir holds the temporary file libxlsxwriter writes to.
 */
int doc_render_xlsx(const char *sheet, const char *title, const char *subtitle,
                    const struct xlsx_column *cols, size_t ncols, const struct doc_table *table,
                    const char *tmp_dir, struct strbuf *out, struct err *e);

#endif
