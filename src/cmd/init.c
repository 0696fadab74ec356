/* motcua init: create or upgrade a database. */
#include "api/app.h"
#include "cmd/cmd.h"
#include "store/migrate.h"

#include <stdio.h>
#include <time.h>

static const char usage[] = "motcua init --db PATH";

int cmd_init(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {0, 0, 0, 0}};
    struct err e = ERR_INIT;
    const char *db = cmd_db_default();
    int c;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nCreates the database at PATH (SQLite) if it does not exist and "
               "applies every schema\nmigration it lacks. Safe to run again.\n",
               usage);
        return 0;
    }
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            db = optarg;
        else
            return cmd_usage(usage, "unknown option");
    }
    if (optind < argc)
        return cmd_usage(usage, "unexpected argument '%s'", argv[optind]);
    if (!db)
        return cmd_usage(usage, "--db is required");
    if (app_prepare_db(db, time(NULL), &e) < 0)
        return cmd_fail("%s", e.msg);
    printf("%s: schema version %d\n", db, migrate_latest());
    return 0;
}
