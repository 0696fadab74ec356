/* Tests for src/core/lifecycle.c */
#include "../test.h"
#include "core/lifecycle.h"
#include "core/worktime.h"

#define DESK    "000.00.01.H99" /* a one-stop centre */
#define DEPT    "000.00.02.H99" /* the procedure's agency */
#define OTHER   "000.00.04.H99" /* another department, with its own hours */
#define COMMUNE "000.00.31.H99"

static struct workcal cal;
static struct arena a;
static const struct action_context everyone = {.desk = 1, .processor = 1, .leader = 1};

static int setup(void **state)
{
    /* the other department opens from 06:00 */
    static const struct workcal_hours hours[] = {
        {OTHER, {2, {{360, 600}, {780, 1020}}}},
    };
    struct err e = ERR_INIT;

    (void)state;
    arena_init(&a);
    return workcal_build(&cal, 2025, 2027, holiday_default_rules, holiday_default_rules_len, NULL,
                         0, &e) < 0 ||
                   workcal_set_hours(&cal, hours, 1, &e) < 0
               ? -1
               : 0;
}

static int teardown(void **state)
{
    (void)state;
    workcal_release(&cal);
    arena_release(&a);
    return 0;
}

/* A dossier received at the centre on Monday 2026-03-09 08:00, due in 3 working days. */
static struct dossier received(void)
{
    struct dossier d = {0};

    d.id = 7;
    d.code = DESK "-260309-0001";
    d.agency = d.current_unit = DESK;
    d.channel = CHANNEL_COUNTER;
    d.status = DOSSIER_RECEIVED;
    d.version = 3;
    d.duration_kind = "working";
    d.duration_days = 3;
    d.submitted_at = d.received_at = T("2026-03-09 08:00");
    d.due_at = d.original_due_at = T("2026-03-12 08:00");
    return d;
}

static struct move_facts at(const char *local)
{
    return (struct move_facts){
        .cal = &cal, .now = T(local), .actor_id = 5, .actor_name = "Cán bộ", .who = &everyone};
}

static int apply(int action, const struct action_input *in, const struct move_facts *f,
                 const struct dossier *d, const struct dossier_step *steps, size_t n,
                 struct move *m, struct err *e)
{
    return dossier_apply(action, in, f, d, steps, n, m, &a, e);
}

static void accept_computes_the_due_time_and_tells_the_applicant(void **state)
{
    struct dossier d = received();
    struct move_facts f = at("2026-03-10 09:00");
    struct action_input in = {0};
    struct err e = ERR_INIT;
    struct move m;

    (void)state;
    d.status = DOSSIER_NEW;
    d.received_at = d.due_at = d.original_due_at = 0;
    assert_int_equal(apply(ACT_ACCEPT, &in, &f, &d, NULL, 0, &m, &e), 0);
    assert_int_equal(m.d.status, DOSSIER_RECEIVED);
    assert_int_equal(m.d.received_at, f.now);
    assert_int_equal(m.d.received_by, 5);
    assert_local_equal(m.d.due_at, "2026-03-13 09:00");
    assert_int_equal(m.d.original_due_at, m.d.due_at);
    assert_int_equal(m.notice, NOTICE_RECEIVED);
    assert_int_equal(m.nev, 1);
    assert_string_equal(m.ev[0].action, "accept");
    assert_int_equal(m.ev[0].from_status, DOSSIER_NEW);
    assert_int_equal(m.ev[0].to_status, DOSSIER_RECEIVED);
    assert_int_equal(m.ev[0].step_due_at, m.d.due_at);
    /* the input was not changed */
    assert_int_equal(d.status, DOSSIER_NEW);
}

