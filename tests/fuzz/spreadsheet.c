/*
 * Fuzz target: uploaded spreadsheets. Any bytes go to the reader as XLSX (when
 * they start as a zip archive) or CSV; each row read must hold what the header
 * promises, and every cell that looks like a date goes through date_parse_cell.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "docs/spreadsheet.h"
#include "lib/utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct arena a = ARENA_INIT;
    struct spreadsheet s;
    struct err e = ERR_INIT;
    int64_t day;
    size_t r, c;
    int csv = size < 2 || memcmp(data, "PK", 2) != 0; /* CSV lines only go forward */

    if (spreadsheet_read(data, size, &a, &s, &e) < 0) {
        if (e.http != 422 && e.http != 500)
            abort();
    } else {
        if (s.nrows > SPREADSHEET_MAX_ROWS)
            abort();
        for (r = 0; r < s.nrows; r++) {
            const struct spreadsheet_row *row = &s.rows[r];

            if (row->line < 1 || (csv && r && row->line <= s.rows[r - 1].line) || row->ncells < 1 ||
                row->ncells > SPREADSHEET_MAX_COLS || !*row->cells[row->ncells - 1])
                abort();
            for (c = 0; c < row->ncells; c++) {
                if (!utf8_valid(row->cells[c], strlen(row->cells[c])))
                    abort();
                date_parse_cell(row->cells[c], s.date1904, &day);
            }
        }
    }
    arena_release(&a);
    return 0;
}
