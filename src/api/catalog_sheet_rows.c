/* A catalog annex (XLSX or CSV) read into import rows: header rows, heading rows, procedure rows.
 */
#include "api/catalog_rows.h"
#include "core/fold.h"
#include "core/plan_sheet.h"
#include "docs/spreadsheet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void catalog_row_reject(struct catalog_row *x, const char *field, const char *reason)
{
    if (!x->reason) {
        x->field = field;
        x->reason = reason;
    }
}

void catalog_row_warn(struct arena *a, struct catalog_row *x, const char *warning)
{
    x->warning = x->warning ? arena_printf(a, "%s; %s", x->warning, warning) : warning;
}

void catalog_row_time(struct arena *a, struct catalog_row *x, const char *field, const char *text)
{
    const char *kind, *why;
    double days;
    int flags;

    x->has_time = 1;
    if (!*text) {
        catalog_row_reject(x, field, "no processing time (column Thời hạn giải quyết)");
        return;
    }
    if (catalog_sheet_duration(text, &days, &kind, &flags, &why) < 0) {
        catalog_row_reject(x, field,
                           arena_printf(a, "cannot read the processing time '%s': %s", text, why));
        return;
    }
    x->p.duration_days = days;
    x->p.duration_kind = kind;
    if (flags & CDUR_CALENDAR_ASSUMED)
        catalog_row_warn(a, x,
                         arena_printf(a,
                                      "'%s' read as %g calendar days (the days are not called "
                                      "working days)",
                                      text, days));
}

void catalog_row_fees(struct arena *a, struct catalog_row *x, const char *field, const char *text)
{
    struct catalog_fee f[CATALOG_FEES_MAX];
    const char *why;
    size_t n, i;

    x->has_fees = 1;
    if (catalog_sheet_fees(text, f, CATALOG_FEES_MAX, &n, &why) < 0) {
        catalog_row_reject(x, field, arena_printf(a, "cannot read the fees '%s': %s", text, why));
        return;
    }
    x->p.fees = arena_calloc(a, n ? n : 1, sizeof(*x->p.fees));
    x->p.nfees = n;
    for (i = 0; i < n; i++) {
        const char *name = arena_strndup(a, text + f[i].start, f[i].len);

        x->p.fees[i].name = utf8_length(name) <= 300 ? name : "Phí, lệ phí";
        x->p.fees[i].amount = f[i].amount;
    }
}

const char *catalog_level_named(const char *text)
{
    size_t n = strlen(text);
    char *f = malloc(n + 1);
    const char *level = NULL;

    if (!f)
        return NULL;
    fold_text(text, n, f);
    if (!strcmp(f, "central") || strstr(f, "trung uong") || strstr(f, "cap bo"))
        level = "central";
    else if (!strcmp(f, "province") || strstr(f, "tinh"))
        level = "province";
    else if (!strcmp(f, "district") || strstr(f, "huyen"))
        level = "district";
    else if (!strcmp(f, "commune") || strstr(f, "xa") || strstr(f, "phuong"))
        level = "commune";
    free(f);
    return level;
}

static const char *cell(const struct spreadsheet_row *row, const int cols[CCOL_COUNT], int k)
{
    return cols[k] < 0 ? "" : spreadsheet_cell(row, (size_t)cols[k]);
}

/* 1 when the row is a header naming the code and name columns, with cols filled. */
static int header(const struct spreadsheet_row *row, int cols[CCOL_COUNT])
{
    int c[CCOL_COUNT];
    size_t i;

    for (i = 0; i < CCOL_COUNT; i++)
        c[i] = -1;
    for (i = 0; i < row->ncells; i++) {
        int k = catalog_sheet_column(row->cells[i]);

        if (k >= 0 && c[k] < 0)
            c[k] = (int)i;
    }
    if (c[CCOL_CODE] < 0 || c[CCOL_NAME] < 0)
        return 0;
    memcpy(cols, c, sizeof(c));
    return 1;
}

static int valid_code(const char *s);

/*
 * The heading's text when the row is one: a single cell ("A. THỦ TỤC HÀNH
 * CHÍNH MỚI BAN HÀNH"), or a number and a text that is no code ("I" | "Lĩnh
 * vực Hộ tịch"), wherever the columns are.
 */
static const char *heading_text(struct arena *a, const struct spreadsheet_row *row, int *numbered)
{
    const char *first = NULL, *second = NULL;
    size_t i, used = 0;

    for (i = 0; i < row->ncells; i++)
        if (*row->cells[i]) {
            if (!used)
                first = row->cells[i];
            else
                second = row->cells[i];
            used++;
        }
    *numbered = 0;
    if (used == 1)
        return first;
    *numbered = first && strspn(first, "0123456789") == strlen(first);
    if (used == 2 && !valid_code(second) && strlen(first) <= 6)
        return arena_printf(a, "%s. %s", first, second);
    return NULL;
}

