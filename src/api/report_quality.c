/*
 * GET /api/v1/reports/late: late dossiers with their causes and apologies,
 * per unit and per officer. GET /api/v1/reports/satisfaction: ratings by
 * level and criterion, per unit or procedure. Both as JSON, XLSX or PDF.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/reports.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/stats.h"
#include "core/worktime.h"
#include "store/procedures.h"
#include "store/quality.h"

#include <math.h>
#include <string.h>

#define LATE_MAX 5000

static const char *cause_label(const char *cause)
{
    if (!cause)
        return "Chưa xác định";
    return !strcmp(cause, "subjective") ? "Chủ quan" : "Khách quan";
}

static const char *dmy(struct req *r, int64_t t)
{
    char *buf = arena_alloc(&r->arena, DATE_ISO_MAX);

    if (!t)
        return "";
    date_format_local(t, buf);
    return buf;
}

struct unit_late {
    const char *id, *name;
    int64_t late, finished, open, apologized, subjective, objective;
};

static const struct xlsx_column late_columns[] = {
    {"STT", 5, XLSX_COUNT},       {"Mã hồ sơ", 24, 0},       {"Tên thủ tục hành chính", 34, 0},
    {"Đơn vị giải quyết", 24, 0}, {"Ngày tiếp nhận", 15, 0}, {"Hạn trả kết quả", 15, 0},
    {"Ngày có kết quả", 15, 0},   {"Thời gian trễ", 15, 0},  {"Xin lỗi, hẹn lại", 15, 0},
    {"Nguyên nhân", 30, 0},
};

/*
 * How late each dossier is in working minutes of its lead agency's office
 * hours: from the law's due time to the result, or to now (to the pause for
 * one waiting for a supplement asked after its due time).
 */
static int late_minutes(struct req *r, const struct late_row *rows, size_t n, int64_t *out,
                        struct err *e)
{
    const struct workcal *cal = app_calendar(r, e);
    int rc = cal ? 0 : -1;
    size_t i;

    for (i = 0; i < n && rc == 0; i++) {
        const struct late_row *x = &rows[i];
        int64_t end = x->finished_at ? x->finished_at : x->paused_at ? x->paused_at : r->now;
        rc = worktime_between(cal, workcal_hours(cal, x->lead_agency), x->due_at, end, &out[i], e);
    }
    return rc;
}

/* "2 ngày 3 giờ 15 phút": working days of 8 hours. */
static const char *late_text(struct req *r, int64_t minutes)
{
    int64_t days = minutes / WORKDAY_MINUTES, h = minutes % WORKDAY_MINUTES / 60, mi = minutes % 60;

    return arena_printf(&r->arena, "%s%s%s",
                        days ? arena_printf(&r->arena, "%lld ngày ", (long long)days) : "",
                        h || !days ? arena_printf(&r->arena, "%lld giờ ", (long long)h) : "",
                        mi ? arena_printf(&r->arena, "%lld phút", (long long)mi) : "");
}
#define LATE_COLS (sizeof(late_columns) / sizeof(late_columns[0]))

