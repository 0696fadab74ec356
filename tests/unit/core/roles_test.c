/* Tests for src/core/roles.c */
#include "../test.h"
#include "core/roles.h"

static void names(void **state)
{
    static const char *const all[] = {"citizen",    "receiver", "processor", "leader",
                                      "unit_admin", "admin",    "steering",  "auditor"};
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
        int r = role_parse(all[i]);
        assert_int_not_equal(r, -1);
        assert_string_equal(role_name(r), all[i]);
        assert_non_null(role_label(r));
    }
    assert_int_equal(role_parse("root"), -1);
    assert_int_equal(role_parse(""), -1);
    assert_null(role_name(ROLE_COUNT));
}

/* The whole capability matrix, cell by cell. */
static void matrix(void **state)
{
    /* rows: roles in enum order; columns: capabilities in enum order (plans 10-12, PAR 13-15) */
    static const char *const want[ROLE_COUNT] = {
        "1000000000000000", /* citizen */
        "0111000000100000", /* receiver */
        "0011000010110001", /* processor */
        "0011000011110001", /* leader */
        "0000100100110000", /* unit_admin */
        "0011111100101000", /* admin */
        "0010000000101110", /* steering */
        "0010000000100100", /* auditor */
    };
    int r, c;

    (void)state;
    for (r = 0; r < ROLE_COUNT; r++)
        for (c = 0; c < CAP_COUNT; c++)
            if (role_can(r, c) != (want[r][c] == '1'))
                fail_msg("%s / capability %d", role_name(r), c);
    assert_int_equal(roles_with(CAP_SUBMIT_ONLINE), ROLE_BIT(ROLE_CITIZEN));
    assert_int_equal(roles_with(CAP_MANAGE_CALENDAR), ROLE_BIT(ROLE_ADMIN));
    /* the route table's PLAN_VIEWERS, TASK_REPORTERS and COMMITTEE */
    assert_int_equal(roles_with(CAP_VIEW_PLANS), ROLES_STAFF);
    assert_int_equal(roles_with(CAP_REPORT_TASKS),
                     ROLE_BIT(ROLE_PROCESSOR) | ROLE_BIT(ROLE_LEADER) | ROLE_BIT(ROLE_UNIT_ADMIN));
    assert_int_equal(roles_with(CAP_MANAGE_PLANS), ROLE_BIT(ROLE_STEERING) | ROLE_BIT(ROLE_ADMIN));
    assert_int_equal(roles_with(CAP_MANAGE_PAR), ROLE_BIT(ROLE_STEERING));
    assert_string_equal(capability_name(CAP_ASSESS_PAR), "assess_par");
    assert_false(role_can(-1, CAP_RECEIVE));
}

static void bindings(void **state)
{
    (void)state;
    assert_int_equal(role_agency_binding(ROLE_CITIZEN), -1);
    assert_int_equal(role_agency_binding(ROLE_RECEIVER), 1);
    assert_int_equal(role_agency_binding(ROLE_UNIT_ADMIN), 1);
    assert_int_equal(role_agency_binding(ROLE_ADMIN), 0);
    assert_int_equal(role_agency_binding(ROLE_STEERING), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names),
        cmocka_unit_test(matrix),
        cmocka_unit_test(bindings),
    };
    return cmocka_run_group_tests_name("core/roles", tests, NULL, NULL);
}
