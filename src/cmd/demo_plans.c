/*
 * The demo's reform plan: the province's yearly plan of the demo's year with
 * tasks for departments and communes across the reform areas, some with
 * subtasks; each month's reports filed up to the demo's moment (a few late,
 * this month's not all in yet); tasks whose deadline has passed done early,
 * on time or late, or overdue; the committee member following two units. So
 * the committee's view shows completion, overdue tasks and who has not
 * reported whatever the day.
 */
#include "api/plans.h"
#include "cmd/demo.h"
#include "core/date.h"
#include "core/plans.h"
#include "store/plans.h"
#include "store/users.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *no, *title, *lead, *area, *product;
    int month; /* the deadline: the last day of this month of the plan's year */
} tasks[] = {
    {"1", "Ban hành kế hoạch kiểm tra công tác cải cách hành chính", "000.00.09.H99",
     "Công tác chỉ đạo, điều hành", "Kế hoạch kiểm tra", 2},
    {"2", "Tự đánh giá, chấm điểm Chỉ số cải cách hành chính", "000.00.09.H99",
     "Công tác chỉ đạo, điều hành", "Báo cáo tự đánh giá", 11},
    {"3", "Rà soát, hệ thống hóa văn bản quy phạm pháp luật của tỉnh", "000.00.02.H99",
     "Cải cách thể chế", "Danh mục văn bản hết hiệu lực", 6},
    {"4", "Rà soát, đơn giản hóa thủ tục hành chính", "000.00.01.H99",
     "Cải cách thủ tục hành chính", "Phương án đơn giản hóa", 0},
    {"4.1", "Đơn giản hóa thủ tục lĩnh vực đất đai", "000.00.04.H99", "Cải cách thủ tục hành chính",
     "Phương án đơn giản hóa", 5},
    {"4.2", "Đơn giản hóa thủ tục lĩnh vực xây dựng", "000.00.03.H99",
     "Cải cách thủ tục hành chính", "Phương án đơn giản hóa", 8},
    {"5", "Số hóa hồ sơ, kết quả giải quyết thủ tục hành chính", "000.00.31.H99",
     "Cải cách thủ tục hành chính", "100% hồ sơ được số hóa", 9},
    {"6", "Niêm yết công khai thủ tục hành chính tại bộ phận một cửa", "000.00.35.H99",
     "Cải cách thủ tục hành chính", "Bảng niêm yết", 3},
    /* slips: never done, so past July it is overdue */
    {"7", "Sắp xếp, kiện toàn tổ chức bộ máy các phòng chuyên môn", "000.00.09.H99",
     "Cải cách tổ chức bộ máy", "Đề án sắp xếp", 7},
    {"8", "Đánh giá, xếp loại công chức theo kết quả nhiệm vụ", "000.00.09.H99",
     "Cải cách chế độ công vụ", "Kết quả đánh giá", 12},
    {"9", "Công khai ngân sách và quyết toán ngân sách", "000.00.05.H99", "Cải cách tài chính công",
     "Báo cáo công khai", 4},
    {"10",
     "Kết nối Hệ thống thông tin giải quyết thủ tục hành chính với Cổng Dịch vụ công quốc gia",
     "000.00.11.H99", "Xây dựng, phát triển Chính phủ điện tử, Chính phủ số",
     "Hệ thống được kết nối", 6},
    {"11", "Thanh toán trực tuyến phí, lệ phí thủ tục hành chính", "000.00.32.H99",
     "Xây dựng, phát triển Chính phủ điện tử, Chính phủ số", "Tỷ lệ thanh toán trực tuyến", 10},
    {"12", "Khảo sát mức độ hài lòng của người dân, doanh nghiệp", "000.00.10.H99",
     "Công tác chỉ đạo, điều hành", "Báo cáo khảo sát", 12},
};
#define NTASKS (sizeof(tasks) / sizeof(tasks[0]))

static const char *const results[] = {
    "Đã hoàn thành các nội dung theo tiến độ của tháng.",
    "Đã tổ chức triển khai, đang tổng hợp kết quả.",
    "Đã ban hành văn bản hướng dẫn các đơn vị thực hiện.",
};
static const char *const causes[] = {
    "Thiếu nhân lực chuyên trách; hạ tầng kỹ thuật chưa đồng bộ.",
    "Một số đơn vị phối hợp chậm gửi số liệu.",
};

/*
 * The tasks a committee meeting's conclusion notice gave forty days ago: one
 * past its deadline, one due within the week, whatever the day.
 */
static int conclusion(struct demo *c, int64_t today)
{
    int64_t day = today - 40;
    int y, m, d;
    struct plan p;
    struct task t[2] = {
        {.no = "1",
         .title = "Khắc phục tình trạng hồ sơ trễ hạn tại bộ phận một cửa",
         .lead = "000.00.31.H99",
         .area = "Cải cách thủ tục hành chính",
         .deadline = today - 7},
        {.no = "2",
         .title = "Báo cáo nguyên nhân giảm điểm Chỉ số phục vụ",
         .lead = "000.00.02.H99",
         .area = "Công tác chỉ đạo, điều hành",
         .deadline = today + 5},
    };
    size_t i;

    /* a plan of this year, whenever the meeting was: the committee follows the year's plans */
    date_civil_from_days(today, &y, &m, &d);
    p = (struct plan){.kind = "conclusion",
                      .year = y,
                      .title = "Thông báo kết luận phiên họp Ban Chỉ đạo cải cách hành chính",
                      .doc_number = "210/TB-BCĐ",
                      .doc_day = day,
                      .signer = "Trưởng Ban Chỉ đạo",
                      .report_day = 20,
                      .created_at = date_utc_of_local(day, 15 * 60)};
    p.updated_at = p.created_at;
    if (plan_insert(c->db, &p, &c->e) < 0)
        return -1;
    for (i = 0; i < 2; i++) {
        t[i].plan_id = p.id;
        t[i].priority = 1;
        t[i].created_at = t[i].updated_at = p.created_at;
        if (task_insert(c->db, &t[i], &c->e) < 0)
            return -1;
    }
    return 0;
}

