/* Tests for src/lib/config.c: defaults, environment, flags, in that order of precedence. */
#include "../test.h"
#include "lib/config.h"

#include <stdlib.h>

static void precedence(void **state)
{
    struct config c;
    struct err e = ERR_INIT;
    int takes;

    (void)state;
    unsetenv("MOTCUA_THREADS");
    unsetenv("MOTCUA_LISTEN");
    assert_int_equal(config_init(&c, &e), 0);
    assert_int_equal(c.threads, 4);
    assert_string_equal(c.listen, "127.0.0.1:8080");
    assert_null(c.web);
    assert_int_equal(c.secure_cookies, 0);
    setenv("MOTCUA_THREADS", "8", 1);
    setenv("MOTCUA_SECURE_COOKIES", "1", 1);
    assert_int_equal(config_init(&c, &e), 0);
    assert_int_equal(c.threads, 8);
    assert_int_equal(c.secure_cookies, 1);
    assert_int_equal(config_set(&c, "threads", "2", &e), 0);
    assert_int_equal(c.threads, 2);
    assert_int_equal(config_set(&c, "listen", "0.0.0.0:80", &e), 0);
    assert_string_equal(c.listen, "0.0.0.0:80");
    assert_true(config_known("secure-cookies", &takes));
    assert_false(takes);
    assert_true(config_known("body-limit", &takes));
    assert_true(takes);
    assert_false(config_known("colour", &takes));
    unsetenv("MOTCUA_SECURE_COOKIES");
}

static void bad_values(void **state)
{
    struct config c;
    struct err e = ERR_INIT;

    (void)state;
    setenv("MOTCUA_THREADS", "many", 1);
    assert_int_equal(config_init(&c, &e), -1);
    assert_non_null(strstr(e.msg, "MOTCUA_THREADS"));
    unsetenv("MOTCUA_THREADS");
    assert_int_equal(config_init(&c, &e), 0);
    assert_int_equal(config_set(&c, "threads", "0", &e), -1);
    assert_int_equal(config_set(&c, "body-limit", "12abc", &e), -1);
    assert_int_equal(config_set(&c, "db", "", &e), -1);
    assert_int_equal(config_set(&c, "nothing", "1", &e), -1);
    assert_int_equal(c.threads, 4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(precedence),
        cmocka_unit_test(bad_values),
    };
    return cmocka_run_group_tests_name("lib/config", tests, NULL, NULL);
}
