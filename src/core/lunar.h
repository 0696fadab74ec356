/*
 * The Vietnamese lunisolar calendar, computed for UTC+7 with Hồ Ngọc Đức's
 * astronomical method: a month starts on the day of the new moon, the winter
 * solstice falls in month 11, and in a 13-month year the leap month is the
 * first month without a major solar term. Valid for solar dates 1900-01-01 to
 * 2100-12-31 (lunar years 1899 to 2100).
 */
#ifndef CORE_LUNAR_H
#define CORE_LUNAR_H

#include <stdint.h>

#define LUNAR_MIN_YEAR 1900
#define LUNAR_MAX_YEAR 2100

struct lunar_date {
    int day, month, year;
    int leap; /* 1 in the leap (repeated) month */
};

/* Solar day (days since 1970-01-01) to lunar date. 0, or -1 outside the range. */
int lunar_from_solar(int64_t day, struct lunar_date *out);
/* Lunar date to solar day. -1 when no such date exists (or out of range). */
int lunar_to_solar(const struct lunar_date *ld, int64_t *day);
/* The month that is doubled in a lunar year (1..12), 0 when there is none, -1 out of range. */
int lunar_leap_month(int year);
/* 29 or 30, or -1 when the month does not exist. */
int lunar_month_length(int year, int month, int leap);

#endif
