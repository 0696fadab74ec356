/*
 * The province's compiled monthly reform report: GET
 * /api/v1/committee/report?month=&format=pdf|xlsx. The one-stop figures of
 * the month (received, resolved on time and late, online share, the service
 * index) come from motcua's own counters; then the plans' completion, each
 * area's tasks with every unit's results, shortfalls and their causes, fixes
 * and proposals from the month's submitted reports, the overdue tasks, and
 * the units that have not reported.
 */
#include "api/app.h"
#include "api/committee.h"
#include "api/handlers.h"
#include "api/reports.h"
#include "api/sheet.h"
#include "api/sindex.h"
#include "core/date.h"
#include "docs/pdf.h"
#include "docs/xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The month's one-stop figures for the province. */
struct figures {
    struct resolution res;
    double index; /* the service index, out of 100 */
};

static int figures_of(struct req *r, const struct report_scope *s, struct figures *f, struct err *e)
{
    struct sindex_run run;

    if (report_resolution_total(r, s, &f->res, e) < 0 || sindex_run_for(r, s, 0, &run, e) < 0)
        return -1;
    f->index = run.units[0].score.total;
    return 0;
}

/* A table being filled: rows of ncols cells. */
struct rows {
    struct req *r;
    size_t ncols, n, cap;
    const char **cells;
};

static const char **row_add(struct rows *t)
{
    const char **row;

    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 16;
        const char **grown = arena_calloc(&t->r->arena, cap * t->ncols, sizeof(char *));

        if (t->n)
            memcpy(grown, t->cells, t->n * t->ncols * sizeof(char *));
        t->cells = grown;
        t->cap = cap;
    }
    row = t->cells + t->n++ * t->ncols;
    for (size_t i = 0; i < t->ncols; i++)
        row[i] = "";
    return row;
}

static struct doc_table table_of(const char *name, const struct rows *t)
{
    return (struct doc_table){name, t->ncols, t->n, t->cells};
}

static const char *or_empty(const char *s)
{
    return s ? s : "";
}

static const char *pct(struct req *r, int64_t num, int64_t den, int pdf)
{
    int bp = rate_bp(num, den);

    if (bp < 0)
        return "";
    return arena_printf(&r->arena, pdf ? "%d,%02d%%" : "%d.%02d%%", bp / 100, bp % 100);
}

/* Points with two decimals: a decimal comma in the PDF, as Vietnamese write it. */
static const char *decimal(struct req *r, double x, int pdf)
{
    char *s = arena_printf(&r->arena, "%.2f", x), *p;

    if (pdf && (p = strchr(s, '.')))
        *p = ',';
    return s;
}

/* The distinct areas of the month's tasks, in order of first appearance ("" for none). */
static size_t areas_of(const struct committee_month *m, const char **out)
{
    size_t n = 0, i, k;

    for (i = 0; i < m->ntasks; i++) {
        const char *a = m->tasks[i].area ? m->tasks[i].area : "";

        for (k = 0; k < n && strcmp(out[k], a); k++)
            ;
        if (k == n)
            out[n++] = a;
    }
    return n;
}

static const struct xlsx_column columns[] = {
    {"STT", 6, 0},        {"Đơn vị chủ trì", 22, 0},
    {"Nhiệm vụ", 34, 0},  {"Tiến độ", 9, 0},
    {"Kết quả", 34, 0},   {"Tồn tại, nguyên nhân", 26, 0},
    {"Giải pháp", 24, 0}, {"Đề xuất, kiến nghị", 24, 0},
};
#define NCOLS (sizeof(columns) / sizeof(columns[0]))

/* A report's line for a task: its unit, number and title, progress, and the month's texts. */
static void task_row(struct rows *t, const struct committee_month *m, size_t i, size_t no)
{
    const struct task_report *rep = m->months[i].report;
    const char **c = row_add(t);

    c[0] = arena_printf(&t->r->arena, "%zu", no);
    c[1] = or_empty(m->tasks[i].lead_name);
    c[2] = arena_printf(&t->r->arena, "%s. %s", m->tasks[i].no, m->tasks[i].title);
    c[3] = arena_printf(&t->r->arena, "%d%% — %s", m->views[i].progress,
                        task_state_label(m->views[i].state));
    if (rep && rep->submitted_at) {
        c[4] = or_empty(rep->results);
        c[5] = or_empty(rep->shortfall);
        c[6] = or_empty(rep->fix);
        c[7] = or_empty(rep->proposal);
    } else if (m->months[i].owed) {
        c[4] = m->months[i].late ? "Chưa báo cáo (quá hạn)" : "Chưa báo cáo";
    }
}

