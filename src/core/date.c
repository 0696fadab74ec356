/* Civil calendar arithmetic (Howard Hinnant's algorithms) and ISO 8601 text. */
#include "core/date.h"

#include <stdio.h>
#include <string.h>

static int64_t floor_div(int64_t a, int64_t b)
{
    return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

int64_t date_days_from_civil(int y, int m, int d)
{
    int64_t yy = y - (m <= 2);
    int64_t era = floor_div(yy, 400);
    int64_t yoe = yy - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

void date_civil_from_days(int64_t days, int *y, int *m, int *d)
{
    int64_t z = days + 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;

    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = (int)(yoe + era * 400 + (*m <= 2));
}

int date_days_in_month(int y, int m)
{
    static const int len[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

    if (m == 2)
        return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
    return len[m - 1];
}

int date_is_valid(int y, int m, int d)
{
    return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= date_days_in_month(y, m);
}

int date_weekday(int64_t days)
{
    int64_t w = (days + 4) % 7; /* 1970-01-01 was a Thursday */
    return (int)(w < 0 ? w + 7 : w);
}

int64_t date_local_day(int64_t utc)
{
    return floor_div(utc + DATE_TZ_OFFSET, 86400);
}

int date_local_minute(int64_t utc)
{
    int64_t s = utc + DATE_TZ_OFFSET - date_local_day(utc) * 86400;
    return (int)(s / 60);
}

int64_t date_utc_of_local(int64_t day, int minute)
{
    return day * 86400 + (int64_t)minute * 60 - DATE_TZ_OFFSET;
}

/* Reads exactly n digits. */
static int digits(const char *s, int n, int *out)
{
    int v = 0, i;

    for (i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int parse_ymd_prefix(const char *s, int64_t *day)
{
    int y, m, d;

    if (digits(s, 4, &y) || s[4] != '-' || digits(s + 5, 2, &m) || s[7] != '-' ||
        digits(s + 8, 2, &d) || !date_is_valid(y, m, d))
        return -1;
    *day = date_days_from_civil(y, m, d);
    return 0;
}

int date_parse_ymd(const char *s, int64_t *day)
{
    if (strlen(s) != 10)
        return -1;
    return parse_ymd_prefix(s, day);
}

/* 1 to max digits at *s; advances *s. */
static int some_digits(const char **s, int max, int *out)
{
    int v = 0, n = 0;

    while (**s >= '0' && **s <= '9' && n < max) {
        v = v * 10 + (*(*s)++ - '0');
        n++;
    }
    *out = v;
    return n ? 0 : -1;
}

static int excel_serial(const char *s, int date1904, int64_t *day)
{
    int64_t n = 0, d;
    int y, m, dd;

    if (!(*s >= '0' && *s <= '9'))
        return -1;
    while (*s >= '0' && *s <= '9') {
        if (n > 10000000)
            return -1;
        n = n * 10 + (*s++ - '0');
    }
    if (*s == '.') { /* the time of day */
        s++;
        while (*s >= '0' && *s <= '9')
            s++;
    }
    if (*s)
        return -1;
    if (date1904) {
        d = n + date_days_from_civil(1904, 1, 1);
    } else {
        /* Excel counts 1900-01-01 as 1 and a 29 February 1900 as 60 */
        if (n < 1 || n == 60)
            return -1;
        d = n + date_days_from_civil(1899, 12, 31) - (n > 60);
    }
    date_civil_from_days(d, &y, &m, &dd);
    if (!date_is_valid(y, m, dd))
        return -1;
    *day = d;
    return 0;
}

int date_parse_cell(const char *s, int date1904, int64_t *day)
{
    const char *p = s;
    int y, m, d;
    char sep;

    if (!some_digits(&p, 4, &y) && p - s == 4 && *p == '-') { /* 2024-03-15 */
        p++;
        if (some_digits(&p, 2, &m) || *p++ != '-' || some_digits(&p, 2, &d) || *p ||
            !date_is_valid(y, m, d))
            return -1;
        *day = date_days_from_civil(y, m, d);
        return 0;
    }
    p = s;
    if (!some_digits(&p, 2, &d) && (*p == '/' || *p == '-' || *p == '.')) {
        sep = *p++;
        if (!some_digits(&p, 2, &m) && *p == sep) { /* 15/03/2024 */
            s = ++p;
            if (some_digits(&p, 4, &y) || p - s != 4 || *p || !date_is_valid(y, m, d))
                return -1;
            *day = date_days_from_civil(y, m, d);
            return 0;
        }
    }
    return excel_serial(s, date1904, day);
}

/* "HH:MM" optionally ":SS" and ".fraction"; returns characters consumed or -1. */
static int parse_hms(const char *s, int *seconds_of_day, int allow_seconds)
{
    int h, mi, sec = 0, n = 5;

    if (digits(s, 2, &h) || s[2] != ':' || digits(s + 3, 2, &mi) || h > 23 || mi > 59)
        return -1;
    if (allow_seconds && s[5] == ':') {
        if (digits(s + 6, 2, &sec) || sec > 59)
            return -1;
        n = 8;
        if (s[8] == '.') {
            n = 9;
            while (s[n] >= '0' && s[n] <= '9')
                n++;
            if (n == 9)
                return -1;
        }
    }
    *seconds_of_day = h * 3600 + mi * 60 + sec;
    return n;
}

int date_parse_local(const char *s, int64_t *utc)
{
    int64_t day;
    int sod, n;

    if (strlen(s) < 16 || parse_ymd_prefix(s, &day) || (s[10] != ' ' && s[10] != 'T'))
        return -1;
    n = parse_hms(s + 11, &sod, 0);
    if (n < 0 || s[11 + n])
        return -1;
    *utc = day * 86400 + sod - DATE_TZ_OFFSET;
    return 0;
}

int date_parse_iso(const char *s, int64_t *utc)
{
    int64_t day;
    int sod, n, oh, om, offset;
    const char *p;

    if (strlen(s) < 10 || parse_ymd_prefix(s, &day))
        return -1;
    if (!s[10]) {
        *utc = day * 86400 - DATE_TZ_OFFSET;
        return 0;
    }
    if (s[10] != 'T' && s[10] != ' ')
        return -1;
    n = parse_hms(s + 11, &sod, 1);
    if (n < 0)
        return -1;
    p = s + 11 + n;
    if (!*p) {
        offset = DATE_TZ_OFFSET;
    } else if (!strcmp(p, "Z")) {
        offset = 0;
    } else if ((*p == '+' || *p == '-') && strlen(p) == 6 && !digits(p + 1, 2, &oh) &&
               p[3] == ':' && !digits(p + 4, 2, &om) && oh <= 14 && om <= 59) {
        offset = (oh * 3600 + om * 60) * (*p == '-' ? -1 : 1);
    } else {
        return -1;
    }
    *utc = day * 86400 + sod - offset;
    return 0;
}

void date_format_iso(int64_t utc, char out[DATE_ISO_MAX])
{
    int64_t day = date_local_day(utc);
    int64_t sod = utc + DATE_TZ_OFFSET - day * 86400;
    int y, m, d;

    date_civil_from_days(day, &y, &m, &d);
    snprintf(out, DATE_ISO_MAX, "%04d-%02d-%02dT%02d:%02d:%02d+07:00", y, m, d, (int)(sod / 3600),
             (int)(sod / 60 % 60), (int)(sod % 60));
}

void date_format_local(int64_t utc, char out[DATE_ISO_MAX])
{
    int64_t day = date_local_day(utc);
    int minute = date_local_minute(utc);
    int y, m, d;

    date_civil_from_days(day, &y, &m, &d);
    snprintf(out, DATE_ISO_MAX, "%04d-%02d-%02d %02d:%02d", y, m, d, minute / 60, minute % 60);
}

void date_format_ymd(int64_t day, char out[DATE_ISO_MAX])
{
    int y, m, d;

    date_civil_from_days(day, &y, &m, &d);
    snprintf(out, DATE_ISO_MAX, "%04d-%02d-%02d", y, m, d);
}

void date_format_vn(int64_t utc, char out[DATE_VN_MAX])
{
    int y, m, d, minute = date_local_minute(utc);

    if (!utc) {
        out[0] = '\0';
        return;
    }
    date_civil_from_days(date_local_day(utc), &y, &m, &d);
    snprintf(out, DATE_VN_MAX, "%02d giờ %02d phút, ngày %02d tháng %02d năm %04d", minute / 60,
             minute % 60, d, m, y);
}

void date_format_dmy(int64_t utc, char out[DATE_ISO_MAX])
{
    int y, m, d;

    if (!utc) {
        out[0] = '\0';
        return;
    }
    date_civil_from_days(date_local_day(utc), &y, &m, &d);
    snprintf(out, DATE_ISO_MAX, "%02d/%02d/%04d", d, m, y);
}
