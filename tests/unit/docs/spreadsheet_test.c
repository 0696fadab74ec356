/* Tests for src/docs/spreadsheet.c: workbooks made with libxlsxwriter or by hand, CSV texts. */
#include "../test.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "docs/spreadsheet.h"
#include "lib/strbuf.h"

static char tmp[256];

static int make_tmp(void **state)
{
    const char *base = getenv("TMPDIR");

    (void)state;
    snprintf(tmp, sizeof(tmp), "%s/motcua-spreadsheet-XXXXXX", base && *base ? base : "/tmp");
    return mkdtemp(tmp) ? 0 : -1;
}

static int remove_tmp(void **state)
{
    (void)state;
    return rmdir(tmp);
}

/* The bytes of a file, which is then removed. */
static char *slurp(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    rewind(f);
    buf = malloc((size_t)n + 1);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    unlink(path);
    *len = (size_t)n;
    return buf;
}

/* Reads data and checks each row: its line, then its cells, a NULL after the last. */
struct want {
    int line;
    const char *cells[10];
};

static void assert_rows(const struct spreadsheet *s, const struct want *w, size_t n)
{
    size_t i, c;

    assert_int_equal(s->nrows, n);
    for (i = 0; i < n; i++) {
        const struct spreadsheet_row *row = &s->rows[i];

        assert_int_equal(row->line, w[i].line);
        for (c = 0; w[i].cells[c]; c++)
            assert_string_equal(row->cells[c], w[i].cells[c]);
        assert_int_equal(row->ncells, c);
        assert_string_equal(spreadsheet_cell(row, c), "");
    }
}

static void assert_refused(const void *data, size_t len, const char *reason)
{
    struct arena a = ARENA_INIT;
    struct spreadsheet s;
    struct err e = ERR_INIT;

    assert_int_equal(spreadsheet_read(data, len, &a, &s, &e), -1);
    assert_int_equal(e.http, 422);
    assert_int_equal(e.nfields, 1);
    assert_string_equal(e.fields[0].field, "file");
    if (!strstr(e.msg, reason) || !strstr(e.fields[0].message, reason))
        fail_msg("\"%s\" does not say \"%s\"", e.msg, reason);
    assert_int_equal(s.nrows, 0);
    arena_release(&a);
}

/* ---- workbooks from libxlsxwriter ---- */

