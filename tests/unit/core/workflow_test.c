/* Tests for src/core/workflow.c */
#include "../test.h"
#include "core/date.h"
#include "core/workflow.h"

/* Every action, from every status: allowed exactly where the table says. */
static void from_statuses(void **state)
{
    static const char *const from[ACT_COUNT] = {
        /*                 status: 1 2 3 4 5 6 7 8 9 10 */
        [ACT_ACCEPT] = "1000000000",     [ACT_REFUSE] = "1100100000",
        [ACT_HANDOVER] = "0100000000",   [ACT_REQUEST_SUPPLEMENT] = "1101010000",
        [ACT_SUPPLEMENT] = "0000100000", [ACT_FORWARD] = "0001000000",
        [ACT_APPROVE] = "0001000000",    [ACT_SEND_BACK] = "0001000000",
        [ACT_CONSULT] = "0001000000",    [ACT_REQUEST_PAYMENT] = "0001000000",
        [ACT_PAY] = "0000010000",        [ACT_FINISH] = "0001000000",
        [ACT_RETURN] = "0000000010",     [ACT_WITHDRAW] = "1101110000",
        [ACT_STOP] = "0001110000",       [ACT_APOLOGIZE] = "0101110000",
    };
    int a, s;

    (void)state;
    for (a = 0; a < ACT_COUNT; a++) {
        assert_non_null(action_get(a));
        assert_int_equal(action_parse(action_get(a)->name), a);
        for (s = 1; s <= 10; s++)
            if (action_allowed_from(a, s) != (from[a][s - 1] == '1'))
                fail_msg("%s from %d", action_get(a)->name, s);
        assert_false(action_allowed_from(a, 0));
        assert_false(action_allowed_from(a, 11));
    }
    assert_int_equal(action_parse("approve-everything"), -1);
    assert_null(action_get(ACT_COUNT));
}

/* No action moves a dossier where the status table forbids, and final statuses allow none. */
static void consistent_with_status_table(void **state)
{
    int a, s, list[ACT_COUNT];

    (void)state;
    for (a = 0; a < ACT_COUNT; a++) {
        const struct action_def *d = action_get(a);
        for (s = 1; s <= 10; s++) {
            int to;
            if (!action_allowed_from(a, s))
                continue;
            to = a == ACT_SUPPLEMENT ? workflow_resume_status(DOSSIER_PROCESSING) : d->to;
            if (to && to != s && !dossier_transition_allowed(s, to))
                fail_msg("%s: %d -> %d is not in the status table", d->name, s, to);
        }
    }
    for (s = 1; s <= 10; s++)
        if (dossier_status_final(s))
            assert_int_equal(actions_from(s, list), 0);
    assert_int_equal(actions_from(DOSSIER_PROCESSED, list), 1);
    assert_int_equal(list[0], ACT_RETURN);
}

static void actors_and_resumption(void **state)
{
    (void)state;
    assert_int_equal(action_actor(ACT_REQUEST_SUPPLEMENT, DOSSIER_RECEIVED), ACTOR_DESK);
    assert_int_equal(action_actor(ACT_REQUEST_SUPPLEMENT, DOSSIER_PROCESSING), ACTOR_PROCESSOR);
    assert_int_equal(action_actor(ACT_APOLOGIZE, DOSSIER_RECEIVED), ACTOR_LEADER);
    assert_int_equal(action_actor(ACT_FINISH, DOSSIER_PROCESSING), ACTOR_LEADER);
    assert_int_equal(action_actor(ACT_APPROVE, DOSSIER_PROCESSING), ACTOR_LEADER);
    assert_int_equal(action_actor(ACT_STOP, DOSSIER_SUPPLEMENT), ACTOR_LEADER);
    assert_int_equal(action_actor(ACT_RETURN, DOSSIER_PROCESSED), ACTOR_DESK);
    assert_int_equal(workflow_resume_status(DOSSIER_NEW), DOSSIER_RECEIVED);
    assert_int_equal(workflow_resume_status(DOSSIER_RECEIVED), DOSSIER_RECEIVED);
    assert_int_equal(workflow_resume_status(DOSSIER_PROCESSING), DOSSIER_PROCESSING);
    assert_int_equal(workflow_resume_status(DOSSIER_FINANCIAL), DOSSIER_PROCESSING);
}