static void handover_copies_the_process_and_resolves_its_units(void **state)
{
    static const struct process_step process[] = {
        {"Thẩm định", NULL, "process", 8},
        {"Phê duyệt", NULL, "approve", 4},
        {"Trả kết quả", NULL, "return", 2},
    };
    struct dossier d = received();
    struct move_facts f = at("2026-03-09 09:00");
    struct action_input in = {0};
    struct err e = ERR_INIT;
    struct move m;

    (void)state;
    /* received at the centre: processed by the procedure's agency */
    f.unit = (struct move_unit){DESK, "P/" DESK "/", "centre"};
    f.owner = (struct move_unit){DEPT, "P/" DEPT "/", "department"};
    f.process = process;
    f.nprocess = 3;
    assert_int_equal(apply(ACT_HANDOVER, &in, &f, &d, NULL, 0, &m, &e), 0);
    assert_int_equal(m.d.status, DOSSIER_PROCESSING);
    assert_true(m.steps_new);
    assert_int_equal(m.nsteps, 3);
    assert_string_equal(m.steps[0].unit, DEPT);
    assert_string_equal(m.steps[1].unit, DEPT);
    assert_string_equal(m.steps[2].unit, DESK); /* the result goes back to the desk */
    assert_int_equal(m.steps[0].started_at, f.now);
    assert_local_equal(m.steps[0].due_at, "2026-03-10 09:00");
    assert_int_equal(m.d.step, 1);
    assert_string_equal(m.d.current_unit, DEPT);
    assert_string_equal(m.ev[0].to_unit, DEPT);

    /* no process: one step that ends with the dossier */
    f.nprocess = 0;
    assert_int_equal(apply(ACT_HANDOVER, &in, &f, &d, NULL, 0, &m, &e), 0);
    assert_int_equal(m.nsteps, 1);
    assert_int_equal(m.steps[0].due_at, d.due_at);

    /* a commune handles its own procedure where it was received */
    d.agency = d.current_unit = COMMUNE;
    f.unit = (struct move_unit){COMMUNE, "P/" COMMUNE "/", "commune"};
    f.owner = (struct move_unit){"P", "P/", "province"};
    assert_int_equal(apply(ACT_HANDOVER, &in, &f, &d, NULL, 0, &m, &e), 0);
    assert_string_equal(m.steps[0].unit, COMMUNE);
}

/* A dossier in processing at step `step` of two (the second a leader's approval). */
static struct dossier processing(struct dossier_step steps[2], int step)
{
    struct dossier d = received();

    d.status = DOSSIER_PROCESSING;
    d.current_unit = DEPT;
    d.step = step;
    steps[0] = (struct dossier_step){
        1, "Thẩm định", DEPT, NULL, "process", 8, T("2026-03-09 09:00"), T("2026-03-10 09:00"), 0};
    steps[1] = (struct dossier_step){2, "Phê duyệt", DEPT, NULL, "approve", 4, 0, 0, 0};
    return d;
}

static void forward_finishes_one_step_and_starts_the_next(void **state)
{
    struct dossier_step steps[2];
    struct dossier d = processing(steps, 1);
    struct move_facts f = at("2026-03-10 10:00");
    struct action_input in = {.note = "xong"};
    struct err e = ERR_INIT;
    struct move m;

    (void)state;
    assert_int_equal(apply(ACT_FORWARD, &in, &f, &d, steps, 2, &m, &e), 0);
    assert_int_equal(m.d.step, 2);
    assert_int_equal(m.nchanged, 2);
    assert_int_equal(m.steps[0].finished_at, f.now);
    assert_string_equal(m.ev[0].timeliness, "late"); /* an hour after the step's due time */
    assert_local_equal(m.steps[1].due_at, "2026-03-10 15:30");
    assert_string_equal(m.ev[0].note, "xong");
    assert_int_equal(steps[0].finished_at, 0); /* the caller's steps are not changed */

    /* the next step is a leader's approval: forward is refused, approve is a leader's */
    d = processing(steps, 2);
    assert_int_equal(apply(ACT_FORWARD, &in, &f, &d, steps, 2, &m, &e), -1);
    assert_int_equal(e.http, 409); /* the last step: finish it */
    err_clear(&e);
    d = processing(steps, 1);
    assert_int_equal(
        apply(ACT_SEND_BACK, &(struct action_input){.reason = "x"}, &f, &d, steps, 2, &m, &e), -1);
    assert_int_equal(e.http, 409); /* nothing before the first step */
    err_clear(&e);
}

