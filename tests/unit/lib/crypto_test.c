/* Tests for src/lib/crypto.c */
#include "../test.h"
#include "lib/crypto.h"

static void passwords(void **state)
{
    char hash[CRYPTO_HASH_MAX];
    struct err e = ERR_INIT;

    (void)state;
    assert_int_equal(crypto_init(&e), 0);
    assert_int_equal(crypto_password_hash("mật khẩu", hash, &e), 0);
    assert_memory_equal(hash, "$argon2id$", 10);
    assert_true(crypto_password_verify(hash, "mật khẩu"));
    assert_false(crypto_password_verify(hash, "mat khau"));
    assert_false(crypto_password_verify("garbage", "mật khẩu"));
}

static void tokens_and_hashes(void **state)
{
    char a[CRYPTO_TOKEN_LEN + 1], b[CRYPTO_TOKEN_LEN + 1], h[CRYPTO_SHA256_HEX];

    (void)state;
    crypto_token(a);
    crypto_token(b);
    assert_int_equal(strlen(a), CRYPTO_TOKEN_LEN);
    assert_int_equal(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"),
                     CRYPTO_TOKEN_LEN);
    assert_string_not_equal(a, b);
    crypto_sha256_hex("abc", 3, h);
    assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    {
        struct crypto_sha256 inc;
        crypto_sha256_init(&inc);
        crypto_sha256_update(&inc, "a", 1);
        crypto_sha256_update(&inc, "bc", 2);
        crypto_sha256_final(&inc, h);
        assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
    assert_true(crypto_streq("abc", "abc"));
    assert_false(crypto_streq("abc", "abd"));
    assert_false(crypto_streq("abc", "abcd"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(passwords),
        cmocka_unit_test(tokens_and_hashes),
    };
    return cmocka_run_group_tests_name("lib/crypto", tests, NULL, NULL);
}
