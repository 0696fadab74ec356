/* Office hours and working-time arithmetic over a working calendar. */
#include "core/worktime.h"
#include "core/date.h"

#include "lib/xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct office_hours office_hours_default = {2, {{450, 690}, {780, 1020}}};

static int hours_cmp(const void *a, const void *b)
{
    return strcmp(((const struct workcal_hours *)a)->agency,
                  ((const struct workcal_hours *)b)->agency);
}

int workcal_set_hours(struct workcal *c, const struct workcal_hours *h, size_t n, struct err *e)
{
    struct workcal_hours *copy = n ? xmalloc(n * sizeof(*copy)) : NULL;
    size_t i;

    for (i = 0; i < n; i++)
        if (!memchr(h[i].agency, '\0', sizeof(h[i].agency))) {
            free(copy);
            return err_set(e, 500, "internal", "an agency id is too long for the calendar");
        }
    if (n) {
        memcpy(copy, h, n * sizeof(*copy));
        qsort(copy, n, sizeof(*copy), hours_cmp);
    }
    free(c->hours);
    c->hours = copy;
    c->nhours = n;
    return 0;
}

int worktime_open_at(const struct workcal *c, const struct office_hours *oh, int64_t t)
{
    int minute = date_local_minute(t), i, inside = 0;

    if (workcal_is_off(c, date_local_day(t)) == 0)
        for (i = 0; i < oh->n; i++)
            inside |= minute >= oh->p[i].open && minute <= oh->p[i].close;
    return inside;
}

const struct office_hours *workcal_hours(const struct workcal *c, const char *agency)
{
    struct workcal_hours key;
    const struct workcal_hours *found;

    if (!agency || !c->nhours || strlen(agency) >= sizeof(key.agency))
        return &office_hours_default;
    strcpy(key.agency, agency);
    found = bsearch(&key, c->hours, c->nhours, sizeof(key), hours_cmp);
    return found ? &found->oh : &office_hours_default;
}

static int parse_hhmm(const char *s, int *minute)
{
    if (s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' || s[2] != ':' || s[3] < '0' ||
        s[3] > '5' || s[4] < '0' || s[4] > '9')
        return -1;
    *minute = ((s[0] - '0') * 10 + (s[1] - '0')) * 60 + (s[3] - '0') * 10 + (s[4] - '0');
    return *minute <= 24 * 60 ? 0 : -1;
}

int office_hours_parse(const char *s, struct office_hours *oh, struct err *e)
{
    const char *p = s;
    int total = 0, prev_close = -1;

    memset(oh, 0, sizeof(*oh));
    for (;;) {
        struct office_period *per;

        if (oh->n == OFFICE_PERIODS_MAX)
            return err_field_as(e, "office_hours", "office_hours", "", "at most %d periods",
                                OFFICE_PERIODS_MAX);
        per = &oh->p[oh->n];
        if (parse_hhmm(p, &per->open) || p[5] != '-' || parse_hhmm(p + 6, &per->close))
            return err_field_as(
                e, "office_hours", "office_hours", "",
                "must look like 07:30-11:30,13:00-17:00 (HH:MM-HH:MM, comma-separated)");
        if (per->close <= per->open || per->open < prev_close)
            return err_field_as(e, "office_hours", "office_hours", "",
                                "periods must be in order, each closing after it opens");
        if (per->open == prev_close)
            return err_field_as(e, "office_hours", "office_hours", "",
                                "adjacent periods must be written as one");
        total += per->close - per->open;
        prev_close = per->close;
        oh->n++;
        p += 11;
        if (!*p)
            break;
        if (*p++ != ',')
            return err_field_as(
                e, "office_hours", "office_hours", "",
                "must look like 07:30-11:30,13:00-17:00 (HH:MM-HH:MM, comma-separated)");
    }
    if (total != WORKDAY_MINUTES)
        return err_field_as(e, "office_hours", "office_hours", "",
                            "must total exactly 8 working hours a day (these total %d:%02d)",
                            total / 60, total % 60);
    return 0;
}

void office_hours_format(const struct office_hours *oh, char out[OFFICE_HOURS_TEXT_MAX])
{
    size_t used = 0;
    int i;

    out[0] = '\0';
    for (i = 0; i < oh->n; i++)
        used += (size_t)snprintf(out + used, OFFICE_HOURS_TEXT_MAX - used, "%s%02d:%02d-%02d:%02d",
                                 i ? "," : "", oh->p[i].open / 60, oh->p[i].open % 60,
                                 oh->p[i].close / 60, oh->p[i].close % 60);
}

static int range_error(const struct workcal *c, struct err *e)
{
    return err_set(e, 422, "out_of_range", "the date falls outside the working calendar (%d-%d)",
                   c->year_from, c->year_to);
}

/* Whether `day` is a working day: 1, 0, or -1 outside the calendar. */
static int working(const struct workcal *c, int64_t day)
{
    int off = workcal_is_off(c, day);
    return off < 0 ? -1 : !off;
}

