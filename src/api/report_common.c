/* What the reports share: scope, period, number formats, XLSX and PDF output. */
#include "api/app.h"
#include "api/reports.h"
#include "api/sheet.h"
#include "core/date.h"
#include "core/roles.h"
#include "docs/pdf.h"
#include "lib/strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PERIOD_MAX_DAYS (366 * 20)

/*
 * The caller's own unit: the first role that sees dossiers; for a system-wide
 * role, the root with the most agencies (a database may hold more than one tree).
 */
static int default_agency(struct req *r, struct agency *out, struct err *e)
{
    const char **paths;
    struct agency *all;
    size_t n;

    user_scopes(req_user(r), CAP_VIEW_DOSSIERS, &r->arena, &paths, &n);
    if (paths && n) {
        const char *end = paths[0] + strlen(paths[0]) - 1, *start = end;
        while (start > paths[0] && start[-1] != '/')
            start--;
        return agency_get(r->db, &r->arena, arena_strndup(&r->arena, start, (size_t)(end - start)),
                          out, e);
    }
    if (agency_list(r->db, &r->arena, NULL, &all, &n, e) < 0)
        return -1;
    if (!n)
        return err_set(e, 404, "not_found", "there is no agency yet");
    {
        size_t i, best = 0, most = 0, size = 0, root = 0;
        for (i = 0; i <= n; i++) {
            if (i == n || !all[i].parent) { /* tree order: a root starts each tree */
                if (i && size > most)
                    best = root, most = size;
                root = i, size = 0;
            }
            size++;
        }
        *out = all[best];
    }
    return 0;
}

static int query_day(struct req *r, const char *key, int64_t *day, struct err *e)
{
    const char *s = req_query(r, key);

    if (s && date_parse_ymd(s, day) < 0)
        return err_set(e, 400, "invalid_query", "%s must be a date YYYY-MM-DD", key);
    return 0;
}

int report_scope(struct req *r, struct report_scope *s, struct err *e)
{
    const char *agency = req_query(r, "agency"), *format = req_query(r, "format");
    int64_t today = date_local_day(r->now);
    int y, m, d;

    memset(s, 0, sizeof(*s));
    if (agency) {
        if (agency_get(r->db, &r->arena, agency, &s->ag, e) < 0) {
            err_clear(e);
            return err_set(e, 400, "invalid_query", "agency: no agency with identifier %s", agency);
        }
    } else if (default_agency(r, &s->ag, e) < 0) {
        return -1;
    }
    if (!user_can_at(req_user(r), CAP_VIEW_DOSSIERS, s->ag.path))
        return err_set(e, 403, "forbidden", "agency %s is not one of your units", s->ag.id);
    date_civil_from_days(today, &y, &m, &d);
    s->first = date_days_from_civil(y, 1, 1);
    s->last = today;
    if (query_day(r, "from", &s->first, e) < 0 || query_day(r, "to", &s->last, e) < 0)
        return -1;
    if (s->last < s->first)
        return err_set(e, 400, "invalid_query", "to must not be before from");
    if (s->last - s->first > PERIOD_MAX_DAYS)
        return err_set(e, 400, "invalid_query", "the period may span at most 20 years");
    s->until = s->last < today ? s->last : today;
    s->live = s->last >= today;
    if (!format || !strcmp(format, "json"))
        s->format = REPORT_JSON;
    else if (!strcmp(format, "xlsx"))
        s->format = REPORT_XLSX;
    else if (!strcmp(format, "pdf"))
        s->format = REPORT_PDF;
    else
        return err_set(e, 400, "invalid_query", "format must be json, xlsx or pdf");
    return 0;
}

json_t *report_head(const struct report_scope *s)
{
    char from[DATE_ISO_MAX], to[DATE_ISO_MAX];

    date_format_ymd(s->first, from);
    date_format_ymd(s->last, to);
    return json_pack("{s:{s:s, s:s}, s:s, s:s}", "agency", "id", s->ag.id, "name", s->ag.name,
                     "from", from, "to", to);
}

json_t *report_rate(int bp)
{
    return bp < 0 ? json_null() : json_real(bp / 100.0);
}

const char *report_cell_rate(struct req *r, const struct report_scope *s, int bp)
{
    if (bp < 0)
        return "";
    return arena_printf(&r->arena, s->format == REPORT_PDF ? "%d,%02d" : "%d.%02d", bp / 100,
                        bp % 100);
}

