/* Form templates laid out as A4 PDF: cairo for the page, pango for the text, qrencode. */
#include "docs/pdf.h"

#include <cairo-pdf.h>
#include <jansson.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define A4_SHORT      595.28
#define A4_LONG       841.89
#define MARGIN_LEFT   62.0 /* 2.2 cm, as official documents have */
#define MARGIN_RIGHT  42.0
#define MARGIN_TOP    48.0
#define MARGIN_BOTTOM 48.0
#define FONT          "Noto Serif"
#define DOTS          "……………………"
#define FONT_MIN      1.0 /* what the renderer draws at all, whatever the template says */
#define FONT_MAX      200.0

struct page {
    cairo_surface_t *surface;
    cairo_t *cr;
    PangoLayout *layout;
    const struct doc_data *data;
    double width, height, x, y; /* page size; left edge and cursor of the text area */
    double text_width;
    double font_size;
    size_t block;      /* the index of the block being laid out */
    char failure[160]; /* why the page cannot be made ("" while it can) */
    int font_failed;   /* a font could not be made: the thread's font map is spent */
};

/*
 * Each server thread lays out with its own font map, made by this file. When a
 * font cannot be made (cairo keeps the failure in the font face, which font
 * maps share through cairo's cache), the generation goes up and every thread
 * starts again from a new map at its next render: the fonts the failed face
 * left behind are dropped, and the next documents are whole.
 */
static GPrivate thread_fontmap = G_PRIVATE_INIT(g_object_unref);
static _Thread_local int thread_generation;
static int font_generation;

static PangoFontMap *fontmap(void)
{
    PangoFontMap *map = g_private_get(&thread_fontmap);
    int generation = g_atomic_int_get(&font_generation);

    if (!map || thread_generation != generation) {
        map = pango_cairo_font_map_new();
        /* pango assumes 96 dpi; the PDF surface is in points */
        pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(map), 72);
        g_private_replace(&thread_fontmap, map);
        thread_generation = generation;
    }
    return map;
}