static int valid_code(const char *s)
{
    return *s &&
           strspn(s, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-") ==
               strlen(s) &&
           strlen(s) <= 40;
}

static void read_row(struct arena *a, const struct spreadsheet_row *sr, const int cols[CCOL_COUNT],
                     enum catalog_section section, const char *level, const char *field,
                     struct catalog_row *x)
{
    const char *code = cell(sr, cols, CCOL_CODE), *name = cell(sr, cols, CCOL_NAME);
    const char *fcol = cell(sr, cols, CCOL_FIELD), *lcol = cell(sr, cols, CCOL_LEVEL);
    int repealed = section == CSEC_REPEALED;

    memset(x, 0, sizeof(*x));
    x->line = sr->line;
    x->section = section;
    x->p.online_duration_days = -1;
    x->p.code = code;
    x->p.name = *name ? name : NULL;
    if (!*code)
        catalog_row_reject(x, "code", "the procedure has no national code (column Mã TTHC)");
    else if (!valid_code(code))
        catalog_row_reject(x, "code",
                           arena_printf(a,
                                        "'%s' is not a national code: letters, digits, dots and "
                                        "dashes, at most 40 (e.g. 1.001234)",
                                        code));
    if (repealed)
        return;
    if (!*name)
        catalog_row_reject(x, "name", "the row names no procedure (column Tên thủ tục)");
    else if (utf8_length(name) > 500)
        catalog_row_reject(x, "name", "a procedure's name has at most 500 characters");
    x->p.field = *fcol ? fcol : field;
    if (!x->p.field)
        catalog_row_reject(x, "field",
                           "no field: neither a column Lĩnh vực nor a heading 'Lĩnh vực …' above");
    else if (utf8_length(x->p.field) > 200)
        catalog_row_reject(x, "field", "a field's name has at most 200 characters");
    x->level_hint = *lcol ? catalog_level_named(lcol) : level;
    x->agency_text = cell(sr, cols, CCOL_AGENCY);
    if (cols[CCOL_TIME] < 0)
        catalog_row_reject(x, "time", "the sheet has no processing time column");
    else
        catalog_row_time(a, x, "time", cell(sr, cols, CCOL_TIME));
    if (cols[CCOL_FEE] >= 0)
        catalog_row_fees(a, x, "fees", cell(sr, cols, CCOL_FEE));
    if (cols[CCOL_LEGAL] >= 0) {
        const char *legal = cell(sr, cols, CCOL_LEGAL);

        x->has_legal = 1;
        x->p.legal_basis = *legal ? legal : NULL;
        if (utf8_length(legal) > 5000)
            catalog_row_reject(x, "legal_basis", "the legal basis has at most 5,000 characters");
    }
    if (cols[CCOL_PLACE] >= 0 &&
        (x->p.online_class = catalog_sheet_online_class(cell(sr, cols, CCOL_PLACE))))
        x->has_place = 1;
}

int catalog_rows_sheet(struct arena *a, const struct spreadsheet *sh, struct catalog_row **out,
                       size_t *n, struct err *e)
{
    enum catalog_section section = CSEC_NONE;
    const char *level = NULL, *field = NULL;
    int cols[CCOL_COUNT];
    size_t i, head;

    for (head = 0; head < sh->nrows && head < 20 && !header(&sh->rows[head], cols); head++)
        ;
    if (head == sh->nrows || head == 20)
        return err_field(e, "file",
                         "no header row names the national code and the name (e.g. 'Mã TTHC', "
                         "'Tên thủ tục hành chính') in the first 20 rows");
    /* headings above the header count too ("A. Thủ tục hành chính mới ban hành") */
    *out = arena_calloc(a, sh->nrows, sizeof(**out));
    *n = 0;
    for (i = 0; i < sh->nrows; i++) {
        const struct spreadsheet_row *sr = &sh->rows[i];
        struct catalog_heading h;
        const char *text;
        int numbered;

        if (i == head || (i > head && header(sr, cols)))
            continue;
        if ((text = heading_text(a, sr, &numbered))) {
            catalog_sheet_heading(text, &h);
            /* "5 | Thủ tục X" naming no section, level or field is a procedure without its code */
            if (numbered && i > head && h.section == CSEC_NONE && !h.level && h.field_at < 0)
                text = NULL;
        }
        if (text) {
            /* a section starts its levels and fields afresh */
            if (h.section != CSEC_NONE) {
                section = h.section;
                level = NULL;
                field = NULL;
            }
            if (h.level) {
                level = h.level;
                field = NULL;
            }
            if (h.field_at >= 0)
                field = text + h.field_at;
            continue;
        }
        if (i < head)
            continue;
        read_row(a, sr, cols, section, level, field, &(*out)[(*n)++]);
    }
    return 0;
}
