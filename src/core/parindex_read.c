/* Reading a PAR INDEX structure from rows: columns, codes, numbers, bands, the tree and its checks.
 */
#include "core/parindex.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/fold.h"
#include "lib/utf8.h"

#define EPS 1e-9

const char *const par_col_names[PAR_COLS] = {
    [PAR_COL_CODE] = "code",       [PAR_COL_NAME] = "name",     [PAR_COL_MAX_POINTS] = "max_points",
    [PAR_COL_SCORING] = "scoring", [PAR_COL_TARGET] = "target", [PAR_COL_BANDS] = "bands",
    [PAR_COL_FIGURE] = "figure",
};

int par_sheet_column(const char *header)
{
    /* the first that fits wins: "thang diem" before "diem" */
    static const struct {
        const char *words;
        int col;
    } words[] = {
        {"thang diem", PAR_COL_BANDS},    {"muc diem", PAR_COL_BANDS},
        {"toi da", PAR_COL_MAX_POINTS},   {"cach cham", PAR_COL_SCORING},
        {"phuong phap", PAR_COL_SCORING}, {"cach tinh", PAR_COL_SCORING},
        {"muc tieu", PAR_COL_TARGET},     {"chi tieu", PAR_COL_TARGET},
        {"so lieu", PAR_COL_FIGURE},      {"lien ket", PAR_COL_FIGURE},
        {"tieu chi", PAR_COL_NAME},       {"noi dung", PAR_COL_NAME},
        {"linh vuc", PAR_COL_NAME},       {"diem", PAR_COL_MAX_POINTS},
    };
    static const char *const codes[] = {"ma", "ma so", "stt", "tt", "so tt"};
    char f[256];
    size_t i, n = strlen(header);

    fold_text(header, n < sizeof(f) - 1 ? n : sizeof(f) - 1, f);
    for (i = 0; i < PAR_COLS; i++)
        if (!strcmp(f, par_col_names[i]))
            return (int)i;
    for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++)
        if (!strcmp(f, codes[i]))
            return PAR_COL_CODE;
    if (!strcmp(f, "ten"))
        return PAR_COL_NAME;
    for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
        if (strstr(f, words[i].words))
            return words[i].col;
    return -1;
}

void par_report_init(struct par_report *rep, struct arena *a)
{
    memset(rep, 0, sizeof(*rep));
    rep->a = a;
}

void par_report_add(struct par_report *rep, int line, const char *code, const char *column,
                    int fatal, const char *fmt, ...)
{
    struct par_problem *p = arena_push(rep->a, &rep->p, &rep->n, &rep->cap, sizeof(*p));
    va_list ap;

    p->line = line;
    p->code = code;
    p->column = column;
    p->fatal = fatal;
    va_start(ap, fmt);
    p->message = arena_vprintf(rep->a, fmt, ap);
    va_end(ap);
    rep->fatal += fatal != 0;
}

int par_code_depth(const char *code)
{
    const char *s = code;
    int depth = 0;

    if (!s)
        return -1;
    for (;;) {
        size_t digits = 0;
        if (*s == '0')
            return -1; /* no leading zero, no 0 */
        while (s[digits] >= '0' && s[digits] <= '9')
            digits++;
        if (digits < 1 || digits > 3 || ++depth > PAR_DEPTH_MAX)
            return -1;
        s += digits;
        if (!*s)
            return depth;
        if (*s++ != '.')
            return -1;
    }
}

int par_code_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
        if (x != y)
            return x < y ? -1 : 1;
        if (*a == '.')
            a++;
        if (*b == '.')
            b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

int par_number_parse(const char *text, double *out)
{
    char buf[64], *end;
    size_t i, k = 0, seps = 0;

    while (*text == ' ')
        text++;
    for (i = 0; text[i] && k < sizeof(buf) - 1; i++) {
        char c = text[i];
        if (c == ',' || c == '.') {
            seps++;
            c = '.';
        } else if (!((c >= '0' && c <= '9') || c == 'e' || c == 'E' || c == '+' || c == '-' ||
                     c == ' ')) {
            return -1;
        }
        buf[k++] = c;
    }
    while (k && buf[k - 1] == ' ')
        k--;
    buf[k] = '\0';
    if (text[i] || !k || seps > 1 || strchr(buf, ' '))
        return -1;
    *out = strtod(buf, &end);
    return *end || !isfinite(*out) ? -1 : 0;
}

