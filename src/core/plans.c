/* Reform plans: task states, roll-ups, counts and report days, as pure functions. */
#include "core/plans.h"
#include "core/date.h"

#include <ctype.h>
#include <stdlib.h>

static const char *const states[][2] = {
    [TASK_NOT_STARTED] = {"not_started", "Chưa thực hiện"},
    [TASK_IN_PROGRESS] = {"in_progress", "Đang thực hiện"},
    [TASK_DONE_EARLY] = {"done_early", "Hoàn thành trước hạn"},
    [TASK_DONE_ON_TIME] = {"done_on_time", "Hoàn thành đúng hạn"},
    [TASK_DONE_LATE] = {"done_late", "Hoàn thành quá hạn"},
    [TASK_OVERDUE] = {"overdue", "Quá hạn chưa hoàn thành"},
};

const char *task_state_name(int s)
{
    return s >= TASK_NOT_STARTED && s <= TASK_OVERDUE ? states[s][0] : NULL;
}

const char *task_state_label(int s)
{
    return s >= TASK_NOT_STARTED && s <= TASK_OVERDUE ? states[s][1] : NULL;
}

int task_state_done(int s)
{
    return s == TASK_DONE_EARLY || s == TASK_DONE_ON_TIME || s == TASK_DONE_LATE;
}

int64_t plan_deadline(const struct workcal *cal, int64_t day)
{
    int64_t d = day;

    /* a calendar covers whole years: past its end the day stands */
    while (workcal_is_off(cal, d) == 1)
        d++;
    return d;
}

int task_no_cmp(const char *a, const char *b)
{
    while (*a && *b) {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            char *ea, *eb;
            unsigned long x = strtoul(a, &ea, 10), y = strtoul(b, &eb, 10);

            if (x != y)
                return x < y ? -1 : 1;
            a = ea;
            b = eb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return *a ? 1 : *b ? -1 : 0;
}

int task_state(const struct workcal *cal, const struct task_facts *t, int64_t today)
{
    int64_t deadline = t->deadline ? plan_deadline(cal, t->deadline) : 0;

    if (t->done_day)
        return !deadline || t->done_day < deadline ? TASK_DONE_EARLY
               : t->done_day == deadline           ? TASK_DONE_ON_TIME
                                                   : TASK_DONE_LATE;
    if (deadline && today > deadline)
        return TASK_OVERDUE;
    return t->progress > 0 ? TASK_IN_PROGRESS : TASK_NOT_STARTED;
}

void task_roll_up(struct task_facts *parent, const struct task_facts *subs, size_t n)
{
    int64_t last = 0, sum = 0;
    size_t i, done = 0;

    if (!n)
        return;
    for (i = 0; i < n; i++) {
        sum += subs[i].done_day ? 100 : subs[i].progress;
        if (subs[i].done_day) {
            done++;
            if (subs[i].done_day > last)
                last = subs[i].done_day;
        }
    }
    parent->done_day = done == n ? last : 0;
    parent->progress = (int)(sum / (int64_t)n);
}

void task_count(struct task_counts *c, int state)
{
    c->total++;
    c->done += task_state_done(state);
    c->done_early += state == TASK_DONE_EARLY;
    c->done_on_time += state == TASK_DONE_ON_TIME;
    c->done_late += state == TASK_DONE_LATE;
    c->in_progress += state == TASK_IN_PROGRESS;
    c->not_started += state == TASK_NOT_STARTED;
    c->overdue += state == TASK_OVERDUE;
}

int64_t plan_report_due(const struct workcal *cal, int year, int month, int report_day)
{
    int last;

    if (month < 1 || month > 12 || report_day < 1 || report_day > 31 || year < 1900 || year > 2100)
        return 0;
    last = date_days_in_month(year, month);
    return plan_deadline(cal,
                         date_days_from_civil(year, month, report_day < last ? report_day : last));
}

int plan_report_late(int64_t due_day, int64_t submitted_day, int64_t today)
{
    return submitted_day ? submitted_day > due_day : today > due_day;
}

int task_owes_report(int64_t created_day, int64_t done_day, int64_t month_first, int64_t due_day)
{
    return created_day <= due_day && (!done_day || done_day >= month_first);
}

int plan_reminder_stage(int64_t due_day, int64_t today)
{
    int64_t left = due_day - today;

    return left < 0 ? 0 : left <= 1 ? 1 : left <= 3 ? 3 : left <= 7 ? 7 : -1;
}
