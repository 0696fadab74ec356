/* Tests for src/lib/utf8.c */
#include <stdlib.h>

#include "../test.h"
#include "lib/utf8.h"

/* "nguyễn" composed (ễ = U+1EC5) and decomposed (e, U+0302 circumflex, U+0303 tilde) */
#define NGUYEN_NFC "nguy\xe1\xbb\x85n"
#define NGUYEN_NFD "nguye\xcc\x82\xcc\x83n"

static void composes(void **state)
{
    size_t n;
    char *s;

    (void)state;
    s = utf8_nfc(NGUYEN_NFD, strlen(NGUYEN_NFD), &n);
    assert_string_equal(s, NGUYEN_NFC);
    assert_int_equal(n, strlen(NGUYEN_NFC));
    free(s);
    s = utf8_nfc(NGUYEN_NFC, strlen(NGUYEN_NFC), &n);
    assert_string_equal(s, NGUYEN_NFC);
    free(s);
    /* đ has no decomposition; ASCII is copied as it is */
    s = utf8_nfc("\xc4\x91\xe1\xba\xa5t \xc4\x91"
                 "ai",
                 11, &n);
    assert_string_equal(s, "\xc4\x91\xe1\xba\xa5t \xc4\x91"
                           "ai");
    free(s);
    s = utf8_nfc("plain", 5, &n);
    assert_string_equal(s, "plain");
    assert_int_equal(n, 5);
    free(s);
}

static void refuses_invalid_utf8(void **state)
{
    struct arena a = ARENA_INIT;
    size_t n;

    (void)state;
    assert_null(utf8_nfc("ab\xff", 3, &n));
    assert_null(utf8_nfc("\xc3", 1, &n));
    assert_null(utf8_nfc("\xed\xa0\x80", 3, &n)); /* a surrogate */
    assert_false(utf8_valid("\xc0\xaf", 2));      /* overlong */
    assert_true(utf8_valid(NGUYEN_NFC, strlen(NGUYEN_NFC)));
    assert_null(utf8_nfc_dup(&a, "x\xfe"));
    assert_string_equal(utf8_nfc_dup(&a, NGUYEN_NFD), NGUYEN_NFC);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(composes),
        cmocka_unit_test(refuses_invalid_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
