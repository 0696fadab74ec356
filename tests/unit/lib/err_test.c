/* Tests for src/lib/err.c */
#include "../test.h"
#include "lib/err.h"

#include <errno.h>
#include <string.h>

static void fields_and_wrap(void **state)
{
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(err_field(&e, "applicant.id_number", "must have %d digits", 12), -1);
    assert_int_equal(e.http, 422);
    assert_string_equal(e.code, "invalid");
    assert_int_equal(e.nfields, 1);
    assert_string_equal(e.fields[0].message, "must have 12 digits");
    assert_string_equal(e.fields[0].code, "invalid"); /* a reason without a code of its own */
    assert_string_equal(e.fields[0].param, "");
    err_field_as(&e, "password", "too_short", "8", "must be at least %d characters", 8);
    assert_int_equal(e.nfields, 2);
    assert_string_equal(e.fields[1].code, "too_short");
    assert_string_equal(e.fields[1].param, "8");
    assert_string_equal(e.fields[1].message, "must be at least 8 characters");
    assert_int_equal(err_set(&e, 409, "conflict", "taken"), -1);
    assert_int_equal(e.nfields, 2); /* fields are kept */
    err_wrap(&e, "dossier");
    assert_string_equal(e.msg, "dossier: taken");
}

/* The disk's reason decides the status: full is 507, read-only is 503. */
static void storage(void **state)
{
    static const struct {
        int errnum, http;
        const char *code;
    } cases[] = {
        {ENOSPC, 507, "storage_full"},
        {EDQUOT, 507, "storage_full"},
        {EFBIG, 507, "storage_full"},
        {EROFS, 503, "storage_read_only"},
        {EACCES, 503, "storage_read_only"},
        {EPERM, 503, "storage_read_only"},
        {EIO, 500, "storage"},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        struct err e = ERR_INIT;
        assert_int_equal(err_storage(&e, cases[i].errnum, "files/ab"), -1);
        assert_int_equal(e.http, cases[i].http);
        assert_string_equal(e.code, cases[i].code);
        assert_non_null(strstr(e.msg, "files/ab"));
        assert_non_null(strstr(e.msg, strerror(cases[i].errnum)));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(fields_and_wrap),
        cmocka_unit_test(storage),
    };
    return cmocka_run_group_tests_name("lib/err", tests, NULL, NULL);
}