int worktime_next_open(const struct workcal *c, const struct office_hours *oh, int64_t t,
                       int64_t *out, struct err *e)
{
    int64_t day = date_local_day(t);
    int minute = date_local_minute(t), i, w;

    /* seconds inside a minute count as that minute having started */
    if (t != date_utc_of_local(day, minute))
        minute++;
    for (;; day++, minute = 0) {
        w = working(c, day);
        if (w < 0)
            return range_error(c, e);
        if (!w)
            continue;
        for (i = 0; i < oh->n; i++) {
            if (minute < oh->p[i].close) {
                int m = minute > oh->p[i].open ? minute : oh->p[i].open;
                *out = date_utc_of_local(day, m);
                return 0;
            }
        }
    }
}

int worktime_add(const struct workcal *c, const struct office_hours *oh, int64_t t, int64_t minutes,
                 int64_t *out, struct err *e)
{
    int64_t start, day;
    int minute, i, w;

    if (worktime_next_open(c, oh, t, &start, e) < 0)
        return -1;
    day = date_local_day(start);
    minute = date_local_minute(start);
    if (minutes <= 0) {
        *out = start;
        return 0;
    }
    /* through the periods of each working day; whole days are skipped in one step */
    for (;;) {
        for (i = 0; i < oh->n; i++) {
            int from, avail;

            if (minute >= oh->p[i].close)
                continue;
            from = minute > oh->p[i].open ? minute : oh->p[i].open;
            avail = oh->p[i].close - from;
            if (minutes <= avail) {
                *out = date_utc_of_local(day, from + (int)minutes);
                return 0;
            }
            minutes -= avail;
            minute = oh->p[i].close;
        }
        /* skip to the next working day; jump whole days while more than a day is left */
        do {
            day++;
            w = working(c, day);
            if (w < 0)
                return range_error(c, e);
        } while (!w);
        minute = 0;
        while (minutes > WORKDAY_MINUTES) {
            int64_t next = day + 1;
            while ((w = working(c, next)) == 0)
                next++;
            if (w < 0)
                return range_error(c, e);
            minutes -= WORKDAY_MINUTES;
            day = next;
        }
    }
}

int worktime_sub(const struct workcal *c, const struct office_hours *oh, int64_t t, int64_t minutes,
                 int64_t *out, struct err *e)
{
    int64_t day = date_local_day(t);
    int minute = date_local_minute(t), i, w;

    if (minutes <= 0) {
        *out = date_utc_of_local(day, minute);
        return 0;
    }
    /* back through the periods of each working day, from t's minute */
    for (;; day--, minute = 24 * 60) {
        w = working(c, day);
        if (w < 0)
            return range_error(c, e);
        for (i = oh->n - 1; w && i >= 0; i--) {
            int to = minute < oh->p[i].close ? minute : oh->p[i].close;

            if (to <= oh->p[i].open)
                continue;
            if (minutes <= to - oh->p[i].open) {
                *out = date_utc_of_local(day, to - (int)minutes);
                return 0;
            }
            minutes -= to - oh->p[i].open;
        }
    }
}

/* Working minutes from local minute `from` of a working day to its end. */
static int minutes_after(const struct office_hours *oh, int from)
{
    int i, n = 0;

    for (i = 0; i < oh->n; i++) {
        int a = from > oh->p[i].open ? from : oh->p[i].open;
        if (a < oh->p[i].close)
            n += oh->p[i].close - a;
    }
    return n;
}

int worktime_between(const struct workcal *c, const struct office_hours *oh, int64_t a, int64_t b,
                     int64_t *out, struct err *e)
{
    int64_t da, db, d, total = 0;
    int w;

    *out = 0;
    if (b <= a)
        return 0;
    da = date_local_day(a);
    db = date_local_day(b);
    for (d = da; d <= db; d++) {
        int from = d == da ? date_local_minute(a) : 0;
        int to = d == db ? date_local_minute(b) : 24 * 60;

        w = working(c, d);
        if (w < 0)
            return range_error(c, e);
        if (w)
            total += minutes_after(oh, from) - minutes_after(oh, to);
    }
    *out = total;
    return 0;
}

int worktime_due(const struct workcal *c, const struct office_hours *oh, int64_t received, int kind,
                 double days, int64_t *out, struct err *e)
{
    int64_t start, day;
    int w;

    if (!(days >= 0) || days > 3650)
        return err_set(e, 422, "invalid", "a duration must be between 0 and 3650 days");
    if (kind == DURATION_WORKING)
        return worktime_add(c, oh, received, (int64_t)llround(days * WORKDAY_MINUTES), out, e);
    if (days != floor(days))
        return err_set(e, 422, "invalid", "a calendar-day duration must be whole days");
    if (worktime_next_open(c, oh, received, &start, e) < 0)
        return -1;
    day = date_local_day(start) + (int64_t)days;
    while ((w = working(c, day)) == 0)
        day++;
    if (w < 0)
        return range_error(c, e);
    *out = date_utc_of_local(day, oh->p[oh->n - 1].close);
    return 0;
}

int worktime_resume(const struct workcal *c, const struct office_hours *oh, int64_t due,
                    int64_t paused, int64_t resumed, int64_t *out, struct err *e)
{
    int64_t gap;

    if (worktime_between(c, oh, paused, resumed, &gap, e) < 0)
        return -1;
    if (!gap) {
        *out = due;
        return 0;
    }
    return worktime_add(c, oh, due, gap, out, e);
}

int worktime_years_needed(int year, int kind, double days)
{
    /* at most ~250 working days a year; a year of margin for long holidays */
    double per_year = kind == DURATION_WORKING ? 240.0 : 365.0;
    return year + 1 + (int)(days / per_year);
}
