/* Tests for src/core/holidays.c */
#include "../test.h"
#include "core/holidays.h"

#define R holiday_default_rules, holiday_default_rules_len

struct expect {
    const char *day;
    int kind;
};

static void expect_year(int year, const struct cal_override *ov, size_t nov,
                        const struct expect *want, size_t nwant)
{
    struct cal_day days[64];
    struct err e = ERR_INIT;
    char buf[DATE_ISO_MAX];
    int n, i;

    n = holidays_of_year(year, R, ov, nov, days, 64, &e);
    assert_int_not_equal(n, -1);
    for (i = 0; i < n && (size_t)i < nwant; i++) {
        date_format_ymd(days[i].day, buf);
        if (strcmp(buf, want[i].day) || days[i].kind != want[i].kind)
            fail_msg("%d: day %d is %s kind %d, expected %s kind %d", year, i, buf, days[i].kind,
                     want[i].day, want[i].kind);
    }
    assert_int_equal(n, (int)nwant);
}

static void year_2025(void **state)
{
    static const struct expect want[] = {
        {"2025-01-01", CAL_HOLIDAY},      {"2025-01-28", CAL_HOLIDAY}, /* 29 Tết */
        {"2025-01-29", CAL_HOLIDAY},      {"2025-01-30", CAL_HOLIDAY},
        {"2025-01-31", CAL_HOLIDAY},      {"2025-02-01", CAL_HOLIDAY}, /* a Saturday */
        {"2025-02-03", CAL_COMPENSATORY}, {"2025-04-07", CAL_HOLIDAY}, /* Hùng Kings */
        {"2025-04-30", CAL_HOLIDAY},      {"2025-05-01", CAL_HOLIDAY},
        {"2025-09-01", CAL_HOLIDAY}, /* Tuesday 2/9 joins the weekend through Monday 1/9 */
        {"2025-09-02", CAL_HOLIDAY},
    };
    (void)state;
    expect_year(2025, NULL, 0, want, sizeof(want) / sizeof(want[0]));
}

static void year_2026_with_culture_day(void **state)
{
    static const struct expect want[] = {
        {"2026-01-01", CAL_HOLIDAY},      {"2026-02-16", CAL_HOLIDAY}, {"2026-02-17", CAL_HOLIDAY},
        {"2026-02-18", CAL_HOLIDAY},      {"2026-02-19", CAL_HOLIDAY}, {"2026-02-20", CAL_HOLIDAY},
        {"2026-04-26", CAL_HOLIDAY}, /* Sunday */
        {"2026-04-27", CAL_COMPENSATORY}, {"2026-04-30", CAL_HOLIDAY}, {"2026-05-01", CAL_HOLIDAY},
        {"2026-09-01", CAL_HOLIDAY},      {"2026-09-02", CAL_HOLIDAY}, {"2026-11-24", CAL_HOLIDAY},
    };
    (void)state;
    expect_year(2026, NULL, 0, want, sizeof(want) / sizeof(want[0]));
}

/* National Day's second day: the neighbour that joins a weekend. */
static void national_day_neighbour(void **state)
{
    struct cal_day days[64];
    struct err e = ERR_INIT;
    static const struct {
        int year;
        const char *days[4];
    } cases[] = {
        {2021, {"2021-09-02", "2021-09-03"}},               /* Thu: Friday joins */
        {2022, {"2022-09-01", "2022-09-02"}},               /* Fri: Thursday, a weekday */
        {2023, {"2023-09-01", "2023-09-02", "2023-09-04"}}, /* Sat: Friday + Monday off */
        {2024, {"2024-09-02", "2024-09-03"}},               /* Mon: Tuesday, a weekday */
    };
    size_t c;

    (void)state;
    for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
        int n = holidays_of_year(cases[c].year, R, NULL, 0, days, 64, &e), i, k = 0;
        char buf[DATE_ISO_MAX];

        assert_true(n > 0);
        for (i = 0; i < n; i++) {
            date_format_ymd(days[i].day, buf);
            if (strncmp(buf + 5, "09-", 3))
                continue;
            assert_non_null(cases[c].days[k]);
            assert_string_equal(buf, cases[c].days[k]);
            k++;
        }
        assert_null(cases[c].days[k]);
    }
}

