/* Tests for src/core/feedback.c */
#include "../test.h"
#include "core/dossier.h"
#include "core/feedback.h"

static struct workcal cal;
static struct arena a;

static int setup(void **state)
{
    struct err e = ERR_INIT;

    (void)state;
    arena_init(&a);
    return workcal_build(&cal, 2025, 2027, holiday_default_rules, holiday_default_rules_len, NULL,
                         0, &e);
}

static int teardown(void **state)
{
    (void)state;
    workcal_release(&cal);
    arena_release(&a);
    return 0;
}

/* Received on Friday 24 April 2026 at 10:00, before the Hùng Kings' day (Sunday 26, off Monday). */
static struct feedback received(void)
{
    struct feedback f = {0};
    struct err e = ERR_INIT;

    f.id = 9;
    f.code = "PAKN-260424-0001";
    f.channel = FBC_PORTAL;
    f.category = FB_HANDLING;
    f.agency = "000.00.31.H99";
    f.version = 1;
    f.text = "Hồ sơ của tôi chậm";
    assert_int_equal(feedback_receive(&f, &cal, &feedback_times_default, T("2026-04-24 10:00"), &e),
                     0);
    return f;
}

static struct feedback_facts at(const char *local)
{
    return (struct feedback_facts){.cal = &cal,
                                   .times = &feedback_times_default,
                                   .now = T(local),
                                   .actor_id = 3,
                                   .actor_name = "Cán bộ",
                                   .may = 1};
}

static void codes(void **state)
{
    char code[FEEDBACK_CODE_MAX];

    (void)state;
    assert_int_equal(feedback_code_format(D("2026-04-24"), 7, code), 0);
    assert_string_equal(code, "PAKN-260424-0007");
    assert_true(feedback_code_valid(code));
    assert_true(feedback_code_valid("PAKN-260424-123456"));
    assert_false(feedback_code_valid("PAKN-260431-0001")); /* no 31 April */
    assert_false(feedback_code_valid("PAKN-260424-01"));
    assert_false(feedback_code_valid("000.00.31.H99-260424-0001"));
    assert_false(feedback_code_valid(NULL));
    assert_int_equal(feedback_code_format(D("2026-04-24"), 0, code), -1);
}

static void due_times_count_working_days_over_holidays(void **state)
{
    struct feedback f = received();

    (void)state;
    assert_int_equal(f.status, FS_RECEIVED);
    assert_local_equal(f.classify_due, "2026-04-29 10:00"); /* Monday 27 is off for the 26th */
    assert_local_equal(f.ask_due, "2026-05-06 10:00");      /* 30 April and 1 May are off */
    assert_local_equal(f.answer_due, "2026-05-20 10:00");
}

static void a_whole_life_with_a_pause_for_information(void **state)
{
    struct feedback f = received(), g;
    struct feedback_facts x = at("2026-04-28 09:00");
    struct feedback_input in = {0};
    struct feedback_move m;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(feedback_apply(FA_ACCEPT, &in, &x, &f, &m, &a, &e), 0);
    assert_int_equal(m.f.status, FS_ACCEPTED);
    assert_int_equal(m.f.classified_at, x.now);
    assert_string_equal(m.ev.timeliness, "early");
    assert_false(m.notify);
    g = m.f;

    /* asked after the asking time: late, and the clock stands until the answer comes */
    x = at("2026-05-07 10:00");
    in.request = "Số hồ sơ và ngày nộp";
    assert_int_equal(feedback_apply(FA_ASK, &in, &x, &g, &m, &a, &e), 0);
    assert_int_equal(m.f.status, FS_WAITING);
    assert_string_equal(m.ev.timeliness, "late");
    assert_true(m.notify);
    g = m.f;
    assert_int_equal(feedback_timeliness(&g, T("2026-06-30 10:00")), 0); /* waiting: not overdue */
    x = at("2026-05-08 10:00");                                          /* a working day later */
    assert_int_equal(feedback_apply(FA_INFORM, &(struct feedback_input){0}, &x, &g, &m, &a, &e), 0);
    assert_int_equal(m.f.status, FS_ACCEPTED);
    assert_local_equal(m.f.answer_due, "2026-05-21 10:00");
    g = m.f;

    x = at("2026-05-21 09:00");
    in = (struct feedback_input){.answer = "Hồ sơ đã có kết quả ngày 20/5."};
    assert_int_equal(feedback_apply(FA_ANSWER, &in, &x, &g, &m, &a, &e), 0);
    assert_int_equal(m.f.status, FS_ANSWERED);
    assert_string_equal(m.ev.timeliness, "on_time");
    assert_local_equal(m.f.publish_due, "2026-05-25 09:00");
    g = m.f;
    assert_int_equal(feedback_timeliness(&g, x.now), TIMELY_ON_TIME);

    x = at("2026-05-22 08:00");
    x.may = 0; /* publishing is a leader's */
    assert_int_equal(feedback_apply(FA_PUBLISH, &(struct feedback_input){0}, &x, &g, &m, &a, &e),
                     -1);
    assert_int_equal(e.http, 403);
    err_clear(&e);
    x.may = 1;
    assert_int_equal(feedback_apply(FA_PUBLISH, &(struct feedback_input){0}, &x, &g, &m, &a, &e),
                     0);
    assert_int_equal(m.f.status, FS_PUBLISHED);
    assert_int_equal(m.f.closed_at, x.now);
    assert_true(feedback_status_final(m.f.status));
}