static void refusals_come_from_the_version_the_status_and_the_role(void **state)
{
    struct dossier_step steps[2];
    struct dossier d = processing(steps, 1);
    struct move_facts f = at("2026-03-10 10:00");
    struct action_context desk_only = {.desk = 1};
    struct err e = ERR_INIT;
    struct move m;

    (void)state;
    assert_int_equal(
        apply(ACT_FORWARD, &(struct action_input){.version = 2}, &f, &d, steps, 2, &m, &e), -1);
    assert_int_equal(e.http, 409);
    assert_string_equal(e.code, "conflict");
    err_clear(&e);
    assert_int_equal(apply(ACT_ACCEPT, &(struct action_input){0}, &f, &d, steps, 2, &m, &e), -1);
    assert_int_equal(e.http, 409);
    assert_string_equal(e.code, "invalid_transition");
    err_clear(&e);
    f.who = &desk_only;
    assert_int_equal(apply(ACT_FORWARD, &(struct action_input){0}, &f, &d, steps, 2, &m, &e), -1);
    assert_int_equal(e.http, 403);
    err_clear(&e);
}

static void a_supplement_resumes_where_it_was_asked_and_moves_the_due_times(void **state)
{
    struct dossier_step steps[2];
    struct dossier d = received();
    const char *items[] = {"Bản sao sổ hộ khẩu"};
    struct action_input ask = {
        .reason = "Thiếu giấy tờ", .items = items, .nitems = 1, .request_json = "{}"};
    struct move_facts f = at("2026-03-09 10:00");
    struct err e = ERR_INIT;
    struct move m;

    (void)state;
    /* asked at intake: resumes as received, with no step (issue 10, defect 1) */
    assert_int_equal(apply(ACT_REQUEST_SUPPLEMENT, &ask, &f, &d, NULL, 0, &m, &e), 0);
    assert_int_equal(m.d.status, DOSSIER_SUPPLEMENT);
    assert_int_equal(m.d.resume_status, DOSSIER_RECEIVED);
    assert_int_equal(m.d.paused_at, f.now);
    assert_string_equal(m.ev[0].note, "Thiếu giấy tờ. Cần bổ sung: Bản sao sổ hộ khẩu");
    assert_int_equal(m.notice, NOTICE_SUPPLEMENT);
    d = m.d;
    f = at("2026-03-10 10:00"); /* a working day later */
    assert_int_equal(apply(ACT_SUPPLEMENT, &(struct action_input){0}, &f, &d, NULL, 0, &m, &e), 0);
    assert_int_equal(m.d.status, DOSSIER_RECEIVED);
    assert_local_equal(m.d.due_at, "2026-03-13 08:00");
    assert_int_equal(m.d.paused_at, 0);

    /* asked in processing: resumes in processing; the current step's due time moves too */
    d = processing(steps, 1);
    f = at("2026-03-09 10:00");
    assert_int_equal(apply(ACT_REQUEST_SUPPLEMENT, &ask, &f, &d, steps, 2, &m, &e), 0);
    d = m.d;
    f = at("2026-03-10 10:00");
    assert_int_equal(apply(ACT_SUPPLEMENT, &(struct action_input){0}, &f, &d, steps, 2, &m, &e), 0);
    assert_int_equal(m.d.status, DOSSIER_PROCESSING);
    assert_local_equal(m.steps[0].due_at, "2026-03-11 09:00");
    assert_int_equal(m.nchanged, 1);

    /* asked before an online dossier was received: received when supplied */
    d = received();
    d.status = DOSSIER_NEW;
    d.received_at = d.due_at = d.original_due_at = 0;
    assert_int_equal(apply(ACT_REQUEST_SUPPLEMENT, &ask, &f, &d, NULL, 0, &m, &e), 0);
    assert_int_equal(m.d.paused_at, 0); /* no clock ran yet */
    d = m.d;
    f = at("2026-03-11 08:00");
    assert_int_equal(apply(ACT_SUPPLEMENT, &(struct action_input){0}, &f, &d, NULL, 0, &m, &e), 0);
    assert_int_equal(m.d.status, DOSSIER_RECEIVED);
    assert_int_equal(m.d.received_at, f.now);
    assert_local_equal(m.d.due_at, "2026-03-16 08:00");
}