static void xlsx_written(void **state)
{
    char path[300];
    lxw_workbook *wb;
    lxw_worksheet *ws, *other;
    lxw_format *date, *bold, *border;
    lxw_datetime due = {2025, 12, 31, 0, 0, 0};
    lxw_rich_string_tuple plain1 = {NULL, "Quyết định "}, strong = {NULL, "số 15"},
                          plain2 = {NULL, "/QĐ-UBND"};
    lxw_rich_string_tuple *rich[] = {&plain1, &strong, &plain2, NULL};
    struct arena a = ARENA_INIT;
    struct spreadsheet s;
    struct err e = ERR_INIT;
    char *data;
    size_t len;
    int64_t day;

    (void)state;
    snprintf(path, sizeof(path), "%s/written.xlsx", tmp);
    wb = workbook_new(path);
    ws = workbook_add_worksheet(wb, "Nhiệm vụ");
    other = workbook_add_worksheet(wb, "Khác");
    date = workbook_add_format(wb);
    format_set_num_format(date, "dd/mm/yyyy");
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    strong.format = bold;
    border = workbook_add_format(wb);
    format_set_border(border, LXW_BORDER_THIN);
    /* row 1: the header */
    worksheet_write_string(ws, 0, 0, "STT", bold);
    worksheet_write_string(ws, 0, 1, "Nhiệm vụ", bold);
    worksheet_write_string(ws, 0, 2, "Đơn vị chủ trì", bold);
    worksheet_write_string(ws, 0, 3, "Hạn", bold);
    worksheet_write_string(ws, 0, 4, "Tỷ lệ", bold);
    worksheet_write_string(ws, 0, 5, "Căn cứ", bold);
    /* row 2: numbers, a date, rich text */
    worksheet_write_number(ws, 1, 0, 1, NULL);
    worksheet_write_string(ws, 1, 1, "Rà soát, đơn giản hoá thủ tục hành chính", NULL);
    worksheet_write_string(ws, 1, 2, "Sở Tư pháp", NULL);
    worksheet_write_datetime(ws, 1, 3, &due, date);
    worksheet_write_number(ws, 1, 4, 3.5, NULL);
    worksheet_write_rich_string(ws, 1, 5, rich, NULL);
    /* row 3: only formatted blank cells, an empty row */
    worksheet_write_blank(ws, 2, 1, border);
    worksheet_write_blank(ws, 2, 2, border);
    /* row 4: a repeated shared string, gaps, a boolean, formulas, spaces around */
    worksheet_write_number(ws, 3, 0, 2, NULL);
    worksheet_write_string(ws, 3, 1, "  Số hoá hồ sơ\n", NULL);
    worksheet_write_string(ws, 3, 2, "Sở Tư pháp", NULL);
    worksheet_write_blank(ws, 3, 3, border);
    worksheet_write_boolean(ws, 3, 5, 1, NULL);
    worksheet_write_formula_num(ws, 3, 6, "=E2*2", NULL, 7);
    worksheet_write_formula_str(ws, 3, 7, "=C4", NULL, "Sở Tư pháp");
    worksheet_write_boolean(ws, 3, 8, 0, NULL);
    /* row 7: decomposed marks (NFD) come back composed; a cell far from the others */
    worksheet_write_string(ws, 6, 1, "Nguye\xcc\x82\xcc\x83n Văn A", NULL);
    worksheet_write_string(ws, 6, 4, "cuối", NULL);
    worksheet_write_string(other, 0, 0, "not read", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    data = slurp(path, &len);

    assert_int_equal(spreadsheet_read(data, len, &a, &s, &e), 0);
    const struct want want[] = {
        {1, {"STT", "Nhiệm vụ", "Đơn vị chủ trì", "Hạn", "Tỷ lệ", "Căn cứ"}},
        {2,
         {"1", "Rà soát, đơn giản hoá thủ tục hành chính", "Sở Tư pháp", "46022", "3.5",
          "Quyết định số 15/QĐ-UBND"}},
        {4, {"2", "Số hoá hồ sơ", "Sở Tư pháp", "", "", "TRUE", "7", "Sở Tư pháp", "FALSE"}},
        {7, {"", "Nguyễn Văn A", "", "", "cuối"}},
    };
    assert_rows(&s, want, 4);
    assert_int_equal(s.date1904, 0);
    /* the repeated text is one copy */
    assert_ptr_equal(s.rows[1].cells[2], s.rows[2].cells[2]);
    assert_int_equal(date_parse_cell(s.rows[1].cells[3], s.date1904, &day), 0);
    assert_int_equal(day, D("2025-12-31"));
    arena_release(&a);
    free(data);
}

/* constant_memory mode writes inline strings (<is>) instead of shared ones */
static void xlsx_inline_strings(void **state)
{
    char path[300];
    lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = tmp};
    lxw_workbook *wb;
    lxw_worksheet *ws;
    struct arena a = ARENA_INIT;
    struct spreadsheet s;
    struct err e = ERR_INIT;
    char *data;
    size_t len;

    (void)state;
    snprintf(path, sizeof(path), "%s/inline.xlsx", tmp);
    wb = workbook_new_opt(path, &opt);
    ws = workbook_add_worksheet(wb, NULL);
    worksheet_write_string(ws, 0, 0, "Mã thủ tục", NULL);
    worksheet_write_string(ws, 0, 2, "Lĩnh vực", NULL);
    worksheet_write_string(ws, 4, 1, "1.001234", NULL);
    worksheet_write_number(ws, 4, 2, 15, NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    data = slurp(path, &len);

    assert_int_equal(spreadsheet_read(data, len, &a, &s, &e), 0);
    const struct want want[] = {
        {1, {"Mã thủ tục", "", "Lĩnh vực"}},
        {5, {"", "1.001234", "15"}},
    };
    assert_rows(&s, want, 2);
    arena_release(&a);
    free(data);
}

/* ---- workbooks made part by part ---- */

struct part {
    const char *name, *text;
};

#define CONTENT_TYPES                                                                              \
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types "                                            \
    "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"
#define PKG_RELS                                                                                   \
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"       \
    "<Relationship Id=\"rId1\" "                                                                   \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" " \
    "Target=\"xl/workbook.xml\"/></Relationships>"
#define BOOK_RELS                                                                                  \
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"       \
    "<Relationship Id=\"rId1\" "                                                                   \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" "      \
    "Target=\"worksheets/sheet1.xml\"/>"                                                           \
    "<Relationship Id=\"rId9\" "                                                                   \
    "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" "  \
    "Target=\"sharedStrings.xml\"/></Relationships>"
#define BOOK                                                                                       \
    "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "               \
    "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"             \
    "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"
#define SHEET(rows)                                                                                \
    "<worksheet "                                                                                  \
    "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>" rows         \
    "</sheetData></worksheet>"

/* A zip archive of the parts (NULL-terminated), as bytes. */
static char *zip_parts(const struct part *parts, size_t *len)
{
    char path[300];
    zip_t *z;
    int err;

    snprintf(path, sizeof(path), "%s/parts.zip", tmp);
    z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    assert_non_null(z);
    for (; parts->name; parts++) {
        zip_source_t *src = zip_source_buffer(z, parts->text, strlen(parts->text), 0);

        assert_non_null(src);
        assert_true(zip_file_add(z, parts->name, src, ZIP_FL_ENC_UTF_8) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    return slurp(path, len);
}

static int read_parts(const struct part *parts, struct arena *a, struct spreadsheet *s,
                      struct err *e)
{
    size_t len;
    char *data = zip_parts(parts, &len);
    int rc = spreadsheet_read(data, len, a, s, e);

    free(data);
    return rc;
}

static void refuse_parts(const struct part *parts, const char *reason)
{
    size_t len;
    char *data = zip_parts(parts, &len);

    assert_refused(data, len, reason);
    free(data);
}

/*
 * What Excel and other writers put in that libxlsxwriter does not: prefixed
 * names, phonetic guides, rows and cells without references, CDATA and
 * entities, a hidden first sheet, absolute targets, the 1904 date system.
 */
static void xlsx_by_hand(void **state)
{
    static const struct part parts[] = {
        {"[Content_Types].xml", CONTENT_TYPES},
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels",
         "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
         "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
         "2006/relationships/worksheet\" Target=\"worksheets/hidden.xml\"/>"
         "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
         "2006/relationships/worksheet\" Target=\"/xl/worksheets/../worksheets/shown.xml\"/>"
         "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
         "2006/relationships/sharedStrings\" Target=\"strings.xml\"/>"
         "<Relationship Id=\"rId4\" Type=\"http://schemas.openxmlformats.org/officeDocument/"
         "2006/relationships/hyperlink\" Target=\"http://example.org/\" "
         "TargetMode=\"External\"/></Relationships>"},
        {"xl/workbook.xml",
         "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
         "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "
         "xmlns:rel=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
         "<x:workbookPr date1904=\"1\"/><x:sheets>"
         "<x:sheet name=\"Danh mục\" sheetId=\"1\" state=\"hidden\" rel:id=\"rId1\"/>"
         "<x:sheet name=\"Điểm\" sheetId=\"2\" rel:id=\"rId2\"/>"
         "</x:sheets></x:workbook>"},
        {"xl/strings.xml",
         "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"4\">"
         "<si><t>Chỉ số</t></si>"
         "<si><r><t xml:space=\"preserve\">Cải cách </t></r><r><rPr><b/></rPr><t>hành "
         "chính</t></r><rPh sb=\"0\" eb=\"1\"><t>PHONETIC</t></rPh></si>"
         "<si/>"
         "<si><t><![CDATA[a < b]]> &amp; &#x111;</t></si>"
         "</sst>"},
        {"xl/worksheets/hidden.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></c></row>")},
        {"xl/worksheets/shown.xml",
         "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<x:sheetPr/><x:sheetData>"
         "<x:row r=\"2\"><x:c r=\"B2\" t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>1</x:v></x:c>"
         "<x:c t=\"s\"><x:v>3</x:v></x:c></x:row>"
         "<x:row><x:c r=\"A3\" t=\"str\"><x:f>A1</x:f><x:v> công thức </x:v></x:c>"
         "<x:c r=\"C3\" t=\"e\"><x:v>#N/A</x:v></x:c><x:c r=\"D3\" t=\"s\"><x:v>2</x:v></x:c>"
         "<x:c r=\"E3\"><x:v>44635</x:v></x:c>"
         "<x:c r=\"XFD3\" s=\"1\"/></x:row>"
         "<x:row r=\"9\"/>"
         "<x:row r=\"10\"><x:c r=\"A10\" t=\"inlineStr\"><x:is><x:r><x:t>Nội </x:t></x:r>"
         "<x:r><x:t>tuyến</x:t></x:r><x:rPh><x:t>x</x:t></x:rPh></x:is></x:c></x:row>"
         "</x:sheetData><x:mergeCells count=\"0\"/></x:worksheet>"},
        {NULL, NULL},
    };
    struct arena a = ARENA_INIT;
    struct spreadsheet s;
    struct err e = ERR_INIT;
    int64_t day;

    (void)state;
    assert_int_equal(read_parts(parts, &a, &s, &e), 0);
    const struct want want[] = {
        {2, {"", "Chỉ số", "Cải cách hành chính", "a < b & đ"}},
        {3, {"công thức", "", "#N/A", "", "44635"}},
        {10, {"Nội tuyến"}},
    };
    assert_rows(&s, want, 3);
    assert_int_equal(s.date1904, 1);
    assert_int_equal(date_parse_cell(s.rows[1].cells[4], s.date1904, &day), 0);
    assert_int_equal(day, D("2026-03-16"));
    arena_release(&a);
}

static void xlsx_refused(void **state)
{
    static const struct part no_book[] = {
        {"[Content_Types].xml", CONTENT_TYPES},
        {"readme.txt", "hello"},
        {NULL, NULL},
    };
    static const struct part no_sheet_part[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels", BOOK_RELS},
        {"xl/workbook.xml", BOOK},
        {NULL, NULL},
    };
    static const struct part no_worksheet[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/workbook.xml",
         "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<sheets/></workbook>"},
        {NULL, NULL},
    };
    /* entities that would expand a thousandfold (libxml2 stops them), or read a file */
    static const struct part laughs[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels", BOOK_RELS},
        {"xl/workbook.xml", BOOK},
        {"xl/worksheets/sheet1.xml",
         "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">"
         "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
         "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>" SHEET(
             "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&d;</t></is></c></row>")},
        {NULL, NULL},
    };
    static const struct part external[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels", BOOK_RELS},
        {"xl/workbook.xml", BOOK},
        {"xl/worksheets/sheet1.xml",
         "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
         "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
         "<sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&x;</t></is></c></row>"
         "</sheetData></worksheet>"},
        {NULL, NULL},
    };
    static const struct part malformed[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels", BOOK_RELS},
        {"xl/workbook.xml", BOOK},
        {"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\"><v>1</v></row>")},
        {NULL, NULL},
    };
    static const struct part bad_string[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels", BOOK_RELS},
        {"xl/workbook.xml", BOOK},
        {"xl/sharedStrings.xml", "<sst><si><t>một</t></si></sst>"},
        {"xl/worksheets/sheet1.xml", SHEET("<row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c></row>")},
        {NULL, NULL},
    };
    static const struct part too_wide[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels", BOOK_RELS},
        {"xl/workbook.xml", BOOK},
        {"xl/worksheets/sheet1.xml", SHEET("<row r=\"4\"><c r=\"IW4\"><v>1</v></c></row>")},
        {NULL, NULL},
    };
    static const struct part bad_ref[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels", BOOK_RELS},
        {"xl/workbook.xml", BOOK},
        {"xl/worksheets/sheet1.xml", SHEET("<row r=\"4\"><c r=\"4A\"><v>1</v></c></row>")},
        {NULL, NULL},
    };
    static const char xls[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and the rest of an old workbook";
    char path[300];
    lxw_workbook *wb;
    char *data;
    size_t len;

    (void)state;
    refuse_parts(no_book, "holds no XLSX workbook");
    refuse_parts(no_sheet_part, "its first sheet (xl/worksheets/sheet1.xml) is missing");
    refuse_parts(no_worksheet, "has no worksheet");
    refuse_parts(laughs, "the workbook is damaged: xl/worksheets/sheet1.xml");
    refuse_parts(external, "declares a document type");
    refuse_parts(malformed, "xl/worksheets/sheet1.xml is not well-formed XML (line 1");
    refuse_parts(bad_string, "cell A1 names shared text 1 of 1");
    refuse_parts(too_wide, "cell IW4 holds text beyond the 256 columns");
    refuse_parts(bad_ref, "a cell is named \"4A\"");
    assert_refused(xls, sizeof(xls) - 1, "Excel 97-2003");
    assert_refused("", 0, "the file is empty");

    /* a workbook cut short, and one with a damaged byte */
    snprintf(path, sizeof(path), "%s/cut.xlsx", tmp);
    wb = workbook_new(path);
    worksheet_write_string(workbook_add_worksheet(wb, NULL), 0, 0, "Sở Nội vụ", NULL);
    assert_int_equal(workbook_close(wb), LXW_NO_ERROR);
    data = slurp(path, &len);
    assert_refused(data, len / 2, "not a readable XLSX workbook");
    free(data);
    data = zip_parts(malformed, &len);
    {
        /* the sheet's deflated bytes follow its local header (30 bytes, the name, extra) */
        const char *name = "xl/worksheets/sheet1.xml";
        char *h = memmem(data, len, name, strlen(name));
        size_t extra;

        assert_non_null(h);
        h -= 30;
        assert_memory_equal(h, "PK\x03\x04", 4);
        extra = (unsigned char)h[28] | (size_t)(unsigned char)h[29] << 8;
        h[30 + strlen(name) + extra + 3] ^= 0x55;
    }
    assert_refused(data, len, "the workbook is damaged: xl/worksheets/sheet1.xml");
    free(data);
}

