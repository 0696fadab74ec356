/* Tests for src/core/date.c */
#include "../test.h"

static void civil_round_trip(void **state)
{
    int64_t d;
    int y, m, dd;

    (void)state;
    assert_int_equal(date_days_from_civil(1970, 1, 1), 0);
    assert_int_equal(date_days_from_civil(2000, 3, 1), 11017);
    assert_int_equal(date_days_from_civil(1900, 1, 1), -25567);
    for (d = -30000; d < 50000; d++) {
        date_civil_from_days(d, &y, &m, &dd);
        assert_true(date_is_valid(y, m, dd));
        assert_int_equal(date_days_from_civil(y, m, dd), d);
    }
}

static void weekdays(void **state)
{
    (void)state;
    assert_int_equal(date_weekday(D("1970-01-01")), 4);
    assert_int_equal(date_weekday(D("2024-03-11")), 1);
    assert_int_equal(date_weekday(D("2026-11-22")), 0);
    assert_int_equal(date_weekday(D("1900-01-01")), 1);
}

static void validity(void **state)
{
    (void)state;
    assert_true(date_is_valid(2024, 2, 29));
    assert_false(date_is_valid(2023, 2, 29));
    assert_false(date_is_valid(1900, 2, 29));
    assert_true(date_is_valid(2000, 2, 29));
    assert_false(date_is_valid(2024, 13, 1));
    assert_false(date_is_valid(2024, 4, 31));
    assert_false(date_is_valid(2024, 1, 0));
}

static void parse_ymd(void **state)
{
    int64_t d;

    (void)state;
    assert_int_equal(date_parse_ymd("2024-02-29", &d), 0);
    assert_int_equal(d, date_days_from_civil(2024, 2, 29));
    assert_int_equal(date_parse_ymd("2023-02-29", &d), -1);
    assert_int_equal(date_parse_ymd("2024-2-29", &d), -1);
    assert_int_equal(date_parse_ymd("2024-02-29x", &d), -1);
    assert_int_equal(date_parse_ymd("", &d), -1);
    assert_int_equal(date_parse_ymd("abcd-ef-gh", &d), -1);
}

static void parse_and_format_iso(void **state)
{
    int64_t t;
    char buf[DATE_ISO_MAX];

    (void)state;
    /* local midnight */
    assert_int_equal(date_parse_iso("2024-03-15", &t), 0);
    date_format_iso(t, buf);
    assert_string_equal(buf, "2024-03-15T00:00:00+07:00");
    assert_int_equal(date_parse_iso("2024-03-15T00:30:00Z", &t), 0);
    date_format_iso(t, buf);
    assert_string_equal(buf, "2024-03-15T07:30:00+07:00");
    assert_int_equal(date_parse_iso("2024-03-15T07:30:00+07:00", &t), 0);
    assert_int_equal(t, T("2024-03-15 07:30"));
    assert_int_equal(date_parse_iso("2024-03-15T07:30:00.250+07:00", &t), 0);
    assert_int_equal(date_parse_iso("2024-03-15T07:30", &t), 0);
    assert_int_equal(t, T("2024-03-15 07:30"));
    assert_int_equal(date_parse_iso("2024-03-14T20:30:00-04:00", &t), 0);
    assert_int_equal(t, T("2024-03-15 07:30"));
    assert_int_equal(date_parse_iso("2024-03-15T25:00", &t), -1);
    assert_int_equal(date_parse_iso("2024-03-15T07:30+7", &t), -1);
    assert_int_equal(date_parse_iso("2024-03-15X", &t), -1);
    assert_int_equal(date_parse_iso("2024-03-15T07:30:00.Z", &t), -1);
}

static void parse_local(void **state)
{
    int64_t t;

    (void)state;
    assert_int_equal(date_parse_local("2024-03-15 07:30", &t), 0);
    assert_int_equal(date_local_minute(t), 450);
    assert_int_equal(date_local_day(t), D("2024-03-15"));
    assert_int_equal(date_parse_local("2024-03-15T23:59", &t), 0);
    assert_int_equal(date_local_minute(t), 23 * 60 + 59);
    assert_int_equal(date_parse_local("2024-03-15 24:00", &t), -1);
    assert_int_equal(date_parse_local("2024-03-15 07:30:00", &t), -1);
    assert_int_equal(date_parse_local("2024-03-15", &t), -1);
}

