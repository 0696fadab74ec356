/* Citizens' feedback: its tables and its lifecycle, as pure functions. */
#include "core/feedback.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/roles.h"
#include "core/worktime.h"

#include <stdio.h>
#include <string.h>

const struct feedback_times feedback_times_default = {2, 5, 15, 2};

static const char *const categories[][2] = {
    [FB_RULE] = {"rule", "Quy định hành chính"},
    [FB_HANDLING] = {"handling", "Việc giải quyết thủ tục, hồ sơ"},
    [FB_CONDUCT] = {"conduct", "Hành vi, thái độ của cán bộ"},
    [FB_OTHER] = {"other", "Nội dung khác"},
    [FB_COMPLAINT] = {"complaint", "Khiếu nại, tố cáo"},
};

static const char *const channels[] = {
    [FBC_PORTAL] = "portal", [FBC_HOTLINE] = "hotline", [FBC_OPEN311] = "open311"};

static const char *const statuses[][2] = {
    [FS_RECEIVED] = {"received", "Đã tiếp nhận"},
    [FS_ACCEPTED] = {"accepted", "Đang xem xét, xử lý"},
    [FS_WAITING] = {"waiting", "Chờ người gửi bổ sung thông tin"},
    [FS_ANSWERED] = {"answered", "Đã có kết quả trả lời"},
    [FS_PUBLISHED] = {"published", "Đã công khai kết quả trả lời"},
    [FS_REFUSED] = {"refused", "Không tiếp nhận xử lý"},
    [FS_DUPLICATE] = {"duplicate", "Trùng với phản ánh, kiến nghị khác"},
    [FS_ROUTED_OUT] = {"routed_out", "Chuyển cơ quan có thẩm quyền (khiếu nại, tố cáo)"},
};

#define S(x) (1u << (x))

static const struct {
    const char *name, *label;
    unsigned from;
    int to; /* 0: stays */
    int capability;
} actions[FA_COUNT] = {
    [FA_ACCEPT] = {"accept", "Tiếp nhận xử lý", S(FS_RECEIVED), FS_ACCEPTED, CAP_PROCESS},
    [FA_REFUSE] = {"refuse", "Từ chối tiếp nhận", S(FS_RECEIVED) | S(FS_WAITING), FS_REFUSED,
                   CAP_PROCESS},
    [FA_DUPLICATE] = {"duplicate", "Đánh dấu trùng", S(FS_RECEIVED) | S(FS_ACCEPTED), FS_DUPLICATE,
                      CAP_PROCESS},
    [FA_ROUTE_OUT] = {"route-out", "Chuyển cơ quan có thẩm quyền", S(FS_RECEIVED), FS_ROUTED_OUT,
                      CAP_PROCESS},
    [FA_FORWARD] = {"forward", "Chuyển cơ quan khác xử lý", S(FS_RECEIVED) | S(FS_ACCEPTED), 0,
                    CAP_PROCESS},
    [FA_ASK] = {"ask", "Đề nghị bổ sung thông tin", S(FS_ACCEPTED), FS_WAITING, CAP_PROCESS},
    [FA_INFORM] = {"inform", "Nhận thông tin bổ sung", S(FS_WAITING), FS_ACCEPTED, CAP_PROCESS},
    [FA_ANSWER] = {"answer", "Trả lời", S(FS_ACCEPTED), FS_ANSWERED, CAP_PROCESS},
    [FA_PUBLISH] = {"publish", "Công khai kết quả trả lời", S(FS_ANSWERED), FS_PUBLISHED,
                    CAP_APPROVE},
};

#undef S

const char *feedback_category_name(int c)
{
    return c >= FB_CATEGORY_MIN && c <= FB_CATEGORY_MAX ? categories[c][0] : NULL;
}

const char *feedback_category_label(int c)
{
    return c >= FB_CATEGORY_MIN && c <= FB_CATEGORY_MAX ? categories[c][1] : NULL;
}

int feedback_category_parse(const char *name)
{
    int c;

    for (c = FB_CATEGORY_MIN; name && c <= FB_CATEGORY_MAX; c++)
        if (!strcmp(name, categories[c][0]))
            return c;
    return -1;
}

const char *feedback_channel_name(int channel)
{
    return channel >= FBC_PORTAL && channel <= FBC_OPEN311 ? channels[channel] : NULL;
}

const char *feedback_status_name(int s)
{
    return s >= FS_MIN && s <= FS_MAX ? statuses[s][0] : NULL;
}

const char *feedback_status_label(int s)
{
    return s >= FS_MIN && s <= FS_MAX ? statuses[s][1] : NULL;
}

int feedback_status_parse(const char *name)
{
    int s;

    for (s = FS_MIN; name && s <= FS_MAX; s++)
        if (!strcmp(name, statuses[s][0]))
            return s;
    return -1;
}

int feedback_status_final(int s)
{
    return s == FS_PUBLISHED || s == FS_REFUSED || s == FS_DUPLICATE || s == FS_ROUTED_OUT;
}

const char *feedback_action_name(int a)
{
    return a >= 0 && a < FA_COUNT ? actions[a].name : NULL;
}

