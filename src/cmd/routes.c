/* motcua routes: the route table, one line per route, for people and for the access tests. */
#include "api/handlers.h"
#include "cmd/cmd.h"
#include "core/roles.h"

#include <stdio.h>
#include <string.h>

int cmd_routes(int argc, char **argv)
{
    size_t i;
    int role;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: motcua routes\n\nPrints METHOD<TAB>PATH<TAB>ROLES for every route of the "
               "API; ROLES is\n\"public\" or the roles allowed, comma-separated.\n");
        return 0;
    }
    if (argc > 1)
        return cmd_usage("motcua routes", "unexpected argument '%s'", argv[1]);
    api_routes_init();
    for (i = 0; i < api_routes_len; i++) {
        const struct route *rt = &api_routes[i];
        const char *sep = "";
        printf("%s\t%s\t", rt->method, rt->pattern);
        if (!rt->roles)
            printf("public");
        for (role = 0; role < ROLE_COUNT; role++)
            if (rt->roles & ROLE_BIT(role)) {
                printf("%s%s", sep, role_name(role));
                sep = ",";
            }
        printf("\n");
    }
    return 0;
}
