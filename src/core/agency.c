/* The agency tree's "same as or under" rule, on materialised paths. */
#include "core/agency.h"

#include <string.h>

int agency_under(const char *path, const char *root)
{
    return path && root && !strncmp(path, root, strlen(root));
}

int agency_same_root(const char *a, const char *b)
{
    const char *slash = a ? strchr(a, '/') : NULL;

    return slash && b && !strncmp(a, b, (size_t)(slash - a) + 1);
}
