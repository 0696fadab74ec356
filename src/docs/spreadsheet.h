/*
 * Spreadsheets that people upload (plans' tasks, PAR INDEX point tables,
 * procedure catalogs): the first worksheet of an XLSX workbook (libzip and
 * libxml2's streaming reader) or a CSV text (libcsv), read into rows of text
 * cells. The counterpart of xlsx.h, which writes them.
 */
#ifndef DOCS_SPREADSHEET_H
#define DOCS_SPREADSHEET_H

#include <stddef.h>

#include "lib/arena.h"
#include "lib/err.h"

/* What one upload may hold; beyond, spreadsheet_read refuses it. */
#define SPREADSHEET_MAX_BYTES (32u << 20) /* the file, and what an XLSX unpacks to */
#define SPREADSHEET_MAX_ROWS  100000      /* rows that hold something */
#define SPREADSHEET_MAX_COLS  256         /* A..IV */
#define SPREADSHEET_MAX_CELLS 2000000     /* cells of those rows, gaps included */
#define SPREADSHEET_COL_MAX   16          /* the letters of any column, and the NUL */

/*
 * A row that holds at least one non-empty cell. line: the row number a person
 * sees in Excel (the `r` of the XLSX row), or the line of the CSV text where
 * the record begins (from 1). cells[0..ncells-1]: column A onwards, never
 * NULL, "" where empty; the last one is not empty.
 */
struct spreadsheet_row {
    int line;
    size_t ncells;
    const char **cells;
};

/*
 * rows in the order of the file. date1904: the workbook counts date serials
 * from 1904 (pass it to date_parse_cell); 0 for CSV and most workbooks.
 */
struct spreadsheet {
    size_t nrows;
    struct spreadsheet_row *rows;
    int date1904;
};

/*
 * Reads the first worksheet (the first visible one) of an XLSX workbook when
 * data starts with the zip signature, else a CSV text: UTF-8, a leading BOM
 * skipped, fields separated by ',' or ';' (whichever the first line has more
 * of), quoted as RFC 4180 says (a quoted field may hold separators and line
 * breaks). Cells are trimmed text in NFC; an XLSX number is its text as the
 * file writes it ("46022" for a date, "3.5"), a boolean TRUE or FALSE, a
 * formula the value last computed. Rows without any text are left out; the
 * others keep their true line. Everything lives in the arena.
 *
 * Returns 0, or -1 with e set: 422 "invalid" with the field "file" and the
 * reason (not UTF-8, a damaged or old-format workbook, no worksheet, a limit
 * above passed, a misplaced quote with its line) for whatever the file holds;
 * 500 when memory runs out.
 */
int spreadsheet_read(const void *data, size_t len, struct arena *a, struct spreadsheet *out,
                     struct err *e);

/* The cell of row at column col (0 for A), "" beyond its last. */
const char *spreadsheet_cell(const struct spreadsheet_row *row, size_t col);

/* The column's letters as Excel shows them: 0 "A", 25 "Z", 26 "AA", 255 "IV". */
void spreadsheet_col_name(size_t col, char out[SPREADSHEET_COL_MAX]);

#endif
