/*
 * Vietnamese lunar calendar after Hồ Ngọc Đức's published algorithm
 * (new moons and solar longitudes from Meeus' low-precision formulas).
 * Day numbers here are Julian Day Numbers; the API converts to Unix days.
 */
#include "core/lunar.h"
#include "core/date.h"

#include <math.h>

#define TZ             7.0
#define JDN_UNIX_EPOCH 2440588 /* Julian Day Number of 1970-01-01 */
#define SYNODIC        29.530588853

static const double PI = 3.14159265358979323846;

static int64_t jdn_from_civil(int y, int m, int d)
{
    int a = (14 - m) / 12;
    int64_t yy = y + 4800 - a;
    int mm = m + 12 * a - 3;

    return d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045;
}

/* Julian day (fractional, UT) of the k-th new moon after 1900-01-01. */
static double new_moon(int k)
{
    double T = k / 1236.85, T2 = T * T, T3 = T2 * T, dr = PI / 180;
    double jd1, M, Mpr, F, C1, deltat;

    jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
    jd1 += 0.00033 * sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
    M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
    Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
    F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
    C1 = (0.1734 - 0.000393 * T) * sin(M * dr) + 0.0021 * sin(2 * dr * M);
    C1 = C1 - 0.4068 * sin(Mpr * dr) + 0.0161 * sin(dr * 2 * Mpr);
    C1 = C1 - 0.0004 * sin(dr * 3 * Mpr);
    C1 = C1 + 0.0104 * sin(dr * 2 * F) - 0.0051 * sin(dr * (M + Mpr));
    C1 = C1 - 0.0074 * sin(dr * (M - Mpr)) + 0.0004 * sin(dr * (2 * F + M));
    C1 = C1 - 0.0004 * sin(dr * (2 * F - M)) - 0.0006 * sin(dr * (2 * F + Mpr));
    C1 = C1 + 0.0010 * sin(dr * (2 * F - Mpr)) + 0.0005 * sin(dr * (2 * Mpr + M));
    if (T < -11)
        deltat = 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3;
    else
        deltat = -0.000278 + 0.000265 * T + 0.000262 * T2;
    return jd1 + C1 - deltat;
}

/* The sun's apparent longitude in radians, [0, 2π), at Julian day jd. */
static double sun_longitude(double jd)
{
    double T = (jd - 2451545.0) / 36525, T2 = T * T, dr = PI / 180;
    double M, L0, DL, L;

    M = 357.52910 + 35999.05030 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
    L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
    DL = (1.914600 - 0.004817 * T - 0.000014 * T2) * sin(dr * M);
    DL = DL + (0.019993 - 0.000101 * T) * sin(dr * 2 * M) + 0.000290 * sin(dr * 3 * M);
    L = (L0 + DL) * dr;
    return L - PI * 2 * floor(L / (PI * 2));
}

/* The major solar term sector (0..11) at local midnight starting day jdn. */
static int sun_sector(int64_t jdn)
{
    return (int)floor(sun_longitude((double)jdn - 0.5 - TZ / 24) / PI * 6);
}

/* Local day (JDN) of the k-th new moon. */
static int64_t new_moon_day(int k)
{
    return (int64_t)floor(new_moon(k) + 0.5 + TZ / 24);
}

/* Start (JDN) of lunar month 11 of solar year y: the month holding the winter solstice. */
static int64_t month11(int y)
{
    int64_t off = jdn_from_civil(y, 12, 31) - 2415021;
    int k = (int)floor((double)off / SYNODIC);
    int64_t nm = new_moon_day(k);

    if (sun_sector(nm) >= 9)
        nm = new_moon_day(k - 1);
    return nm;
}

/* Index (from month 11 at a11) of the leap month in a 13-month year. */
static int leap_offset(int64_t a11)
{
    int k = (int)floor(((double)a11 - 2415021.076998695) / SYNODIC + 0.5);
    int last, i = 1, arc = sun_sector(new_moon_day(k + 1));

    do {
        last = arc;
        i++;
        arc = sun_sector(new_moon_day(k + i));
    } while (arc != last && i < 14);
    return i - 1;
}