/* A copy of the text without spaces at either end, NULL when nothing is left. */
static const char *trimmed(struct arena *a, const char *s)
{
    size_t n;

    if (!s)
        return NULL;
    while (*s == ' ' || *s == '\t')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n ? arena_strndup(a, s, n) : NULL;
}

static int blank(const char *s)
{
    return !s || strspn(s, " \t") == strlen(s);
}

int par_bands_parse(const char *text, struct par_band *out, int *n, const char **why)
{
    char buf[512], *part, *save = NULL;

    *n = 0;
    if (!text)
        return 0;
    if (strlen(text) >= sizeof(buf)) {
        *why = "is too long";
        return -1;
    }
    strcpy(buf, text);
    for (part = strtok_r(buf, ";", &save); part; part = strtok_r(NULL, ";", &save)) {
        char *colon = strchr(part, ':');
        struct par_band b;
        if (blank(part))
            continue;
        if (!colon) {
            *why = "must be bands \"from:points\" separated by ';' (\"0:0; 80:0,5; 100:1\")";
            return -1;
        }
        *colon = '\0';
        if (par_number_parse(part, &b.from) < 0 || par_number_parse(colon + 1, &b.points) < 0) {
            *why = "must be bands \"from:points\" separated by ';' (\"0:0; 80:0,5; 100:1\")";
            return -1;
        }
        if (*n == PAR_BANDS_MAX) {
            *why = "has more than 10 bands";
            return -1;
        }
        if (b.points < 0) {
            *why = "gives a band negative points";
            return -1;
        }
        if (*n && b.from <= out[*n - 1].from) {
            *why = "must list its bands by increasing value";
            return -1;
        }
        out[(*n)++] = b;
    }
    return 0;
}

const char *par_bands_text(struct arena *a, const struct par_band *b, int n)
{
    char buf[PAR_BANDS_MAX * 64] = "";
    size_t len = 0;
    int i;

    for (i = 0; i < n && len < sizeof(buf); i++)
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%.15g:%.15g", i ? "; " : "",
                                b[i].from, b[i].points);
    return arena_strdup(a, buf);
}

/* Reads a row into an item: only what must be parsed is checked here (par_tree_check does the
   rest); a cell that cannot be read is reported and left as NAN, -1 or nbands -1. */
static void row_read(const struct par_row *row, struct arena *a, struct par_item *it,
                     struct par_report *rep)
{
    const char *cell[PAR_COLS], *why = NULL;
    int k;

    for (k = 0; k < PAR_COLS; k++)
        cell[k] = trimmed(a, row->cells[k]);
    memset(it, 0, sizeof(*it));
    it->line = row->line;
    it->code = cell[PAR_COL_CODE];
    it->name = cell[PAR_COL_NAME];
    it->figure = cell[PAR_COL_FIGURE];
    if (!cell[PAR_COL_MAX_POINTS]) {
        par_report_add(rep, row->line, it->code, "max_points", 1, "maximum points are required");
        it->max_points = NAN;
    } else if (par_number_parse(cell[PAR_COL_MAX_POINTS], &it->max_points) < 0) {
        par_report_add(rep, row->line, it->code, "max_points", 1, "\"%s\" is not a number",
                       cell[PAR_COL_MAX_POINTS]);
        it->max_points = NAN;
    }
    if (cell[PAR_COL_SCORING] && (it->scoring = par_scoring_parse(cell[PAR_COL_SCORING])) < 0)
        par_report_add(rep, row->line, it->code, "scoring", 1,
                       "\"%s\" is not one of: yes_no, proportion, scale, survey",
                       cell[PAR_COL_SCORING]);
    if (cell[PAR_COL_TARGET] && par_number_parse(cell[PAR_COL_TARGET], &it->target) < 0) {
        par_report_add(rep, row->line, it->code, "target", 1, "\"%s\" is not a number",
                       cell[PAR_COL_TARGET]);
        it->target = NAN;
    }
    if (par_bands_parse(cell[PAR_COL_BANDS], it->bands, &it->nbands, &why) < 0) {
        par_report_add(rep, row->line, it->code, "bands", 1, "%s", why);
        it->nbands = -1;
    }
}

