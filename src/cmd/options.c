/* The options several commands share: --db, --now, --seed (cmd.h). */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#define OPTS_MAX 24

/* The values of the common options in the getopt table, out of the way of the commands' own. */
enum { OPT_DB = 0x100, OPT_NOW, OPT_SEED };

int cmd_options(int argc, char **argv, int first, const char *usage, unsigned common,
                const struct option *own, cmd_opt_fn fn, void *ctx, struct cmd_opts *o)
{
    struct option opts[OPTS_MAX + 4] = {{0}};
    size_t n = 0;
    char *end;
    int opt, rc;

    o->db = cmd_db_default();
    o->now = time(NULL);
    if (common & CMD_OPT_DB)
        opts[n++] = (struct option){"db", required_argument, 0, OPT_DB};
    if (common & CMD_OPT_NOW)
        opts[n++] = (struct option){"now", required_argument, 0, OPT_NOW};
    if (common & CMD_OPT_SEED)
        opts[n++] = (struct option){"seed", required_argument, 0, OPT_SEED};
    for (; own && own->name && n < OPTS_MAX; own++)
        opts[n++] = *own;
    optind = first;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (opt) {
        case OPT_DB: o->db = optarg; break;
        case OPT_NOW:
            if ((rc = cmd_parse_now(usage, optarg, &o->now)))
                return rc;
            break;
        case OPT_SEED:
            o->seed = strtoull(optarg, &end, 10) | 1;
            if (!*optarg || *end)
                return cmd_usage(usage, "--seed must be a number");
            break;
        case '?':
        case ':': return cmd_usage(usage, "unknown option");
        default:
            if (!fn)
                return cmd_usage(usage, "unknown option");
            if ((rc = fn(ctx, opt, optarg)))
                return rc;
        }
    }
    if (optind < argc)
        return cmd_usage(usage, "unexpected argument '%s'", argv[optind]);
    return 0;
}
