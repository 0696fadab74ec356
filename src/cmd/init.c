/* motcua init: create or upgrade a database. */
#include "api/app.h"
#include "cmd/cmd.h"
#include "store/migrate.h"

#include <stdio.h>
#include <time.h>

static const char usage[] = "motcua init --db PATH";

int cmd_init(int argc, char **argv)
{
    struct err e = ERR_INIT;
    const char *db;
    int rc;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nCreates the database at PATH (SQLite) if it does not exist and "
               "applies every schema\nmigration it lacks. Safe to run again.\n",
               usage);
        return 0;
    }
    if ((rc = cmd_db_only(argc, argv, 1, usage, &db)))
        return rc;
    if (app_prepare_db(db, time(NULL), &e) < 0)
        return cmd_fail("%s", e.msg);
    printf("%s: schema version %d\n", db, migrate_latest());
    return 0;
}
