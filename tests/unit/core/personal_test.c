/* Tests for src/core/personal.c */
#include "../test.h"
#include "core/personal.h"
#include "core/roles.h"

static void expect_mask(const char *in, const char *want)
{
    char out[64];
    size_t n = personal_mask(in, out);

    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
    assert_true(n <= strlen(in));
}

/* Who sees in full: every role alone, and with the dossier filed by the caller. */
static void who(void **state)
{
    static const int full[ROLE_COUNT] = {
        [ROLE_RECEIVER] = 1,
        [ROLE_PROCESSOR] = 1,
        [ROLE_LEADER] = 1,
        [ROLE_ADMIN] = 1,
    };
    int r;

    (void)state;
    for (r = 0; r < ROLE_COUNT; r++) {
        if (personal_full(0, ROLE_BIT(r)) != full[r])
            fail_msg("%s over the dossier's unit", role_name(r));
        assert_true(personal_full(1, ROLE_BIT(r)));
    }
    assert_false(personal_full(0, 0)); /* no role over any unit of the dossier */
    assert_true(personal_full(1, 0));  /* the citizen who filed it */
    assert_false(personal_full(0, ROLE_BIT(ROLE_STEERING) | ROLE_BIT(ROLE_AUDITOR)));
    assert_false(personal_full(0, ROLE_BIT(ROLE_UNIT_ADMIN) | ROLE_BIT(ROLE_CITIZEN)));
    assert_true(personal_full(0, ROLE_BIT(ROLE_STEERING) | ROLE_BIT(ROLE_PROCESSOR)));
}

static void shapes(void **state)
{
    int f;

    (void)state;
    for (f = 0; f < PERSONAL_FIELD_COUNT; f++)
        assert_int_equal(personal_shape(f, 1), PERSONAL_SHOW);
    assert_int_equal(personal_shape(PERSONAL_ID_NUMBER, 0), PERSONAL_MASK);
    assert_int_equal(personal_shape(PERSONAL_PHONE, 0), PERSONAL_MASK);
    assert_int_equal(personal_shape(PERSONAL_EMAIL, 0), PERSONAL_HIDE);
    assert_int_equal(personal_shape(PERSONAL_ADDRESS, 0), PERSONAL_HIDE);
    assert_int_equal(personal_shape(PERSONAL_FIELD_COUNT, 0), PERSONAL_HIDE);
}

static void masks(void **state)
{
    (void)state;
    expect_mask("001190012345", "********2345"); /* as the JSON views always showed it */
    expect_mask("0912 345 678", "******5678");
    expect_mask("0912.345.678", "******5678");
    expect_mask("+84-912-345-678", "********5678");
    expect_mask("123456789", "*****6789"); /* the old 9-digit ID */
    expect_mask("12345", "*2345");
    expect_mask("1234", "**34");
    expect_mask("123", "**3");
    expect_mask("1", "*");
    expect_mask("", "");
    expect_mask(" - . ", "");
    expect_mask("số 0912 345 678", "********5678"); /* characters, not bytes */
    expect_mask("09123456ắ", "*****456ắ");
    expect_mask("ắ1234567", "****4567"); /* a masked character is one '*', whatever its bytes */
}

/* Who sees a dossier at all: the filer, viewers here, else viewers where it passed. */
static void sight(void **state)
{
    unsigned receiver = ROLE_BIT(ROLE_RECEIVER), steering = ROLE_BIT(ROLE_STEERING),
             citizen = ROLE_BIT(ROLE_CITIZEN);
    int full = -1;

    (void)state;
    assert_true(dossier_sight(1, 0, 0, &full));
    assert_true(full);
    assert_true(dossier_sight(0, receiver, 0, &full));
    assert_true(full);
    assert_true(dossier_sight(0, steering, 0, &full));
    assert_false(full);                                      /* sees it, masked */
    assert_true(dossier_sight(0, citizen, receiver, &full)); /* a unit it passed through */
    assert_true(full);
    assert_false(dossier_sight(0, citizen, 0, &full)); /* another citizen */
    assert_false(full);
    assert_false(dossier_sight(0, 0, 0, &full));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(who),
        cmocka_unit_test(shapes),
        cmocka_unit_test(masks),
        cmocka_unit_test(sight),
    };
    return cmocka_run_group_tests_name("core/personal", tests, NULL, NULL);
}