const char *report_cell_count(struct req *r, const struct report_scope *s, int64_t n)
{
    char digits[32], out[48];
    size_t len, i, k = 0;

    snprintf(digits, sizeof(digits), "%lld", (long long)(n < 0 ? -n : n));
    if (s->format != REPORT_PDF)
        return arena_printf(&r->arena, "%lld", (long long)n);
    len = strlen(digits);
    if (n < 0)
        out[k++] = '-';
    for (i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[k++] = '.';
        out[k++] = digits[i];
    }
    out[k] = '\0';
    return arena_strdup(&r->arena, out);
}

/* A landscape template: the national header, the title, the period, the table, signatures. */
static char *report_template(const char *title, const struct xlsx_column *cols, size_t ncols)
{
    json_t *columns = json_array(), *tpl;
    char *text;
    size_t i;

    for (i = 0; i < ncols; i++)
        json_array_append_new(columns, json_pack("{s:s, s:f, s:s}", "title", cols[i].title, "width",
                                                 cols[i].width, "align",
                                                 cols[i].numeric ? "right" : "left"));
    tpl = json_pack(
        "{s:s, s:s, s:i, s:[{s:s, s:s, s:s, s:s, s:s}, {s:s, s:s}, {s:s, s:s, s:s}, {s:s, s:s, "
        "s:i, s:o}, {s:s, s:i}, {s:s, s:[{s:s, s:s}, {s:s, s:s}]}]}",
        "title", title, "orientation", "landscape", "font_size", 11, "blocks", "type", "header",
        "parent", "{agency.parent_upper}", "agency", "{agency.upper}", "number", "", "date",
        "{place}, ngày {today.d} tháng {today.m} năm {today.y}", "type", "title", "text", title,
        "type", "text", "text", "Kỳ báo cáo: từ ngày {period.from} đến ngày {period.to}", "align",
        "center", "type", "table", "source", "report", "size", 8, "columns", columns, "type",
        "space", "height", 8, "type", "signatures", "columns", "title", "NGƯỜI LẬP BIỂU", "name",
        "", "title", "THỦ TRƯỞNG ĐƠN VỊ", "name", "");
    text = json_dumps(tpl, JSON_COMPACT);
    json_decref(tpl);
    return text;
}

int report_send_doc(struct req *r, const struct report_scope *s, const char *title,
                    const struct xlsx_column *cols, size_t ncols, const struct doc_table *table,
                    const char *stem, struct err *e)
{
    struct app *app = r->app;
    struct sheet sh = {r, NULL, 0, 0, {{0}}, 0};
    struct strbuf out = STRBUF_INIT;
    char from[DATE_ISO_MAX], to[DATE_ISO_MAX], tmp[4096];
    const char *upper = sheet_upper(r, title);
    int rc;

    date_format_dmy(date_utc_of_local(s->first, 0), from);
    date_format_dmy(date_utc_of_local(s->last, 0), to);
    if (s->format == REPORT_XLSX) {
        snprintf(tmp, sizeof(tmp), "%s/tmp", app->data_dir ? app->data_dir : "/tmp");
        rc = doc_render_xlsx(
            "Bao cao", upper,
            arena_printf(&r->arena, "%s — từ ngày %s đến ngày %s", s->ag.name, from, to), cols,
            ncols, table, tmp, &out, e);
    } else {
        char *tpl = report_template(upper, cols, ncols);
        struct doc_data data;
        rc = sheet_put_agency(&sh, &s->ag, e);
        sheet_put(&sh, "period.from", from);
        sheet_put(&sh, "period.to", to);
        data = (struct doc_data){sh.vars, sh.nvars, table, 1, NULL};
        if (rc == 0)
            rc = doc_render_pdf(tpl, &data, &out, e);
        free(tpl);
    }
    if (rc == 0) {
        int xlsx = s->format == REPORT_XLSX;
        resp_body(r, 200,
                  xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                       : "application/pdf",
                  out.buf, out.len);
        resp_header(r, "Content-Disposition",
                    arena_printf(&r->arena, "%s; filename=\"%s-%s.%s\"",
                                 xlsx ? "attachment" : "inline", stem, s->ag.id,
                                 xlsx ? "xlsx" : "pdf"));
    }
    strbuf_release(&out);
    return rc;
}
