/* Tests for src/core/actions.c */
#include "../test.h"
#include "core/actions.h"

#include <stdio.h>

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
    assert_int_equal(action_block(ACT_APOLOGIZE, &c), BLOCK_APOLOGIZED);
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
        cmocka_unit_test(moves_through_steps),
        cmocka_unit_test(who_may_act),
        cmocka_unit_test(status_first),
        cmocka_unit_test(names_and_fields),
    };
    return cmocka_run_group_tests_name("core/actions", tests, NULL, NULL);
}