static void apology(void **state)
{
    int64_t due = T("2024-03-20 17:00");

    (void)state;
    assert_int_equal(workflow_apology_check(due - 3600, due, due + 86400), 0);
    assert_int_equal(workflow_apology_check(due, due, due + 86400), 0);
    /* overdue: the new appointment lies ahead of now */
    assert_int_equal(workflow_apology_check(due + 3600, due, due + 86400), 0);
    assert_int_equal(workflow_apology_check(due + 86400, due, due + 86400), 1);
    assert_int_equal(workflow_apology_check(due - 3600, due, due), 2);
    /* a year after the current appointment at most: never 2100, never 9999 */
    assert_int_equal(workflow_apology_check(due - 3600, due, due + 366 * 86400), 0);
    assert_int_equal(workflow_apology_check(due - 3600, due, due + 366 * 86400 + 1), 3);
    assert_int_equal(workflow_apology_check(due - 3600, due, T("2100-01-04 09:00")), 3);
}

/* The window opens 24 working hours before the appointment, over weekends and office hours. */
static void apology_window_opens(void **state)
{
    struct workcal cal;
    struct err e = ERR_INIT;
    int64_t opens = 0;

    (void)state;
    assert_int_equal(workcal_build(&cal, 2025, 2027, holiday_default_rules,
                                   holiday_default_rules_len, NULL, 0, &e),
                     0);
    assert_int_equal(
        workflow_apology_opens(&cal, &office_hours_default, T("2026-03-20 08:00"), &opens, &e), 0);
    assert_int_equal(opens, T("2026-03-17 08:00"));
    /* a Tuesday's appointment: the window opens the Thursday before */
    assert_int_equal(
        workflow_apology_opens(&cal, &office_hours_default, T("2026-03-24 10:00"), &opens, &e), 0);
    assert_int_equal(opens, T("2026-03-19 10:00"));
    /* over the Tết holidays of 2026 (16 to 20 February off): the window reaches back before them */
    assert_int_equal(
        workflow_apology_opens(&cal, &office_hours_default, T("2026-02-24 07:30"), &opens, &e), 0);
    assert_int_equal(opens, T("2026-02-12 07:30")); /* Thursday 12, Friday 13, Monday 23 */
    workcal_release(&cal);
}

static void result_dates(void **state)
{
    int64_t received = date_days_from_civil(2026, 11, 20),
            today = date_days_from_civil(2026, 12, 2);

    (void)state;
    assert_int_equal(workflow_result_date_check(received, received, today), 0);
    assert_int_equal(workflow_result_date_check(today, received, today), 0);
    assert_int_equal(workflow_result_date_check(received - 1, received, today), 1);
    assert_int_equal(workflow_result_date_check(date_days_from_civil(1900, 1, 1), received, today),
                     1);
    assert_int_equal(workflow_result_date_check(today + 1, received, today), 2);
    assert_int_equal(
        workflow_result_date_check(date_days_from_civil(9999, 12, 31), received, today), 2);
}

static void payments(void **state)
{
    (void)state;
    assert_int_equal(workflow_payment_check(50000, 50000), 0);
    assert_int_equal(workflow_payment_check(50000, 1), 1);
    assert_int_equal(workflow_payment_check(50000, 49999), 1);
    assert_int_equal(workflow_payment_check(50000, 50001), 2);
}

static void where_processed(void **state)
{
    const char *root = "000.00.00.H99/", *dept = "000.00.00.H99/000.00.02.H99/";
    const char *commune = "000.00.00.H99/000.00.31.H99/", *centre = "000.00.00.H99/000.00.01.H99/";

    (void)state;
    assert_true(workflow_processed_where_received(root, commune, "commune"));
    assert_false(workflow_processed_where_received(root, centre, "centre"));
    assert_false(workflow_processed_where_received(dept, centre, "centre"));
    assert_true(workflow_processed_where_received(dept, dept, "department"));
}

static void labels(void **state)
{
    (void)state;
    assert_string_equal(event_label("receive"), "Tiếp nhận hồ sơ");
    assert_string_equal(event_label("forward"), "Chuyển bước tiếp theo");
    assert_string_equal(event_label("request-supplement"), "Yêu cầu bổ sung hồ sơ");
    assert_string_equal(event_label("something"), "something");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(from_statuses),
        cmocka_unit_test(consistent_with_status_table),
        cmocka_unit_test(actors_and_resumption),
        cmocka_unit_test(apology),
        cmocka_unit_test(apology_window_opens),
        cmocka_unit_test(where_processed),
        cmocka_unit_test(labels),
        cmocka_unit_test(result_dates),
        cmocka_unit_test(payments),
    };
    return cmocka_run_group_tests_name("core/workflow", tests, NULL, NULL);
}
