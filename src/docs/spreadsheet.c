/* Uploaded spreadsheets: XLSX through libzip and libxml2's streaming reader, CSV through libcsv. */
#include "docs/spreadsheet.h"

#include <csv.h>
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "lib/strbuf.h"
#include "lib/utf8.h"

#define XLSX_MAX_COLS 16384   /* XFD: what a cell reference may name */
#define XLSX_MAX_ROW  1048576 /* the last row of a worksheet */

/* Refuses the file: 422 with the field "file" and the reason, also as the message. */
static int refuse(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int refuse(struct err *e, const char *fmt, ...)
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
static const char *cell_text(struct arena *a, const char *s, size_t n)
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

static void rows_put(struct rows *rb, size_t col, const char *text)
{
    rb->cells[col] = text;
    if (col >= rb->used)
        rb->used = col + 1;
}

/* Ends the row being read, keeping it when it holds text. 0 or -1. */
static int rows_end(struct rows *rb, int line)
{
    struct spreadsheet_row *row;
    size_t i;

    if (!rb->used)
        return 0;
    if (rb->out->nrows >= SPREADSHEET_MAX_ROWS)
        return refuse(rb->e, "more than %d rows hold text (row %d is one too many)",
                      SPREADSHEET_MAX_ROWS, line);
    if (rb->ncells + rb->used > SPREADSHEET_MAX_CELLS)
        return refuse(rb->e, "the rows up to %d hold more than %d cells", line,
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
    if (!(text = cell_text(c->rb->a, s, n))) {
        c->failed = err_set(c->rb->e, 500, "internal", "out of memory");
        return;
    }
    if (*text) {
        if (c->col >= SPREADSHEET_MAX_COLS) {
            c->failed = refuse(c->rb->e, "line %d has text beyond the %d columns read", c->start,
                               SPREADSHEET_MAX_COLS);
            return;
        }
        rows_put(c->rb, c->col, text);
    }
    c->col++;
}

/* The end of a record, or (CSV_REPALL_NL) any line break between records. */
static void csv_record(int ch, void *arg)
{
    struct csvread *c = arg;

    if (c->failed)
        return;
    if (rows_end(c->rb, c->start) < 0) {
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
        return refuse(rb->e,
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
            c.failed = refuse(rb->e,
                              "line %d has a misplaced quote: a field in quotes must end with "
                              "its quote, and a quote inside it be doubled",
                              c.line);
        off = end;
        c.line++;
    }
    if (!c.failed && csv_fini(&p, csv_field, csv_record, &c) != 0 && !c.failed)
        c.failed = refuse(rb->e, "the field in quotes that line %d opens is never closed", c.start);
    csv_free(&p);
    return c.failed ? -1 : 0;
}

/* ---- XLSX ---- */

/* One part (file) of the archive, read through libxml2's streaming reader. */
struct part {
    const char *name;
    zip_file_t *zf;
    size_t *budget; /* uncompressed bytes the workbook may still unpack to */
    int over;       /* the budget ran out */
    int broken;     /* libzip could not inflate it */
    int xml_line;   /* libxml2's first complaint */
    char xml_msg[96];
    xmlTextReaderPtr r;
};

struct xlsx {
    zip_t *zip;
    struct arena *a;
    struct err *e;
    size_t budget;
    const char **strings; /* shared strings, as cells */
    size_t nstrings, capstrings;
};

struct rel {
    const char *id, *type, *target;
};

static int part_read(void *ctx, char *buf, int len)
{
    struct part *p = ctx;
    zip_int64_t n;

    if (len <= 0)
        return 0;
    n = zip_fread(p->zf, buf, (zip_uint64_t)len);
    if (n < 0) {
        p->broken = 1;
        return -1;
    }
    if ((size_t)n > *p->budget) {
        p->over = 1;
        return -1;
    }
    *p->budget -= (size_t)n;
    return (int)n;
}

static void part_xml_error(void *ctx, xmlErrorPtr err)
{
    struct part *p = ctx;
    size_t n;

    if (p->xml_line || !err)
        return;
    p->xml_line = err->line > 0 ? err->line : 1;
    snprintf(p->xml_msg, sizeof(p->xml_msg), "%s", err->message ? err->message : "");
    n = strlen(p->xml_msg);
    while (n > 0 && (p->xml_msg[n - 1] == '\n' || p->xml_msg[n - 1] == ' '))
        p->xml_msg[--n] = '\0';
}

static void part_close(struct part *p)
{
    if (p->r)
        xmlFreeTextReader(p->r);
    if (p->zf)
        zip_fclose(p->zf);
    p->r = NULL;
    p->zf = NULL;
}

/* Opens the part name for reading: 0, 1 when the archive has no such part, or -1. */
static int part_open(struct xlsx *x, const char *name, struct part *p)
{
    zip_int64_t i = zip_name_locate(x->zip, name, ZIP_FL_NOCASE);

    memset(p, 0, sizeof(*p));
    p->name = name;
    p->budget = &x->budget;
    if (i < 0)
        return 1;
    if (!(p->zf = zip_fopen_index(x->zip, (zip_uint64_t)i, 0)))
        return refuse(x->e, "the workbook is damaged: %s cannot be opened (%s)", name,
                      zip_strerror(x->zip));
    /* no entity substitution, no DTD loading, no network (and a DTD is refused below) */
    p->r = xmlReaderForIO(part_read, NULL, p, NULL, NULL,
                          XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!p->r) {
        part_close(p);
        return err_set(x->e, 500, "internal", "out of memory");
    }
    xmlTextReaderSetStructuredErrorHandler(p->r, part_xml_error, p);
    return 0;
}

/* Moves to the next node: 1, 0 at the end of the part, or -1. */
static int part_next(struct xlsx *x, struct part *p)
{
    int rc = xmlTextReaderRead(p->r);

    if (p->over)
        return refuse(x->e, "the workbook unpacks to more than %u MiB",
                      SPREADSHEET_MAX_BYTES >> 20);
    if (p->broken)
        return refuse(x->e, "the workbook is damaged: %s cannot be unpacked (%s)", p->name,
                      zip_file_strerror(p->zf));
    if (rc < 0 && p->xml_line)
        return refuse(x->e, "the workbook is damaged: %s is not well-formed XML (line %d: %s)",
                      p->name, p->xml_line, p->xml_msg);
    if (rc < 0)
        return refuse(x->e, "the workbook is damaged: %s is not well-formed XML", p->name);
    if (rc == 1 && xmlTextReaderNodeType(p->r) == XML_READER_TYPE_DOCUMENT_TYPE)
        return refuse(x->e, "the workbook is damaged: %s declares a document type", p->name);
    return rc;
}

static int node_is(struct part *p, int type, const char *local)
{
    return xmlTextReaderNodeType(p->r) == type &&
           !strcmp((const char *)xmlTextReaderConstLocalName(p->r), local);
}

#define IS_START(p, name) node_is((p), XML_READER_TYPE_ELEMENT, (name))
#define IS_END(p, name)   node_is((p), XML_READER_TYPE_END_ELEMENT, (name))

static int node_is_text(struct part *p)
{
    int t = xmlTextReaderNodeType(p->r);

    return t == XML_READER_TYPE_TEXT || t == XML_READER_TYPE_CDATA ||
           t == XML_READER_TYPE_WHITESPACE || t == XML_READER_TYPE_SIGNIFICANT_WHITESPACE;
}

/* The value of the current element's attribute without a namespace, in the arena; NULL if none. */
static const char *attr(struct xlsx *x, struct part *p, const char *name)
{
    xmlChar *v = xmlTextReaderGetAttribute(p->r, (const xmlChar *)name);
    const char *out;

    if (!v)
        return NULL;
    out = arena_strdup(x->a, (const char *)v);
    xmlFree(v);
    return out;
}

/* The same into buf (cut to its size); "" when there is none. */
static const char *attr_buf(struct part *p, const char *name, char *buf, size_t size)
{
    xmlChar *v = xmlTextReaderGetAttribute(p->r, (const xmlChar *)name);

    snprintf(buf, size, "%s", v ? (const char *)v : "");
    xmlFree(v);
    return buf;
}

/* The r:id of the current element (an attribute "id" in a namespace), or NULL. */
static const char *attr_rel_id(struct xlsx *x, struct part *p)
{
    const char *id = NULL;

    if (xmlTextReaderMoveToFirstAttribute(p->r) == 1) {
        do {
            if (xmlTextReaderConstNamespaceUri(p->r) &&
                !strcmp((const char *)xmlTextReaderConstLocalName(p->r), "id"))
                id = arena_strdup(x->a, (const char *)xmlTextReaderConstValue(p->r));
        } while (xmlTextReaderMoveToNextAttribute(p->r) == 1);
        xmlTextReaderMoveToElement(p->r);
    }
    return id;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);

    return n >= m && !strcmp(s + n - m, suffix);
}

/*
 * The part a relationship of the part `source` names: its target taken from
 * source's folder, or from the root when it starts with '/', with "." and ".."
 * resolved.
 */
static const char *part_path(struct arena *a, const char *source, const char *target)
{
    const char *slash = strrchr(source, '/');
    int base = *target == '/' ? 0 : slash ? (int)(slash - source + 1) : 0;
    char *path = arena_printf(a, "%.*s%s", base, source, target), *out = path;
    const char *in = path;

    while (*in) {
        const char *seg = in;
        size_t n = strcspn(in, "/");

        in += n;
        if (*in)
            in++;
        if (n == 0 || (n == 1 && seg[0] == '.'))
            continue;
        if (n == 2 && seg[0] == '.' && seg[1] == '.') {
            while (out > path && out[-1] != '/')
                out--;
            if (out > path)
                out--;
            continue;
        }
        if (out > path)
            *out++ = '/';
        memmove(out, seg, n);
        out += n;
    }
    *out = '\0';
    return path;
}

/* The relationships of a part (its _rels/NAME.rels), none when that is missing. 0 or -1. */
static int read_rels(struct xlsx *x, const char *source, struct rel **rels, size_t *n)
{
    const char *slash = strrchr(source, '/');
    int dir = slash ? (int)(slash - source + 1) : 0;
    const char *name = arena_printf(x->a, "%.*s_rels/%s.rels", dir, source, source + dir);
    struct part p;
    size_t cap = 0;
    int rc;

    *rels = NULL;
    *n = 0;
    if ((rc = part_open(x, name, &p)) != 0)
        return rc < 0 ? -1 : 0;
    while ((rc = part_next(x, &p)) == 1) {
        const char *id, *type, *target, *mode;
        struct rel *rel;

        if (!IS_START(&p, "Relationship"))
            continue;
        id = attr(x, &p, "Id");
        type = attr(x, &p, "Type");
        target = attr(x, &p, "Target");
        mode = attr(x, &p, "TargetMode");
        if (!id || !type || !target || (mode && !strcmp(mode, "External")))
            continue;
        rel = arena_push(x->a, rels, n, &cap, sizeof(*rel));
        rel->id = id;
        rel->type = type;
        rel->target = part_path(x->a, source, target);
    }
    part_close(&p);
    return rc;
}

static const struct rel *rel_of_type(const struct rel *rels, size_t n, const char *suffix)
{
    for (size_t i = 0; i < n; i++)
        if (ends_with(rels[i].type, suffix))
            return &rels[i];
    return NULL;
}

/*
 * Rich text, as shared strings and inline strings hold it: the text of the
 * <t> elements, directly under the item or in runs (<r>), leaving out the
 * phonetic guides (<rPh>).
 */
struct rich {
    int t;   /* inside a <t> */
    int rph; /* inside a <rPh> */
    struct strbuf sb;
};

static void rich_start(struct rich *rt)
{
    rt->t = rt->rph = 0;
    strbuf_reset(&rt->sb);
}

static void rich_node(struct rich *rt, struct part *p)
{
    int empty = xmlTextReaderIsEmptyElement(p->r) == 1;

    if (IS_START(p, "rPh") && !empty)
        rt->rph++;
    else if (IS_END(p, "rPh") && rt->rph > 0)
        rt->rph--;
    else if (IS_START(p, "t") && !empty)
        rt->t = 1;
    else if (IS_END(p, "t"))
        rt->t = 0;
    else if (rt->t && !rt->rph && node_is_text(p))
        strbuf_addstr(&rt->sb, (const char *)xmlTextReaderConstValue(p->r));
}

static int read_shared_strings(struct xlsx *x, const char *name)
{
    struct rich rt = {.sb = STRBUF_INIT};
    struct part p;
    int rc, in_si = 0;

    if ((rc = part_open(x, name, &p)) != 0)
        return rc < 0 ? -1 : 0;
    while ((rc = part_next(x, &p)) == 1) {
        const char **slot;

        if (IS_START(&p, "si")) {
            rich_start(&rt);
            in_si = xmlTextReaderIsEmptyElement(p.r) != 1;
            if (in_si)
                continue;
        } else if (in_si && !IS_END(&p, "si")) {
            rich_node(&rt, &p);
            continue;
        } else if (!in_si) {
            continue;
        }
        /* the end of an item (or an empty one) */
        in_si = 0;
        slot = arena_push(x->a, &x->strings, &x->nstrings, &x->capstrings, sizeof(*slot));
        if (!(*slot = cell_text(x->a, rt.sb.buf, rt.sb.len))) {
            rc = refuse(x->e, "the workbook's text is not UTF-8");
            break;
        }
    }
    strbuf_release(&rt.sb);
    part_close(&p);
    return rc;
}

/* The column of a cell reference ("B12" is 1); -1 when it is none. */
static long ref_col(const char *ref)
{
    long col = 0;
    int n = 0;

    for (; (*ref >= 'A' && *ref <= 'Z') || (*ref >= 'a' && *ref <= 'z'); ref++, n++) {
        col = col * 26 + ((*ref | 0x20) - 'a' + 1);
        if (n == 3)
            return -1;
    }
    for (; *ref; ref++)
        if (*ref < '0' || *ref > '9')
            return -1;
    return n && col <= XLSX_MAX_COLS ? col - 1 : -1;
}

/* The cell being read: where, its type, its value (<v>) and inline string (<is>). */
struct cell {
    long col;
    char type[16];
    char ref[32];
    int in_v, in_is;
    struct strbuf v;
    struct rich is;
};

static int cell_end(struct xlsx *x, struct rows *rb, struct cell *c, int row)
{
    const char *text;
    char col[SPREADSHEET_COL_MAX];

    if (!strcmp(c->type, "s")) {
        char *end;
        unsigned long i = strtoul(c->v.buf, &end, 10);

        if (!c->v.len)
            return 0;
        if (*end || c->v.buf[0] < '0' || c->v.buf[0] > '9' || i >= x->nstrings)
            return refuse(x->e, "the workbook is damaged: cell %s names shared text %s of %zu",
                          c->ref, c->v.buf, x->nstrings);
        text = x->strings[i];
    } else if (!strcmp(c->type, "inlineStr")) {
        text = cell_text(x->a, c->is.sb.buf, c->is.sb.len);
    } else if (!strcmp(c->type, "b") && (!strcmp(c->v.buf, "1") || !strcmp(c->v.buf, "0"))) {
        text = c->v.buf[0] == '1' ? "TRUE" : "FALSE";
    } else {
        text = cell_text(x->a, c->v.buf, c->v.len);
    }
    if (!text)
        return refuse(x->e, "the workbook's text is not UTF-8");
    if (!*text)
        return 0;
    if (c->col >= SPREADSHEET_MAX_COLS) {
        spreadsheet_col_name((size_t)c->col, col);
        return refuse(x->e, "cell %s%d holds text beyond the %d columns read (A to IV)", col, row,
                      SPREADSHEET_MAX_COLS);
    }
    rows_put(rb, (size_t)c->col, text);
    return 0;
}

static int read_worksheet(struct xlsx *x, const char *name, struct rows *rb)
{
    struct cell c = {.v = STRBUF_INIT, .is.sb = STRBUF_INIT};
    struct part p;
    int rc, row = 0, in_row = 0, in_cell = 0;
    char buf[24];

    if ((rc = part_open(x, name, &p)) != 0)
        return rc < 0
                   ? -1
                   : refuse(x->e, "the workbook is damaged: its first sheet (%s) is missing", name);
    while ((rc = part_next(x, &p)) == 1) {
        int empty = xmlTextReaderIsEmptyElement(p.r) == 1;

        if (in_cell && c.in_is && !IS_END(&p, "is")) {
            rich_node(&c.is, &p);
        } else if (in_cell && c.in_v && node_is_text(&p)) {
            strbuf_addstr(&c.v, (const char *)xmlTextReaderConstValue(p.r));
        } else if (IS_START(&p, "row")) {
            const char *r = attr_buf(&p, "r", buf, sizeof(buf));
            char *end;
            long n = *r ? strtol(r, &end, 10) : row + 1;

            if (*r && *end)
                n = -1;
            if (n < 1 || n > XLSX_MAX_ROW) {
                rc = refuse(x->e, "the workbook is damaged: a row is numbered \"%s\"", r);
                break;
            }
            row = (int)n;
            in_row = 1;
            c.col = -1;
            if (empty && (rc = rows_end(rb, row)) < 0)
                break;
            in_row = !empty;
        } else if (IS_END(&p, "row")) {
            if ((rc = rows_end(rb, row)) < 0)
                break;
            in_row = 0;
        } else if (in_row && IS_START(&p, "c")) {
            const char *r = attr_buf(&p, "r", c.ref, sizeof(c.ref));

            c.col = *r ? ref_col(r) : c.col + 1;
            if (c.col < 0 || c.col >= XLSX_MAX_COLS) {
                rc = refuse(x->e, "the workbook is damaged: a cell is named \"%s\"", r);
                break;
            }
            if (!*r) {
                spreadsheet_col_name((size_t)c.col, buf);
                snprintf(c.ref, sizeof(c.ref), "%s%d", buf, row);
            }
            attr_buf(&p, "t", c.type, sizeof(c.type));
            strbuf_reset(&c.v);
            rich_start(&c.is);
            c.in_v = c.in_is = 0;
            in_cell = !empty;
        } else if (in_cell && IS_START(&p, "v")) {
            c.in_v = !empty;
        } else if (in_cell && IS_END(&p, "v")) {
            c.in_v = 0;
        } else if (in_cell && IS_START(&p, "is")) {
            c.in_is = !empty;
        } else if (in_cell && IS_END(&p, "is")) {
            c.in_is = 0;
        } else if (in_cell && IS_END(&p, "c")) {
            in_cell = 0;
            if ((rc = cell_end(x, rb, &c, row)) < 0)
                break;
        } else if (IS_END(&p, "sheetData")) {
            rc = 0;
            break;
        }
    }
    strbuf_release(&c.v);
    strbuf_release(&c.is.sb);
    part_close(&p);
    return rc < 0 ? -1 : 0;
}

/*
 * The workbook (the package's officeDocument), its first visible worksheet
 * and the shared strings, then that sheet's rows.
 */
static int read_workbook(struct xlsx *x, struct rows *rb, struct spreadsheet *out)
{
    struct rel *rels;
    const struct rel *rel;
    const char *book = "xl/workbook.xml", *sheet = NULL, *first = NULL;
    struct part p;
    size_t n, i;
    int rc;

    if (read_rels(x, "", &rels, &n) < 0)
        return -1;
    if ((rel = rel_of_type(rels, n, "/officeDocument")))
        book = rel->target;
    if (read_rels(x, book, &rels, &n) < 0)
        return -1;
    if ((rc = part_open(x, book, &p)) != 0)
        return rc < 0 ? -1 : refuse(x->e, "the zip archive holds no XLSX workbook");
    while (!sheet && (rc = part_next(x, &p)) == 1) {
        const char *id, *state, *date1904;

        if (IS_START(&p, "workbookPr")) {
            date1904 = attr(x, &p, "date1904");
            out->date1904 = date1904 && (!strcmp(date1904, "1") || !strcmp(date1904, "true"));
        }
        if (!IS_START(&p, "sheet") || !(id = attr_rel_id(x, &p)))
            continue;
        state = attr(x, &p, "state");
        for (i = 0; i < n; i++)
            if (!strcmp(rels[i].id, id) && ends_with(rels[i].type, "/worksheet")) {
                if (!first)
                    first = rels[i].target;
                if (!state || !strcmp(state, "visible"))
                    sheet = rels[i].target;
            }
    }
    part_close(&p);
    if (rc < 0)
        return -1;
    if (!sheet && !(sheet = first))
        return refuse(x->e, "the workbook has no worksheet");
    if ((rel = rel_of_type(rels, n, "/sharedStrings")) && read_shared_strings(x, rel->target) < 0)
        return -1;
    return read_worksheet(x, sheet, rb);
}

static int read_xlsx(const void *data, size_t len, struct rows *rb, struct spreadsheet *out)
{
    struct xlsx x = {.a = rb->a, .e = rb->e, .budget = SPREADSHEET_MAX_BYTES};
    zip_error_t ze;
    zip_source_t *src;
    int rc;

    xmlInitParser();
    zip_error_init(&ze);
    if (!(src = zip_source_buffer_create(data, len, 0, &ze))) {
        zip_error_fini(&ze);
        return err_set(rb->e, 500, "internal", "out of memory");
    }
    if (!(x.zip = zip_open_from_source(src, ZIP_RDONLY, &ze))) {
        zip_source_free(src);
        rc = refuse(rb->e, "the file is not a readable XLSX workbook: %s", zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    rc = read_workbook(&x, rb, out);
    zip_discard(x.zip);
    return rc;
}

int spreadsheet_read(const void *data, size_t len, struct arena *a, struct spreadsheet *out,
                     struct err *e)
{
    struct rows *rb;
    int rc;

    memset(out, 0, sizeof(*out));
    if (!len)
        return refuse(e, "the file is empty");
    if (len > SPREADSHEET_MAX_BYTES)
        return refuse(e, "the file is larger than %u MiB", SPREADSHEET_MAX_BYTES >> 20);
    if (len >= 8 && !memcmp(data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))
        return refuse(e, "the file is an Excel 97-2003 workbook (.xls) or one locked with a "
                         "password: save it as XLSX without a password");
    rb = arena_calloc(a, 1, sizeof(*rb));
    rb->a = a;
    rb->e = e;
    rb->out = out;
    if (len >= 4 && (!memcmp(data, "PK\x03\x04", 4) || !memcmp(data, "PK\x05\x06", 4)))
        rc = read_xlsx(data, len, rb, out);
    else
        rc = read_csv(data, len, rb);
    if (rc < 0)
        memset(out, 0, sizeof(*out));
    return rc;
}