const char *feedback_action_label(int a)
{
    return a >= 0 && a < FA_COUNT ? actions[a].label : NULL;
}

int feedback_action_parse(const char *name)
{
    int a;

    for (a = 0; name && a < FA_COUNT; a++)
        if (!strcmp(name, actions[a].name))
            return a;
    return -1;
}

int feedback_action_allowed(int a, int status)
{
    return a >= 0 && a < FA_COUNT && status >= FS_MIN && status <= FS_MAX &&
           (actions[a].from >> status & 1u);
}

int feedback_action_offered(int a, const struct feedback *f)
{
    /* a complaint is routed out, never accepted as feedback; feedback is never routed out */
    return feedback_action_allowed(a, f->status) &&
           !(a == FA_ROUTE_OUT && f->category != FB_COMPLAINT) &&
           !(a == FA_ACCEPT && f->category == FB_COMPLAINT);
}

int feedback_action_capability(int a)
{
    return a >= 0 && a < FA_COUNT ? actions[a].capability : -1;
}

int feedback_markup(const char *s)
{
    for (; s && (s = strchr(s, '<')); s++)
        if ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z') || s[1] == '/' ||
            s[1] == '!' || s[1] == '?')
            return 1;
    return 0;
}

int feedback_code_format(int64_t local_day, int counter, char out[FEEDBACK_CODE_MAX])
{
    char day[DOSSIER_CODE_DAY_MAX];

    if (counter < 1 || counter > DOSSIER_COUNTER_MAX || dossier_code_day(local_day, day) < 0)
        return -1;
    snprintf(out, FEEDBACK_CODE_MAX, "%s-%s-%04d", FEEDBACK_COUNTER, day, counter);
    return 0;
}

int feedback_code_valid(const char *s)
{
    size_t n = strlen(FEEDBACK_COUNTER), digits = 0;
    int64_t day;
    char ymd[11];

    if (!s || strncmp(s, FEEDBACK_COUNTER "-", n + 1))
        return 0;
    s += n + 1;
    if (strspn(s, "0123456789") != 6 || s[6] != '-')
        return 0;
    snprintf(ymd, sizeof(ymd), "20%.2s-%.2s-%.2s", s, s + 2, s + 4);
    if (date_parse_ymd(ymd, &day) < 0)
        return 0;
    s += 7;
    digits = strspn(s, "0123456789");
    return digits >= 4 && digits <= 6 && !s[digits];
}

/* t plus a number of working days over the agency's office hours. */
static int due_after(const struct workcal *cal, const char *agency, int64_t t, double days,
                     int64_t *out, struct err *e)
{
    return worktime_due(cal, workcal_hours(cal, agency), t, DURATION_WORKING, days, out, e);
}

int feedback_receive(struct feedback *f, const struct workcal *cal,
                     const struct feedback_times *times, int64_t now, struct err *e)
{
    f->status = FS_RECEIVED;
    f->received_at = f->created_at = f->updated_at = now;
    return due_after(cal, f->agency, now, times->classify, &f->classify_due, e) < 0 ||
                   due_after(cal, f->agency, now, times->ask, &f->ask_due, e) < 0 ||
                   due_after(cal, f->agency, now, times->answer, &f->answer_due, e) < 0
               ? -1
               : 0;
}

/* The due time the action answers to, for its control-sheet row; 0 for none. */
static int64_t step_due(int action, const struct feedback *f)
{
    switch (action) {
    case FA_ACCEPT:
    case FA_ROUTE_OUT: return f->classify_due;
    case FA_REFUSE:
    case FA_DUPLICATE: return f->status == FS_RECEIVED ? f->classify_due : f->answer_due;
    case FA_ASK: return f->ask_due;
    case FA_ANSWER: return f->answer_due;
    case FA_PUBLISH: return f->publish_due;
    }
    return 0;
}

int feedback_may(int action, int64_t version, int may, const struct feedback *f, struct err *e)
{
    if (action < 0 || action >= FA_COUNT)
        return err_set(e, 404, "not_found", "no action %d", action);
    if (version && version != f->version)
        return err_set(e, 409, "conflict",
                       "feedback %s changed since you read it (version %d, yours %lld); reload it",
                       f->code, f->version, (long long)version);
    if (!feedback_action_allowed(action, f->status))
        return err_set(e, 409, "invalid_transition", "feedback in status %s cannot %s",
                       feedback_status_name(f->status), feedback_action_name(action));
    if (!may)
        return err_set(e, 403, "forbidden", "%s of feedback %s is not yours to do",
                       feedback_action_label(action), f->code);
    if (!feedback_action_offered(action, f))
        return err_set(e, 409, "invalid_transition",
                       f->category == FB_COMPLAINT
                           ? "a complaint or denunciation is not handled as feedback: route it out"
                           : "only a complaint or denunciation is routed out; this is feedback");
    return 0;
}

/* The action's own effect on the item after the status moved. */
static int effect(int action, const struct feedback_input *in, const struct feedback_facts *x,
                  struct feedback_move *m, struct err *e)
{
    struct feedback *f = &m->f;