static void a_consultation_makes_a_child_and_its_result_answers_the_parent(void **state)
{
    struct dossier_step steps[2];
    struct dossier d = processing(steps, 1), child;
    struct move_facts f = at("2026-03-09 14:00");
    struct action_input in = {.agency = OTHER, .days = 1, .note = "về quy hoạch"};
    struct dossier_step child_step;
    struct err e = ERR_INIT;
    struct move m;

    (void)state;
    f.consulted.id = OTHER;
    f.child_code = OTHER "-260309-0001";
    assert_int_equal(apply(ACT_CONSULT, &in, &f, &d, steps, 2, &m, &e), 0);
    assert_true(m.has_child);
    assert_int_equal(m.d.open_children, 1);
    assert_int_equal(m.d.status, DOSSIER_PROCESSING);
    child = m.child;
    assert_string_equal(child.code, f.child_code);
    assert_int_equal(child.parent_id, d.id);
    assert_int_equal(child.status, DOSSIER_PROCESSING);
    assert_int_equal(child.fee_amount, 0);
    /* one working day over the consulted agency's own hours (06:00-10:00, 13:00-17:00) */
    assert_local_equal(child.due_at, "2026-03-10 14:00");
    assert_string_equal(m.ev[0].note, "Hồ sơ liên thông " OTHER "-260309-0001: về quy hoạch");
    assert_string_equal(m.child_ev.action, "receive");
    child_step = m.child_step;

    /* the parent waits: no finishing while the consulted agency has not answered */
    d = m.d;
    assert_int_equal(apply(ACT_FINISH,
                           &(struct action_input){
                               .result_number = "1", .result_date = "2026-03-09", .signer = "A"},
                           &f, &d, steps, 2, &m, &e),
                     -1);
    assert_int_equal(e.http, 409);
    err_clear(&e);

    /* the consulted agency's result: processed then returned, and the parent goes on */
    f = at("2026-03-10 09:00");
    f.parent = &d;
    assert_int_equal(apply(ACT_FINISH,
                           &(struct action_input){.result_number = "12/CV",
                                                  .result_date = "2026-03-10",
                                                  .signer = "B"},
                           &f, &child, &child_step, 1, &m, &e),
                     0);
    assert_int_equal(m.nev, 2);
    assert_int_equal(m.ev[0].to_status, DOSSIER_PROCESSED);
    assert_int_equal(m.ev[1].from_status, DOSSIER_PROCESSED);
    assert_int_equal(m.ev[1].to_status, DOSSIER_RETURNED);
    assert_int_equal(m.d.status, DOSSIER_RETURNED);
    assert_string_equal(m.d.return_method, "inter-agency");
    assert_int_equal(m.notice, NOTICE_NONE);
    assert_true(m.has_parent);
    assert_int_equal(m.parent.open_children, 0);
    assert_string_equal(m.parent_ev.action, "consult_done");

    /* not to its own unit, and only to an active agency */
    f = at("2026-03-09 14:00");
    f.consulted.id = DEPT;
    in.agency = DEPT;
    assert_int_equal(apply(ACT_CONSULT, &in, &f, &d, steps, 2, &m, &e), -1);
    assert_string_equal(e.fields[0].field, "agency");
    err_clear(&e);
    f.consulted.id = NULL;
    assert_int_equal(apply(ACT_CONSULT, &in, &f, &d, steps, 2, &m, &e), -1);
    assert_int_equal(e.http, 422);
    err_clear(&e);
}

