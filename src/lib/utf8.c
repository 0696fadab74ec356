/* UTF-8 validity and NFC over libunistring. */
#include "lib/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uninorm.h>

int utf8_valid(const char *s, size_t len)
{
    return u8_check((const uint8_t *)s, len) == NULL;
}

char *utf8_nfc(const char *s, size_t len, size_t *outlen)
{
    uint8_t *nfc;
    char *out;
    size_t i, n = 0;

    for (i = 0; i < len && !((unsigned char)s[i] & 0x80); i++)
        ;
    if (i == len) { /* ASCII is its own NFC */
        if (!(out = malloc(len + 1)))
            return NULL;
        memcpy(out, s, len);
        out[len] = '\0';
        *outlen = len;
        return out;
    }
    if (!utf8_valid(s, len))
        return NULL;
    nfc = u8_normalize(UNINORM_NFC, (const uint8_t *)s, len, NULL, &n);
    if (!nfc)
        return NULL;
    out = realloc(nfc, n + 1);
    if (!out) {
        free(nfc);
        return NULL;
    }
    out[n] = '\0';
    *outlen = n;
    return out;
}

char *utf8_nfc_dup(struct arena *a, const char *s)
{
    size_t n;
    char *nfc = utf8_nfc(s, strlen(s), &n), *out;

    if (!nfc)
        return NULL;
    out = arena_strndup(a, nfc, n);
    free(nfc);
    return out;
}