/* More than the workbook may unpack to: a sheet of 40 MiB of empty rows, deflated to little. */
static void xlsx_bomb(void **state)
{
    static const char row[] = "<row r=\"1\" spans=\"1:1\" ht=\"15\" customHeight=\"1\"/>";
    struct strbuf sb = STRBUF_INIT;
    struct part parts[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels", BOOK_RELS},
        {"xl/workbook.xml", BOOK},
        {"xl/worksheets/sheet1.xml", NULL},
        {NULL, NULL},
    };
    char *data;
    size_t len;

    (void)state;
    strbuf_addstr(&sb, "<worksheet><sheetData>");
    while (sb.len < (40u << 20))
        strbuf_addstr(&sb, row);
    strbuf_addstr(&sb, "</sheetData></worksheet>");
    parts[3].text = sb.buf;
    data = zip_parts(parts, &len);
    assert_true(len < SPREADSHEET_MAX_BYTES / 100);
    assert_refused(data, len, "unpacks to more than 32 MiB");
    free(data);
    strbuf_release(&sb);
}

static void xlsx_too_many_rows(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    struct part parts[] = {
        {"_rels/.rels", PKG_RELS},
        {"xl/_rels/workbook.xml.rels", BOOK_RELS},
        {"xl/workbook.xml", BOOK},
        {"xl/worksheets/sheet1.xml", NULL},
        {NULL, NULL},
    };
    struct arena a = ARENA_INIT;
    struct spreadsheet s;
    struct err e = ERR_INIT;
    int r;

    (void)state;
    strbuf_addstr(&sb, "<worksheet><sheetData>");
    for (r = 1; r <= SPREADSHEET_MAX_ROWS; r++)
        strbuf_addf(&sb, "<row r=\"%d\"><c r=\"B%d\"><v>%d</v></c></row>", r + 1, r + 1, r);
    strbuf_addstr(&sb, "</sheetData></worksheet>");
    parts[3].text = sb.buf;
    /* as many as may be */
    assert_int_equal(read_parts(parts, &a, &s, &e), 0);
    assert_int_equal(s.nrows, SPREADSHEET_MAX_ROWS);
    assert_int_equal(s.rows[SPREADSHEET_MAX_ROWS - 1].line, SPREADSHEET_MAX_ROWS + 1);
    assert_string_equal(s.rows[SPREADSHEET_MAX_ROWS - 1].cells[1], "100000");
    arena_release(&a);
    /* one more */
    sb.len -= strlen("</sheetData></worksheet>");
    strbuf_addstr(&sb, "<row><c><v>x</v></c></row></sheetData></worksheet>");
    parts[3].text = sb.buf;
    refuse_parts(parts, "more than 100000 rows hold text (row 100002");
    strbuf_release(&sb);
}

