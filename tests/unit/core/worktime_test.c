/* Tests for src/core/worktime.c */
#include "../test.h"
#include "core/worktime.h"

static struct workcal cal;
static const struct office_hours *OH = &office_hours_default;

static int setup(void **state)
{
    struct err e = ERR_INIT;

    (void)state;
    return workcal_build(&cal, 2023, 2027, holiday_default_rules, holiday_default_rules_len, NULL,
                         0, &e);
}

static int teardown(void **state)
{
    (void)state;
    workcal_release(&cal);
    return 0;
}

static void expect_due(const char *received, int kind, double days, const char *due)
{
    struct err e = ERR_INIT;
    int64_t out = 0;

    if (worktime_due(&cal, OH, T(received), kind, days, &out, &e) < 0)
        fail_msg("%s + %g: %s", received, days, e.msg);
    assert_local_equal(out, due);
}

static void working_days(void **state)
{
    (void)state;
    /* the contract's example: a due time on a closing time stays there */
    expect_due("2024-03-11 07:30", DURATION_WORKING, 1, "2024-03-11 17:00");
    expect_due("2024-03-11 10:00", DURATION_WORKING, 1, "2024-03-12 10:00");
    expect_due("2024-03-15 10:00", DURATION_WORKING, 1, "2024-03-18 10:00"); /* over a weekend */
    expect_due("2024-03-11 13:00", DURATION_WORKING, 1, "2024-03-12 11:30");
    expect_due("2024-03-11 07:30", DURATION_WORKING, 5, "2024-03-15 17:00");
    expect_due("2024-03-11 07:30", DURATION_WORKING, 0.5, "2024-03-11 11:30");
    expect_due("2024-03-11 09:15", DURATION_WORKING, 15, "2024-04-01 09:15");
    expect_due("2024-03-11 07:30", DURATION_WORKING, 0, "2024-03-11 07:30");
}

static void outside_office_hours(void **state)
{
    (void)state;
    expect_due("2024-03-11 06:00", DURATION_WORKING, 1, "2024-03-11 17:00");   /* before opening */
    expect_due("2024-03-11 11:45", DURATION_WORKING, 0.5, "2024-03-11 17:00"); /* lunch */
    expect_due("2024-03-11 11:30", DURATION_WORKING, 0.5, "2024-03-11 17:00"); /* at closing */
    expect_due("2024-03-11 17:30", DURATION_WORKING, 1, "2024-03-12 17:00");   /* evening */
    expect_due("2024-03-16 09:00", DURATION_WORKING, 1, "2024-03-18 17:00");   /* Saturday */
    expect_due("2024-03-17 23:59", DURATION_WORKING, 2, "2024-03-19 17:00");   /* Sunday night */
}

static void across_holidays(void **state)
{
    (void)state;
    /* Tết 2025: 28/1..1/2 off, Monday 3/2 compensatory */
    expect_due("2025-01-27 08:00", DURATION_WORKING, 2, "2025-02-05 08:00");
    expect_due("2025-01-24 16:00", DURATION_WORKING, 1, "2025-01-27 16:00"); /* Monday works */
    /* 30/4 and 1/5 2025, a Wednesday and Thursday */
    expect_due("2025-04-29 07:30", DURATION_WORKING, 2, "2025-05-02 17:00");
    /* Hùng Kings 2026 on a Sunday: Monday 27/4 is off */
    expect_due("2026-04-24 07:30", DURATION_WORKING, 3, "2026-04-29 17:00");
    /* a dossier received on a holiday starts at the next opening */
    expect_due("2025-01-30 09:00", DURATION_WORKING, 1, "2025-02-04 17:00");
    /* Culture Day 24/11/2026, a Tuesday */
    expect_due("2026-11-23 07:30", DURATION_WORKING, 2, "2026-11-25 17:00");
}

static void calendar_days(void **state)
{
    (void)state;
    /* Monday + 5 days is Saturday: rolls to Monday's closing */
    expect_due("2024-03-11 10:00", DURATION_CALENDAR, 5, "2024-03-18 17:00");
    expect_due("2024-03-11 10:00", DURATION_CALENDAR, 3, "2024-03-14 17:00");
    /* + 30 days from 2025-01-02 lands on 1/2, Tết: rolls past the compensatory Monday */
    expect_due("2025-01-02 08:00", DURATION_CALENDAR, 30, "2025-02-04 17:00");
    /* received after closing: counting starts on the next working day */
    expect_due("2024-03-15 18:00", DURATION_CALENDAR, 1, "2024-03-19 17:00");
}

