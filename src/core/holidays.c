/* Statutory holidays from rules, compensatory days, overrides; the working calendar. */
#include "core/holidays.h"
#include "core/date.h"
#include "core/lunar.h"
#include "lib/xalloc.h"

#include <stdlib.h>
#include <string.h>

/*
 * Labour Code 2019, Art. 112, with the earlier codes' shorter Tết (4 days until
 * 2012) and National Day (1 day until 2020). Vietnamese Culture Day rests on a
 * single report (DOMAIN.md): an administrator can change any of these rows.
 */
const struct holiday_rule holiday_default_rules[] = {
    {"Tết Dương lịch", HOLIDAY_SOLAR, 1, 1, 0, 1, 0, 0, 0},
    {"Tết Nguyên đán", HOLIDAY_LUNAR, 1, 1, -1, 5, 0, 2013, 0},
    {"Tết Nguyên đán", HOLIDAY_LUNAR, 1, 1, -1, 4, 0, 0, 2012},
    {"Giỗ Tổ Hùng Vương", HOLIDAY_LUNAR, 3, 10, 0, 1, 0, 2007, 0},
    {"Ngày Chiến thắng", HOLIDAY_SOLAR, 4, 30, 0, 1, 0, 0, 0},
    {"Ngày Quốc tế Lao động", HOLIDAY_SOLAR, 5, 1, 0, 1, 0, 0, 0},
    {"Quốc khánh", HOLIDAY_SOLAR, 9, 2, 0, 1, 1, 2021, 0},
    {"Quốc khánh", HOLIDAY_SOLAR, 9, 2, 0, 1, 0, 0, 2020},
    {"Ngày Văn hóa Việt Nam", HOLIDAY_SOLAR, 11, 24, 0, 1, 0, 2026, 0},
};
const size_t holiday_default_rules_len =
    sizeof(holiday_default_rules) / sizeof(holiday_default_rules[0]);

#define YEAR_SLOTS 372 /* a year plus a week of spill-over for compensatory days */

static int is_weekend(int64_t day)
{
    int w = date_weekday(day);
    return w == 0 || w == 6;
}

struct year_days {
    int64_t jan1;
    int kind[YEAR_SLOTS]; /* 0 or enum cal_day_kind */
    const char *name[YEAR_SLOTS];
};

static void mark(struct year_days *yd, int64_t day, int kind, const char *name)
{
    int64_t i = day - yd->jan1;

    if (i < 0 || i >= YEAR_SLOTS || yd->kind[i] == CAL_HOLIDAY)
        return;
    yd->kind[i] = kind;
    yd->name[i] = name;
}

static int is_off(const struct year_days *yd, int64_t day)
{
    int64_t i = day - yd->jan1;
    int k = (i >= 0 && i < YEAR_SLOTS) ? yd->kind[i] : 0;

    return k ? k != CAL_EXTRA_WORK : is_weekend(day);
}

/* Length of the run of days off around day, if day were off too. */
static int run_with(const struct year_days *yd, int64_t day)
{
    int n = 1;
    int64_t d;

    for (d = day - 1; is_off(yd, d) || is_weekend(d); d--)
        n++;
    for (d = day + 1; is_off(yd, d) || is_weekend(d); d++)
        n++;
    return n;
}

/* The anchor's neighbour joining the longer break; a weekday is preferred, then the day before. */
static int64_t pick_adjacent(const struct year_days *yd, int64_t anchor)
{
    int64_t before = anchor - 1, after = anchor + 1;
    int wb = !is_weekend(before), wa = !is_weekend(after);

    if (wb != wa)
        return wb ? before : after;
    return run_with(yd, after) > run_with(yd, before) ? after : before;
}

static int rule_anchor(const struct holiday_rule *r, int year, int64_t *day)
{
    if (r->calendar == HOLIDAY_LUNAR) {
        struct lunar_date ld = {r->day, r->month, year, 0};
        return lunar_to_solar(&ld, day);
    }
    if (!date_is_valid(year, r->month, r->day))
        return -1;
    *day = date_days_from_civil(year, r->month, r->day);
    return 0;
}

static int apply_rules(struct year_days *yd, int year, const struct holiday_rule *rules,
                       size_t nrules, struct err *e)
{
    size_t i;
    int pass;

    /* Fixed days first, so that an adjacent day is chosen knowing the other holidays. */
    for (pass = 0; pass < 2; pass++) {
        for (i = 0; i < nrules; i++) {
            const struct holiday_rule *r = &rules[i];
            int64_t anchor;
            int k;

            if ((r->from_year && year < r->from_year) || (r->to_year && year > r->to_year))
                continue;
            if (rule_anchor(r, year, &anchor) < 0)
                return err_set(e, 422, "out_of_range", "year %d is outside the calendar (%d-%d)",
                               year, LUNAR_MIN_YEAR, LUNAR_MAX_YEAR);
            if (pass == 0) {
                for (k = 0; k < r->length; k++)
                    mark(yd, anchor + r->offset + k, CAL_HOLIDAY, r->name);
            } else if (r->adjacent) {
                mark(yd, pick_adjacent(yd, anchor), CAL_HOLIDAY, r->name);
            }
        }
    }
    return 0;
}

