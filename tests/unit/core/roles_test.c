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
    /* rows: roles in enum order; columns: capabilities in enum order */
    static const char *const want[ROLE_COUNT] = {
        "10000000", /* citizen */
        "01110000", /* receiver */
        "00110000", /* processor */
        "00110000", /* leader */
        "00001001", /* unit_admin */
        "00111111", /* admin */
        "00100000", /* steering */
        "00100000", /* auditor */
    };
    int r, c;

    (void)state;
    for (r = 0; r < ROLE_COUNT; r++)
        for (c = 0; c <= CAP_MANAGE_USERS; c++)
            if (role_can(r, c) != (want[r][c] == '1'))
                fail_msg("%s / capability %d", role_name(r), c);
    assert_int_equal(roles_with(CAP_SUBMIT_ONLINE), ROLE_BIT(ROLE_CITIZEN));
    assert_int_equal(roles_with(CAP_MANAGE_CALENDAR), ROLE_BIT(ROLE_ADMIN));
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
