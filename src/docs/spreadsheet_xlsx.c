/* Uploaded spreadsheets: XLSX through libzip and libxml2's streaming reader. */
#include "docs/sheet_rows.h"

#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "lib/strbuf.h"

#define XLSX_MAX_COLS 16384   /* XFD: what a cell reference may name */
#define XLSX_MAX_ROW  1048576 /* the last row of a worksheet */

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
        return sheet_refuse(x->e, "the workbook is damaged: %s cannot be opened (%s)", name,
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
        return sheet_refuse(x->e, "the workbook unpacks to more than %u MiB",
                            SPREADSHEET_MAX_BYTES >> 20);
    if (p->broken)
        return sheet_refuse(x->e, "the workbook is damaged: %s cannot be unpacked (%s)", p->name,
                            zip_file_strerror(p->zf));
    if (rc < 0 && p->xml_line)
        return sheet_refuse(x->e,
                            "the workbook is damaged: %s is not well-formed XML (line %d: %s)",
                            p->name, p->xml_line, p->xml_msg);
    if (rc < 0)
        return sheet_refuse(x->e, "the workbook is damaged: %s is not well-formed XML", p->name);
    if (rc == 1 && xmlTextReaderNodeType(p->r) == XML_READER_TYPE_DOCUMENT_TYPE)
        return sheet_refuse(x->e, "the workbook is damaged: %s declares a document type", p->name);
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
        if (!(*slot = sheet_cell_text(x->a, rt.sb.buf, rt.sb.len))) {
            rc = sheet_refuse(x->e, "the workbook's text is not UTF-8");
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
            return sheet_refuse(x->e,
                                "the workbook is damaged: cell %s names shared text %s of %zu",
                                c->ref, c->v.buf, x->nstrings);
        text = x->strings[i];
    } else if (!strcmp(c->type, "inlineStr")) {
        text = sheet_cell_text(x->a, c->is.sb.buf, c->is.sb.len);
    } else if (!strcmp(c->type, "b") && (!strcmp(c->v.buf, "1") || !strcmp(c->v.buf, "0"))) {
        text = c->v.buf[0] == '1' ? "TRUE" : "FALSE";
    } else {
        text = sheet_cell_text(x->a, c->v.buf, c->v.len);
    }
    if (!text)
        return sheet_refuse(x->e, "the workbook's text is not UTF-8");
    if (!*text)
        return 0;
    if (c->col >= SPREADSHEET_MAX_COLS) {
        spreadsheet_col_name((size_t)c->col, col);
        return sheet_refuse(x->e, "cell %s%d holds text beyond the %d columns read (A to IV)", col,
                            row, SPREADSHEET_MAX_COLS);
    }
    sheet_rows_put(rb, (size_t)c->col, text);
    return 0;
}

static int read_worksheet(struct xlsx *x, const char *name, struct rows *rb)
{
    struct cell c = {.v = STRBUF_INIT, .is.sb = STRBUF_INIT};
    struct part p;
    int rc, row = 0, in_row = 0, in_cell = 0;
    char buf[24];

    if ((rc = part_open(x, name, &p)) != 0)
        return rc < 0 ? -1
                      : sheet_refuse(
                            x->e, "the workbook is damaged: its first sheet (%s) is missing", name);
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
                rc = sheet_refuse(x->e, "the workbook is damaged: a row is numbered \"%s\"", r);
                break;
            }
            row = (int)n;
            in_row = 1;
            c.col = -1;
            if (empty && (rc = sheet_rows_end(rb, row)) < 0)
                break;
            in_row = !empty;
        } else if (IS_END(&p, "row")) {
            if ((rc = sheet_rows_end(rb, row)) < 0)
                break;
            in_row = 0;
        } else if (in_row && IS_START(&p, "c")) {
            const char *r = attr_buf(&p, "r", c.ref, sizeof(c.ref));

            c.col = *r ? ref_col(r) : c.col + 1;
            if (c.col < 0 || c.col >= XLSX_MAX_COLS) {
                rc = sheet_refuse(x->e, "the workbook is damaged: a cell is named \"%s\"", r);
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
        return rc < 0 ? -1 : sheet_refuse(x->e, "the zip archive holds no XLSX workbook");
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
        return sheet_refuse(x->e, "the workbook has no worksheet");
    if ((rel = rel_of_type(rels, n, "/sharedStrings")) && read_shared_strings(x, rel->target) < 0)
        return -1;
    return read_worksheet(x, sheet, rb);
}

int sheet_read_xlsx(const void *data, size_t len, struct rows *rb, struct spreadsheet *out)
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
        rc = sheet_refuse(rb->e, "the file is not a readable XLSX workbook: %s",
                          zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return rc;
    }
    zip_error_fini(&ze);
    rc = read_workbook(&x, rb, out);
    zip_discard(x.zip);
    return rc;
}
