/* XLSX through a temporary file (libxlsxwriter 1.1 writes only to files). */
#include "docs/xlsx.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

static int read_file(const char *path, struct strbuf *out, struct err *e)
{
    char buf[65536];
    ssize_t n;
    int fd = open(path, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        return err_set(e, 500, "render", "cannot read the spreadsheet: %s", strerror(errno));
    while ((n = read(fd, buf, sizeof(buf))) > 0)
        strbuf_add(out, buf, (size_t)n);
    close(fd);
    return n < 0 ? err_set(e, 500, "render", "cannot read the spreadsheet") : 0;
}

int doc_render_xlsx(const char *sheet, const char *title, const char *subtitle,
                    const struct xlsx_column *cols, size_t ncols, const struct doc_table *table,
                    const char *tmp_dir, struct strbuf *out, struct err *e)
{
    char path[4096];
    lxw_workbook *wb;
    lxw_worksheet *ws;
    lxw_format *head, *bold, *number, *decimal, *text;
    lxw_error rc;
    size_t r, c;
    int fd;

    snprintf(path, sizeof(path), "%s/sheet-XXXXXX", tmp_dir ? tmp_dir : "/tmp");
    fd = mkstemp(path);
    if (fd < 0)
        return err_set(e, 500, "render", "cannot make a temporary file: %s", strerror(errno));
    close(fd);
    wb = workbook_new(path);
    if (!wb) {
        unlink(path);
        return err_set(e, 500, "render", "cannot start the spreadsheet");
    }
    ws = workbook_add_worksheet(wb, sheet);
    bold = workbook_add_format(wb);
    format_set_bold(bold);
    format_set_font_size(bold, 14);
    head = workbook_add_format(wb);
    format_set_bold(head);
    format_set_text_wrap(head);
    format_set_align(head, LXW_ALIGN_CENTER);
    format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
    format_set_border(head, LXW_BORDER_THIN);
    format_set_bg_color(head, 0xDDEBF7);
    number = workbook_add_format(wb);
    format_set_num_format(number, "#,##0");
    format_set_border(number, LXW_BORDER_THIN);
    decimal = workbook_add_format(wb);
    format_set_num_format(decimal, "0.00");
    format_set_border(decimal, LXW_BORDER_THIN);
    text = workbook_add_format(wb);
    format_set_text_wrap(text);
    format_set_align(text, LXW_ALIGN_VERTICAL_TOP);
    format_set_border(text, LXW_BORDER_THIN);
    worksheet_write_string(ws, 0, 0, title, bold);
    if (subtitle)
        worksheet_write_string(ws, 1, 0, subtitle, NULL);
    for (c = 0; c < ncols; c++) {
        worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, cols[c].width, NULL);
        worksheet_write_string(ws, 3, (lxw_col_t)c, cols[c].title, head);
    }
    worksheet_set_row(ws, 3, 45, NULL);
    worksheet_freeze_panes(ws, 4, 0);
    for (r = 0; table && r < table->nrows; r++)
        for (c = 0; c < ncols && c < table->ncols; c++) {
            const char *v = table->cells[r * table->ncols + c];
            if (!v || !*v)
                worksheet_write_blank(ws, (lxw_row_t)(r + 4), (lxw_col_t)c, text);
            else if (cols[c].numeric)
                worksheet_write_number(ws, (lxw_row_t)(r + 4), (lxw_col_t)c, strtod(v, NULL),
                                       cols[c].numeric == XLSX_DECIMAL ? decimal : number);
            else
                worksheet_write_string(ws, (lxw_row_t)(r + 4), (lxw_col_t)c, v, text);
        }
    rc = workbook_close(wb);
    if (rc != LXW_NO_ERROR) {
        unlink(path);
        return err_set(e, 500, "render", "the spreadsheet could not be made: %s", lxw_strerror(rc));
    }
    rc = (lxw_error)read_file(path, out, e);
    unlink(path);
    return rc ? -1 : 0;
}
