/* Tests for src/core/plans.c */
#include "../test.h"
#include "core/date.h"
#include "core/plans.h"

static struct workcal cal;

static int setup(void **state)
{
    struct err e = ERR_INIT;

    (void)state;
    return workcal_build(&cal, 2025, 2027, holiday_default_rules, holiday_default_rules_len, NULL,
                         0, &e);
}

static int teardown(void **state)
{
    (void)state;
    workcal_release(&cal);
    return 0;
}

static void a_deadline_on_a_day_off_moves_to_the_next_working_day(void **state)
{
    (void)state;
    assert_int_equal(plan_deadline(&cal, D("2026-03-10")), D("2026-03-10")); /* a Tuesday */
    assert_int_equal(plan_deadline(&cal, D("2026-03-14")), D("2026-03-16")); /* Saturday */
    /* 30 April and 1 May 2026 (Thursday, Friday), then the weekend */
    assert_int_equal(plan_deadline(&cal, D("2026-04-30")), D("2026-05-04"));
}

static void a_tasks_state_comes_from_its_deadline_completion_and_the_day(void **state)
{
    struct task_facts t = {D("2026-04-30"), 0, 0}; /* due Monday 4 May, after the holidays */

    (void)state;
    assert_int_equal(task_state(&cal, &t, D("2026-04-20")), TASK_NOT_STARTED);
    t.progress = 40;
    assert_int_equal(task_state(&cal, &t, D("2026-05-04")), TASK_IN_PROGRESS); /* still its day */
    assert_int_equal(task_state(&cal, &t, D("2026-05-05")), TASK_OVERDUE);
    t.done_day = D("2026-04-29");
    assert_int_equal(task_state(&cal, &t, D("2026-06-01")), TASK_DONE_EARLY);
    t.done_day = D("2026-05-04");
    assert_int_equal(task_state(&cal, &t, D("2026-06-01")), TASK_DONE_ON_TIME);
    t.done_day = D("2026-05-05");
    assert_int_equal(task_state(&cal, &t, D("2026-06-01")), TASK_DONE_LATE);
    /* without a deadline a task is never overdue, and done is done */
    t = (struct task_facts){0, 0, 0};
    assert_int_equal(task_state(&cal, &t, D("2030-01-01")), TASK_NOT_STARTED);
    t.done_day = D("2026-01-05");
    assert_int_equal(task_state(&cal, &t, D("2030-01-01")), TASK_DONE_EARLY);
    assert_string_equal(task_state_name(TASK_OVERDUE), "overdue");
    assert_string_equal(task_state_label(TASK_DONE_LATE), "Hoàn thành quá hạn");
    assert_null(task_state_name(0));
}

static void a_parent_is_done_when_its_subtasks_are(void **state)
{
    struct task_facts parent = {D("2026-06-30"), 0, 0};
    struct task_facts subs[3] = {
        {D("2026-06-30"), D("2026-06-10"), 100},
        {D("2026-06-30"), 0, 50},
        {D("2026-06-30"), D("2026-06-20"), 100},
    };

    (void)state;
    task_roll_up(&parent, subs, 3);
    assert_int_equal(parent.done_day, 0);
    assert_int_equal(parent.progress, 83); /* (100 + 50 + 100) / 3 */
    subs[1].done_day = D("2026-07-02");
    task_roll_up(&parent, subs, 3);
    assert_int_equal(parent.done_day, D("2026-07-02")); /* the last one's day */
    assert_int_equal(task_state(&cal, &parent, D("2026-07-10")), TASK_DONE_LATE);
    task_roll_up(&parent, subs, 0); /* no subtask: left as it is */
    assert_int_equal(parent.done_day, D("2026-07-02"));
}

