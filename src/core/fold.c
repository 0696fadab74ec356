/*
 * Vietnamese text folding for search. The tables map each precomposed Latin
 * letter of U+00C0..U+024F and U+1E00..U+1EFF to its lower-case ASCII base
 * letter (0 where it has none); they were generated from Unicode's canonical
 * decompositions, with đ/Đ added by hand since Unicode does not decompose them.
 */
#include "core/fold.h"

#include <string.h>

static const char latin_00c0[400] = {
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 0,   'n', 'o',
    'o', 'o', 'o', 'o', 0,   0,   'u', 'u', 'u', 'u', 'y', 0,   0,   'a', 'a', 'a', 'a', 'a', 'a',
    0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 0,   'n', 'o', 'o', 'o', 'o', 'o', 0,   0,
    'u', 'u', 'u', 'u', 'y', 0,   'y', 'a', 'a', 'a', 'a', 'a', 'a', 'c', 'c', 'c', 'c', 'c', 'c',
    'c', 'c', 'd', 'd', 'd', 'd', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'g', 'g', 'g',
    'g', 'g', 'g', 'g', 'g', 'h', 'h', 0,   0,   'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 'i', 0,
    0,   0,   'j', 'j', 'k', 'k', 0,   'l', 'l', 'l', 'l', 'l', 'l', 0,   0,   0,   0,   'n', 'n',
    'n', 'n', 'n', 'n', 0,   0,   0,   'o', 'o', 'o', 'o', 'o', 'o', 0,   0,   'r', 'r', 'r', 'r',
    'r', 'r', 's', 's', 's', 's', 's', 's', 's', 's', 't', 't', 't', 't', 0,   0,   'u', 'u', 'u',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'w', 'w', 'y', 'y', 'y', 'z', 'z', 'z', 'z', 'z',
    'z', 0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   'o', 'o', 0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   'u', 'u', 0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   'a', 'a', 'i', 'i', 'o', 'o', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u',
    0,   'a', 'a', 'a', 'a', 0,   0,   0,   0,   'g', 'g', 'k', 'k', 'o', 'o', 'o', 'o', 0,   0,
    'j', 0,   0,   0,   'g', 'g', 0,   0,   'n', 'n', 'a', 'a', 0,   0,   0,   0,   'a', 'a', 'a',
    'a', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 'o', 'o', 'o', 'o', 'r', 'r', 'r', 'r', 'u', 'u',
    'u', 'u', 's', 's', 't', 't', 0,   0,   'h', 'h', 0,   0,   0,   0,   0,   0,   'a', 'a', 'e',
    'e', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'y', 'y', 0,   0,   0,   0,   0,   0,   0,   0,
    0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
    0,
};

static const char latin_1e00[256] = {
    'a', 'a', 'b', 'b', 'b', 'b', 'b', 'b', 'c', 'c', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd', 'd',
    'd', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'f', 'f', 'g', 'g', 'h', 'h', 'h', 'h',
    'h', 'h', 'h', 'h', 'h', 'h', 'i', 'i', 'i', 'i', 'k', 'k', 'k', 'k', 'k', 'k', 'l', 'l', 'l',
    'l', 'l', 'l', 'l', 'l', 'm', 'm', 'm', 'm', 'm', 'm', 'n', 'n', 'n', 'n', 'n', 'n', 'n', 'n',
    'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'p', 'p', 'p', 'p', 'r', 'r', 'r', 'r', 'r', 'r', 'r',
    'r', 's', 's', 's', 's', 's', 's', 's', 's', 's', 's', 't', 't', 't', 't', 't', 't', 't', 't',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'v', 'v', 'v', 'v', 'w', 'w', 'w', 'w', 'w',
    'w', 'w', 'w', 'w', 'w', 'x', 'x', 'x', 'x', 'y', 'y', 'z', 'z', 'z', 'z', 'z', 'z', 'h', 't',
    'w', 'y', 0,   0,   0,   0,   0,   0,   'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a',
    'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'a', 'e', 'e', 'e', 'e', 'e', 'e',
    'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i', 'o', 'o', 'o', 'o', 'o',
    'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o', 'o',
    'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'u', 'y', 'y', 'y', 'y', 'y',
    'y', 'y', 'y', 0,   0,   0,   0,   0,   0,
};

/* Decodes one UTF-8 sequence; returns its length (1 for an invalid byte, taken as is). */
static size_t decode(const unsigned char *s, size_t n, unsigned *cp)
{
    if (s[0] < 0x80) {
        *cp = s[0];
        return 1;
    }
    if ((s[0] & 0xE0) == 0xC0 && n >= 2 && (s[1] & 0xC0) == 0x80) {
        *cp = (unsigned)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
        return 2;
    }
    if ((s[0] & 0xF0) == 0xE0 && n >= 3 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
        *cp = (unsigned)(s[0] & 0x0F) << 12 | (unsigned)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
        return 3;
    }
    *cp = 0xFFFFFFFFu;
    return 1;
}

static char fold_cp(unsigned cp)
{
    if (cp >= 0xC0 && cp < 0x250)
        return latin_00c0[cp - 0xC0];
    if (cp >= 0x1E00 && cp < 0x1F00)
        return latin_1e00[cp - 0x1E00];
    return 0;
}

size_t fold_text(const char *in, size_t len, char *out)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, o = 0;

    while (i < len) {
        unsigned cp;
        size_t n = decode(s + i, len - i, &cp);
        char c;

        if (cp < 0x80) {
            out[o++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp);
        } else if (cp >= 0x300 && cp < 0x370) {
            /* combining marks of decomposed (NFD) text: dropped */
        } else if ((c = fold_cp(cp)) != 0) {
            out[o++] = c;
        } else {
            memcpy(out + o, s + i, n);
            o += n;
        }
        i += n;
    }
    out[o] = '\0';
    return o;
}
