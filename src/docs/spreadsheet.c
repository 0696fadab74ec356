/* Uploaded spreadsheets: the rows both readers fill, and CSV through libcsv (XLSX:
 * spreadsheet_xlsx.c). */
#include "docs/spreadsheet.h"
#include "docs/sheet_rows.h"

#include <csv.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/strbuf.h"
#include "lib/utf8.h"

/* Refuses the file: 422 with the field "file" and the reason, also as the message. */
int sheet_refuse(struct err *e, const char *fmt, ...)
{
    char msg[ERR_MSG_MAX];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    err_set(e, 422, "invalid", "%s", msg);
    return err_field(e, "file", "%s", msg);
}

/* The length of the white space (ASCII, no-break space, BOM) that ends s[0..n), or 0. */
static size_t space_at_end(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[n - 1] == ' ' || (s[n - 1] >= '\t' && s[n - 1] <= '\r')))
        return 1;
    if (n >= 2 && s[n - 2] == 0xC2 && s[n - 1] == 0xA0)
        return 2;
    if (n >= 3 && s[n - 3] == 0xEF && s[n - 2] == 0xBB && s[n - 1] == 0xBF)
        return 3;
    return 0;
}

/* The same at the start. */
static size_t space_at_start(const unsigned char *s, size_t n)
{
    if (n >= 1 && (s[0] == ' ' || (s[0] >= '\t' && s[0] <= '\r')))
        return 1;
    if (n >= 2 && s[0] == 0xC2 && s[1] == 0xA0)
        return 2;
    if (n >= 3 && s[0] == 0xEF && s[1] == 0xBB && s[2] == 0xBF)
        return 3;
    return 0;
}

/* A cell's text: s[0..n) trimmed, in NFC, in the arena; "" when blank; NULL when not UTF-8. */
const char *sheet_cell_text(struct arena *a, const char *s, size_t n)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t k, i, m;
    char *nfc, *out;

    while ((k = space_at_start(u, n)) > 0)
        u += k, n -= k;
    while ((k = space_at_end(u, n)) > 0)
        n -= k;
    if (!n)
        return "";
    for (i = 0; i < n && u[i] < 0x80; i++)
        ;
    if (i == n)
        return arena_strndup(a, (const char *)u, n);
    if (!(nfc = utf8_nfc((const char *)u, n, &m)))
        return NULL;
    out = arena_strndup(a, nfc, m);
    free(nfc);
    return out;
}

const char *spreadsheet_cell(const struct spreadsheet_row *row, size_t col)
{
    return col < row->ncells ? row->cells[col] : "";
}

void spreadsheet_col_name(size_t col, char out[SPREADSHEET_COL_MAX])
{
    char rev[SPREADSHEET_COL_MAX];
    size_t n = 0;

    do {
        rev[n++] = (char)('A' + col % 26);
        col = col / 26;
    } while (col-- > 0 && n < SPREADSHEET_COL_MAX - 1);
    for (size_t i = 0; i < n; i++)
        out[i] = rev[n - 1 - i];
    out[n] = '\0';
}

/* ---- rows, as either reader finds them ---- */

void sheet_rows_put(struct rows *rb, size_t col, const char *text)
{
    rb->cells[col] = text;
    if (col >= rb->used)
        rb->used = col + 1;
}

/* Ends the row being read, keeping it when it holds text. 0 or -1. */
int sheet_rows_end(struct rows *rb, int line)
{
    struct spreadsheet_row *row;
    size_t i;

    if (!rb->used)
        return 0;
    if (rb->out->nrows >= SPREADSHEET_MAX_ROWS)
        return sheet_refuse(rb->e, "more than %d rows hold text (row %d is one too many)",
                            SPREADSHEET_MAX_ROWS, line);
    if (rb->ncells + rb->used > SPREADSHEET_MAX_CELLS)
        return sheet_refuse(rb->e, "the rows up to %d hold more than %d cells", line,
                            SPREADSHEET_MAX_CELLS);
    row = arena_push(rb->a, &rb->out->rows, &rb->out->nrows, &rb->cap, sizeof(*row));
    row->line = line;
    row->ncells = rb->used;
    row->cells = arena_alloc(rb->a, rb->used * sizeof(*row->cells));
    for (i = 0; i < rb->used; i++) {
        row->cells[i] = rb->cells[i] ? rb->cells[i] : "";
        rb->cells[i] = NULL;
    }
    rb->ncells += rb->used;
    rb->used = 0;
    return 0;
}

/* ---- CSV ---- */

struct csvread {
    struct rows *rb;
    int line;     /* of the text being parsed */
    int start;    /* where the record being parsed began */
    int at_start; /* the parser stands between records */
    size_t col;
    int failed;
};

