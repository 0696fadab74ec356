/* The requirement of a procedure's component and what an online submission must carry. */
#include "core/components.h"
#include "core/dossier.h"

#include <string.h>

const char *const component_requirements[] = {"required", "optional", "counter", NULL};

int component_requirement_parse(const char *name)
{
    int i;

    for (i = 0; name && component_requirements[i]; i++)
        if (!strcmp(name, component_requirements[i]))
            return i;
    return -1;
}

const char *component_requirement_name(int requirement)
{
    return requirement >= COMPONENT_REQUIRED && requirement <= COMPONENT_COUNTER
               ? component_requirements[requirement]
               : component_requirements[COMPONENT_REQUIRED];
}

int component_upload_needed(int requirement, int channel)
{
    return channel == CHANNEL_ONLINE && requirement == COMPONENT_REQUIRED;
}

int component_mandatory(int requirement)
{
    return requirement != COMPONENT_OPTIONAL;
}
