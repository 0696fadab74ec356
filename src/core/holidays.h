/*
 * Public holidays and the working calendar.
 *
 * The statutory holidays are rules (data): a solar or lunar date, a length in
 * days and the years they apply to. The default rules follow the Labour Code
 * 2019, Art. 112; the store seeds them into a table an administrator can edit.
 * A holiday on a Saturday or Sunday gives the next working day off. Each year's
 * announced changes are overrides: extra days off and extra working days.
 */
#ifndef CORE_HOLIDAYS_H
#define CORE_HOLIDAYS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/err.h"

enum holiday_calendar { HOLIDAY_SOLAR = 0, HOLIDAY_LUNAR = 1 };

struct holiday_rule {
    const char *name; /* Vietnamese, shown to users */
    int calendar;     /* enum holiday_calendar */
    int month, day;   /* the anchor date in that calendar */
    int offset;       /* days from the anchor to the first day off (Tết: -1) */
    int length;       /* consecutive days off */
    int adjacent;     /* 1: plus one neighbour of the anchor, chosen to join a weekend */
    int from_year;    /* first year it applies, 0 for always */
    int to_year;      /* last year it applies, 0 for no end */
};

extern const struct holiday_rule holiday_default_rules[];
extern const size_t holiday_default_rules_len;

enum cal_day_kind {
    CAL_HOLIDAY = 1,      /* statutory holiday */
    CAL_COMPENSATORY = 2, /* a working day off for a holiday on a weekend */
    CAL_EXTRA_OFF = 3,    /* override: announced day off */
    CAL_EXTRA_WORK = 4,   /* override: announced working day (a swapped Saturday) */
};

struct cal_override {
    int64_t day; /* days since 1970-01-01 */
    int work;    /* 1: working day, 0: day off */
    const char *name;
};

struct cal_day {
    int64_t day;
    int kind; /* enum cal_day_kind */
    const char *name;
};

/*
 * The days of a year that differ from "Monday to Friday work, weekend off",
 * sorted by day: holidays, compensatory days and overrides. Returns the count
 * written (at most max), or -1 with e filled when the year is outside the
 * lunar calendar's range.
 */
int holidays_of_year(int year, const struct holiday_rule *rules, size_t nrules,
                     const struct cal_override *ov, size_t nov, struct cal_day *out, size_t max,
                     struct err *e);

/*
 * A working calendar over whole years: for each day, whether it is off.
 * Built from rules and overrides; owns its memory (workcal_release). The
 * server's is published in a struct calcell (core/calcell.h) with a version.
 */
struct workcal {
    int year_from, year_to;
    int64_t day0; /* January 1 of year_from */
    int ndays;
    unsigned char *off;
    int64_t version; /* of the data it was built from; 0 unless the builder sets it */
    /* each agency's office hours, sorted by id (core/worktime.h: workcal_set_hours) */
    struct workcal_hours *hours;
    size_t nhours;
};

int workcal_build(struct workcal *c, int year_from, int year_to, const struct holiday_rule *rules,
                  size_t nrules, const struct cal_override *ov, size_t nov, struct err *e);
void workcal_release(struct workcal *c);
/* 1 day off, 0 working day, -1 outside the calendar's years. */
int workcal_is_off(const struct workcal *c, int64_t day);

#endif
