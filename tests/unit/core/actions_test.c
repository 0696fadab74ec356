/* Tests for src/core/actions.c */
#include "../test.h"
#include "core/actions.h"
#include "core/roles.h"

#include <stdio.h>
#include <string.h>

/* A dossier in processing at step `step` of `n`, and a caller who is processor and leader there. */
static struct action_context processing(int step, int n)
{
    struct action_context c = {0};

    c.status = DOSSIER_PROCESSING;
    c.step = step;
    c.nsteps = n;
    c.processor = c.leader = 1;
    return c;
}

/* The moves through a process: where forward, approve and send back are blocked, and why. */
static void moves_through_steps(void **state)
{
    struct action_context c = processing(1, 3);

    (void)state;
    assert_int_equal(action_block(ACT_FORWARD, &c), BLOCK_NONE);
    assert_int_equal(action_block(ACT_SEND_BACK, &c), BLOCK_FIRST_STEP);
    assert_int_equal(action_block(ACT_APPROVE, &c), BLOCK_NO_APPROVAL);
    c.step = 2;
    c.approval_step = 1;
    assert_int_equal(action_block(ACT_FORWARD, &c), BLOCK_APPROVAL);
    assert_int_equal(action_block(ACT_APPROVE, &c), BLOCK_NONE);
    assert_int_equal(action_block(ACT_SEND_BACK, &c), BLOCK_NONE);
    c.step = 3;
    c.approval_step = 0;
    assert_int_equal(action_block(ACT_FORWARD, &c), BLOCK_LAST_STEP);
    assert_int_equal(action_block(ACT_FINISH, &c), BLOCK_NONE);
    c.open_children = 1;
    assert_int_equal(action_block(ACT_FINISH, &c), BLOCK_WAITING);
    assert_int_equal(action_block(ACT_SEND_BACK, &c), BLOCK_WAITING);
    /* a process of one step: nothing to forward, the result finishes it */
    c = processing(1, 1);
    assert_int_equal(action_block(ACT_FORWARD, &c), BLOCK_LAST_STEP);
    assert_int_equal(action_block(ACT_FINISH, &c), BLOCK_NONE);
}

/* Who: the desk at the receiving unit, processors and leaders at the unit holding it, the filer. */
static void who_may_act(void **state)
{
    struct action_context c = {0};

    (void)state;
    c.status = DOSSIER_RECEIVED;
    assert_int_equal(action_block(ACT_HANDOVER, &c), BLOCK_ROLE);
    c.desk = 1;
    assert_int_equal(action_block(ACT_HANDOVER, &c), BLOCK_NONE);
    /* a supplement asked at intake belongs to the desk, later to the processor */
    assert_int_equal(action_block(ACT_REQUEST_SUPPLEMENT, &c), BLOCK_NONE);
    c = processing(1, 2);
    c.leader = 0;
    assert_int_equal(action_block(ACT_FINISH, &c), BLOCK_ROLE);
    assert_int_equal(action_block(ACT_STOP, &c), BLOCK_ROLE);
    assert_int_equal(action_block(ACT_REQUEST_PAYMENT, &c), BLOCK_NONE);
    assert_int_equal(action_block(ACT_WITHDRAW, &c), BLOCK_ROLE);
    c.filer = 1;
    assert_int_equal(action_block(ACT_WITHDRAW, &c), BLOCK_NONE);
    assert_int_equal(action_block(ACT_RETURN, &c), BLOCK_STATUS);
    c.apologized = 1;
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_ROLE); /* the head of the agency's */
    c.leader = 1;
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_APOLOGIZED);
}

/* The apology: the head of the unit holding the dossier, from the window's opening on, once. */
static void apology_window(void **state)
{
    struct action_context c = processing(1, 2);
    char text[256];

    (void)state;
    c.apology_opens = 1000000;
    c.now = c.apology_opens - 1;
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_EARLY);
    action_block_text(BLOCK_EARLY, &c, text, sizeof(text));
    assert_non_null(strstr(text, "3 ngày làm việc trước hạn"));
    assert_non_null(strstr(text, "ngày 12 tháng 01 năm 1970")); /* when it opens */
    assert_string_equal(action_block_name(BLOCK_EARLY), "too_early");
    c.now = c.apology_opens;
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_NONE);
    c.now = c.apology_opens + 30 * 86400; /* overdue and unfinished: still */
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_NONE);
    /* a processing officer may not, whatever the time; nor the desk before the handover */
    c.leader = 0;
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_ROLE);
    c = (struct action_context){.status = DOSSIER_RECEIVED, .desk = 1};
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_ROLE);
    c.leader = 1;
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_NONE);
    /* once processed, no apology: the result is there */
    c.status = DOSSIER_PROCESSED;
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_STATUS);
    /* a label without the moment when none is known */
    action_block_text(BLOCK_ROLE, &c, text, sizeof(text));
    assert_string_equal(text, action_block_label(BLOCK_ROLE));
}