    switch (action) {
    case FA_FORWARD:
        if (!x->to_agency)
            return err_field_as(e, "agency", "not_found", in->agency ? in->agency : "",
                                "no active agency with identifier %s",
                                in->agency ? in->agency : "");
        if (f->agency && !strcmp(x->to_agency, f->agency))
            return err_field(e, "agency", "the feedback is already with this agency");
        m->ev.to_agency = f->agency = x->to_agency;
        return 0;
    case FA_DUPLICATE:
        if (!x->original || !strcmp(x->original->code, f->code))
            return err_field_as(
                e, "duplicate_of", "not_found", in->duplicate_of ? in->duplicate_of : "",
                "no other feedback with code %s", in->duplicate_of ? in->duplicate_of : "");
        if (x->original->status == FS_DUPLICATE)
            return err_field(e, "duplicate_of", "%s is itself a duplicate of %s: name the original",
                             x->original->code, x->original->duplicate_of);
        f->duplicate_of = x->original->code;
        break;
    case FA_ASK:
        f->request = in->request;
        f->asked_at = f->paused_at = x->now;
        m->ev.note = in->request;
        break;
    case FA_INFORM:
        if (f->paused_at && worktime_resume(x->cal, workcal_hours(x->cal, f->agency), f->answer_due,
                                            f->paused_at, x->now, &f->answer_due, e) < 0)
            return -1;
        f->paused_at = 0;
        return 0;
    case FA_ANSWER:
        f->answer = in->answer;
        f->answered_at = x->now;
        m->ev.note = in->answer;
        return due_after(x->cal, f->agency, x->now, x->times->publish, &f->publish_due, e);
    case FA_PUBLISH: f->published_at = f->closed_at = x->now; return 0;
    }
    if (action == FA_ACCEPT || f->status == FS_REFUSED || f->status == FS_DUPLICATE ||
        f->status == FS_ROUTED_OUT) {
        if (m->ev.from_status == FS_RECEIVED)
            f->classified_at = x->now;
        if (feedback_status_final(f->status)) {
            f->closed_at = x->now;
            f->paused_at = 0;
            f->reason = in->reason;
        }
    }
    return 0;
}

int feedback_apply(int action, const struct feedback_input *in, const struct feedback_facts *x,
                   const struct feedback *f, struct feedback_move *out, struct arena *a,
                   struct err *e)
{
    int64_t due;

    if (feedback_may(action, in->version, x->may, f, e) < 0)
        return -1;
    memset(out, 0, sizeof(*out));
    out->f = *f;
    out->ev = (struct feedback_event){.at = x->now,
                                      .action = actions[action].name,
                                      .from_status = f->status,
                                      .actor_id = x->actor_id,
                                      .actor_name = x->actor_name,
                                      .agency = f->agency,
                                      .note = in->reason ? in->reason : in->note};
    if (actions[action].to)
        out->f.status = actions[action].to;
    if (effect(action, in, x, out, e) < 0)
        return -1;
    if (action == FA_DUPLICATE)
        out->ev.note = arena_printf(a, "Trùng với %s%s%s", out->f.duplicate_of,
                                    in->reason ? ": " : "", in->reason ? in->reason : "");
    if ((due = step_due(action, f)))
        out->ev.timeliness = timeliness_name(dossier_timeliness(x->now, due));
    out->ev.to_status = out->f.status;
    out->f.updated_at = x->now;
    out->notify = action != FA_FORWARD && action != FA_INFORM && action != FA_ACCEPT;
    return 0;
}

int feedback_timeliness(const struct feedback *f, int64_t now)
{
    if (f->answered_at)
        return dossier_timeliness(f->answered_at, f->answer_due);
    if (f->closed_at)
        return dossier_timeliness(f->closed_at, f->classified_at == f->closed_at ? f->classify_due
                                                                                 : f->answer_due);
    if (f->status != FS_WAITING && now > f->answer_due)
        return TIMELY_LATE;
    return 0;
}

void feedback_tally_add(struct feedback_tally *t, const struct feedback *f, int rating,
                        int64_t rated_at, int64_t from, int64_t to, int64_t now)
{
    int64_t done = f->answered_at ? f->answered_at : f->closed_at, at = to < now ? to : now;
    struct feedback open;
    int tl;

    t->received += f->received_at >= from && f->received_at < to;
    if (rating && rated_at >= from && rated_at < to) {
        t->rated++;
        t->satisfied += rating <= 2;
    }
    if (f->received_at >= to)
        return;
    if (done && done < to) {
        if (done >= from && (tl = feedback_timeliness(f, at))) {
            t->handled++;
            t->on_time += tl != TIMELY_LATE;
            t->late += tl == TIMELY_LATE;
        }
        return;
    }
    /* open at the period's end */
    open = *f;
    open.answered_at = open.closed_at = 0;
    t->open++;
    t->overdue += feedback_timeliness(&open, at) == TIMELY_LATE;
}

int64_t feedback_tally_judged(const struct feedback_tally *t)
{
    return t->handled + t->overdue;
}