int reports_late(struct req *r, struct err *e)
{
    struct report_scope s;
    struct late_row *rows;
    struct late_officer *officers;
    struct unit_late *units;
    size_t n, no, nu = 0, i, k;
    int64_t start, end, *late;
    json_t *j, *list, *ulist, *olist;

    if (report_scope(r, &s, e) < 0)
        return -1;
    start = date_utc_of_local(s.first, 0);
    end = date_utc_of_local(s.last + 1, 0);
    if (late_dossiers(r->db, &r->arena, s.ag.path, start, end, r->now, LATE_MAX, &rows, &n, e) <
            0 ||
        late_officers(r->db, &r->arena, s.ag.path, start, end, &officers, &no, e) < 0)
        return -1;
    late = arena_calloc(&r->arena, n + 1, sizeof(*late));
    if (late_minutes(r, rows, n, late, e) < 0)
        return -1;
    if (s.format != REPORT_JSON) {
        const char **cells = arena_calloc(&r->arena, (n + 1) * LATE_COLS, sizeof(*cells));
        struct doc_table t = {"report", LATE_COLS, n, cells};
        for (i = 0; i < n; i++) {
            const char **c = cells + i * LATE_COLS;
            c[0] = arena_printf(&r->arena, "%zu", i + 1);
            c[1] = rows[i].code;
            c[2] = rows[i].procedure;
            c[3] = rows[i].lead_name;
            c[4] = dmy(r, rows[i].received_at);
            c[5] = dmy(r, rows[i].due_at);
            c[6] = rows[i].finished_at ? dmy(r, rows[i].finished_at) : "Đang giải quyết";
            c[7] = late_text(r, late[i]);
            c[8] = rows[i].apology_at ? dmy(r, rows[i].apology_at) : "Chưa xin lỗi";
            c[9] = arena_printf(&r->arena, "%s%s%s", cause_label(rows[i].apology_cause),
                                rows[i].apology_reason ? ": " : "",
                                rows[i].apology_reason ? rows[i].apology_reason : "");
        }
        return report_send_doc(r, &s, "Danh sách hồ sơ trễ hạn", late_columns, LATE_COLS, &t,
                               "ho-so-tre-han", e);
    }
    units = arena_calloc(&r->arena, n + 1, sizeof(*units));
    list = json_array();
    for (i = 0; i < n; i++) {
        const struct late_row *x = &rows[i];
        for (k = 0; k < nu && strcmp(units[k].id, x->lead_agency); k++)
            ;
        if (k == nu)
            units[nu++] = (struct unit_late){x->lead_agency, x->lead_name, 0, 0, 0, 0, 0, 0};
        units[k].late++;
        units[k].finished += x->finished_at != 0;
        units[k].open += x->finished_at == 0;
        units[k].apologized += x->apology_at != 0;
        units[k].subjective += x->apology_cause && !strcmp(x->apology_cause, "subjective");
        units[k].objective += x->apology_cause && !strcmp(x->apology_cause, "objective");
        json_array_append_new(
            list,
            json_pack("{s:s, s:s, s:{s:s, s:s}, s:s, s:o, s:o, s:o, s:I, s:I, s:o}", "code",
                      x->code, "procedure", x->procedure, "agency", "id", x->lead_agency, "name",
                      x->lead_name, "status", dossier_status_name(x->status), "received_at",
                      json_time(x->received_at), "due_at", json_time(x->due_at), "finished_at",
                      json_time(x->finished_at), "late_minutes", (json_int_t)late[i], "late_hours",
                      (json_int_t)(late[i] / 60), "apology",
                      x->apology_at ? json_pack("{s:o, s:o, s:o}", "at", json_time(x->apology_at),
                                                "cause", json_str(x->apology_cause), "reason",
                                                json_str(x->apology_reason))
                                    : json_null()));
    }
    ulist = json_array();
    for (k = 0; k < nu; k++)
        json_array_append_new(
            ulist,
            json_pack("{s:{s:s, s:s}, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "agency", "id",
                      units[k].id, "name", units[k].name, "late", (json_int_t)units[k].late,
                      "finished_late", (json_int_t)units[k].finished, "in_progress_late",
                      (json_int_t)units[k].open, "apologized", (json_int_t)units[k].apologized,
                      "subjective", (json_int_t)units[k].subjective, "objective",
                      (json_int_t)units[k].objective, "cause_unstated",
                      (json_int_t)(units[k].late - units[k].subjective - units[k].objective)));
    olist = json_array();
    for (i = 0; i < no; i++)
        json_array_append_new(olist, json_pack("{s:s, s:{s:s, s:s}, s:I}", "officer",
                                               officers[i].officer, "unit", "id", officers[i].unit,
                                               "name", officers[i].unit_name, "late_steps",
                                               (json_int_t)officers[i].steps));
    j = report_head(&s);
    json_object_set_new(j, "dossiers", list);
    json_object_set_new(j, "truncated", json_boolean(n >= LATE_MAX));
    json_object_set_new(j, "by_unit", ulist);
    json_object_set_new(j, "by_officer", olist);
    return resp_json(r, 200, j);
}

static const char *const criteria[RATING_CRITERIA_N] = {"access", "procedure", "officer", "result",
                                                        "feedback"};

static const struct xlsx_column satisfaction_columns[] = {
    {"STT", 5, XLSX_COUNT},
    {"Đơn vị, thủ tục", 34, 0},
    {"Số lượt đánh giá", 10, XLSX_COUNT},
    {"Rất hài lòng", 10, XLSX_COUNT},
    {"Hài lòng", 10, XLSX_COUNT},
    {"Không hài lòng", 10, XLSX_COUNT},
    {"Tỷ lệ hài lòng (%)", 10, XLSX_DECIMAL},
    {"Tiếp cận dịch vụ", 9, XLSX_DECIMAL},
    {"Thủ tục hành chính", 9, XLSX_DECIMAL},
    {"Công chức", 9, XLSX_DECIMAL},
    {"Kết quả", 9, XLSX_DECIMAL},
    {"Tiếp nhận, xử lý góp ý", 9, XLSX_DECIMAL},
};
#define SATISFACTION_COLS (sizeof(satisfaction_columns) / sizeof(satisfaction_columns[0]))

/* An average score in hundredths (4.5 → 450), or -1 when nobody scored it. */
static int average_bp(int64_t sum, int64_t count)
{
    return count ? (int)llround((double)sum * 100 / (double)count) : -1;
}