/* Whatever the facts, an action the status forbids is blocked for its status first. */
static void status_first(void **state)
{
    struct action_context c = {0};
    int a, s;

    (void)state;
    c.desk = c.processor = c.leader = c.filer = 1;
    c.nsteps = 2;
    c.step = 1;
    for (s = 1; s <= 10; s++)
        for (a = 0; a < ACT_COUNT; a++) {
            c.status = s;
            if (!action_allowed_from(a, s) && action_block(a, &c) != BLOCK_STATUS)
                fail_msg("%s from %d", action_get(a)->name, s);
        }
}

#define R(x) ROLE_BIT(ROLE_##x)

/* The roles of each action's route: its actors' roles, the desk at intake, the applicant's
 * withdrawal. */
static void roles_of_actions(void **state)
{
    static const unsigned want[ACT_COUNT] = {
        [ACT_ACCEPT] = R(RECEIVER),
        [ACT_REFUSE] = R(RECEIVER),
        [ACT_HANDOVER] = R(RECEIVER),
        [ACT_REQUEST_SUPPLEMENT] = R(RECEIVER) | R(PROCESSOR) | R(LEADER),
        [ACT_SUPPLEMENT] = R(RECEIVER),
        [ACT_FORWARD] = R(PROCESSOR) | R(LEADER),
        [ACT_APPROVE] = R(LEADER),
        [ACT_SEND_BACK] = R(PROCESSOR) | R(LEADER),
        [ACT_CONSULT] = R(PROCESSOR) | R(LEADER),
        [ACT_REQUEST_PAYMENT] = R(PROCESSOR) | R(LEADER),
        [ACT_PAY] = R(RECEIVER),
        [ACT_FINISH] = R(LEADER),
        [ACT_RETURN] = R(RECEIVER),
        [ACT_WITHDRAW] = R(RECEIVER) | R(CITIZEN),
        [ACT_STOP] = R(LEADER),
        [ACT_APOLOGIZE] = R(LEADER),
    };
    int a;

    (void)state;
    for (a = 0; a < ACT_COUNT; a++)
        if (action_roles(a) != want[a])
            fail_msg("%s: %#x, want %#x", action_get(a)->name, action_roles(a), want[a]);
    assert_int_equal(action_roles(-1), 0);
    assert_int_equal(action_roles(ACT_COUNT), 0);
    assert_int_equal(actor_capability(ACTOR_DESK), CAP_RECEIVE);
    assert_int_equal(actor_capability(ACTOR_PROCESSOR), CAP_PROCESS);
    assert_int_equal(actor_capability(ACTOR_LEADER), CAP_APPROVE);
}

/*
 * The same answer as action_block: a caller holding one role at every unit
 * (and the filer when the role files online) may take the action from some
 * status exactly when the role is among the action's roles.
 */
static void roles_agree_with_block(void **state)
{
    int a, r, s;

    (void)state;
    for (a = 0; a < ACT_COUNT; a++)
        for (r = 0; r < ROLE_COUNT; r++) {
            struct action_context c = {0};
            int may = 0;

            c.desk = role_can(r, actor_capability(ACTOR_DESK));
            c.processor = role_can(r, actor_capability(ACTOR_PROCESSOR));
            c.leader = role_can(r, actor_capability(ACTOR_LEADER));
            c.filer = role_can(r, CAP_SUBMIT_ONLINE);
            for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++) {
                c.status = s;
                if (action_allowed_from(a, s) && action_block(a, &c) != BLOCK_ROLE)
                    may = 1;
            }
            if (may != !!(action_roles(a) & ROLE_BIT(r)))
                fail_msg("%s by %s: %d", action_get(a)->name, role_name(r), may);
        }
}

/* Every reason has a name and a Vietnamese label; every action names its fields. */
static void names_and_fields(void **state)
{
    int b, a;

    (void)state;
    for (b = 1; b < BLOCK_COUNT; b++) {
        assert_true(*action_block_name(b));
        assert_true(*action_block_label(b));
    }
    assert_string_equal(action_block_name(BLOCK_LAST_STEP), "last_step");
    for (a = 0; a < ACT_COUNT; a++)
        assert_non_null(action_fields(a));
    assert_string_equal(action_fields(ACT_FINISH), "result_number result_date signer");
    assert_string_equal(action_fields(ACT_CONSULT), "agency days? note?");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(moves_through_steps),    cmocka_unit_test(who_may_act),
        cmocka_unit_test(apology_window),         cmocka_unit_test(status_first),
        cmocka_unit_test(names_and_fields),       cmocka_unit_test(roles_of_actions),
        cmocka_unit_test(roles_agree_with_block),
    };
    return cmocka_run_group_tests_name("core/actions", tests, NULL, NULL);
}
