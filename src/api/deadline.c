/* Deadlines: core/worktime over the request's working calendar. */
#include "api/deadline.h"
#include "core/date.h"
#include "core/worktime.h"

#include <string.h>

/* Parses the office hours (the default when unreadable); 500 without a calendar. */
static int prepare(const struct workcal *cal, const char *text, struct office_hours *oh,
                   struct err *e)
{
    struct err ignored = ERR_INIT;

    if (!cal)
        return err_set(e, 500, "internal", "no working calendar");
    if (office_hours_parse(text ? text : "", oh, &ignored) < 0)
        *oh = office_hours_default;
    return 0;
}

int deadline_due(const struct workcal *cal, const char *office_hours, int64_t start,
                 const char *kind, double days, int64_t *out, struct err *e)
{
    int k = kind && !strcmp(kind, "calendar") ? DURATION_CALENDAR : DURATION_WORKING;
    struct office_hours oh;

    if (prepare(cal, office_hours, &oh, e) < 0)
        return -1;
    return worktime_due(cal, &oh, start, k, days, out, e);
}

int deadline_add(const struct workcal *cal, const char *office_hours, int64_t t, int64_t minutes,
                 int64_t *out, struct err *e)
{
    struct office_hours oh;

    if (prepare(cal, office_hours, &oh, e) < 0)
        return -1;
    return worktime_add(cal, &oh, t, minutes, out, e);
}

int deadline_between(const struct workcal *cal, const char *office_hours, int64_t a, int64_t b,
                     int64_t *out, struct err *e)
{
    struct office_hours oh;

    *out = 0;
    if (b <= a)
        return 0;
    if (prepare(cal, office_hours, &oh, e) < 0)
        return -1;
    return worktime_between(cal, &oh, a, b, out, e);
}

int deadline_resume(const struct workcal *cal, const char *office_hours, int64_t due,
                    int64_t paused, int64_t resumed, int64_t *out, struct err *e)
{
    struct office_hours oh;

    if (prepare(cal, office_hours, &oh, e) < 0)
        return -1;
    return worktime_resume(cal, &oh, due, paused, resumed, out, e);
}

int deadline_in_office_hours(const struct workcal *cal, const char *office_hours, int64_t t,
                             struct err *e)
{
    struct office_hours oh;
    int minute = date_local_minute(t), i, inside = 0;

    if (prepare(cal, office_hours, &oh, e) < 0)
        return -1;
    if (workcal_is_off(cal, date_local_day(t)) == 0)
        for (i = 0; i < oh.n; i++)
            inside |= minute >= oh.p[i].open && minute <= oh.p[i].close;
    return inside;
}