static void classification_refuses_duplicates_and_routes_out(void **state)
{
    struct feedback f = received(), original = received();
    struct feedback_facts x = at("2026-04-30 09:00"); /* a holiday: past the classification time */
    struct feedback_input in = {.reason = "Không thuộc phạm vi"};
    struct feedback_move m;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(feedback_apply(FA_REFUSE, &in, &x, &f, &m, &a, &e), 0);
    assert_int_equal(m.f.status, FS_REFUSED);
    assert_string_equal(m.ev.timeliness, "late");
    assert_int_equal(feedback_timeliness(&m.f, x.now), TIMELY_LATE);
    assert_string_equal(m.f.reason, "Không thuộc phạm vi");

    /* a duplicate names another item, which is no duplicate itself */
    original.code = "PAKN-260420-0003";
    x.original = &original;
    in = (struct feedback_input){.duplicate_of = original.code};
    assert_int_equal(feedback_apply(FA_DUPLICATE, &in, &x, &f, &m, &a, &e), 0);
    assert_string_equal(m.f.duplicate_of, "PAKN-260420-0003");
    assert_string_equal(m.ev.note, "Trùng với PAKN-260420-0003");
    x.original = &f;
    assert_int_equal(feedback_apply(FA_DUPLICATE, &in, &x, &f, &m, &a, &e), -1);
    assert_string_equal(e.fields[0].field, "duplicate_of");
    err_clear(&e);

    /* a complaint is routed out, and is not accepted as feedback; feedback is not routed out */
    assert_int_equal(feedback_apply(FA_ROUTE_OUT, &in, &x, &f, &m, &a, &e), -1);
    assert_int_equal(e.http, 409);
    err_clear(&e);
    f.category = FB_COMPLAINT;
    assert_int_equal(feedback_apply(FA_ACCEPT, &in, &x, &f, &m, &a, &e), -1);
    err_clear(&e);
    in = (struct feedback_input){.reason = "Chuyển Thanh tra tỉnh"};
    assert_int_equal(feedback_apply(FA_ROUTE_OUT, &in, &x, &f, &m, &a, &e), 0);
    assert_int_equal(m.f.status, FS_ROUTED_OUT);
}

static void forwarding_keeps_the_times(void **state)
{
    struct feedback f = received();
    struct feedback_facts x = at("2026-04-28 09:00");
    struct feedback_input in = {.agency = "000.00.02.H99"};
    struct feedback_move m;
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(feedback_apply(FA_FORWARD, &in, &x, &f, &m, &a, &e), -1); /* none active */
    assert_string_equal(e.fields[0].field, "agency");
    err_clear(&e);
    x.to_agency = "000.00.02.H99";
    assert_int_equal(feedback_apply(FA_FORWARD, &in, &x, &f, &m, &a, &e), 0);
    assert_string_equal(m.f.agency, "000.00.02.H99");
    assert_string_equal(m.ev.to_agency, "000.00.02.H99");
    assert_int_equal(m.f.status, FS_RECEIVED);
    assert_int_equal(m.f.answer_due, f.answer_due);
    /* a stale version is refused */
    in.version = 5;
    assert_int_equal(feedback_apply(FA_FORWARD, &in, &x, &f, &m, &a, &e), -1);
    assert_string_equal(e.code, "conflict");
    err_clear(&e);
}