/* ---- CSV ---- */

static void csv_semicolons(void **state)
{
    /* as Excel saves "CSV UTF-8" where the list separator is ';' */
    static const char text[] = "\xEF\xBB\xBF"
                               "STT;Nhiệm vụ;Đơn vị;Hạn\r\n"
                               "1;\"Rà soát; đơn giản hoá, cắt giảm\";Sở Tư pháp;31/12/2025\r\n"
                               ";;;\r\n"
                               "\r\n"
                               "2;\"Số hoá\r\nhồ sơ \"\"một cửa\"\"\";  Văn phòng UBND ;\r\n"
                               "3;;;45366\r\n"
                               ";;\"\";\r\n"
                               "4;Nguye\xcc\x82\xcc\x83n";
    struct arena a = ARENA_INIT;
    struct spreadsheet s;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(spreadsheet_read(text, sizeof(text) - 1, &a, &s, &e), 0);
    const struct want want[] = {
        {1, {"STT", "Nhiệm vụ", "Đơn vị", "Hạn"}},
        {2, {"1", "Rà soát; đơn giản hoá, cắt giảm", "Sở Tư pháp", "31/12/2025"}},
        {5, {"2", "Số hoá\r\nhồ sơ \"một cửa\"", "Văn phòng UBND"}},
        {7, {"3", "", "", "45366"}},
        {9, {"4", "Nguyễn"}},
    };
    assert_rows(&s, want, 5);
    assert_int_equal(s.date1904, 0);
    arena_release(&a);
}