int par_rows_read(const struct par_row *rows, size_t n, struct arena *a, struct par_item **items,
                  size_t *nitems, struct par_report *rep)
{
    size_t i;
    int k;

    *items = arena_calloc(a, n + 1, sizeof(**items));
    *nitems = 0;
    for (i = 0; i < n; i++) {
        for (k = 0; k < PAR_COLS && blank(rows[i].cells[k]); k++)
            ;
        if (k < PAR_COLS) /* a blank row is skipped */
            row_read(&rows[i], a, &(*items)[(*nitems)++], rep);
    }
    par_tree_check(*items, *nitems, rep);
    return rep->fatal ? -1 : 0;
}

static int item_order(const void *x, const void *y)
{
    const struct par_item *a = x, *b = y;
    int c;

    if ((a->depth > 0) != (b->depth > 0)) /* items without a code go last */
        return a->depth > 0 ? -1 : 1;
    if (a->depth > 0 && (c = par_code_cmp(a->code, b->code)))
        return c;
    return a->line < b->line ? -1 : a->line > b->line;
}

/* Parent and leaf of items in tree order whose depth is set (0: left out of the tree). */
static void link(struct par_item *items, size_t n)
{
    size_t i, j;

    for (i = 0; i < n; i++) {
        items[i].parent = -1;
        items[i].leaf = items[i].depth > 0;
    }
    for (i = 0; i < n; i++) {
        struct par_item *it = &items[i];
        size_t plen;
        if (it->depth < 2)
            continue;
        plen = (size_t)(strrchr(it->code, '.') - it->code);
        for (j = i; j-- > 0;) {
            if (items[j].depth <= 0 || items[j].depth >= it->depth)
                continue;
            if (strlen(items[j].code) == plen && !strncmp(items[j].code, it->code, plen)) {
                it->parent = (int)j;
                items[j].leaf = 0;
            }
            break;
        }
    }
}

void par_tree_link(struct par_item *items, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        items[i].depth = par_code_depth(items[i].code);
    link(items, n);
}

/* The number of characters of valid UTF-8 text, or -1 when it holds a control character. */
static long text_chars(const char *s)
{
    long n = 0;

    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f)
            return -1;
        n += (c & 0xC0) != 0x80;
    }
    return n;
}

static void check_leaf(struct par_item *it, struct par_report *rep)
{
    int i;

    if (it->scoring == PAR_SCORING_NONE)
        par_report_add(rep, it->line, it->code, "scoring", 1,
                       "an item without sub-items needs a scoring kind: yes_no, proportion, "
                       "scale or survey");
    if (it->scoring == PAR_PROPORTION && !isnan(it->target) && it->target <= 0)
        par_report_add(rep, it->line, it->code, "target", 1,
                       "a proportion needs a target above 0 (the value that scores in full)");
    if (it->scoring > 0 && it->scoring != PAR_PROPORTION && !isnan(it->target) && it->target) {
        par_report_add(rep, it->line, it->code, "target", 0,
                       "only a proportion has a target: ignored");
        it->target = 0;
    }
    if (it->scoring == PAR_SCALE && it->nbands == 0)
        par_report_add(rep, it->line, it->code, "bands", 1,
                       "a scale needs its bands (\"0:0; 80:0,5; 100:1\")");
    for (i = 1; it->scoring == PAR_SCALE && i < it->nbands; i++)
        if (it->bands[i].from <= it->bands[i - 1].from) {
            par_report_add(rep, it->line, it->code, "bands", 1,
                           "must list its bands by increasing value");
            break;
        }
    for (i = 0; it->scoring == PAR_SCALE && !isnan(it->max_points) && i < it->nbands; i++)
        if (it->bands[i].points < 0 || it->bands[i].points > it->max_points + EPS) {
            par_report_add(rep, it->line, it->code, "bands", 1,
                           "a band gives %.15g points, outside 0 to the maximum %.15g",
                           it->bands[i].points, it->max_points);
            break;
        }
    if (it->scoring > 0 && it->scoring != PAR_SCALE && it->nbands > 0) {
        par_report_add(rep, it->line, it->code, "bands", 0, "only a scale has bands: ignored");
        it->nbands = 0;
    }
}

