/* Safe display names for uploaded files. */
#include "core/filename.h"
#include "core/filetype.h"
#include "lib/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* Characters that never belong in a name: controls, and invisible or direction-changing formats. */
static int dropped(ucs4_t c)
{
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x180e ||
           (c >= 0x200b && c <= 0x200f) || (c >= 0x2028 && c <= 0x202e) ||
           (c >= 0x2060 && c <= 0x206f) || c == 0xfeff || (c >= 0xfff9 && c <= 0xfffb);
}

/* The last path part of the len bytes at s, cleaned as filename.h says, into out (>= len + 1). */
static size_t clean(const char *s, size_t len, char *out)
{
    const char *slash;
    size_t k = 0, i = 0;

    for (slash = s; slash < s + len; slash++)
        if (*slash == '/' || *slash == '\\') {
            len -= (size_t)(slash + 1 - s);
            s = slash + 1;
            slash = s - 1;
        }
    while (i < len) {
        ucs4_t c;
        int n = u8_mbtoucr(&c, (const uint8_t *)s + i, len - i);
        if (n < 0) { /* invalid or cut short: the byte is left out */
            i++;
            continue;
        }
        if (!dropped(c)) {
            if (c < 0x80 && strchr("\"*:<>?|", (int)c))
                out[k++] = '_';
            else
                memcpy(out + k, s + i, (size_t)n), k += (size_t)n;
        }
        i += (size_t)n;
    }
    out[k] = '\0';
    return k;
}

/* Length in bytes of the first `chars` characters of the UTF-8 text s. */
static size_t prefix_bytes(const char *s, size_t chars)
{
    size_t i = 0;

    for (; s[i] && chars; chars--)
        for (i++; ((unsigned char)s[i] & 0xc0) == 0x80; i++)
            ;
    return i;
}

static int is_trim(char c)
{
    return c == ' ' || c == '.';
}

int filename_display(const char *given, const char *content_type, char out[FILENAME_BYTES])
{
    const char *ext = filetype_extension(content_type);
    size_t len = given ? strlen(given) : 0, n, start = 0, end, max;
    char *buf = malloc(len + 1), *nfc = NULL, *dot;

    if (!buf)
        return -1;
    n = clean(given ? given : "", len, buf);
    if (!(nfc = utf8_nfc(buf, n, &n))) {
        free(buf);
        return -1;
    }
    free(buf);
    /* the stem: without the extension it came with, spaces and dots trimmed */
    end = n;
    if ((dot = strrchr(nfc, '.')) && dot != nfc)
        end = (size_t)(dot - nfc);
    while (start < end && is_trim(nfc[start]))
        start++;
    while (end > start && is_trim(nfc[end - 1]))
        end--;
    nfc[end] = '\0';
    max = FILENAME_MAX_CHARS - strlen(ext); /* extensions are ASCII */
    end = start + prefix_bytes(nfc + start, max);
    while (end > start && is_trim(nfc[end - 1]))
        end--;
    if (end == start)
        strcpy(out, FILENAME_FALLBACK);
    else
        memcpy(out, nfc + start, end - start), out[end - start] = '\0';
    strcat(out, ext);
    free(nfc);
    return 0;
}
