/*
 * UTF-8 text from outside: validity and Unicode normalisation to NFC (through
 * libunistring), so that a name typed with composed or decomposed marks
 * ("nguyễn" as one code point per letter, or "e" + circumflex + tilde) is one
 * and the same text, and lengths count what a reader sees.
 */
#ifndef LIB_UTF8_H
#define LIB_UTF8_H

#include <stddef.h>

#include "lib/arena.h"

/* 1 when the len bytes at s are valid UTF-8. */
int utf8_valid(const char *s, size_t len);

/*
 * The NFC form of the len bytes at s: a malloc'd, NUL-terminated copy (the
 * caller frees it), its length in *outlen. NULL when s is not valid UTF-8 or
 * memory runs out. Text that is all ASCII is returned as a plain copy.
 */
char *utf8_nfc(const char *s, size_t len, size_t *outlen);
/* The NFC form of the string s, copied into the arena; NULL when s is not valid UTF-8. */
char *utf8_nfc_dup(struct arena *a, const char *s);

#endif