static void completion_counts_add_up(void **state)
{
    static const int states[] = {TASK_DONE_EARLY,  TASK_DONE_ON_TIME, TASK_DONE_LATE,
                                 TASK_IN_PROGRESS, TASK_OVERDUE,      TASK_NOT_STARTED,
                                 TASK_DONE_EARLY};
    struct task_counts c = {0};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(states) / sizeof(states[0]); i++)
        task_count(&c, states[i]);
    assert_int_equal(c.total, 7);
    assert_int_equal(c.done, 4); /* "4/7" */
    assert_int_equal(c.done_early, 2);
    assert_int_equal(c.done_late, 1);
    assert_int_equal(c.overdue, 1);
    assert_int_equal(c.done + c.in_progress + c.not_started + c.overdue, c.total);
}

static void task_numbers_sort_as_people_read_them(void **state)
{
    (void)state;
    assert_true(task_no_cmp("1.2", "1.10") < 0);
    assert_true(task_no_cmp("1.10", "1.2") > 0);
    assert_true(task_no_cmp("2", "10") < 0);
    assert_true(task_no_cmp("1", "1.1") < 0);
    assert_int_equal(task_no_cmp("3.4", "3.4"), 0);
    assert_true(task_no_cmp("I.2", "II.1") < 0);
    assert_true(task_no_cmp("9", "a") < 0);
}

static void a_task_owes_the_reports_of_the_months_it_is_open(void **state)
{
    int64_t first = date_days_from_civil(2026, 11, 1), due = date_days_from_civil(2026, 11, 20);

    (void)state;
    assert_true(task_owes_report(first - 40, 0, first, due));
    assert_true(task_owes_report(due, 0, first, due));      /* created on the due day */
    assert_false(task_owes_report(due + 1, 0, first, due)); /* created after it */
    assert_true(
        task_owes_report(first - 40, first, first, due)); /* done in the month: reports it */
    assert_false(task_owes_report(first - 40, first - 1, first, due)); /* done before */
}

static void reminders_come_7_3_and_1_days_before_and_when_passed(void **state)
{
    (void)state;
    assert_int_equal(plan_reminder_stage(100, 90), -1);
    assert_int_equal(plan_reminder_stage(100, 93), 7);
    assert_int_equal(plan_reminder_stage(100, 96), 7);
    assert_int_equal(plan_reminder_stage(100, 97), 3);
    assert_int_equal(plan_reminder_stage(100, 99), 1);
    assert_int_equal(plan_reminder_stage(100, 100), 1);
    assert_int_equal(plan_reminder_stage(100, 101), 0);
}

static void a_months_report_is_due_on_its_day_or_the_next_working_one(void **state)
{
    (void)state;
    /* the 20th of June 2026 is a Saturday: due Monday 22 */
    assert_int_equal(plan_report_due(&cal, 2026, 6, 20), D("2026-06-22"));
    /* the 31st of a 30-day month is its last day (30 April 2026 is a holiday: Monday 4 May) */
    assert_int_equal(plan_report_due(&cal, 2026, 4, 31), D("2026-05-04"));
    assert_int_equal(plan_report_due(&cal, 2026, 2, 30), D("2026-03-02")); /* 28 Feb: Saturday */
    assert_int_equal(plan_report_due(&cal, 2026, 13, 20), 0);
    assert_int_equal(plan_report_due(&cal, 2026, 6, 0), 0);
    assert_false(plan_report_late(D("2026-06-22"), D("2026-06-22"), D("2026-07-01")));
    assert_true(plan_report_late(D("2026-06-22"), D("2026-06-23"), D("2026-06-23")));
    assert_false(plan_report_late(D("2026-06-22"), 0, D("2026-06-22"))); /* not yet, not late */
    assert_true(plan_report_late(D("2026-06-22"), 0, D("2026-06-23")));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_deadline_on_a_day_off_moves_to_the_next_working_day),
        cmocka_unit_test(a_tasks_state_comes_from_its_deadline_completion_and_the_day),
        cmocka_unit_test(a_parent_is_done_when_its_subtasks_are),
        cmocka_unit_test(completion_counts_add_up),
        cmocka_unit_test(task_numbers_sort_as_people_read_them),
        cmocka_unit_test(reminders_come_7_3_and_1_days_before_and_when_passed),
        cmocka_unit_test(a_task_owes_the_reports_of_the_months_it_is_open),
        cmocka_unit_test(a_months_report_is_due_on_its_day_or_the_next_working_one),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