static void csv_separator_after_a_title_line(void **state)
{
    /* a title line and an empty one hold no separator: the header decides */
    static const char text[] =
        "\"KẾ HOẠCH NĂM 2026\"\r\n\r\n\"STT\";\"Nội dung\"\r\n\"1\";\"Rà soát, đơn giản\"";
    struct arena a = ARENA_INIT;
    struct spreadsheet s;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(spreadsheet_read(text, sizeof(text) - 1, &a, &s, &e), 0);
    const struct want want[] = {
        {1, {"KẾ HOẠCH NĂM 2026"}},
        {3, {"STT", "Nội dung"}},
        {4, {"1", "Rà soát, đơn giản"}},
    };
    assert_rows(&s, want, 3);
    arena_release(&a);
}

static void csv_commas(void **state)
{
    /* commas, bare line feeds, a multi-line field first in its record, an unquoted quote-free
     * header with a semicolon in it */
    static const char text[] = "Mã,Tên; ghi chú,Số\n"
                               "\"1.000\nx\",\"Cấp, đổi\",15\n"
                               "\n"
                               "\"\"\n"
                               "2,b,\n"
                               "\r"
                               "3,c,7\r"
                               "4,d,8";
    struct arena a = ARENA_INIT;
    struct spreadsheet s;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(spreadsheet_read(text, sizeof(text) - 1, &a, &s, &e), 0);
    const struct want want[] = {
        {1, {"Mã", "Tên; ghi chú", "Số"}},
        {2, {"1.000\nx", "Cấp, đổi", "15"}},
        {6, {"2", "b"}},
        {8, {"3", "c", "7"}},
        {9, {"4", "d", "8"}},
    };
    assert_rows(&s, want, 5);
    arena_release(&a);
}

