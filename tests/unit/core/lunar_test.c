/* Tests for src/core/lunar.c: published Vietnamese calendar facts, then every day of the range. */
#include "../test.h"
#include "core/lunar.h"

static void expect_lunar(const char *solar, int d, int m, int y, int leap)
{
    struct lunar_date ld;
    int64_t back;

    assert_int_equal(lunar_from_solar(D(solar), &ld), 0);
    if (ld.day != d || ld.month != m || ld.year != y || ld.leap != leap)
        fail_msg("%s: got %d/%d/%d%s, expected %d/%d/%d%s", solar, ld.day, ld.month, ld.year,
                 ld.leap ? " leap" : "", d, m, y, leap ? " leap" : "");
    assert_int_equal(lunar_to_solar(&ld, &back), 0);
    assert_int_equal(back, D(solar));
}

/* Tết (1/1) of each year as published by Vietnamese calendars. */
static void tet_dates(void **state)
{
    static const char *const tet[] = {
        "2000-02-05", "2001-01-24", "2002-02-12", "2003-02-01", "2004-01-22", "2005-02-09",
        "2006-01-29", "2007-02-17", "2008-02-07", "2009-01-26", "2010-02-14", "2011-02-03",
        "2012-01-23", "2013-02-10", "2014-01-31", "2015-02-19", "2016-02-08", "2017-01-28",
        "2018-02-16", "2019-02-05", "2020-01-25", "2021-02-12", "2022-02-01", "2023-01-22",
        "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", "2029-02-13",
        "2030-02-02",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(tet) / sizeof(tet[0]); i++)
        expect_lunar(tet[i], 1, 1, 2000 + (int)i, 0);
}

/* Years where the UTC+7 calendar differs from the Chinese (UTC+8) one. */
static void differs_from_chinese(void **state)
{
    (void)state;
    expect_lunar("1985-01-21", 1, 1, 1985, 0); /* China: 1985-02-20 */
    expect_lunar("2007-02-17", 1, 1, 2007, 0); /* China: 2007-02-18 */
    expect_lunar("2030-02-02", 1, 1, 2030, 0); /* China: 2030-02-03 */
    expect_lunar("2030-02-01", 29, 12, 2029, 0);
}

static void leap_months(void **state)
{
    (void)state;
    assert_int_equal(lunar_leap_month(2001), 4);
    assert_int_equal(lunar_leap_month(2004), 2);
    assert_int_equal(lunar_leap_month(2006), 7);
    assert_int_equal(lunar_leap_month(2009), 5);
    assert_int_equal(lunar_leap_month(2012), 4);
    assert_int_equal(lunar_leap_month(2014), 9);
    assert_int_equal(lunar_leap_month(2017), 6);
    assert_int_equal(lunar_leap_month(2020), 4);
    assert_int_equal(lunar_leap_month(2023), 2);
    assert_int_equal(lunar_leap_month(2025), 6);
    assert_int_equal(lunar_leap_month(2028), 5);
    assert_int_equal(lunar_leap_month(2024), 0);
    assert_int_equal(lunar_leap_month(2026), 0);
    assert_int_equal(lunar_leap_month(1800), -1);
    /* the first day of the leap month, and the normal month before it */
    expect_lunar("2023-03-22", 1, 2, 2023, 1);
    expect_lunar("2023-02-20", 1, 2, 2023, 0);
    expect_lunar("2020-05-23", 1, 4, 2020, 1);
    expect_lunar("2025-07-25", 1, 6, 2025, 1);
    expect_lunar("2025-06-25", 1, 6, 2025, 0);
}

static void known_days(void **state)
{
    (void)state;
    expect_lunar("2024-09-17", 15, 8, 2024, 0); /* Mid-Autumn */
    expect_lunar("2025-10-06", 15, 8, 2025, 0);
    expect_lunar("2024-04-18", 10, 3, 2024, 0); /* Hùng Kings */
    expect_lunar("2025-04-07", 10, 3, 2025, 0);
    expect_lunar("2026-04-26", 10, 3, 2026, 0);
    expect_lunar("2024-02-09", 30, 12, 2023, 0); /* a 29- or 30-day 12th month */
    expect_lunar("2025-01-28", 29, 12, 2024, 0);
    expect_lunar("1900-01-31", 1, 1, 1900, 0);
}

static void nonexistent_dates(void **state)
{
    struct lunar_date ld = {1, 3, 2023, 1}; /* 2023 has no leap 3rd month */
    int64_t d;

    (void)state;
    assert_int_equal(lunar_to_solar(&ld, &d), -1);
    ld = (struct lunar_date){30, 12, 2024, 0}; /* 12th month of 2024 has 29 days */
    assert_int_equal(lunar_to_solar(&ld, &d), -1);
    ld = (struct lunar_date){0, 1, 2024, 0};
    assert_int_equal(lunar_to_solar(&ld, &d), -1);
    ld = (struct lunar_date){1, 13, 2024, 0};
    assert_int_equal(lunar_to_solar(&ld, &d), -1);
    assert_int_equal(lunar_month_length(2024, 12, 0), 29);
    assert_int_equal(lunar_month_length(2023, 12, 0), 30);
    assert_int_equal(lunar_month_length(2023, 3, 1), -1);
    assert_int_equal(lunar_from_solar(D("1899-12-31"), &ld), -1);
    assert_int_equal(lunar_from_solar(D("2101-01-01"), &ld), -1);
}

/*
 * Every day 1900-01-31..2100-12-31: the lunar date advances by one day or starts a
 * new month after a 29- or 30-day month, months come in order (a leap month
 * repeats the one before it), each year has 12 or 13 months, and converting
 * back gives the same day.
 */
static void whole_range_is_consistent(void **state)
{
    struct lunar_date prev, cur;
    int64_t d, back, first = D("1900-01-31"), last = D("2100-12-31");
    int months_in_year = 1;

    (void)state;
    assert_int_equal(lunar_from_solar(first, &prev), 0);
    for (d = first + 1; d <= last; d++) {
        assert_int_equal(lunar_from_solar(d, &cur), 0);
        if (cur.day == 1) {
            assert_true(prev.day == 29 || prev.day == 30);
            if (cur.leap) {
                assert_int_equal(cur.month, prev.month);
                assert_int_equal(lunar_leap_month(cur.year), cur.month);
            } else {
                assert_int_equal(cur.month, prev.month % 12 + 1);
            }
            if (cur.month == 1 && !cur.leap) {
                assert_int_equal(cur.year, prev.year + 1);
                assert_true(months_in_year == 12 || months_in_year == 13);
                assert_int_equal(months_in_year == 13, lunar_leap_month(prev.year) != 0);
                months_in_year = 0;
            } else {
                assert_int_equal(cur.year, prev.year);
            }
            months_in_year++;
        } else {
            assert_int_equal(cur.day, prev.day + 1);
            assert_int_equal(cur.month, prev.month);
            assert_int_equal(cur.leap, prev.leap);
        }
        if (d % 7 == 0) { /* the reverse is slower: check a seventh of the days */
            assert_int_equal(lunar_to_solar(&cur, &back), 0);
            assert_int_equal(back, d);
        }
        prev = cur;
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tet_dates),         cmocka_unit_test(differs_from_chinese),
        cmocka_unit_test(leap_months),       cmocka_unit_test(known_days),
        cmocka_unit_test(nonexistent_dates), cmocka_unit_test(whole_range_is_consistent),
    };
    return cmocka_run_group_tests_name("core/lunar", tests, NULL, NULL);
}