static void local_day_boundaries(void **state)
{
    (void)state;
    /* 16:59:59 UTC is 23:59:59 local; 17:00 UTC is the next local day */
    assert_int_equal(date_local_day(D("2024-03-15") * 86400 + 16 * 3600 + 3599), D("2024-03-15"));
    assert_int_equal(date_local_day(D("2024-03-15") * 86400 + 17 * 3600), D("2024-03-16"));
    assert_int_equal(date_local_day(-1), 0); /* 1970-01-01 06:59:59 local */
    assert_int_equal(date_utc_of_local(D("2024-03-15"), 0), D("2024-03-15") * 86400 - 7 * 3600);
}

static void vietnamese_text(void **state)
{
    char buf[DATE_VN_MAX], dmy[DATE_ISO_MAX];

    (void)state;
    date_format_vn(T("2024-03-05 07:30"), buf);
    assert_string_equal(buf, "07 giờ 30 phút, ngày 05 tháng 03 năm 2024");
    date_format_vn(0, buf);
    assert_string_equal(buf, "");
    date_format_dmy(T("2024-12-31 23:59"), dmy);
    assert_string_equal(dmy, "31/12/2024");
}

static void parse_cell(void **state)
{
    int64_t d;

    (void)state;
    assert_int_equal(date_parse_cell("15/03/2024", 0, &d), 0);
    assert_int_equal(d, D("2024-03-15"));
    assert_int_equal(date_parse_cell("5/3/2024", 0, &d), 0);
    assert_int_equal(d, D("2024-03-05"));
    assert_int_equal(date_parse_cell("05-03-2024", 0, &d), 0);
    assert_int_equal(d, D("2024-03-05"));
    assert_int_equal(date_parse_cell("29.02.2024", 0, &d), 0);
    assert_int_equal(d, D("2024-02-29"));
    assert_int_equal(date_parse_cell("2024-03-15", 0, &d), 0);
    assert_int_equal(d, D("2024-03-15"));
    assert_int_equal(date_parse_cell("2024-3-5", 0, &d), 0);
    assert_int_equal(d, D("2024-03-05"));
    /* Excel serials (1900 system), with the time of day dropped */
    assert_int_equal(date_parse_cell("45366", 0, &d), 0);
    assert_int_equal(d, D("2024-03-15"));
    assert_int_equal(date_parse_cell("46022", 0, &d), 0);
    assert_int_equal(d, D("2025-12-31"));
    assert_int_equal(date_parse_cell("46022.75", 0, &d), 0);
    assert_int_equal(d, D("2025-12-31"));
    assert_int_equal(date_parse_cell("1", 0, &d), 0);
    assert_int_equal(d, D("1900-01-01"));
    assert_int_equal(date_parse_cell("59", 0, &d), 0);
    assert_int_equal(d, D("1900-02-28"));
    assert_int_equal(date_parse_cell("61", 0, &d), 0);
    assert_int_equal(d, D("1900-03-01"));
    assert_int_equal(date_parse_cell("25569", 0, &d), 0);
    assert_int_equal(d, 0);
    assert_int_equal(date_parse_cell("2958465", 0, &d), 0);
    assert_int_equal(d, D("9999-12-31"));
    assert_int_equal(date_parse_cell("15.5", 0, &d), 0); /* a serial, not a day and month */
    assert_int_equal(d, D("1900-01-15"));
    /* the 1904 system */
    assert_int_equal(date_parse_cell("0", 1, &d), 0);
    assert_int_equal(d, D("1904-01-01"));
    assert_int_equal(date_parse_cell("43904", 1, &d), 0);
    assert_int_equal(d, D("2024-03-15"));
    assert_int_equal(date_parse_cell("15/03/2024", 1, &d), 0);
    assert_int_equal(d, D("2024-03-15"));
    /* refused */
    static const char *const bad[] = {
        "",
        "0",
        "60",
        "2958466",
        "-1",
        "1e5",
        "45366,5",
        "45366.5x",
        "31/02/2024",
        "15/13/2024",
        "15/03/24",
        "15/03",
        "15/03-2024",
        "2024-02-30",
        "2024/03/15",
        "2024-03-15 08:00",
        "15/03/2024 08:00",
        " 15/03/2024",
        "ngày 15",
        "20240315",
        "123/03/2024",
        "15/03/02024",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
        d = 12345;
        if (date_parse_cell(bad[i], 0, &d) != -1 || d != 12345)
            fail_msg("accepted \"%s\"", bad[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(civil_round_trip),
        cmocka_unit_test(weekdays),
        cmocka_unit_test(validity),
        cmocka_unit_test(parse_ymd),
        cmocka_unit_test(parse_and_format_iso),
        cmocka_unit_test(parse_local),
        cmocka_unit_test(local_day_boundaries),
        cmocka_unit_test(vietnamese_text),
        cmocka_unit_test(parse_cell),
    };
    return cmocka_run_group_tests_name("core/date", tests, NULL, NULL);
}