static void an_apology_is_checked_against_the_units_hours_and_the_time(void **state)
{
    struct dossier d = received();
    struct move_facts f = at("2026-03-10 09:00");
    struct action_input in = {.reason = "Cần xác minh", .new_due = T("2026-03-13 18:00")};
    struct err e = ERR_INIT;
    struct move m;

    (void)state;
    assert_int_equal(apply(ACT_APOLOGIZE, &in, &f, &d, NULL, 0, &m, &e), -1);
    assert_string_equal(e.fields[0].field, "new_due_at"); /* after closing time */
    err_clear(&e);
    in.new_due = T("2026-03-13 16:00");
    assert_int_equal(apply(ACT_APOLOGIZE, &in, &f, &d, NULL, 0, &m, &e), 0);
    assert_int_equal(m.d.due_at, in.new_due);
    assert_int_equal(m.d.apology_previous_due_at, d.due_at);
    assert_int_equal(m.d.original_due_at, d.original_due_at); /* the law's due time stays */
    assert_int_equal(m.notice, NOTICE_APOLOGY);
    /* once only */
    d = m.d;
    assert_int_equal(apply(ACT_APOLOGIZE, &in, &f, &d, NULL, 0, &m, &e), -1);
    assert_string_equal(e.code, "already_apologized");
    assert_string_equal(e.reason, "apologized");
    err_clear(&e);
    /* overdue and unfinished: still, to a new appointment later than now */
    d = received();
    f = at("2026-03-12 09:00");
    assert_int_equal(apply(ACT_APOLOGIZE, &in, &f, &d, NULL, 0, &m, &e), 0);
    in.new_due = T("2026-03-12 08:30");
    assert_int_equal(apply(ACT_APOLOGIZE, &in, &f, &d, NULL, 0, &m, &e), -1);
    assert_string_equal(e.fields[0].field, "new_due_at");
    err_clear(&e);
    /* not before the window: three working days before the appointment */
    in.new_due = T("2026-03-24 16:00");
    d.due_at = d.original_due_at = T("2026-03-20 08:00");
    f = at("2026-03-16 16:59");
    assert_int_equal(apply(ACT_APOLOGIZE, &in, &f, &d, NULL, 0, &m, &e), -1);
    assert_int_equal(e.http, 409);
    assert_string_equal(e.code, "too_early");
    assert_string_equal(e.reason, "too_early");
    assert_non_null(strstr(e.label, "ngày 17 tháng 03 năm 2026"));
    err_clear(&e);
    f = at("2026-03-17 08:00");
    assert_int_equal(apply(ACT_APOLOGIZE, &in, &f, &d, NULL, 0, &m, &e), 0);
}

static void fees_are_asked_and_paid_in_full(void **state)
{
    struct dossier_step steps[2];
    struct dossier d = processing(steps, 1);
    struct move_facts f = at("2026-03-10 09:00");
    struct err e = ERR_INIT;
    struct move m;

    (void)state;
    assert_int_equal(apply(ACT_REQUEST_PAYMENT, &(struct action_input){.amount = 50000}, &f, &d,
                           steps, 2, &m, &e),
                     0);
    assert_int_equal(m.d.status, DOSSIER_FINANCIAL);
    assert_string_equal(m.ev[0].note, "Số tiền phải nộp: 50000 đồng");
    d = m.d;
    struct action_input pay = {.amount = 40000, .method = "cash", .receipt = "BL1"};
    assert_int_equal(apply(ACT_PAY, &pay, &f, &d, steps, 2, &m, &e), -1);
    assert_string_equal(e.fields[0].field, "amount");
    err_clear(&e);
    pay.amount = 50000;
    assert_int_equal(apply(ACT_PAY, &pay, &f, &d, steps, 2, &m, &e), 0);
    assert_int_equal(m.d.status, DOSSIER_PROCESSING);
    assert_int_equal(m.d.fee_paid_amount, 50000);
    assert_int_equal(m.d.fee_paid_at, f.now);
}