int lunar_from_solar(int64_t day, struct lunar_date *out)
{
    int64_t jdn = day + JDN_UNIX_EPOCH, month_start, a11, b11;
    int k, diff, y, m, d, year, month, leap = 0;

    if (day < -25567 || day > 47846) /* 1900-01-01 .. 2100-12-31 */
        return -1;
    date_civil_from_days(day, &y, &m, &d);
    /* the new moon on or before the day; the mean-month estimate can be one off */
    k = (int)floor(((double)jdn - 2415021.076998695) / SYNODIC);
    while (new_moon_day(k + 1) <= jdn)
        k++;
    while ((month_start = new_moon_day(k)) > jdn)
        k--;
    a11 = month11(y);
    b11 = a11;
    if (a11 >= month_start) {
        year = y;
        a11 = month11(y - 1);
    } else {
        year = y + 1;
        b11 = month11(y + 1);
    }
    diff = (int)floor((double)(month_start - a11) / 29);
    month = diff + 11;
    if (b11 - a11 > 365) {
        int lo = leap_offset(a11);
        if (diff >= lo) {
            month = diff + 10;
            leap = diff == lo;
        }
    }
    if (month > 12)
        month -= 12;
    if (month >= 11 && diff < 4)
        year -= 1;
    out->day = (int)(jdn - month_start + 1);
    out->month = month;
    out->year = year;
    out->leap = leap;
    return 0;
}

/* JDN of the first day of a lunar month, or -1 when it does not exist. */
static int64_t month_start_jdn(int year, int month, int leap)
{
    int64_t a11, b11;
    int k, off;

    if (month < 11) {
        a11 = month11(year - 1);
        b11 = month11(year);
    } else {
        a11 = month11(year);
        b11 = month11(year + 1);
    }
    k = (int)floor(0.5 + ((double)a11 - 2415021.076998695) / SYNODIC);
    off = month - 11;
    if (off < 0)
        off += 12;
    if (b11 - a11 > 365) {
        int lo = leap_offset(a11), leap_month = lo - 2;
        if (leap_month < 0)
            leap_month += 12;
        if (leap && month != leap_month)
            return -1;
        if (leap || off >= lo)
            off += 1;
    } else if (leap) {
        return -1;
    }
    return new_moon_day(k + off);
}

int lunar_leap_month(int year)
{
    int64_t a11, b11, c11;
    int lo;

    if (year < LUNAR_MIN_YEAR - 1 || year > LUNAR_MAX_YEAR)
        return -1;
    /* Months 1..10 of a year lie after month 11 of the year before; a leap month
       there is at offset 3 or more. A leap 11 or 12 follows this year's month 11. */
    a11 = month11(year - 1);
    b11 = month11(year);
    if (b11 - a11 > 365 && (lo = leap_offset(a11)) >= 3)
        return lo - 2;
    c11 = month11(year + 1);
    if (c11 - b11 > 365 && (lo = leap_offset(b11)) <= 2)
        return lo + 10;
    return 0;
}

int lunar_month_length(int year, int month, int leap)
{
    int64_t start, next;
    struct lunar_date ld;

    if (month < 1 || month > 12 || year < LUNAR_MIN_YEAR - 1 || year > LUNAR_MAX_YEAR)
        return -1;
    start = month_start_jdn(year, month, leap);
    if (start < 0)
        return -1;
    /* the next month starts at the next new moon: 29 or 30 days later */
    next = start + 29;
    if (lunar_from_solar(next - JDN_UNIX_EPOCH, &ld) < 0)
        return -1;
    return ld.day == 1 ? 29 : 30;
}

int lunar_to_solar(const struct lunar_date *ld, int64_t *day)
{
    int64_t start;
    int len;

    if (ld->day < 1 || ld->day > 30 || ld->month < 1 || ld->month > 12)
        return -1;
    len = lunar_month_length(ld->year, ld->month, ld->leap);
    if (len < 0 || ld->day > len)
        return -1;
    start = month_start_jdn(ld->year, ld->month, ld->leap);
    *day = start + ld->day - 1 - JDN_UNIX_EPOCH;
    if (*day < -25567 || *day > 47846)
        return -1;
    return 0;
}