static void check_parent(struct par_item *it, struct par_report *rep)
{
    if (it->scoring > 0 || (!isnan(it->target) && it->target) || it->nbands > 0 || it->figure)
        par_report_add(rep, it->line, it->code, it->figure ? "figure" : "scoring", 0,
                       "an item with sub-items scores what they add up to: its scoring, target, "
                       "bands and figure are ignored");
    if (it->scoring > 0)
        it->scoring = PAR_SCORING_NONE;
    if (it->nbands > 0)
        it->nbands = 0;
    if (!isnan(it->target))
        it->target = 0;
    it->figure = NULL;
}

int par_tree_check(struct par_item *items, size_t n, struct par_report *rep)
{
    double *sub;
    size_t i;
    long chars;

    if (!n)
        par_report_add(rep, 0, NULL, NULL, 1, "the structure has no item");
    if (n > PAR_ITEMS_MAX)
        par_report_add(rep, 0, NULL, NULL, 1, "the structure has %zu items, more than %d", n,
                       PAR_ITEMS_MAX);
    for (i = 0; i < n; i++) {
        struct par_item *it = &items[i];
        if ((it->depth = par_code_depth(it->code)) >= 0)
            continue;
        it->depth = 0;
        if (it->code)
            par_report_add(rep, it->line, it->code, "code", 1,
                           "\"%s\" is not a code: numbers separated by dots, at most three "
                           "levels (1, 1.2, 1.2.3)",
                           it->code);
        else
            par_report_add(rep, it->line, NULL, "code", 1, "a code is required");
    }
    qsort(items, n, sizeof(*items), item_order);
    for (i = 1; i < n; i++)
        if (items[i].depth > 0 && items[i - 1].depth > 0 &&
            !par_code_cmp(items[i].code, items[i - 1].code)) {
            par_report_add(rep, items[i].line, items[i].code, "code", 1,
                           "code %s appears twice (also on line %d)", items[i].code,
                           items[i - 1].line);
            items[i].depth = 0;
        }
    link(items, n);
    sub = arena_calloc(rep->a, n + 1, sizeof(*sub));
    for (i = 0; i < n; i++) {
        struct par_item *it = &items[i];
        if (it->depth > 1 && it->parent < 0)
            par_report_add(rep, it->line, it->code, "code", 1, "no item %.*s above it",
                           (int)(strrchr(it->code, '.') - it->code), it->code);
        if (!it->name)
            par_report_add(rep, it->line, it->code, "name", 1, "a name is required");
        else if ((chars = text_chars(it->name)) < 0 || !utf8_valid(it->name, strlen(it->name)))
            par_report_add(rep, it->line, it->code, "name", 1,
                           "the name holds a control character or is not UTF-8");
        else if (chars > PAR_NAME_MAX)
            par_report_add(rep, it->line, it->code, "name", 1,
                           "the name has %ld characters, more than %d", chars, PAR_NAME_MAX);
        if (!isnan(it->max_points) && (it->max_points <= 0 || it->max_points > PAR_POINTS_MAX))
            par_report_add(rep, it->line, it->code, "max_points", 1,
                           "maximum points must be above 0 and at most 1000, not %.15g",
                           it->max_points);
        if (it->depth <= 0)
            continue;
        if (it->leaf && it->figure && par_figure_parse(it->figure) < 0)
            par_report_add(rep, it->line, it->code, "figure", 1,
                           "\"%s\" is not a figure motcua computes", it->figure);
        if (it->leaf)
            check_leaf(it, rep);
        else
            check_parent(it, rep);
        if (it->parent >= 0 && !isnan(it->max_points))
            sub[it->parent] += it->max_points;
    }
    for (i = 0; i < n; i++) {
        const struct par_item *it = &items[i];
        if (it->depth <= 0 || it->leaf || isnan(it->max_points))
            continue;
        if (sub[i] > it->max_points + EPS)
            par_report_add(rep, it->line, it->code, "max_points", 1,
                           "its sub-items' maximum points add up to %.15g, more than its %.15g",
                           sub[i], it->max_points);
        else if (sub[i] < it->max_points - EPS)
            par_report_add(rep, it->line, it->code, "max_points", 0,
                           "its sub-items' maximum points add up to %.15g of its %.15g: the rest "
                           "cannot be scored",
                           sub[i], it->max_points);
    }
    return rep->fatal ? -1 : 0;
}
