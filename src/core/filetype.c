/* File signatures. */
#include "core/filetype.h"

#include <string.h>

static const struct {
    const char *type, *ext;
    size_t len;
    unsigned char magic[FILETYPE_SNIFF_BYTES];
} signatures[] = {
    {"application/pdf", ".pdf", 5, {'%', 'P', 'D', 'F', '-'}},
    {"image/jpeg", ".jpg", 3, {0xFF, 0xD8, 0xFF}},
    {"image/png", ".png", 8, {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}},
};

const char *filetype_sniff(const unsigned char *head, size_t n)
{
    size_t i;

    for (i = 0; i < sizeof(signatures) / sizeof(signatures[0]); i++)
        if (n >= signatures[i].len && !memcmp(head, signatures[i].magic, signatures[i].len))
            return signatures[i].type;
    return NULL;
}

const char *filetype_extension(const char *content_type)
{
    size_t i;

    for (i = 0; content_type && i < sizeof(signatures) / sizeof(signatures[0]); i++)
        if (!strcmp(content_type, signatures[i].type))
            return signatures[i].ext;
    return "";
}
