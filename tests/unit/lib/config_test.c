/* Tests for src/lib/config.c: defaults, environment, flags, in that order of precedence. */
#include "../test.h"
#include "lib/config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void precedence(void **state)
{
    struct config c;
    struct err e = ERR_INIT;
    int takes;

    (void)state;
    unsetenv("MOTCUA_THREADS");
    unsetenv("MOTCUA_LISTEN");
    assert_int_equal(config_init(&c, NULL, &e), 0);
    assert_int_equal(c.threads, 4);
    assert_string_equal(c.listen, "127.0.0.1:8080");
    assert_null(c.web);
    assert_int_equal(c.secure_cookies, 0);
    setenv("MOTCUA_THREADS", "8", 1);
    setenv("MOTCUA_SECURE_COOKIES", "1", 1);
    assert_int_equal(config_init(&c, NULL, &e), 0);
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
    assert_int_equal(config_init(&c, NULL, &e), -1);
    assert_non_null(strstr(e.msg, "MOTCUA_THREADS"));
    unsetenv("MOTCUA_THREADS");
    assert_int_equal(config_init(&c, NULL, &e), 0);
    assert_int_equal(config_set(&c, "threads", "0", &e), -1);
    assert_int_equal(config_set(&c, "body-limit", "12abc", &e), -1);
    assert_int_equal(config_set(&c, "db", "", &e), -1);
    assert_int_equal(config_set(&c, "nothing", "1", &e), -1);
    assert_int_equal(c.threads, 4);
}

/* A configuration file's lines: comments, sections, quotes, yes/no, then the refusals. */
static void file_lines(void **state)
{
    struct config c;
    struct err e = ERR_INIT;
    char good[] = "\xef\xbb\xbf# motcua\r\n[server]\n  listen = 0.0.0.0:8081  \n"
                  "; a comment\nthreads=6\nsecure-cookies = no\n\n[mail]\n"
                  "smtp-password = \"a#b;c \"\n",
         unknown[] = "listen = 1.2.3.4:80\nthread = 3\n", twice[] = "threads = 2\nthreads = 3\n",
         bad[] = "threads = many\n", nokey[] = "threads 2\n", section[] = "[server\n";

    (void)state;
    unsetenv("MOTCUA_THREADS");
    assert_int_equal(config_init(&c, NULL, &e), 0);
    assert_int_equal(config_parse(&c, good, "m.conf", &e), 0);
    assert_string_equal(c.listen, "0.0.0.0:8081");
    assert_int_equal(c.threads, 6);
    assert_int_equal(c.secure_cookies, 0);
    assert_string_equal(c.smtp_password, "a#b;c ");
    assert_int_equal(config_parse(&c, unknown, "m.conf", &e), -1);
    assert_string_equal(e.msg, "m.conf:2: unknown key 'thread'");
    assert_int_equal(config_parse(&c, twice, "m.conf", &e), -1);
    assert_string_equal(e.msg, "m.conf:2: threads is set twice (first on line 1)");
    assert_int_equal(config_parse(&c, bad, "m.conf", &e), -1);
    assert_non_null(strstr(e.msg, "m.conf:1: threads must be a number from 1 to 256"));
    assert_int_equal(config_parse(&c, nokey, "m.conf", &e), -1);
    assert_non_null(strstr(e.msg, "m.conf:1: expected 'key = value'"));
    assert_int_equal(config_parse(&c, section, "m.conf", &e), -1);
    assert_non_null(strstr(e.msg, "m.conf:1: a section header ends with ']'"));
}

/* The file sits between the defaults and the environment. */
static void file_then_environment(void **state)
{
    struct config c;
    struct err e = ERR_INIT;
    char path[] = "/tmp/motcua-config-XXXXXX";
    const char text[] = "threads = 7\nbody-limit = 4096\n";
    int fd = mkstemp(path);

    (void)state;
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, sizeof(text) - 1), (ssize_t)(sizeof(text) - 1));
    close(fd);
    setenv("MOTCUA_THREADS", "9", 1);
    assert_int_equal(config_init(&c, path, &e), 0);
    assert_int_equal(c.threads, 9);
    assert_int_equal(c.body_limit, 4096);
    assert_string_equal(c.listen, "127.0.0.1:8080");
    config_release(&c);
    unsetenv("MOTCUA_THREADS");
    unlink(path);
    assert_int_equal(config_init(&c, path, &e), -1);
    assert_non_null(strstr(e.msg, "cannot read the configuration file"));
    config_release(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(precedence),
        cmocka_unit_test(bad_values),
        cmocka_unit_test(file_lines),
        cmocka_unit_test(file_then_environment),
    };
    return cmocka_run_group_tests_name("lib/config", tests, NULL, NULL);
}
