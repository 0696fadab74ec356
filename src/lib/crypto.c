/* libsodium wrappers. */
#include "lib/crypto.h"

#include <sodium.h>
#include <string.h>

int crypto_init(struct err *e)
{
    if (sodium_init() < 0)
        return err_set(e, 500, "internal", "libsodium could not be initialised");
    return 0;
}

int crypto_password_hash(const char *password, char out[CRYPTO_HASH_MAX], struct err *e)
{
    _Static_assert(CRYPTO_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
    if (crypto_pwhash_str_alg(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                              crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13))
        return err_set(e, 500, "internal", "password hashing ran out of memory");
    return 0;
}

int crypto_password_verify(const char *hash, const char *password)
{
    return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void crypto_token(char out[CRYPTO_TOKEN_LEN + 1])
{
    unsigned char raw[32];

    randombytes_buf(raw, sizeof(raw));
    sodium_bin2base64(out, CRYPTO_TOKEN_LEN + 1, raw, sizeof(raw),
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void crypto_sha256_hex(const void *data, size_t len, char out[CRYPTO_SHA256_HEX])
{
    unsigned char h[crypto_hash_sha256_BYTES];

    crypto_hash_sha256(h, data, len);
    sodium_bin2hex(out, CRYPTO_SHA256_HEX, h, sizeof(h));
}

_Static_assert(sizeof(struct crypto_sha256) >= sizeof(crypto_hash_sha256_state),
               "crypto_sha256 too small");

void crypto_sha256_init(struct crypto_sha256 *h)
{
    crypto_hash_sha256_init((crypto_hash_sha256_state *)(void *)h->state);
}

void crypto_sha256_update(struct crypto_sha256 *h, const void *data, size_t len)
{
    crypto_hash_sha256_update((crypto_hash_sha256_state *)(void *)h->state, data, len);
}

void crypto_sha256_final(struct crypto_sha256 *h, char out[CRYPTO_SHA256_HEX])
{
    unsigned char d[crypto_hash_sha256_BYTES];

    crypto_hash_sha256_final((crypto_hash_sha256_state *)(void *)h->state, d);
    sodium_bin2hex(out, CRYPTO_SHA256_HEX, d, sizeof(d));
}

int crypto_streq(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    if (la != lb)
        return 0;
    return sodium_memcmp(a, b, la) == 0;
}