static void result_never_on_a_day_off(void **state)
{
    struct err e = ERR_INIT;
    int64_t start = T("2024-12-20 07:30"), out;
    int i, days;

    (void)state;
    for (i = 0; i < 24 * 60; i += 17)
        for (days = 0; days <= 40; days += 3) {
            int k;
            for (k = 0; k < 2; k++) {
                int m;
                assert_int_equal(worktime_due(&cal, OH, start + i * 60, k, days, &out, &e), 0);
                assert_int_equal(workcal_is_off(&cal, date_local_day(out)), 0);
                m = date_local_minute(out);
                assert_true((m >= 450 && m <= 690) || (m >= 780 && m <= 1020));
            }
        }
}

static void between(void **state)
{
    struct err e = ERR_INIT;
    int64_t n;

    (void)state;
    assert_int_equal(
        worktime_between(&cal, OH, T("2024-03-11 07:30"), T("2024-03-11 17:00"), &n, &e), 0);
    assert_int_equal(n, 480);
    worktime_between(&cal, OH, T("2024-03-11 14:00"), T("2024-03-13 09:00"), &n, &e);
    assert_int_equal(n, 180 + 480 + 90);
    worktime_between(&cal, OH, T("2024-03-15 12:00"), T("2024-03-18 07:00"), &n, &e);
    assert_int_equal(n, 240);
    worktime_between(&cal, OH, T("2024-03-18 07:00"), T("2024-03-15 12:00"), &n, &e);
    assert_int_equal(n, 0);
    worktime_between(&cal, OH, T("2025-01-27 07:30"), T("2025-02-04 07:30"), &n, &e);
    assert_int_equal(n, 480);
}

/* add and between are inverse on any start inside office hours */
static void add_between_inverse(void **state)
{
    struct err e = ERR_INIT;
    int64_t start = T("2024-12-30 07:30"), out, back;
    int i;

    (void)state;
    for (i = 0; i < 3000; i += 7) {
        assert_int_equal(worktime_add(&cal, OH, start, i, &out, &e), 0);
        assert_int_equal(worktime_between(&cal, OH, start, out, &back, &e), 0);
        assert_int_equal(back, i);
    }
}

/* sub counts back: over lunch, a weekend and Tết, and inverts add and between */
static void sub(void **state)
{
    struct err e = ERR_INIT;
    int64_t out, back, t;
    int i;

    (void)state;
    assert_int_equal(worktime_sub(&cal, OH, T("2024-03-11 14:00"), 60, &out, &e), 0);
    assert_local_equal(out, "2024-03-11 13:00"); /* back to the opening after lunch */
    worktime_sub(&cal, OH, T("2024-03-11 14:00"), 90, &out, &e);
    assert_local_equal(out, "2024-03-11 11:00"); /* the hour after lunch, half an hour before */
    worktime_sub(&cal, OH, T("2024-03-18 08:30"), 120, &out, &e);
    assert_local_equal(out, "2024-03-15 16:00"); /* over the weekend */
    worktime_sub(&cal, OH, T("2024-03-18 06:00"), 0, &out, &e);
    assert_local_equal(out, "2024-03-18 06:00");
    worktime_sub(&cal, OH, T("2024-03-16 12:00"), 480, &out, &e);
    assert_local_equal(out, "2024-03-15 07:30"); /* a whole day ends at its opening */
    worktime_sub(&cal, OH, T("2025-02-04 08:30"), 120, &out, &e);
    assert_local_equal(out, "2025-01-27 16:00"); /* back over Tết 2025 (28/1 to 3/2) */
    for (t = T("2025-01-20 09:13"), i = 1; i < 6000; i += 37) {
        assert_int_equal(worktime_sub(&cal, OH, t, i, &out, &e), 0);
        assert_int_equal(worktime_between(&cal, OH, out, t, &back, &e), 0);
        assert_int_equal(back, i);
        assert_int_equal(worktime_add(&cal, OH, out, i, &back, &e), 0);
        assert_int_equal(back, t);
    }
    assert_int_equal(worktime_sub(&cal, OH, T("2023-01-05 08:00"), 480 * 10, &out, &e), -1);
    assert_string_equal(e.code, "out_of_range");
}

static void supplement_pause(void **state)
{
    struct err e = ERR_INIT;
    int64_t out;

    (void)state;
    assert_int_equal(worktime_resume(&cal, OH, T("2024-03-19 10:00"), T("2024-03-11 14:00"),
                                     T("2024-03-13 09:00"), &out, &e),
                     0);
    assert_local_equal(out, "2024-03-20 16:00");
    /* paused and resumed outside office hours: nothing moves */
    worktime_resume(&cal, OH, T("2024-03-19 10:00"), T("2024-03-15 18:00"), T("2024-03-17 10:00"),
                    &out, &e);
    assert_local_equal(out, "2024-03-19 10:00");
    /* a due time on a closing time moves into the next day */
    worktime_resume(&cal, OH, T("2024-03-19 17:00"), T("2024-03-12 07:30"), T("2024-03-12 08:30"),
                    &out, &e);
    assert_local_equal(out, "2024-03-20 08:30");
}