static void overrides(void **state)
{
    /* 2025's announcement: Tết from Saturday 25/1 to Sunday 2/2 */
    struct cal_override ov[] = {
        {0, 0, "Nghỉ Tết (hoán đổi)"},
        {0, 0, "Nghỉ Tết (hoán đổi)"},
        {0, 1, "Làm bù"},
    };
    struct workcal c;
    struct err e = ERR_INIT;

    (void)state;
    ov[0].day = D("2025-01-27");
    ov[1].day = D("2025-02-03");
    ov[2].day = D("2025-02-08"); /* a Saturday made a working day */
    assert_int_equal(workcal_build(&c, 2025, 2025, R, ov, 3, &e), 0);
    assert_int_equal(workcal_is_off(&c, D("2025-01-24")), 0);
    assert_int_equal(workcal_is_off(&c, D("2025-01-25")), 1);
    assert_int_equal(workcal_is_off(&c, D("2025-01-27")), 1);
    assert_int_equal(workcal_is_off(&c, D("2025-02-03")), 1);
    assert_int_equal(workcal_is_off(&c, D("2025-02-04")), 0);
    assert_int_equal(workcal_is_off(&c, D("2025-02-08")), 0);
    assert_int_equal(workcal_is_off(&c, D("2025-02-09")), 1);
    assert_int_equal(workcal_is_off(&c, D("2024-12-31")), -1);
    assert_int_equal(workcal_is_off(&c, D("2026-01-01")), -1);
    workcal_release(&c);
}

static void custom_rules_are_data(void **state)
{
    static const struct holiday_rule rules[] = {
        {"Ngày thử", HOLIDAY_SOLAR, 3, 8, 0, 2, 0, 2024, 2024},
        {"Rằm tháng Giêng", HOLIDAY_LUNAR, 1, 15, 0, 1, 0, 0, 0},
    };
    struct cal_day days[8];
    struct err e = ERR_INIT;
    int n;

    (void)state;
    n = holidays_of_year(2024, rules, 2, NULL, 0, days, 8, &e);
    assert_int_equal(n, 5);
    assert_int_equal(days[0].day, D("2024-02-24")); /* 15/1 lunar, a Saturday */
    assert_int_equal(days[1].day, D("2024-02-26"));
    assert_int_equal(days[1].kind, CAL_COMPENSATORY);
    assert_int_equal(days[2].day, D("2024-03-08"));
    assert_string_equal(days[3].name, "Ngày thử");
    assert_int_equal(days[3].day, D("2024-03-09")); /* a Saturday: Monday 11/3 is off */
    assert_int_equal(days[4].day, D("2024-03-11"));
    assert_int_equal(days[4].kind, CAL_COMPENSATORY);
    n = holidays_of_year(2025, rules, 2, NULL, 0, days, 8, &e);
    assert_int_equal(n, 1);
}

static void out_of_range(void **state)
{
    struct cal_day days[8];
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(holidays_of_year(1899, R, NULL, 0, days, 8, &e), -1);
    assert_int_equal(e.http, 422);
    err_clear(&e);
    assert_int_equal(holidays_of_year(2101, R, NULL, 0, days, 8, &e), -1);
    assert_true(holidays_of_year(2100, R, NULL, 0, days, 8, &e) > 0);
}

/* Every year of the range: a holiday is never on a working override unless asked,
   compensatory days are weekdays, and the statutory count per year holds. */
static void every_year(void **state)
{
    struct cal_day days[64];
    struct err e = ERR_INIT;
    int y, i, n;

    (void)state;
    for (y = 2021; y <= 2100; y++) {
        int holidays = 0;

        n = holidays_of_year(y, R, NULL, 0, days, 64, &e);
        assert_true(n > 0);
        for (i = 0; i < n; i++) {
            int w = date_weekday(days[i].day);
            if (i)
                assert_true(days[i].day > days[i - 1].day);
            if (days[i].kind == CAL_COMPENSATORY)
                assert_true(w != 0 && w != 6);
            holidays += days[i].kind == CAL_HOLIDAY;
        }
        /* 1 + 5 + 1 + 1 + 1 + 2, and Culture Day from 2026 */
        assert_int_equal(holidays, y >= 2026 ? 12 : 11);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(year_2025),
        cmocka_unit_test(year_2026_with_culture_day),
        cmocka_unit_test(national_day_neighbour),
        cmocka_unit_test(overrides),
        cmocka_unit_test(custom_rules_are_data),
        cmocka_unit_test(out_of_range),
        cmocka_unit_test(every_year),
    };
    return cmocka_run_group_tests_name("core/holidays", tests, NULL, NULL);
}