int demo_plans(struct demo *c)
{
    int64_t today = date_local_day(c->now), start, ids[NTASKS] = {0};
    int year, m, d, this_month, month;
    struct plan p = {0};
    struct user u;
    size_t i;

    date_civil_from_days(today, &year, &m, &d);
    this_month = year * 100 + m;
    /* the plan is set on the fifth working day of January, or now if the year is younger */
    start = date_days_from_civil(year, 1, 7);
    p = (struct plan){.kind = "yearly",
                      .year = year,
                      .title = arena_printf(&c->a, "Kế hoạch cải cách hành chính năm %d", year),
                      .doc_number = "15/KH-UBND",
                      .doc_day = start < today ? start : today,
                      .signer = "Chủ tịch Ủy ban nhân dân tỉnh",
                      .report_day = 20};
    p.created_at = p.doc_day < today ? date_utc_of_local(p.doc_day, 8 * 60) : c->now - 60;
    p.updated_at = p.created_at;
    if (plan_insert(c->db, &p, &c->e) < 0)
        return -1;
    for (i = 0; i < NTASKS; i++) {
        struct task t = {.plan_id = p.id,
                         .no = tasks[i].no,
                         .title = tasks[i].title,
                         .lead = tasks[i].lead,
                         .area = tasks[i].area,
                         .product = tasks[i].product,
                         .priority = i % 4 == 0 ? 1 : 2,
                         .created_at = p.created_at,
                         .updated_at = p.created_at};
        const char *coop[] = {"000.00.01.H99"};
        size_t k;

        if (tasks[i].month)
            t.deadline = date_days_from_civil(year, tasks[i].month,
                                              date_days_in_month(year, tasks[i].month));
        if (strchr(t.no, '.'))
            for (k = 0; k < i; k++)
                if (!strncmp(tasks[k].no, t.no, strlen(tasks[k].no)) &&
                    t.no[strlen(tasks[k].no)] == '.')
                    t.parent_id = ids[k];
        if (strcmp(t.lead, coop[0])) {
            t.units = coop;
            t.nunits = 1;
        }
        if (task_insert(c->db, &t, &c->e) < 0)
            return -1;
        ids[i] = t.id;
    }
    /* each month's reports, from the plan's month to this one */
    for (month = month_of_day(p.doc_day); month <= this_month;
         month = month % 100 == 12 ? month + 89 : month + 1) {
        int64_t due = plan_report_due(&c->cal, month / 100, month % 100, p.report_day);

        for (i = 0; i < NTASKS; i++) {
            struct task t;
            struct task_report r = {0};
            int64_t day;
            double luck = rng_uniform(&c->rng);
            int late, done;

            if (!tasks[i].month || task_get(c->db, &c->a, ids[i], &t, &c->e) < 0)
                continue; /* a parent reports through its subtasks */
            if (t.done_day)
                continue;
            /* this month: a third not in yet; earlier months: one in ten after the due day */
            if (month == this_month && luck < 0.35)
                continue;
            late = luck > 0.9;
            day = late ? due + 1 + (int64_t)(rng_uniform(&c->rng) * 5)
                       : due - 1 - (int64_t)(luck * 8);
            if (day > today || day < date_local_day(p.created_at))
                continue;
            r.task_id = t.id;
            r.month = month;
            r.progress = t.progress + 5 + (int)(rng_uniform(&c->rng) * 20);
            /* done in its last weeks, or after them; a quarter of those slip a month each time */
            done = t.deadline && day >= t.deadline - 20 && rng_uniform(&c->rng) < 0.75 &&
                   strcmp(t.no, "7");
            if (done) {
                r.progress = 100;
                r.done_day = t.deadline && day > t.deadline && rng_uniform(&c->rng) < 0.6
                                 ? t.deadline - (int64_t)(rng_uniform(&c->rng) * 10)
                                 : day;
            } else if (r.progress > 95) {
                r.progress = 95;
            }
            r.results = results[rng_pick(&c->rng, 3)];
            if (!done && t.deadline && day > t.deadline)
                r.shortfall = causes[rng_pick(&c->rng, 2)];
            r.fix = r.shortfall ? "Tăng cường đôn đốc, bổ sung nhân lực." : NULL;
            r.submitted_at = r.updated_at = date_utc_of_local(day, 9 * 60 + (int)(luck * 400));
            if (r.submitted_at > c->now)
                continue;
            if (task_report_save(c->db, &r, &c->e) < 0)
                return -1;
            t.progress = r.progress;
            t.done_day = r.done_day;
            t.updated_at = r.submitted_at;
            if (task_update(c->db, &t, &c->e) < 0)
                return -1;
        }
    }
    if (conclusion(c, today) < 0)
        return -1;
    /* the committee member follows the home affairs department and a ward */
    {
        const char *units[] = {"000.00.09.H99", "000.00.31.H99"};

        if (user_by_username(c->db, &c->a, "bcd.cchc", &u, &c->e) < 0)
            return -1;
        return committee_set(c->db, u.id, units, 2, NULL, 0, &c->e);
    }
}