static void other_office_hours(void **state)
{
    struct office_hours oh;
    struct err e = ERR_INIT;
    int64_t out;
    char text[OFFICE_HOURS_TEXT_MAX];

    (void)state;
    assert_int_equal(office_hours_parse("07:00-11:00,13:30-17:30", &oh, &e), 0);
    office_hours_format(&oh, text);
    assert_string_equal(text, "07:00-11:00,13:30-17:30");
    assert_int_equal(worktime_due(&cal, &oh, T("2024-03-11 07:00"), 0, 1, &out, &e), 0);
    assert_local_equal(out, "2024-03-11 17:30");
    assert_int_equal(office_hours_parse("08:00-16:00", &oh, &e), 0);
    assert_int_equal(worktime_due(&cal, &oh, T("2024-03-11 12:00"), 0, 1, &out, &e), 0);
    assert_local_equal(out, "2024-03-12 12:00");
}

static void bad_office_hours(void **state)
{
    static const char *const bad[] = {
        "",
        "07:30-11:30",                                                 /* 4 hours */
        "07:30-11:30,13:00-18:00",                                     /* 9 hours */
        "13:00-17:00,07:30-11:30",                                     /* out of order */
        "07:30-11:30,11:30-15:30",                                     /* adjacent */
        "7:30-11:30,13:00-17:00",                                      /* not HH:MM */
        "07:30-11:30;13:00-17:00",                                     /* separator */
        "07:30-11:30,13:00-17:00,",                                    /* trailing comma */
        "11:30-07:30,13:00-17:00",                                     /* closes before it opens */
        "07:30-08:30,09:00-10:00,10:30-11:30,13:00-14:00,15:00-19:00", /* five */
        "25:00-26:00",
    };
    struct office_hours oh;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        struct err e = ERR_INIT;
        if (office_hours_parse(bad[i], &oh, &e) == 0)
            fail_msg("accepted \"%s\"", bad[i]);
        assert_int_equal(e.http, 422);
        assert_string_equal(e.fields[0].field, "office_hours");
    }
}

static void range_and_bad_durations(void **state)
{
    struct err e = ERR_INIT;
    int64_t out;

    (void)state;
    assert_int_equal(worktime_due(&cal, OH, T("2027-12-20 08:00"), 0, 30, &out, &e), -1);
    assert_int_equal(e.http, 422);
    err_clear(&e);
    assert_int_equal(worktime_due(&cal, OH, T("2024-03-11 08:00"), 1, 1.5, &out, &e), -1);
    err_clear(&e);
    assert_int_equal(worktime_due(&cal, OH, T("2024-03-11 08:00"), 0, -1, &out, &e), -1);
    assert_true(worktime_years_needed(2024, 0, 15) >= 2025);
    assert_true(worktime_years_needed(2024, 0, 600) >= 2027);
}

/* A working day is WORKDAY_HOURS hours: one day's due time is that many hours of work away. */
static void workday(void **state)
{
    struct err e = ERR_INIT;
    int64_t by_hours = 0, by_day = 0;

    (void)state;
    assert_int_equal(WORKDAY_HOURS * 60, WORKDAY_MINUTES);
    assert_int_equal(WORKDAY_HOURS, 8);
    assert_int_equal(
        worktime_add(&cal, OH, T("2024-03-11 10:00"), WORKDAY_HOURS * 60, &by_hours, &e), 0);
    assert_int_equal(
        worktime_due(&cal, OH, T("2024-03-11 10:00"), DURATION_WORKING, 1, &by_day, &e), 0);
    assert_int_equal(by_hours, by_day);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(working_days),
        cmocka_unit_test(workday),
        cmocka_unit_test(outside_office_hours),
        cmocka_unit_test(across_holidays),
        cmocka_unit_test(calendar_days),
        cmocka_unit_test(result_never_on_a_day_off),
        cmocka_unit_test(between),
        cmocka_unit_test(add_between_inverse),
        cmocka_unit_test(sub),
        cmocka_unit_test(supplement_pause),
        cmocka_unit_test(other_office_hours),
        cmocka_unit_test(bad_office_hours),
        cmocka_unit_test(range_and_bad_durations),
    };
    return cmocka_run_group_tests_name("core/worktime", tests, setup, teardown);
}
