/* Who sees applicants' personal data in full, and how it shows to the others. */
#include "core/personal.h"
#include "core/roles.h"

#include <string.h>

int personal_full(int own, unsigned roles)
{
    return own || (roles & roles_with(CAP_VIEW_PERSONAL)) != 0;
}

int dossier_sight(int filer, unsigned here, unsigned passed, int *full)
{
    unsigned viewers = roles_with(CAP_VIEW_DOSSIERS);

    *full = 0;
    if (filer)
        return *full = 1;
    if (here & viewers) {
        *full = personal_full(0, here);
        return 1;
    }
    if (passed & viewers) {
        *full = personal_full(0, passed);
        return 1;
    }
    return 0;
}

enum personal_shape personal_shape(int field, int full)
{
    if (full)
        return PERSONAL_SHOW;
    switch (field) {
    case PERSONAL_ID_NUMBER:
    case PERSONAL_PHONE: return PERSONAL_MASK;
    default: /* e-mail, address, and any field added later until it is said otherwise */
        return PERSONAL_HIDE;
    }
}

/* The length of the UTF-8 character starting at s (1 for a stray byte). */
static size_t char_len(const char *s)
{
    size_t n = 1;

    while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80 && n < 4)
        n++;
    return n;
}

static int separator(char c)
{
    return c == ' ' || c == '.' || c == '-';
}

size_t personal_mask(const char *value, char *out)
{
    size_t chars = 0, keep, i = 0, n = 0, len;
    const char *s;

    for (s = value; *s; s += char_len(s))
        chars += !separator(*s);
    keep = chars > 4 ? 4 : chars / 2;
    for (s = value; *s; s += len) {
        len = char_len(s);
        if (separator(*s))
            continue;
        if (i++ + keep < chars) {
            out[n++] = '*';
        } else {
            memcpy(out + n, s, len);
            n += len;
        }
    }
    out[n] = '\0';
    return n;
}