static json_t *sums_json(const char *key, const char *name, const struct rating_sums *x)
{
    json_t *c = json_object();
    int k;

    for (k = 0; k < RATING_CRITERIA_N; k++)
        json_object_set_new(c, criteria[k], report_rate(average_bp(x->sum[k], x->scored[k])));
    return json_pack("{s:s?, s:s?, s:I, s:I, s:I, s:I, s:o, s:o}", "key", key, "name", name,
                     "ratings", (json_int_t)x->count, "very_satisfied", (json_int_t)x->level[0],
                     "satisfied", (json_int_t)x->level[1], "not_satisfied", (json_int_t)x->level[2],
                     "satisfied_rate", report_rate(rate_bp(x->level[0] + x->level[1], x->count)),
                     "criteria", c);
}

static void sums_cells(struct req *r, const struct report_scope *s, const char **c, const char *no,
                       const char *name, const struct rating_sums *x)
{
    int k;

    c[0] = no;
    c[1] = name;
    c[2] = report_cell_count(r, s, x->count);
    for (k = 0; k < 3; k++)
        c[3 + k] = report_cell_count(r, s, x->level[k]);
    c[6] = report_cell_rate(r, s, rate_bp(x->level[0] + x->level[1], x->count));
    for (k = 0; k < RATING_CRITERIA_N; k++)
        c[7 + k] = report_cell_rate(r, s, average_bp(x->sum[k], x->scored[k]));
}

int reports_satisfaction(struct req *r, struct err *e)
{
    struct report_scope s;
    struct rating_sums *rows, total = {0};
    struct agency *agencies = NULL;
    struct procedure_brief *procs = NULL;
    const char *g = req_query(r, "group_by"), **names;
    size_t n, na = 0, np = 0, i, k;
    int by_procedure = 0;
    json_t *j, *list;

    if (report_scope(r, &s, e) < 0)
        return -1;
    if (g && strcmp(g, "agency") && strcmp(g, "procedure"))
        return err_set(e, 400, "invalid_query", "group_by must be agency or procedure");
    by_procedure = g && !strcmp(g, "procedure");
    if (rating_sums(r->db, &r->arena, s.ag.path, by_procedure, date_utc_of_local(s.first, 0),
                    date_utc_of_local(s.last + 1, 0), &rows, &n, e) < 0 ||
        (by_procedure ? procedure_briefs(r->db, &r->arena, &procs, &np, e)
                      : agency_list(r->db, &r->arena, s.ag.id, &agencies, &na, e)) < 0)
        return -1;
    names = arena_calloc(&r->arena, n + 1, sizeof(*names));
    for (i = 0; i < n; i++) {
        const struct procedure_brief *p =
            by_procedure ? procedure_brief_find(procs, np, rows[i].procedure_id) : NULL;
        names[i] =
            by_procedure
                ? (p ? p->name
                     : arena_printf(&r->arena, "Thủ tục số %lld", (long long)rows[i].procedure_id))
                : rows[i].agency;
        for (k = 0; !by_procedure && k < na; k++)
            if (!strcmp(agencies[k].id, rows[i].agency))
                names[i] = agencies[k].name;
        total.count += rows[i].count;
        for (k = 0; k < 3; k++)
            total.level[k] += rows[i].level[k];
        for (k = 0; k < RATING_CRITERIA_N; k++) {
            total.sum[k] += rows[i].sum[k];
            total.scored[k] += rows[i].scored[k];
        }
    }
    if (s.format != REPORT_JSON) {
        const char **cells = arena_calloc(&r->arena, (n + 1) * SATISFACTION_COLS, sizeof(*cells));
        struct doc_table t = {"report", SATISFACTION_COLS, n + 1, cells};
        for (i = 0; i < n; i++)
            sums_cells(r, &s, cells + i * SATISFACTION_COLS, arena_printf(&r->arena, "%zu", i + 1),
                       names[i], &rows[i]);
        sums_cells(r, &s, cells + n * SATISFACTION_COLS, "", "Tổng cộng", &total);
        return report_send_doc(r, &s, "Kết quả đánh giá sự hài lòng", satisfaction_columns,
                               SATISFACTION_COLS, &t, "danh-gia-hai-long", e);
    }
    list = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(
            list, sums_json(by_procedure
                                ? arena_printf(&r->arena, "%lld", (long long)rows[i].procedure_id)
                                : rows[i].agency,
                            names[i], &rows[i]));
    j = report_head(&s);
    json_object_set_new(j, "group_by", json_string(by_procedure ? "procedure" : "agency"));
    json_object_set_new(j, "rows", list);
    json_object_set_new(j, "total", sums_json(NULL, "Tổng cộng", &total));
    return resp_json(r, 200, j);
}
