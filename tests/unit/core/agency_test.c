/* Tests for src/core/agency.c */
#include "../test.h"
#include "core/agency.h"

#define ROOT "000.00.00.H43/"
#define DEPT ROOT "000.00.04.H43/"
#define DIV  DEPT "000.01.04.H43/"

static void under(void **state)
{
    (void)state;
    assert_true(agency_under(ROOT, ROOT));
    assert_true(agency_under(DEPT, ROOT));
    assert_true(agency_under(DIV, ROOT));
    assert_true(agency_under(DIV, DEPT));
    assert_false(agency_under(ROOT, DEPT));
    assert_false(agency_under(DEPT, DIV));
    /* a sibling whose identifier begins like another's is not under it */
    assert_false(agency_under(ROOT "000.00.04.H431/", DEPT));
    assert_false(agency_under(ROOT "000.00.31.H43/", DEPT));
    assert_false(agency_under("000.00.00.H01/", ROOT));
    assert_false(agency_under(NULL, ROOT));
    assert_false(agency_under(DEPT, NULL));
}

static void same_root(void **state)
{
    (void)state;
    assert_true(agency_same_root(DIV, ROOT "000.00.31.H43/"));
    assert_true(agency_same_root(ROOT, DIV));
    assert_false(agency_same_root(DIV, "000.00.00.H01/000.00.04.H01/"));
    assert_false(agency_same_root("000.00.00.H4/", ROOT));
    assert_false(agency_same_root("no-slash", ROOT));
    assert_false(agency_same_root(NULL, ROOT));
    assert_false(agency_same_root(ROOT, NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(under),
        cmocka_unit_test(same_root),
    };
    return cmocka_run_group_tests_name("core/agency", tests, NULL, NULL);
}