int committee_report(struct req *r, struct err *e)
{
    struct report_scope s = {0};
    struct committee_month m;
    struct figures f;
    struct rows body = {r, NCOLS, 0, 0, NULL};
    const char *fmt = req_query(r, "format"), *q = req_query(r, "month"), *root, **areas;
    char title[160];
    size_t i, k, na, no;
    int month = month_of_day(date_local_day(r->now)), pdf;

    if (fmt && strcmp(fmt, "pdf") && strcmp(fmt, "xlsx"))
        return err_set(e, 400, "invalid_query", "format must be pdf or xlsx");
    pdf = !fmt || !strcmp(fmt, "pdf");
    if ((q && month_parse(q, NULL, &month, e) < 0) ||
        committee_month_load(r, month, 0, &m, e) < 0 ||
        agency_first_root(r->db, &r->arena, &root, e) < 0)
        return -1;
    if (!root)
        return err_set(e, 404, "not_found", "no province is set up yet");
    if (agency_get(r->db, &r->arena, root, &s.ag, e) < 0)
        return -1;
    s.first = month_first_day(month);
    s.last = s.first + date_days_in_month(month / 100, month % 100) - 1;
    if (s.first > m.c.today)
        return err_set(e, 400, "invalid_query", "the month has not begun");
    s.until = s.last < m.c.today ? s.last : m.c.today;
    s.live = s.last >= m.c.today;
    s.format = pdf ? REPORT_PDF : REPORT_XLSX;
    if (figures_of(r, &s, &f, e) < 0)
        return -1;
    snprintf(title, sizeof(title),
             "Báo cáo kết quả thực hiện công tác cải cách hành chính tháng %d năm %d", month % 100,
             month / 100);

    /* I. the one-stop figures */
    {
        const char **c;
        int64_t fresh = f.res.new_online + f.res.new_counter + f.res.new_post;
        const char *lines[][2] = {
            {"Hồ sơ tiếp nhận trong tháng", report_cell_count(r, &s, fresh)},
            {"Trong đó trực tuyến", report_cell_count(r, &s, f.res.new_online)},
            {"Tỷ lệ hồ sơ trực tuyến", pct(r, f.res.new_online, fresh, pdf)},
            {"Hồ sơ đã giải quyết", report_cell_count(r, &s, f.res.resolved)},
            {"Giải quyết trước hạn, đúng hạn",
             report_cell_count(r, &s, f.res.early + f.res.on_time)},
            {"Giải quyết quá hạn", report_cell_count(r, &s, f.res.late)},
            /* the resolution report's own rate, with its rules of what counts */
            {"Tỷ lệ giải quyết đúng hạn (%)", report_cell_rate(r, &s, f.res.on_time_rate)},
            {"Đang giải quyết quá hạn", s.live ? report_cell_count(r, &s, f.res.overdue) : ""},
            {"Chỉ số phục vụ (điểm/100)", decimal(r, f.index, pdf)},
        };

        c = row_add(&body);
        c[2] = "I. KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH";
        for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++) {
            c = row_add(&body);
            c[0] = arena_printf(&r->arena, "%zu", i + 1);
            c[2] = lines[i][0];
            c[4] = lines[i][1];
        }
    }
    /* II. completion of the plans */
    {
        const char **c = row_add(&body);

        c[2] = "II. TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH";
        for (k = 0, no = 0; k < m.c.nplans; k++) {
            struct task_counts pc;

            if (m.c.plans[k].year != month / 100)
                continue;
            plan_count(&m.c, m.tasks, m.views, m.ntasks, m.c.plans[k].id, &pc);
            c = row_add(&body);
            c[0] = arena_printf(&r->arena, "%zu", ++no);
            c[2] = arena_printf(&r->arena, "%s%s%s", m.c.plans[k].title,
                                m.c.plans[k].doc_number ? " — " : "",
                                or_empty(m.c.plans[k].doc_number));
            c[3] = arena_printf(&r->arena, "%lld/%lld", (long long)pc.done, (long long)pc.total);
            c[4] = arena_printf(&r->arena,
                                "Hoàn thành %lld (trước hạn %lld, đúng hạn %lld, quá hạn %lld); "
                                "đang thực hiện %lld; chưa thực hiện %lld; quá hạn %lld",
                                (long long)pc.done, (long long)pc.done_early,
                                (long long)pc.done_on_time, (long long)pc.done_late,
                                (long long)pc.in_progress, (long long)pc.not_started,
                                (long long)pc.overdue);
        }
    }
    /* III. each area's tasks with the units' reports */
    areas = arena_calloc(&r->arena, m.ntasks ? m.ntasks : 1, sizeof(char *));
    na = areas_of(&m, areas);
    row_add(&body)[2] = "III. KẾT QUẢ THỰC HIỆN NHIỆM VỤ THEO LĨNH VỰC";
    for (k = 0; k < na; k++) {
        row_add(&body)[2] =
            arena_printf(&r->arena, "%zu. %s", k + 1, *areas[k] ? areas[k] : "Nhiệm vụ khác");
        for (i = 0, no = 0; i < m.ntasks; i++)
            if (!m.views[i].nsubs && !strcmp(m.tasks[i].area ? m.tasks[i].area : "", areas[k]) &&
                plan_sees_task(&m.c, &m.tasks[i]))
                task_row(&body, &m, i, ++no);
    }
    /* IV. overdue tasks; V. units that have not reported */
    row_add(&body)[2] = "IV. NHIỆM VỤ QUÁ HẠN CHƯA HOÀN THÀNH";
    for (i = 0, no = 0; i < m.ntasks; i++)
        if (m.views[i].state == TASK_OVERDUE && !m.views[i].nsubs)
            task_row(&body, &m, i, ++no);
    row_add(&body)[2] = "V. ĐƠN VỊ CHƯA GỬI BÁO CÁO THÁNG";
    for (k = 0, no = 0; k < m.nunits; k++)
        if (m.units[k].missing) {
            const char **c = row_add(&body);

            c[0] = arena_printf(&r->arena, "%zu", ++no);
            c[1] = m.units[k].name;
            c[3] = arena_printf(&r->arena, "%d/%d", m.units[k].missing, m.units[k].owed);
            c[4] = arena_printf(&r->arena, "Chưa gửi %d trong %d báo cáo phải gửi",
                                m.units[k].missing, m.units[k].owed);
        }
    {
        struct doc_table t = table_of("report", &body);

        return report_send_doc(r, &s, title, columns, NCOLS, &t, "bao-cao-cchc", e);
    }
}
