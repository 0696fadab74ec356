/* What the authenticated user may do, and where: capabilities of roles held over agency subtrees.
 */
#include "api/app.h"
#include "core/agency.h"
#include "core/roles.h"

int user_can_at(const struct user *u, int capability, const char *agency_path)
{
    size_t i;

    if (!u)
        return 0;
    for (i = 0; i < u->nroles; i++) {
        const struct user_role *ro = &u->roles[i];
        if (!role_can(role_parse(ro->role), capability))
            continue;
        if (!ro->agency)
            return 1;
        if (agency_under(agency_path, ro->agency_path))
            return 1;
    }
    return 0;
}

unsigned user_roles_at(const struct user *u, const char *agency_path)
{
    unsigned mask = 0;
    size_t i;

    for (i = 0; u && i < u->nroles; i++) {
        const struct user_role *ro = &u->roles[i];
        int role = role_parse(ro->role);
        if (role >= 0 && (!ro->agency || agency_under(agency_path, ro->agency_path)))
            mask |= ROLE_BIT(role);
    }
    return mask;
}

int user_can(const struct user *u, int capability)
{
    size_t i;

    for (i = 0; u && i < u->nroles; i++)
        if (role_can(role_parse(u->roles[i].role), capability))
            return 1;
    return 0;
}

void user_scopes(const struct user *u, int capability, struct arena *a, const char ***paths,
                 size_t *n)
{
    size_t i;

    *n = 0;
    *paths = arena_calloc(a, u ? u->nroles + 1 : 1, sizeof(**paths));
    for (i = 0; u && i < u->nroles; i++) {
        const struct user_role *ro = &u->roles[i];
        if (!role_can(role_parse(ro->role), capability))
            continue;
        if (!ro->agency) {
            *paths = NULL;
            *n = 0;
            return;
        }
        if (ro->agency_path)
            (*paths)[(*n)++] = ro->agency_path;
    }
}
