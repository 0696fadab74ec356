/*
 * The demo's feedback: items sent over the last three months, each living
 * its officers' actions through core's feedback_apply as far as the demo's
 * moment (accepted, sometimes asked for more, answered on time or late,
 * published), so the hotline's view, the public answers and the index's
 * feedback parts show something whatever the day.
 */
#include "cmd/demo_life.h"
#include "core/feedback.h"
#include "core/worktime.h"
#include "store/feedback.h"

#include <string.h>

#define EVENTS_MAX 8

static const char *const texts[] = {
    "Bộ phận một cửa đóng cửa sớm hơn giờ niêm yết.",
    "Hồ sơ của tôi đã quá hẹn nhưng chưa được thông báo lý do.",
    "Đề nghị niêm yết rõ mức phí, lệ phí tại nơi tiếp nhận.",
    "Cán bộ yêu cầu nộp thêm giấy tờ không có trong quy định.",
    "Đề nghị bổ sung hướng dẫn nộp hồ sơ trực tuyến cho người cao tuổi.",
    "Khu vực chờ thiếu ghế ngồi và nước uống.",
};

static const char *const answers[] = {
    "Đơn vị đã chấn chỉnh việc thực hiện giờ làm việc theo quy định.",
    "Hồ sơ đã được giải quyết; đơn vị đã xin lỗi và giải thích lý do chậm.",
    "Mức phí, lệ phí đã được niêm yết tại bộ phận một cửa và trên Cổng dịch vụ công.",
    "Đơn vị đã nhắc nhở cán bộ và hướng dẫn lại thành phần hồ sơ theo quy định.",
};

/* A moment `minutes` working minutes after t (the calendar's default hours), or t when it cannot.
 */
static int64_t after(struct demo *c, int64_t t, int64_t minutes)
{
    int64_t out = t;

    if (worktime_add(&c->cal, &office_hours_default, t, minutes, &out, &c->e) < 0)
        err_clear(&c->e);
    return out;
}

/* Takes the action at t when t has come; 1 taken, 0 not yet, -1 refused. */
static int act(struct demo *c, struct feedback *f, int action, int64_t t,
               const struct feedback_input *in, struct feedback_event *ev, int *nev)
{
    static const struct feedback_times *times = &feedback_times_default;
    struct feedback_facts x = {.cal = &c->cal, .times = times, .now = t, .may = 1};
    struct feedback_move m;

    if (t > c->now || *nev >= EVENTS_MAX)
        return 0;
    x.actor_name = action == FA_PUBLISH ? "Lãnh đạo đơn vị" : "Cán bộ xử lý";
    if (feedback_apply(action, in, &x, f, &m, &c->a, &c->e) < 0)
        return -1;
    *f = m.f;
    ev[(*nev)++] = m.ev;
    return 1;
}

/* One item received at unit `unit` some working days before the demo's moment. */
static int one(struct demo *c, const char *unit, int64_t received)
{
    struct feedback f = {0};
    struct feedback_event ev[EVENTS_MAX];
    char code[FEEDBACK_CODE_MAX];
    int nev = 0, late = rng_uniform(&c->rng) < 0.2, rc, i;
    int64_t t;

    f.channel = rng_uniform(&c->rng) < 0.3 ? FBC_HOTLINE : FBC_PORTAL;
    f.category = FB_RULE + rng_pick(&c->rng, 4);
    f.agency = unit;
    f.text = texts[rng_pick(&c->rng, (int)(sizeof(texts) / sizeof(texts[0])))];
    f.name = "Người gửi phản ánh";
    f.phone = "0912345678";
    f.phone_last4 = "5678";
    if (feedback_next_code(c->db, received, code, &c->e) < 0 ||
        feedback_receive(&f, &c->cal, &feedback_times_default, received, &c->e) < 0)
        return -1;
    f.code = arena_strdup(&c->a, code);
    ev[nev++] = (struct feedback_event){.at = received,
                                        .action = f.channel == FBC_HOTLINE ? "record" : "submit",
                                        .to_status = FS_RECEIVED,
                                        .actor_name = "Người gửi phản ánh",
                                        .agency = unit};
    t = after(c, received, 60 + rng_pick(&c->rng, 800));
    if ((rc = act(c, &f, FA_ACCEPT, t, &(struct feedback_input){0}, ev, &nev)) <= 0)
        goto write;
    if (rng_uniform(&c->rng) < 0.15) {
        t = after(c, t, 240 + rng_pick(&c->rng, 960));
        if ((rc = act(c, &f, FA_ASK, t,
                      &(struct feedback_input){.request = "Đề nghị cho biết mã hồ sơ"}, ev,
                      &nev)) <= 0)
            goto write;
        t = after(c, t, 480 + rng_pick(&c->rng, 1440));
        if ((rc = act(c, &f, FA_INFORM, t, &(struct feedback_input){0}, ev, &nev)) <= 0)
            goto write;
    }
    t = late ? after(c, f.answer_due, 60 + rng_pick(&c->rng, 2400))
             : after(c, t, 480 + rng_pick(&c->rng, 10 * 480));
    if (t > f.answer_due && !late)
        t = f.answer_due;
    if ((rc = act(
             c, &f, FA_ANSWER, t,
             &(struct feedback_input){
                 .answer = answers[rng_pick(&c->rng, (int)(sizeof(answers) / sizeof(answers[0])))]},
             ev, &nev)) <= 0)
        goto write;
    act(c, &f, FA_PUBLISH, after(c, t, 60 + rng_pick(&c->rng, 900)), &(struct feedback_input){0},
        ev, &nev);
write:
    if (rc < 0 || feedback_insert(c->db, &f, &c->e) < 0)
        return -1;
    for (i = 0; i < nev; i++)
        if (feedback_add_event(c->db, f.id, &ev[i], &c->e) < 0)
            return -1;
    return 0;
}

int demo_feedback(struct demo *c, int n)
{
    int64_t received;
    int i;

    for (i = 0; i < n; i++) {
        const char *unit =
            demo_agencies[COMMUNE_FIRST + rng_pick(&c->rng, (int)demo_agencies_len - COMMUNE_FIRST)]
                .id;
        if (worktime_sub(&c->cal, &office_hours_default, c->now,
                         1 + rng_pick(&c->rng, 60 * WORKDAY_MINUTES), &received, &c->e) < 0)
            return -1;
        if (one(c, unit, received) < 0)
            return -1;
    }
    return 0;
}
