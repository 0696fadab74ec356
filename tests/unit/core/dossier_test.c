/* Tests for src/core/dossier.c */
#include "../test.h"
#include "core/dossier.h"

static void statuses(void **state)
{
    int s;

    (void)state;
    for (s = 1; s <= 10; s++) {
        assert_non_null(dossier_status_name(s));
        assert_non_null(dossier_status_label(s));
        assert_int_equal(dossier_status_parse(dossier_status_name(s)), s);
    }
    assert_null(dossier_status_name(0));
    assert_null(dossier_status_name(11));
    assert_int_equal(dossier_status_parse("bogus"), -1);
    assert_string_equal(dossier_status_name(DOSSIER_RETURNED), "returned");
    assert_string_equal(dossier_status_label(DOSSIER_RECEIVED), "Đã tiếp nhận");
    assert_true(dossier_status_final(DOSSIER_REFUSED));
    assert_true(dossier_status_final(DOSSIER_WITHDRAWN));
    assert_true(dossier_status_final(DOSSIER_STOPPED));
    assert_true(dossier_status_final(DOSSIER_RETURNED));
    assert_false(dossier_status_final(DOSSIER_PROCESSED));
    assert_false(dossier_status_clock_runs(DOSSIER_SUPPLEMENT));
    assert_true(dossier_status_clock_runs(DOSSIER_PROCESSING));
}

/* The whole 10 × 10 table, cell by cell. */
static void transition_table(void **state)
{
    static const char *const allowed[11] = {
        /*            to: 1 2 3 4 5 6 7 8 9 10 */
        [1] = "0110101000", [2] = "0011101000",  [3] = "0000000000", [4] = "0000111110",
        [5] = "0111001100", [6] = "0001101110",  [7] = "0000000000", [8] = "0000000000",
        [9] = "0000000001", [10] = "0000000000",
    };
    int from, to, list[DOSSIER_STATUS_MAX];

    (void)state;
    for (from = 1; from <= 10; from++) {
        size_t n = dossier_transitions_from(from, list), k = 0;
        for (to = 1; to <= 10; to++) {
            int want = allowed[from][to - 1] == '1';
            if (dossier_transition_allowed(from, to) != want)
                fail_msg("%d -> %d should be %s", from, to, want ? "allowed" : "refused");
            if (want)
                assert_int_equal(list[k++], to);
        }
        assert_int_equal(n, k);
        /* a final status has no way out */
        if (dossier_status_final(from))
            assert_int_equal(n, 0);
    }
    assert_false(dossier_transition_allowed(0, 2));
    assert_false(dossier_transition_allowed(2, 11));
    assert_false(dossier_transition_allowed(-5, 4));
}

static void channels(void **state)
{
    (void)state;
    assert_int_equal(dossier_channel_parse("counter"), CHANNEL_COUNTER);
    assert_int_equal(dossier_channel_parse("online"), CHANNEL_ONLINE);
    assert_int_equal(dossier_channel_parse("post"), CHANNEL_POST);
    assert_int_equal(dossier_channel_parse("fax"), -1);
    assert_string_equal(dossier_channel_name(CHANNEL_POST), "post");
    assert_null(dossier_channel_name(4));
    assert_int_equal(dossier_initial_status(CHANNEL_ONLINE), DOSSIER_NEW);
    assert_int_equal(dossier_initial_status(CHANNEL_COUNTER), DOSSIER_RECEIVED);
    assert_int_equal(dossier_initial_status(CHANNEL_POST), DOSSIER_RECEIVED);
}

static void parent_paths(void **state)
{
    (void)state;
    assert_int_equal(agency_parent_path_len("000.00.00.H88/000.00.02.H88/000.02.02.H88/"), 28);
    assert_int_equal(agency_parent_path_len("000.00.00.H88/000.00.02.H88/"), 14);
    assert_int_equal(agency_parent_path_len("000.00.00.H88/"), 0);
    assert_int_equal(agency_parent_path_len(""), 0);
}

