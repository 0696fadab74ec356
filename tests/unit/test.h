/* Common includes for cmocka unit tests. */
#ifndef TESTS_UNIT_TEST_H
#define TESTS_UNIT_TEST_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/date.h"

/* A local instant from "YYYY-MM-DD HH:MM". */
static inline int64_t T(const char *local)
{
    int64_t t = 0;
    assert_int_equal(date_parse_local(local, &t), 0);
    return t;
}

/* A day from "YYYY-MM-DD". */
static inline int64_t D(const char *ymd)
{
    int64_t d = 0;
    assert_int_equal(date_parse_ymd(ymd, &d), 0);
    return d;
}

#define assert_local_equal(t, expected)                                                            \
    do {                                                                                           \
        char buf_[DATE_ISO_MAX];                                                                   \
        date_format_local((t), buf_);                                                              \
        assert_string_equal(buf_, (expected));                                                     \
    } while (0)

#endif
