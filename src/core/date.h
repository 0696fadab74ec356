/*
 * Civil dates (proleptic Gregorian) and instants. A day is an int64 count of
 * days since 1970-01-01; an instant is int64 seconds since the Unix epoch (UTC).
 * Local time is Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving.
 */
#ifndef CORE_DATE_H
#define CORE_DATE_H

#include <stdint.h>

#define DATE_TZ_OFFSET (7 * 3600)
#define DATE_ISO_MAX   32
#define DATE_VN_MAX    64

int64_t date_days_from_civil(int y, int m, int d);
void date_civil_from_days(int64_t days, int *y, int *m, int *d);
int date_is_valid(int y, int m, int d);
int date_days_in_month(int y, int m);
/* 0 = Sunday ... 6 = Saturday. */
int date_weekday(int64_t days);

/* The local day of an instant, and its minute of the day (0..1439). */
int64_t date_local_day(int64_t utc);
int date_local_minute(int64_t utc);
/* The instant of a local day and minute of the day. */
int64_t date_utc_of_local(int64_t day, int minute);

/* Strict "YYYY-MM-DD". 0 or -1. */
int date_parse_ymd(const char *s, int64_t *day);
/* Local "YYYY-MM-DD HH:MM" (or with 'T'). 0 or -1. */
int date_parse_local(const char *s, int64_t *utc);
/*
 * ISO 8601: "YYYY-MM-DD" (local midnight), or "YYYY-MM-DDTHH:MM[:SS][.fff]" followed by
 * "Z", "±HH:MM" or nothing (local time). 0 or -1.
 */
int date_parse_iso(const char *s, int64_t *utc);
/*
 * A day as a spreadsheet cell holds it (trimmed, as the sheet reader gives
 * cells): "15/03/2024" or "5/3/2024" (day first, also with '-' or '.' between
 * the parts, the year in four digits), "2024-03-15", or an Excel date serial
 * number such as "45366" (a fraction, the time of day, is dropped). Serials
 * count from 1900 as Excel does by default, with its nonexistent 29 February
 * 1900 (serial 60) refused; date1904 non-zero counts them from 1904-01-01 as
 * workbooks with that setting do. Every number is taken for a serial: the
 * caller judges whether the day is plausible. 0 or -1.
 */
int date_parse_cell(const char *s, int date1904, int64_t *day);

/* "2024-03-15T07:30:00+07:00" */
void date_format_iso(int64_t utc, char out[DATE_ISO_MAX]);
/* "2024-03-15 07:30" */
void date_format_local(int64_t utc, char out[DATE_ISO_MAX]);
/* "07 giờ 30 phút, ngày 15 tháng 03 năm 2024", as forms write times; "" for 0 */
void date_format_vn(int64_t utc, char out[DATE_VN_MAX]);
/* "15/03/2024" */
void date_format_dmy(int64_t utc, char out[DATE_ISO_MAX]);

/* "2024-03-15" */
void date_format_ymd(int64_t day, char out[DATE_ISO_MAX]);

#endif