static void a_result_is_dated_between_receipt_and_today(void **state)
{
    struct dossier_step steps[2];
    struct dossier d = processing(steps, 2);
    struct move_facts f = at("2026-03-11 09:00");
    struct action_input in = {.result_number = "5/GCN", .result_date = "2026-03-08", .signer = "C"};
    struct err e = ERR_INIT;
    struct move m;

    (void)state;
    assert_int_equal(apply(ACT_FINISH, &in, &f, &d, steps, 2, &m, &e), -1);
    assert_string_equal(e.fields[0].field, "result_date");
    err_clear(&e);
    in.result_date = "2026-03-12";
    assert_int_equal(apply(ACT_FINISH, &in, &f, &d, steps, 2, &m, &e), -1);
    err_clear(&e);
    in.result_date = "2026-03-11";
    assert_int_equal(apply(ACT_FINISH, &in, &f, &d, steps, 2, &m, &e), 0);
    assert_int_equal(m.d.status, DOSSIER_PROCESSED);
    assert_string_equal(m.d.current_unit, DESK);
    assert_string_equal(m.ev[0].timeliness, "early");
    assert_int_equal(m.notice, NOTICE_RESULT);
}

static void every_action_from_every_status_keeps_to_the_status_table(void **state)
{
    struct dossier_step steps[2];
    struct err e = ERR_INIT;
    struct move m;
    int s, act;

    (void)state;
    for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++)
        for (act = 0; act < ACT_COUNT; act++) {
            struct dossier d = processing(steps, 1);
            struct move_facts f = at("2026-03-10 09:00");
            const char *items[] = {"x"};
            struct action_input in = {.reason = "r",
                                      .items = items,
                                      .nitems = 1,
                                      .amount = 1,
                                      .method = "counter",
                                      .receipt = "r",
                                      .result_number = "1",
                                      .result_date = "2026-03-10",
                                      .signer = "s",
                                      .new_due = T("2026-03-13 09:00")};
            f.unit = (struct move_unit){DESK, "P/" DESK "/", "centre"};
            f.owner = (struct move_unit){DEPT, "P/" DEPT "/", "department"};
            d.status = s;
            d.fee_amount = 1;
            d.resume_status = DOSSIER_PROCESSING;
            if (dossier_apply(act, &in, &f, &d, steps, 2, &m, &a, &e) == 0) {
                assert_true(action_allowed_from(act, s));
                assert_true(m.d.status == s || dossier_transition_allowed(s, m.ev[0].to_status));
            } else {
                assert_int_not_equal(e.http, 500);
            }
            err_clear(&e);
        }
}

static void the_calendar_holds_each_agencys_office_hours(void **state)
{
    struct workcal none = {0};
    struct err e = ERR_INIT;

    (void)state;
    /* a database without agencies gives a calendar without hours: the default for all */
    assert_int_equal(workcal_set_hours(&none, NULL, 0, &e), 0);
    assert_ptr_equal(workcal_hours(&none, OTHER), &office_hours_default);
    workcal_release(&none);
    assert_int_equal(workcal_hours(&cal, OTHER)->p[0].open, 360);
    assert_ptr_equal(workcal_hours(&cal, DEPT), &office_hours_default);
    assert_ptr_equal(workcal_hours(&cal, NULL), &office_hours_default);
    assert_ptr_equal(workcal_hours(&cal, "an identifier longer than any"), &office_hours_default);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(accept_computes_the_due_time_and_tells_the_applicant),
        cmocka_unit_test(handover_copies_the_process_and_resolves_its_units),
        cmocka_unit_test(forward_finishes_one_step_and_starts_the_next),
        cmocka_unit_test(refusals_come_from_the_version_the_status_and_the_role),
        cmocka_unit_test(a_supplement_resumes_where_it_was_asked_and_moves_the_due_times),
        cmocka_unit_test(a_consultation_makes_a_child_and_its_result_answers_the_parent),
        cmocka_unit_test(an_apology_is_checked_against_the_units_hours_and_the_time),
        cmocka_unit_test(fees_are_asked_and_paid_in_full),
        cmocka_unit_test(a_result_is_dated_between_receipt_and_today),
        cmocka_unit_test(every_action_from_every_status_keeps_to_the_status_table),
        cmocka_unit_test(the_calendar_holds_each_agencys_office_hours),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
