/*
 * Working-time arithmetic (DOMAIN.md "Deadlines"): office hours per agency,
 * 8 working hours a day, days off from a struct workcal. Instants are Unix
 * seconds; office hours are local (UTC+7) minutes of the day.
 */
#ifndef CORE_WORKTIME_H
#define CORE_WORKTIME_H

#include <stdint.h>

#include "core/holidays.h"
#include "lib/err.h"

#define OFFICE_PERIODS_MAX    4
#define WORKDAY_MINUTES       480
#define WORKDAY_HOURS         (WORKDAY_MINUTES / 60)
#define OFFICE_HOURS_TEXT_MAX 64

struct office_period {
    int open, close; /* minutes from local midnight, open < close */
};

struct office_hours {
    int n;
    struct office_period p[OFFICE_PERIODS_MAX];
};

/* 07:30-11:30 and 13:00-17:00 */
extern const struct office_hours office_hours_default;

/*
 * "07:30-11:30,13:00-17:00": 1..4 ordered, non-overlapping periods totalling
 * exactly 8 hours. 0, or -1 with a reason in e (field "office_hours").
 */
int office_hours_parse(const char *s, struct office_hours *oh, struct err *e);
void office_hours_format(const struct office_hours *oh, char out[OFFICE_HOURS_TEXT_MAX]);

/* An agency's office hours, as the working calendar holds them. */
#define WORKCAL_AGENCY_ID_MAX 16
struct workcal_hours {
    char agency[WORKCAL_AGENCY_ID_MAX];
    struct office_hours oh;
};

/*
 * Gives the calendar the office hours of each agency (copied and sorted; an
 * id too long for the table is an error). Replaces any hours it held.
 */
int workcal_set_hours(struct workcal *c, const struct workcal_hours *h, size_t n, struct err *e);
/* An agency's office hours in the calendar: the default for an agency it does not hold. */
const struct office_hours *workcal_hours(const struct workcal *c, const char *agency);

enum duration_kind { DURATION_WORKING = 0, DURATION_CALENDAR = 1 };

/* The first instant at or after t that is inside office hours on a working day. */
int worktime_next_open(const struct workcal *c, const struct office_hours *oh, int64_t t,
                       int64_t *out, struct err *e);

/*
 * t plus `minutes` of working time. Counting starts at the next opening; a
 * result that lands on a closing time stays there (Monday 07:30 + 480 minutes
 * is Monday 17:00, not Tuesday 07:30).
 */
int worktime_add(const struct workcal *c, const struct office_hours *oh, int64_t t, int64_t minutes,
                 int64_t *out, struct err *e);

/*
 * t minus `minutes` of working time: the latest instant r at or before t with
 * exactly `minutes` working minutes between r and t (an opening time when the
 * count ends there). Seconds inside t's minute are dropped.
 */
int worktime_sub(const struct workcal *c, const struct office_hours *oh, int64_t t, int64_t minutes,
                 int64_t *out, struct err *e);

/* 1 when t lies inside office hours on a working day (closing times included), 0 if not. */
int worktime_open_at(const struct workcal *c, const struct office_hours *oh, int64_t t);

/* Working minutes between a and b (0 when b <= a). */
int worktime_between(const struct workcal *c, const struct office_hours *oh, int64_t a, int64_t b,
                     int64_t *out, struct err *e);

/*
 * The due time of a statutory duration counted from `received`.
 * Working days: received + days × 8 working hours.
 * Calendar days: the closing time of the day `days` after the day counting starts,
 * rolled forward to the next working day when that day is off.
 * `days` may be fractional for working durations (0.5 = 4 hours).
 */
int worktime_due(const struct workcal *c, const struct office_hours *oh, int64_t received, int kind,
                 double days, int64_t *out, struct err *e);

/* A supplement pause: the due time moves by the working time between paused and resumed. */
int worktime_resume(const struct workcal *c, const struct office_hours *oh, int64_t due,
                    int64_t paused, int64_t resumed, int64_t *out, struct err *e);

/* The last year a duration from `year` can reach, for building a workcal wide enough. */
int worktime_years_needed(int year, int kind, double days);

#endif