static void csv_refused(void **state)
{
    static const char latin1[] = "Tên,Đơn vị\nNguy\xea\x6e,S\xf4\n";
    static const char utf16[] = "\xFF\xFEM\0a\0";
    static const char quote[] = "a,b\nc,\"d\"e\n";
    static const char open[] = "a,b\nc,\"d\n\ne,f\n";
    struct strbuf sb = STRBUF_INIT;
    int i;

    (void)state;
    assert_refused(latin1, sizeof(latin1) - 1, "neither an XLSX workbook nor UTF-8 text (line 2)");
    assert_refused(utf16, sizeof(utf16) - 1, "neither an XLSX workbook nor UTF-8 text (line 1)");
    assert_refused(quote, sizeof(quote) - 1, "line 2 has a misplaced quote");
    assert_refused(open, sizeof(open) - 1, "the field in quotes that line 2 opens is never closed");
    for (i = 0; i < SPREADSHEET_MAX_COLS; i++)
        strbuf_addstr(&sb, ";");
    strbuf_addstr(&sb, "x\n");
    assert_refused(sb.buf, sb.len, "line 1 has text beyond the 256 columns read");
    strbuf_reset(&sb);
    for (i = 0; i <= SPREADSHEET_MAX_ROWS; i++)
        strbuf_addstr(&sb, "1\n");
    assert_refused(sb.buf, sb.len, "more than 100000 rows hold text (row 100001");
    strbuf_release(&sb);
}

