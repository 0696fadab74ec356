/* Crypto over libsodium: password hashes (argon2id), random tokens, SHA-256. */
#ifndef LIB_CRYPTO_H
#define LIB_CRYPTO_H

#include <stddef.h>

#include "lib/err.h"

#define CRYPTO_HASH_MAX   128 /* room for an argon2id string */
#define CRYPTO_TOKEN_LEN  43  /* 32 random bytes, base64url without padding */
#define CRYPTO_SHA256_HEX 65

int crypto_init(struct err *e);
int crypto_password_hash(const char *password, char out[CRYPTO_HASH_MAX], struct err *e);
/* 1 when password matches, 0 when not. */
int crypto_password_verify(const char *hash, const char *password);
/* A random URL-safe token of CRYPTO_TOKEN_LEN characters plus NUL. */
void crypto_token(char out[CRYPTO_TOKEN_LEN + 1]);
void crypto_sha256_hex(const void *data, size_t len, char out[CRYPTO_SHA256_HEX]);
/* SHA-256 over data given in pieces. */
struct crypto_sha256 {
    _Alignas(16) unsigned char state[128]; /* crypto_hash_sha256_state, opaque here */
};
void crypto_sha256_init(struct crypto_sha256 *h);
void crypto_sha256_update(struct crypto_sha256 *h, const void *data, size_t len);
void crypto_sha256_final(struct crypto_sha256 *h, char out[CRYPTO_SHA256_HEX]);

/* Constant-time comparison of two NUL-terminated strings. */
int crypto_streq(const char *a, const char *b);

#endif
