/* Deadlines: core/worktime over the stored calendar. */
#include "api/deadline.h"
#include "api/app.h"
#include "core/date.h"
#include "core/worktime.h"

#include <string.h>

static int year_of(int64_t t)
{
    int y, m, d;

    date_civil_from_days(date_local_day(t), &y, &m, &d);
    return y;
}

/* Parses the office hours and builds a calendar for [from, to] (years clamped to the range). */
static int prepare(struct db *db, const char *text, int from, int to, struct office_hours *oh,
                   struct workcal *cal, struct err *e)
{
    struct err ignored = ERR_INIT;

    if (office_hours_parse(text ? text : "", oh, &ignored) < 0)
        *oh = office_hours_default;
    if (to > 2100)
        to = 2100;
    if (from < 1900 || from > to)
        return err_set(e, 422, "out_of_range", "the calendar covers 1900 to 2100");
    return app_workcal(db, from, to, cal, e);
}

int deadline_due(struct db *db, const char *office_hours, int64_t start, const char *kind,
                 double days, int64_t *out, struct err *e)
{
    int k = kind && !strcmp(kind, "calendar") ? DURATION_CALENDAR : DURATION_WORKING, rc;
    struct office_hours oh;
    struct workcal cal;
    int y = year_of(start);

    if (prepare(db, office_hours, y, worktime_years_needed(y, k, days), &oh, &cal, e) < 0)
        return -1;
    rc = worktime_due(&cal, &oh, start, k, days, out, e);
    workcal_release(&cal);
    return rc;
}

int deadline_add(struct db *db, const char *office_hours, int64_t t, int64_t minutes, int64_t *out,
                 struct err *e)
{
    struct office_hours oh;
    struct workcal cal;
    int y = year_of(t), rc;

    if (prepare(db, office_hours, y,
                worktime_years_needed(y, DURATION_WORKING, (double)minutes / WORKDAY_MINUTES), &oh,
                &cal, e) < 0)
        return -1;
    rc = worktime_add(&cal, &oh, t, minutes, out, e);
    workcal_release(&cal);
    return rc;
}

int deadline_between(struct db *db, const char *office_hours, int64_t a, int64_t b, int64_t *out,
                     struct err *e)
{
    struct office_hours oh;
    struct workcal cal;
    int rc;

    *out = 0;
    if (b <= a)
        return 0;
    if (prepare(db, office_hours, year_of(a), year_of(b), &oh, &cal, e) < 0)
        return -1;
    rc = worktime_between(&cal, &oh, a, b, out, e);
    workcal_release(&cal);
    return rc;
}

int deadline_resume(struct db *db, const char *office_hours, int64_t due, int64_t paused,
                    int64_t resumed, int64_t *out, struct err *e)
{
    struct office_hours oh;
    struct workcal cal;
    int64_t gap_days = (resumed - paused) / 86400 + 1;
    int from = year_of(paused < due ? paused : due), rc;
    int to = worktime_years_needed(year_of(due > resumed ? due : resumed), DURATION_WORKING,
                                   (double)gap_days);

    if (prepare(db, office_hours, from, to, &oh, &cal, e) < 0)
        return -1;
    rc = worktime_resume(&cal, &oh, due, paused, resumed, out, e);
    workcal_release(&cal);
    return rc;
}

int deadline_in_office_hours(struct db *db, const char *office_hours, int64_t t, struct err *e)
{
    struct office_hours oh;
    struct workcal cal;
    int y = year_of(t), minute = date_local_minute(t), i, inside = 0;

    if (prepare(db, office_hours, y, y, &oh, &cal, e) < 0)
        return -1;
    if (workcal_is_off(&cal, date_local_day(t)) == 0)
        for (i = 0; i < oh.n; i++)
            inside |= minute >= oh.p[i].open && minute <= oh.p[i].close;
    workcal_release(&cal);
    return inside;
}