static void columns(void **state)
{
    char name[SPREADSHEET_COL_MAX];
    struct spreadsheet_row row = {1, 0, NULL};

    (void)state;
    spreadsheet_col_name(0, name);
    assert_string_equal(name, "A");
    spreadsheet_col_name(25, name);
    assert_string_equal(name, "Z");
    spreadsheet_col_name(26, name);
    assert_string_equal(name, "AA");
    spreadsheet_col_name(255, name);
    assert_string_equal(name, "IV");
    spreadsheet_col_name(16383, name);
    assert_string_equal(name, "XFD");
    assert_string_equal(spreadsheet_cell(&row, 0), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(xlsx_written),   cmocka_unit_test(xlsx_inline_strings),
        cmocka_unit_test(xlsx_by_hand),   cmocka_unit_test(xlsx_refused),
        cmocka_unit_test(xlsx_bomb),      cmocka_unit_test(xlsx_too_many_rows),
        cmocka_unit_test(csv_semicolons), cmocka_unit_test(csv_separator_after_a_title_line),
        cmocka_unit_test(csv_commas),     cmocka_unit_test(csv_refused),
        cmocka_unit_test(columns),
    };
    return cmocka_run_group_tests_name("docs/spreadsheet", tests, make_tmp, remove_tmp);
}