static void every_action_keeps_to_its_table(void **state)
{
    struct err e = ERR_INIT;
    struct feedback_move m;
    int s, act;

    (void)state;
    for (s = FS_MIN; s <= FS_MAX; s++)
        for (act = 0; act < FA_COUNT; act++) {
            struct feedback f = received(), other = received();
            struct feedback_facts x = at("2026-04-28 09:00");
            struct feedback_input in = {.reason = "r", .answer = "a", .request = "q"};
            other.code = "PAKN-260401-0001";
            x.to_agency = "000.00.02.H99";
            x.original = &other;
            f.status = s;
            if (feedback_apply(act, &in, &x, &f, &m, &a, &e) == 0) {
                assert_true(feedback_action_allowed(act, s));
                assert_false(feedback_status_final(s));
            } else {
                assert_int_not_equal(e.http, 500);
            }
            err_clear(&e);
        }
    assert_int_equal(feedback_action_parse("route-out"), FA_ROUTE_OUT);
    assert_int_equal(feedback_category_parse("complaint"), FB_COMPLAINT);
    assert_int_equal(feedback_status_parse("waiting"), FS_WAITING);
    assert_null(feedback_status_name(0));
}

static void a_period_tallies_what_it_received_handled_and_left_open(void **state)
{
    int64_t from = T("2026-05-01 00:00"), to = T("2026-06-01 00:00"), now = T("2026-07-01 09:00");
    struct feedback_tally t = {0};
    struct feedback a1 = received(), a2 = received(), a3 = received(), a4 = received();

    (void)state;
    /* received in April, answered on time in May (rated satisfied in May) */
    a1.answered_at = T("2026-05-19 10:00");
    feedback_tally_add(&t, &a1, 2, T("2026-05-25 10:00"), from, to, now);
    /* refused late at classification in May */
    a2.closed_at = a2.classified_at = T("2026-05-04 10:00");
    feedback_tally_add(&t, &a2, 0, 0, from, to, now);
    /* still open at the end of May, past its answering time (20 May): overdue */
    feedback_tally_add(&t, &a3, 0, 0, from, to, now);
    /* open too, but waiting for its sender: not overdue */
    a4.status = FS_WAITING;
    a4.paused_at = T("2026-05-05 10:00");
    feedback_tally_add(&t, &a4, 0, 0, from, to, now);
    assert_int_equal(t.received, 0); /* all four came in April */
    assert_int_equal(t.handled, 2);
    assert_int_equal(t.on_time, 1);
    assert_int_equal(t.late, 1);
    assert_int_equal(t.open, 2);
    assert_int_equal(t.overdue, 1);
    assert_int_equal(t.rated, 1);
    assert_int_equal(t.satisfied, 1);
    assert_int_equal(feedback_tally_judged(&t), 3); /* two handled, one overdue */
    /* the answer came after the period: open at its end, and overdue then */
    memset(&t, 0, sizeof(t));
    a1.answered_at = T("2026-06-10 10:00");
    feedback_tally_add(&t, &a1, 0, 0, from, to, now);
    assert_int_equal(t.open, 1);
    assert_int_equal(t.overdue, 1);
    assert_int_equal(t.handled, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes),
        cmocka_unit_test(due_times_count_working_days_over_holidays),
        cmocka_unit_test(a_whole_life_with_a_pause_for_information),
        cmocka_unit_test(classification_refuses_duplicates_and_routes_out),
        cmocka_unit_test(forwarding_keeps_the_times),
        cmocka_unit_test(every_action_keeps_to_its_table),
        cmocka_unit_test(a_period_tallies_what_it_received_handled_and_left_open),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