static void csv_field(void *s, size_t n, void *arg)
{
    struct csvread *c = arg;
    const char *text;

    if (c->failed)
        return;
    if (!(text = sheet_cell_text(c->rb->a, s, n))) {
        c->failed = err_set(c->rb->e, 500, "internal", "out of memory");
        return;
    }
    if (*text) {
        if (c->col >= SPREADSHEET_MAX_COLS) {
            c->failed = sheet_refuse(c->rb->e, "line %d has text beyond the %d columns read",
                                     c->start, SPREADSHEET_MAX_COLS);
            return;
        }
        sheet_rows_put(c->rb, c->col, text);
    }
    c->col++;
}

/* The end of a record, or (CSV_REPALL_NL) any line break between records. */
static void csv_record(int ch, void *arg)
{
    struct csvread *c = arg;

    if (c->failed)
        return;
    if (sheet_rows_end(c->rb, c->start) < 0) {
        c->failed = -1;
        return;
    }
    c->col = 0;
    if (ch == CSV_CR || ch == CSV_LF)
        c->at_start = 1;
}

/*
 * ';' when the first line that holds either has more of them than commas
 * (outside quotes), else ','. A sheet often opens with a title line, or an
 * empty one, before its header.
 */
static unsigned char csv_separator(const char *s, size_t len)
{
    size_t commas = 0, semicolons = 0, i;
    int quoted = 0;

    for (i = 0; i < len; i++) {
        if (s[i] == '"')
            quoted = !quoted;
        else if (quoted)
            continue;
        else if ((s[i] == '\n' || s[i] == '\r') && commas + semicolons)
            break;
        else if (s[i] == ',')
            commas++;
        else if (s[i] == ';')
            semicolons++;
    }
    return semicolons > commas ? ';' : ',';
}

/* The line of the first byte that is not UTF-8 text (or is NUL), 0 when there is none. */
static int csv_bad_line(const char *s, size_t len)
{
    size_t off = 0, n;
    int line = 1;

    if (!memchr(s, '\0', len) && utf8_valid(s, len))
        return 0;
    while (off < len) {
        const char *nl = memchr(s + off, '\n', len - off);

        n = nl ? (size_t)(nl - (s + off)) + 1 : len - off;
        if (memchr(s + off, '\0', n) || !utf8_valid(s + off, n))
            return line;
        off += n;
        line++;
    }
    return line;
}

/*
 * The text goes to libcsv a line at a time (up to a line feed, or a carriage
 * return alone), so that each record knows the line it began on: a record
 * begins on the line fed after the parser stood between records.
 */
static int read_csv(const char *s, size_t len, struct rows *rb)
{
    struct csv_parser p;
    struct csvread c = {.rb = rb, .line = 1, .start = 1, .at_start = 1};
    size_t off = 0, end;
    int bad;

    if (len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3))
        s += 3, len -= 3;
    if ((bad = csv_bad_line(s, len)) > 0)
        return sheet_refuse(
            rb->e,
            "the file is neither an XLSX workbook nor UTF-8 text (line %d): save it "
            "as XLSX, or as CSV UTF-8",
            bad);
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL) != 0)
        return err_set(rb->e, 500, "internal", "out of memory");
    csv_set_delim(&p, csv_separator(s, len));
    while (off < len && !c.failed) {
        for (end = off; end < len && s[end] != '\n' && s[end] != '\r'; end++)
            ;
        if (end < len)
            end += (s[end] == '\r' && end + 1 < len && s[end + 1] == '\n') ? 2 : 1;
        if (c.at_start)
            c.start = c.line;
        c.at_start = 0;
        if (csv_parse(&p, s + off, end - off, csv_field, csv_record, &c) != end - off && !c.failed)
            c.failed =
                sheet_refuse(rb->e,
                             "line %d has a misplaced quote: a field in quotes must end with "
                             "its quote, and a quote inside it be doubled",
                             c.line);
        off = end;
        c.line++;
    }
    if (!c.failed && csv_fini(&p, csv_field, csv_record, &c) != 0 && !c.failed)
        c.failed =
            sheet_refuse(rb->e, "the field in quotes that line %d opens is never closed", c.start);
    csv_free(&p);
    return c.failed ? -1 : 0;
}

int spreadsheet_read(const void *data, size_t len, struct arena *a, struct spreadsheet *out,
                     struct err *e)
{
    struct rows *rb;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!len)
        return sheet_refuse(e, "the file is empty");
    if (len > SPREADSHEET_MAX_BYTES)
        return sheet_refuse(e, "the file is larger than %u MiB", SPREADSHEET_MAX_BYTES >> 20);
    if (len >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return sheet_refuse(e, "the file is an Excel 97-2003 workbook (.xls) or one locked with a "
                               "password: save it as XLSX without a password");
    rb = arena_calloc(a, 1, sizeof(*rb));
    rb->a = a;
    rb->e = e;
    rb->out = out;
    if (len >= 4 && (!memcmp(data, "PK\x03\x04", 4) || !memcmp(data, "PK\x05\x06", 4)))
        rc = sheet_read_xlsx(data, len, rb, out);
    else
        rc = read_csv(data, len, rb);
    if (rc < 0)
        memset(out, 0, sizeof(*out));
    return rc;
}