static void agency_ids(void **state)
{
    static const char *const good[] = {"000.00.04.H43", "000.00.00.H43", "123.45.67.G01",
                                       "999.99.99.Z99"};
    static const char *const bad[] = {
        "",
        "000.00.04.h43",
        "000.00.04.H4",
        "000.00.04.H433",
        "00.000.04.H43",
        "000-00-04-H43",
        "000.00.4.H43",
        "000.00.04.443",
        "000.00.04.HH3",
        " 000.00.04.H43",
        "000.00.04.H43 ",
        "a00.00.04.H43",
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
        assert_true(agency_id_valid(good[i]));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (agency_id_valid(bad[i]))
            fail_msg("accepted \"%s\"", bad[i]);
}

static void codes(void **state)
{
    char code[DOSSIER_CODE_MAX], day[DOSSIER_CODE_DAY_MAX];
    static const char *const bad[] = {
        "",
        "000.00.04.H43-240315-001",     /* three digits */
        "000.00.04.H43-240315-0000",    /* counter zero */
        "000.00.04.H43-240315-0000001", /* seven digits */
        "000.00.04.H43-240315-01234",   /* padded beyond four */
        "000.00.04.H43-240230-0001",    /* 30 February */
        "000.00.04.H43-241315-0001",    /* month 13 */
        "000.00.04.H43_240315-0001",
        "000.00.04.h43-240315-0001",
        "000.00.04.H43-240315-0001-",
        "000.00.04.H43-2403150001",
        "000.00.04.H43-240315-00a1",
    };
    size_t i;

    (void)state;
    assert_int_equal(dossier_code_day(D("2024-03-15"), day), 0);
    assert_string_equal(day, "240315");
    assert_int_equal(dossier_code_day(D("2000-01-01"), day), 0);
    assert_string_equal(day, "000101");
    assert_int_equal(dossier_code_day(D("2099-12-31"), day), 0);
    assert_string_equal(day, "991231");
    assert_int_equal(dossier_code_day(D("1999-12-31"), day), -1);
    assert_int_equal(dossier_code_day(D("2100-01-01"), day), -1);
    assert_int_equal(dossier_code_format("000.00.04.H43", D("2024-03-15"), 1, code), 0);
    assert_string_equal(code, "000.00.04.H43-240315-0001");
    assert_true(dossier_code_valid(code));
    assert_int_equal(dossier_code_format("000.00.04.H43", D("2024-03-15"), 12345, code), 0);
    assert_string_equal(code, "000.00.04.H43-240315-12345");
    assert_true(dossier_code_valid(code));
    assert_int_equal(dossier_code_format("000.00.04.H43", D("2024-03-15"), 999999, code), 0);
    assert_true(dossier_code_valid(code));
    assert_int_equal(dossier_code_format("000.00.04.H43", D("2024-03-15"), 1000000, code), -1);
    assert_int_equal(dossier_code_format("000.00.04.H43", D("2024-03-15"), 0, code), -1);
    assert_int_equal(dossier_code_format("bad", D("2024-03-15"), 1, code), -1);
    assert_int_equal(dossier_code_format("000.00.04.H43", D("1999-12-31"), 1, code), -1);
    assert_true(dossier_code_valid("000.00.04.H43-240229-0001"));
    for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
        if (dossier_code_valid(bad[i]))
            fail_msg("accepted \"%s\"", bad[i]);
}

static void timeliness(void **state)
{
    int64_t due = T("2024-03-15 10:00");

    (void)state;
    assert_int_equal(dossier_timeliness(T("2024-03-14 16:59"), due), TIMELY_EARLY);
    assert_int_equal(dossier_timeliness(T("2024-03-15 07:30"), due), TIMELY_ON_TIME);
    assert_int_equal(dossier_timeliness(due, due), TIMELY_ON_TIME);
    assert_int_equal(dossier_timeliness(due + 1, due), TIMELY_LATE);
    assert_int_equal(dossier_timeliness(T("2024-03-15 00:00"), due), TIMELY_ON_TIME);
    assert_int_equal(dossier_timeliness(T("2024-03-14 23:59"), due), TIMELY_EARLY);
    assert_string_equal(timeliness_name(TIMELY_ON_TIME), "on_time");
    assert_null(timeliness_name(0));
    assert_false(dossier_index_late(TIMELY_EARLY, 1));
    assert_true(dossier_index_late(TIMELY_EARLY, 2));
    assert_true(dossier_index_late(TIMELY_LATE, 0));
}

static void applicant_fields(void **state)
{
    char last4[5];

    (void)state;
    assert_int_equal(phone_last4("0912 345 678", last4), 0);
    assert_string_equal(last4, "5678");
    assert_int_equal(phone_last4("+84-912-345-678", last4), 0);
    assert_string_equal(last4, "5678");
    assert_int_equal(phone_last4("12a3", last4), -1);
    assert_true(citizen_id_valid("001090012345"));
    assert_true(citizen_id_valid("123456789"));
    assert_false(citizen_id_valid("12345678901"));
    assert_false(citizen_id_valid("00109001234x"));
    assert_true(phone_valid("0912345678"));
    assert_true(phone_valid("+84 912 345 678"));
    assert_true(phone_valid("024.3825.1234"));
    assert_false(phone_valid("12345"));
    assert_false(phone_valid("0912-abc-678"));
    assert_false(phone_valid("++84912345678"));
    assert_true(email_valid("nguyen.van.a@example.vn"));
    assert_false(email_valid("nguyen@"));
    assert_false(email_valid("@example.vn"));
    assert_false(email_valid("a b@example.vn"));
    assert_false(email_valid("a@b@example.vn"));
    assert_false(email_valid("a@example."));
}

static void receivable(void **state)
{
    const char *dept = "000.00.00.H99/000.00.04.H99/";
    const char *division = "000.00.00.H99/000.00.04.H99/000.01.04.H99/";
    const char *centre = "000.00.00.H99/000.00.01.H99/";
    const char *commune = "000.00.00.H99/000.00.31.H99/";
    const char *province = "000.00.00.H99/";
    const char *other = "000.00.00.H01/000.00.01.H01/";

    (void)state;
    assert_true(dossier_receivable(dept, dept, "department", 0));
    assert_true(dossier_receivable(dept, division, "division", 0));
    assert_true(dossier_receivable(dept, centre, "centre", 0));
    assert_false(dossier_receivable(dept, commune, "commune", 0));
    assert_true(dossier_receivable(dept, commune, "commune", 1));
    assert_true(dossier_receivable(province, commune, "commune", 0));
    assert_false(dossier_receivable(dept, other, "centre", 1));
    assert_false(dossier_receivable(dept, province, "province", 0));
    /* a prefix of an identifier is not an ancestor */
    assert_false(dossier_receivable("000.00.00.H99/000.00.04.H99/", "000.00.00.H99/000.00.04.H991/",
                                    "division", 0));
}

/* The named status sets, by the statuses' names, and membership. */
static void status_sets(void **state)
{
#define B(s) DOSSIER_BIT(DOSSIER_##s)
    (void)state;
    assert_int_equal(DOSSIER_SET(DOSSIERS_FINAL),
                     B(REFUSED) | B(WITHDRAWN) | B(STOPPED) | B(RETURNED));
    assert_int_equal(DOSSIER_SET(DOSSIERS_OPEN), B(NEW) | B(RECEIVED) | B(PROCESSING) |
                                                     B(SUPPLEMENT) | B(FINANCIAL) | B(PROCESSED));
    assert_int_equal(DOSSIER_SET(DOSSIERS_CLOCK_RUNS), B(RECEIVED) | B(PROCESSING) | B(FINANCIAL));
    assert_int_equal(DOSSIER_SET(DOSSIERS_WAITING), B(SUPPLEMENT));
    assert_int_equal(DOSSIER_SET(DOSSIERS_IN_PROGRESS),
                     B(RECEIVED) | B(PROCESSING) | B(SUPPLEMENT) | B(FINANCIAL));
    assert_int_equal(DOSSIER_SET(DOSSIERS_CLOSED), B(REFUSED) | B(WITHDRAWN) | B(STOPPED));
#undef B
    for (int s = 0; s <= DOSSIER_STATUS_MAX + 1; s++) {
        assert_int_equal(dossier_status_in(s, DOSSIER_STATUSES_ALL), dossier_status_valid(s));
        assert_int_equal(dossier_status_in(s, DOSSIER_SET(DOSSIERS_FINAL)),
                         dossier_status_final(s));
        assert_int_equal(dossier_status_in(s, DOSSIER_SET(DOSSIERS_CLOCK_RUNS)),
                         dossier_status_clock_runs(s));
        /* a final status has no way out; an open one has */
        if (dossier_status_valid(s)) {
            int out[DOSSIER_STATUS_MAX];
            assert_int_equal(dossier_transitions_from(s, out) == 0,
                             dossier_status_in(s, DOSSIER_SET(DOSSIERS_FINAL)));
        }
    }
    assert_false(dossier_status_in(0, ~0u));
    assert_false(dossier_status_in(-1, ~0u));
    assert_false(dossier_status_in(31, ~0u));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(statuses),
        cmocka_unit_test(parent_paths),
        cmocka_unit_test(status_sets),
        cmocka_unit_test(transition_table),
        cmocka_unit_test(channels),
        cmocka_unit_test(agency_ids),
        cmocka_unit_test(codes),
        cmocka_unit_test(timeliness),
        cmocka_unit_test(applicant_fields),
        cmocka_unit_test(receivable),
    };
    return cmocka_run_group_tests_name("core/dossier", tests, NULL, NULL);
}