/* Each holiday on a weekend gives the next weekday that is not already off. */
static void add_compensatory(struct year_days *yd)
{
    int64_t i, next = 0;

    for (i = 0; i < YEAR_SLOTS; i++) {
        int64_t day = yd->jan1 + i, d;

        if (yd->kind[i] != CAL_HOLIDAY || !is_weekend(day))
            continue;
        d = day + 1 > next ? day + 1 : next;
        while (d - yd->jan1 < YEAR_SLOTS && (is_weekend(d) || yd->kind[d - yd->jan1]))
            d++;
        mark(yd, d, CAL_COMPENSATORY, yd->name[i]);
        next = d + 1;
    }
}

/* The statutory days off of a year and their compensation. */
static int fill_year(struct year_days *yd, int year, const struct holiday_rule *rules,
                     size_t nrules, struct err *e)
{
    memset(yd, 0, sizeof(*yd));
    yd->jan1 = date_days_from_civil(year, 1, 1);
    if (year < LUNAR_MIN_YEAR || year > LUNAR_MAX_YEAR)
        return err_set(e, 422, "out_of_range", "year %d is outside the calendar (%d-%d)", year,
                       LUNAR_MIN_YEAR, LUNAR_MAX_YEAR);
    if (apply_rules(yd, year, rules, nrules, e) < 0)
        return -1;
    add_compensatory(yd);
    return 0;
}

/* Compensatory days of the previous year that land in January of this one. */
static int spill_from_previous(struct year_days *yd, int year, const struct holiday_rule *rules,
                               size_t nrules, struct err *e)
{
    struct year_days *prev;
    int64_t i;

    if (year - 1 < LUNAR_MIN_YEAR)
        return 0;
    prev = xmalloc(sizeof(*prev));
    if (fill_year(prev, year - 1, rules, nrules, e) < 0) {
        free(prev);
        return -1;
    }
    for (i = 0; i < YEAR_SLOTS; i++) {
        int64_t day = prev->jan1 + i;
        if (prev->kind[i] && day >= yd->jan1 && day - yd->jan1 < YEAR_SLOTS &&
            !yd->kind[day - yd->jan1])
            mark(yd, day, prev->kind[i], prev->name[i]);
    }
    free(prev);
    return 0;
}

int holidays_of_year(int year, const struct holiday_rule *rules, size_t nrules,
                     const struct cal_override *ov, size_t nov, struct cal_day *out, size_t max,
                     struct err *e)
{
    struct year_days *yd = xmalloc(sizeof(*yd));
    int64_t i, end;
    int n = -1;

    if (fill_year(yd, year, rules, nrules, e) < 0 ||
        spill_from_previous(yd, year, rules, nrules, e) < 0)
        goto out;
    /* announced overrides win over the rules */
    for (i = 0; i < (int64_t)nov; i++)
        if (ov[i].day >= yd->jan1 && ov[i].day - yd->jan1 < YEAR_SLOTS) {
            yd->kind[ov[i].day - yd->jan1] = ov[i].work ? CAL_EXTRA_WORK : CAL_EXTRA_OFF;
            yd->name[ov[i].day - yd->jan1] = ov[i].name;
        }
    end = date_days_from_civil(year + 1, 1, 1) - yd->jan1;
    n = 0;
    for (i = 0; i < end && (size_t)n < max; i++) {
        if (!yd->kind[i])
            continue;
        out[n].day = yd->jan1 + i;
        out[n].kind = yd->kind[i];
        out[n].name = yd->name[i];
        n++;
    }
out:
    free(yd);
    return n;
}

int workcal_build(struct workcal *c, int year_from, int year_to, const struct holiday_rule *rules,
                  size_t nrules, const struct cal_override *ov, size_t nov, struct err *e)
{
    struct cal_day days[370];
    int y, i, n;

    memset(c, 0, sizeof(*c));
    if (year_to < year_from)
        return err_set(e, 500, "internal", "empty calendar range");
    c->year_from = year_from;
    c->year_to = year_to;
    c->day0 = date_days_from_civil(year_from, 1, 1);
    c->ndays = (int)(date_days_from_civil(year_to + 1, 1, 1) - c->day0);
    c->off = xmalloc((size_t)c->ndays);
    for (i = 0; i < c->ndays; i++)
        c->off[i] = (unsigned char)is_weekend(c->day0 + i);
    for (y = year_from; y <= year_to; y++) {
        n = holidays_of_year(y, rules, nrules, ov, nov, days, sizeof(days) / sizeof(days[0]), e);
        if (n < 0) {
            workcal_release(c);
            return -1;
        }
        for (i = 0; i < n; i++)
            c->off[days[i].day - c->day0] = days[i].kind != CAL_EXTRA_WORK;
    }
    return 0;
}

void workcal_release(struct workcal *c)
{
    free(c->off);
    free(c->hours);
    c->off = NULL;
    c->hours = NULL;
    c->ndays = 0;
    c->nhours = 0;
}

int workcal_is_off(const struct workcal *c, int64_t day)
{
    int64_t i = day - c->day0;

    if (i < 0 || i >= c->ndays)
        return -1;
    return c->off[i];
}