/* Records the first reason the page cannot be made; later drawing is skipped. */
static void fail(struct page *pg, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void fail(struct page *pg, const char *fmt, ...)
{
    va_list ap;
    int n;

    if (*pg->failure)
        return;
    n = snprintf(pg->failure, sizeof(pg->failure), "blocks[%zu]: ", pg->block);
    va_start(ap, fmt);
    vsnprintf(pg->failure + n, sizeof(pg->failure) - (size_t)n, fmt, ap);
    va_end(ap);
}

/* Whether every font the layout uses could be made (pango draws nothing with the others). */
static int fonts_ok(PangoLayout *layout)
{
    PangoLayoutIter *it = pango_layout_get_iter(layout);
    int ok = 1;

    do {
        PangoLayoutRun *run = pango_layout_iter_get_run_readonly(it);
        cairo_scaled_font_t *sf;

        if (!run || !PANGO_IS_CAIRO_FONT(run->item->analysis.font))
            continue;
        sf = pango_cairo_font_get_scaled_font(PANGO_CAIRO_FONT(run->item->analysis.font));
        if (!sf || cairo_scaled_font_status(sf) != CAIRO_STATUS_SUCCESS)
            ok = 0;
    } while (ok && pango_layout_iter_next_run(it));
    pango_layout_iter_free(it);
    return ok;
}

const char *doc_lookup(const struct doc_data *data, const char *key)
{
    size_t i;

    for (i = 0; i < data->nvars; i++)
        if (!strcmp(data->vars[i].key, key))
            return data->vars[i].value;
    return NULL;
}

void doc_upper(const char *s, struct strbuf *out)
{
    char *up = g_utf8_strup(s ? s : "", -1);

    strbuf_addstr(out, up);
    g_free(up);
}

static const struct doc_table *find_table(const struct doc_data *data, const char *name)
{
    size_t i;

    for (i = 0; name && i < data->ntables; i++)
        if (!strcmp(data->tables[i].name, name))
            return &data->tables[i];
    return NULL;
}

/* Template text with {placeholders} replaced by escaped values (dots when empty). */
static char *expand(const struct doc_data *data, const char *text)
{
    struct strbuf sb = STRBUF_INIT;
    const char *p = text;

    while (*p) {
        const char *open = strchr(p, '{'), *close;
        if (!open || !(close = strchr(open, '}'))) {
            strbuf_addstr(&sb, p);
            break;
        }
        strbuf_add(&sb, p, (size_t)(open - p));
        {
            char key[96];
            size_t n = (size_t)(close - open - 1);
            const char *value;

            if (n >= sizeof(key))
                n = sizeof(key) - 1;
            memcpy(key, open + 1, n);
            key[n] = '\0';
            value = doc_lookup(data, key);
            if (value && *value) {
                char *esc = g_markup_escape_text(value, -1);
                strbuf_addstr(&sb, esc);
                g_free(esc);
            } else {
                strbuf_addstr(&sb, DOTS);
            }
        }
        p = close + 1;
    }
    return strbuf_detach(&sb, NULL);
}

static void new_page(struct page *pg)
{
    cairo_show_page(pg->cr);
    pg->y = MARGIN_TOP;
}

/*
 * Lays out markup in a box of the given width; returns its height in points.
 * A size or width out of bounds, bad markup or a font that cannot be made
 * fails the page (and empties the layout) instead of reaching pango.
 */
static double prepare(struct page *pg, const char *markup, double width, double size,
                      PangoAlignment align, int justify)
{
    PangoFontDescription *fd;
    PangoAttrList *attrs = NULL;
    GError *gerr = NULL;
    char *text = NULL;
    int w, h;

    pango_layout_set_text(pg->layout, "", 0);
    pango_layout_set_attributes(pg->layout, NULL);
    if (*pg->failure)
        return 0;
    if (!(size >= FONT_MIN && size <= FONT_MAX)) {
        fail(pg, "a font size of %g points is outside %g to %g", size, FONT_MIN, FONT_MAX);
        return 0;
    }
    if (!(width >= 1 && width <= pg->width)) {
        fail(pg, "a text %g points wide does not fit on the page", width);
        return 0;
    }
    if (!pango_parse_markup(markup, -1, 0, &attrs, &text, NULL, &gerr)) {
        fail(pg, "bad markup: %s", gerr->message);
        g_error_free(gerr);
        return 0;
    }
    fd = pango_font_description_from_string(FONT);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    pango_layout_set_font_description(pg->layout, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(pg->layout, (int)(width * PANGO_SCALE));
    pango_layout_set_wrap(pg->layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(pg->layout, align);
    pango_layout_set_justify(pg->layout, justify);
    pango_layout_set_text(pg->layout, text, -1);
    pango_layout_set_attributes(pg->layout, attrs);
    pango_attr_list_unref(attrs);
    g_free(text);
    if (!fonts_ok(pg->layout)) {
        fail(pg, "the font %s at %g points could not be made", FONT, size);
        pg->font_failed = 1;
        pango_layout_set_text(pg->layout, "", 0);
        return 0;
    }
    pango_layout_get_size(pg->layout, &w, &h);
    return (double)h / PANGO_SCALE;
}

static void show(struct page *pg, double x, double y)
{
    if (*pg->failure)
        return;
    if (!(isfinite(x) && isfinite(y) && fabs(x) < 1e6 && fabs(y) < 1e6)) {
        fail(pg, "a position (%g, %g) off the page", x, y);
        return;
    }
    cairo_move_to(pg->cr, x, y);
    pango_cairo_show_layout(pg->cr, pg->layout);
}

static PangoAlignment alignment(const char *name)
{
    if (name && !strcmp(name, "center"))
        return PANGO_ALIGN_CENTER;
    if (name && !strcmp(name, "right"))
        return PANGO_ALIGN_RIGHT;
    return PANGO_ALIGN_LEFT;
}

static const char *str(json_t *block, const char *key, const char *fallback)
{
    const char *s = json_string_value(json_object_get(block, key));
    return s ? s : fallback;
}

static double num(json_t *block, const char *key, double fallback)
{
    json_t *v = json_object_get(block, key);
    return json_is_number(v) ? json_number_value(v) : fallback;
}

/* A paragraph: wraps, justifies, breaks pages between lines of text it cannot fit. */
static void text_block(struct page *pg, json_t *block)
{
    const char *align = str(block, "align", "justify"), *style = str(block, "style", "");
    double size = num(block, "size", pg->font_size), indent = num(block, "indent", 0), h;
    char *body = expand(pg->data, str(block, "text", ""));
    char *markup = g_strdup_printf(
        "%s%s%s%s%s", strstr(style, "bold") ? "<b>" : "", strstr(style, "italic") ? "<i>" : "",
        body, strstr(style, "italic") ? "</i>" : "", strstr(style, "bold") ? "</b>" : "");

    h = prepare(pg, markup, pg->text_width - indent, size, alignment(align),
                !strcmp(align, "justify"));
    if (pg->y + h > pg->height - MARGIN_BOTTOM && pg->y > MARGIN_TOP + 1)
        new_page(pg);
    show(pg, pg->x + indent, pg->y);
    pg->y += h + num(block, "after", 3);
    g_free(markup);
    free(body);
}

/* The national header: the agency on the left, the motto on the right, then place and date. */
static void header_block(struct page *pg, json_t *block)
{
    double left_w = pg->text_width * 0.42, right_w = pg->text_width * 0.58, hl, hr, y0 = pg->y;
    char *parent = expand(pg->data, str(block, "parent", "")),
         *agency = expand(pg->data, str(block, "agency", "")),
         *number = expand(pg->data, str(block, "number", "")),
         *date = expand(pg->data, str(block, "date", ""));
    char *left =
        g_strdup_printf("%s%s<b>%s</b>", parent, *str(block, "parent", "") ? "\n" : "", agency);
    hl = prepare(pg, left, left_w, pg->font_size - 1, PANGO_ALIGN_CENTER, 0);
    show(pg, pg->x, y0);
    cairo_set_line_width(pg->cr, 0.6);
    cairo_move_to(pg->cr, pg->x + left_w * 0.3, y0 + hl + 2);
    cairo_line_to(pg->cr, pg->x + left_w * 0.7, y0 + hl + 2);
    cairo_stroke(pg->cr);
    hr =
        prepare(pg, "<b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b>\n<b>Độc lập - Tự do - Hạnh phúc</b>",
                right_w, pg->font_size - 0.5, PANGO_ALIGN_CENTER, 0);
    show(pg, pg->x + left_w, y0);
    cairo_move_to(pg->cr, pg->x + left_w + right_w * 0.22, y0 + hr + 2);
    cairo_line_to(pg->cr, pg->x + left_w + right_w * 0.78, y0 + hr + 2);
    cairo_stroke(pg->cr);
    pg->y = y0 + (hl > hr ? hl : hr) + 8;
    hl = prepare(pg, number, left_w, pg->font_size - 1, PANGO_ALIGN_CENTER, 0);
    show(pg, pg->x, pg->y);
    {
        char *it = g_strdup_printf("<i>%s</i>", date);
        hr = prepare(pg, it, right_w, pg->font_size, PANGO_ALIGN_CENTER, 0);
        show(pg, pg->x + left_w, pg->y);
        g_free(it);
    }
    pg->y += (hl > hr ? hl : hr) + 14;
    g_free(left);
    free(parent);
    free(agency);
    free(number);
    free(date);
}

/* Row heights of a table, laid out at the given column widths. */
static double row_height(struct page *pg, const char *const *cells, size_t ncols,
                         const double *widths, json_t *columns, double size, int bold)
{
    double h = 0;
    size_t c;

    for (c = 0; c < ncols; c++) {
        const char *align = str(json_array_get(columns, c), "align", "left");
        char *esc = g_markup_escape_text(cells[c] && *cells[c] ? cells[c] : "", -1);
        char *markup = bold ? g_strdup_printf("<b>%s</b>", esc) : g_strdup(esc);
        double ch = prepare(pg, markup, widths[c] - 6, size, alignment(bold ? "center" : align), 0);
        if (ch > h)
            h = ch;
        g_free(esc);
        g_free(markup);
    }
    return h + 6;
}

static void draw_row(struct page *pg, const char *const *cells, size_t ncols, const double *widths,
                     json_t *columns, double size, int bold, double h)
{
    double x = pg->x;
    size_t c;

    cairo_set_line_width(pg->cr, 0.5);
    for (c = 0; c < ncols; c++) {
        const char *align = str(json_array_get(columns, c), "align", "left");
        char *esc = g_markup_escape_text(cells[c] ? cells[c] : "", -1);
        char *markup = bold ? g_strdup_printf("<b>%s</b>", esc) : g_strdup(esc);

        prepare(pg, markup, widths[c] - 6, size, alignment(bold ? "center" : align), 0);
        show(pg, x + 3, pg->y + 3);
        cairo_rectangle(pg->cr, x, pg->y, widths[c], h);
        cairo_stroke(pg->cr);
        x += widths[c];
        g_free(esc);
        g_free(markup);
    }
    pg->y += h;
}

/* A bordered table from a named data source; the header repeats on each new page. */
static void table_block(struct page *pg, json_t *block)
{
    json_t *columns = json_object_get(block, "columns");
    const struct doc_table *t = find_table(pg->data, str(block, "source", NULL));
    size_t ncols = json_array_size(columns), r, c;
    double *widths, total = 0, size = num(block, "size", pg->font_size - 1), hh;
    const char **head;

    if (!ncols)
        return;
    widths = calloc(ncols, sizeof(*widths));
    head = calloc(ncols, sizeof(*head));
    for (c = 0; c < ncols; c++)
        total += num(json_array_get(columns, c), "width", 1);
    for (c = 0; c < ncols; c++) {
        widths[c] = pg->text_width * num(json_array_get(columns, c), "width", 1) / total;
        head[c] = str(json_array_get(columns, c), "title", "");
    }
    hh = row_height(pg, head, ncols, widths, columns, size, 1);
    if (pg->y + hh * 2 > pg->height - MARGIN_BOTTOM)
        new_page(pg);
    draw_row(pg, head, ncols, widths, columns, size, 1, hh);
    for (r = 0; t && r < t->nrows; r++) {
        const char **cells = calloc(ncols, sizeof(*cells));
        double h;

        for (c = 0; c < ncols; c++)
            cells[c] = c < t->ncols ? t->cells[r * t->ncols + c] : "";
        h = row_height(pg, cells, ncols, widths, columns, size, 0);
        if (pg->y + h > pg->height - MARGIN_BOTTOM) {
            new_page(pg);
            draw_row(pg, head, ncols, widths, columns, size, 1, hh);
        }
        draw_row(pg, cells, ncols, widths, columns, size, 0, h);
        free(cells);
    }
    if (!t || !t->nrows) {
        const char *empty[1] = {str(block, "empty", "(không có)")};
        double h = row_height(pg, empty, 1, &pg->text_width, NULL, size, 0);
        draw_row(pg, empty, 1, &pg->text_width, NULL, size, 0, h);
    }
    pg->y += num(block, "after", 8);
    free(widths);
    free(head);
}

/* Signature columns: title, a note in italics, room to sign, the name. */
static void signatures_block(struct page *pg, json_t *block)
{
    json_t *cols = json_object_get(block, "columns"), *col;
    size_t n = json_array_size(cols), i;
    double w = n ? pg->text_width / (double)n : pg->text_width, h, tallest = 0;

    if (pg->y + 110 > pg->height - MARGIN_BOTTOM)
        new_page(pg);
    json_array_foreach(cols, i, col)
    {
        char *name = expand(pg->data, str(col, "name", ""));
        char *markup = g_strdup_printf("<b>%s</b>\n<i>%s</i>", str(col, "title", ""),
                                       str(col, "note", "(Ký và ghi rõ họ tên)"));
        h = prepare(pg, markup, w, pg->font_size, PANGO_ALIGN_CENTER, 0);
        show(pg, pg->x + w * (double)i, pg->y);
        g_free(markup);
        markup = g_strdup_printf("<b>%s</b>", name);
        prepare(pg, markup, w, pg->font_size, PANGO_ALIGN_CENTER, 0);
        show(pg, pg->x + w * (double)i, pg->y + h + 54);
        if (h + 54 + pg->font_size * 1.5 > tallest)
            tallest = h + 54 + pg->font_size * 1.5;
        g_free(markup);
        free(name);
    }
    pg->y += tallest + 10;
}

/* A QR code of data->qr, with a caption beside it. */
static void qr_block(struct page *pg, json_t *block)
{
    QRcode *q;
    double size = num(block, "size", 72), cell;
    int x, y;

    if (!pg->data->qr || !(q = QRcode_encodeString(pg->data->qr, 0, QR_ECLEVEL_M, QR_MODE_8, 1)))
        return;
    if (pg->y + size > pg->height - MARGIN_BOTTOM)
        new_page(pg);
    cell = size / (q->width + 2);
    cairo_set_source_rgb(pg->cr, 0, 0, 0);
    for (y = 0; y < q->width; y++)
        for (x = 0; x < q->width; x++)
            if (q->data[y * q->width + x] & 1)
                cairo_rectangle(pg->cr, pg->x + cell * (x + 1), pg->y + cell * (y + 1), cell, cell);
    cairo_fill(pg->cr);
    {
        char *caption = expand(pg->data, str(block, "caption", ""));
        char *markup = g_strdup_printf("<i>%s</i>", caption);
        prepare(pg, markup, pg->text_width - size - 10, pg->font_size - 1, PANGO_ALIGN_LEFT, 0);
        show(pg, pg->x + size + 10, pg->y + size / 3);
        g_free(markup);
        free(caption);
    }
    pg->y += size + 6;
    QRcode_free(q);
}

static cairo_status_t write_out(void *closure, const unsigned char *data, unsigned int length)
{
    strbuf_add(closure, data, length);
    return CAIRO_STATUS_SUCCESS;
}

int doc_render_pdf(const char *template_json, const struct doc_data *data, struct strbuf *out,
                   struct err *e)
{
    json_error_t je;
    json_t *tpl = json_loads(template_json, 0, &je), *blocks, *block;
    struct page pg = {0};
    cairo_status_t status, cr_status;
    size_t i;
    int landscape;

    if (!tpl || !json_is_object(tpl)) {
        json_decref(tpl);
        return err_set(e, 500, "template", "bad form template: %s", je.text);
    }
    landscape = !strcmp(str(tpl, "orientation", "portrait"), "landscape");
    pg.width = landscape ? A4_LONG : A4_SHORT;
    pg.height = landscape ? A4_SHORT : A4_LONG;
    pg.x = landscape ? MARGIN_RIGHT : MARGIN_LEFT;
    pg.text_width = pg.width - pg.x - MARGIN_RIGHT;
    pg.y = MARGIN_TOP;
    pg.font_size = num(tpl, "font_size", 12);
    pg.data = data;
    pg.surface = cairo_pdf_surface_create_for_stream(write_out, out, pg.width, pg.height);
    cairo_pdf_surface_set_metadata(pg.surface, CAIRO_PDF_METADATA_TITLE, str(tpl, "title", ""));
    cairo_pdf_surface_set_metadata(pg.surface, CAIRO_PDF_METADATA_CREATOR, "motcua");
    pg.cr = cairo_create(pg.surface);
    {
        PangoContext *context = pango_font_map_create_context(fontmap());
        pango_cairo_update_context(pg.cr, context);
        pg.layout = pango_layout_new(context);
        g_object_unref(context);
    }
    cairo_set_source_rgb(pg.cr, 0, 0, 0);
    blocks = json_object_get(tpl, "blocks");
    json_array_foreach(blocks, i, block)
    {
        const char *type = str(block, "type", "");

        pg.block = i;
        if (*pg.failure)
            break;
        if (!strcmp(type, "header"))
            header_block(&pg, block);
        else if (!strcmp(type, "title")) {
            json_t *t = json_pack("{s:s, s:s, s:s, s:f, s:f}", "text", str(block, "text", ""),
                                  "align", "center", "style", "bold", "size",
                                  num(block, "size", pg.font_size + 2), "after", 2.0);
            text_block(&pg, t);
            json_decref(t);
        } else if (!strcmp(type, "text"))
            text_block(&pg, block);
        else if (!strcmp(type, "table"))
            table_block(&pg, block);
        else if (!strcmp(type, "signatures"))
            signatures_block(&pg, block);
        else if (!strcmp(type, "qr"))
            qr_block(&pg, block);
        else if (!strcmp(type, "space"))
            pg.y += num(block, "height", 8);
    }
    g_object_unref(pg.layout);
    cr_status = cairo_status(pg.cr);
    cairo_destroy(pg.cr);
    cairo_surface_finish(pg.surface);
    status = cairo_surface_status(pg.surface);
    cairo_surface_destroy(pg.surface);
    json_decref(tpl);
    if (pg.font_failed)
        g_atomic_int_inc(&font_generation);
    if (*pg.failure)
        return err_set(e, 500, "render", "the form template cannot be laid out: %s", pg.failure);
    if (cr_status != CAIRO_STATUS_SUCCESS || status != CAIRO_STATUS_SUCCESS)
        return err_set(e, 500, "render", "the PDF could not be made: %s",
                       cairo_status_to_string(cr_status ? cr_status : status));
    return 0;
}
