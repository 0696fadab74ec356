/*
 * motcua plans remind: writes the reminders of reform tasks' deadlines and
 * monthly reports due at --now to the outbox (what the server's mail thread
 * does every hour), for a cron job or a test.
 */
#include "api/app.h"
#include "api/plans.h"
#include "cmd/cmd.h"
#include "core/date.h"
#include "core/holidays.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "motcua plans remind --db PATH [--now \"YYYY-MM-DD HH:MM\"]";

static int remind(int argc, char **argv)
{
    struct cmd_opts o = {0};
    struct err e = ERR_INIT;
    struct workcal cal = {0};
    struct db *db = NULL;
    int y, m, d, messages = 0, rc;

    if ((rc = cmd_options(argc, argv, 2, usage, CMD_OPT_DB | CMD_OPT_NOW, NULL, NULL, NULL, &o)))
        return rc;
    if (!o.db)
        return cmd_usage(usage, "--db is required");
    date_civil_from_days(date_local_day(o.now), &y, &m, &d);
    rc = 1;
    if (db_open(o.db, &db, &e) < 0 || app_workcal(db, y - 1, y + 1, &cal, &e) < 0 ||
        plan_remind(db, &cal, o.now, &messages, &e) < 0) {
        cmd_fail("%s", e.msg);
        goto out;
    }
    printf("%d reminder messages written to the outbox\n", messages);
    rc = 0;
out:
    workcal_release(&cal);
    db_close(db);
    return rc;
}

int cmd_plans(int argc, char **argv)
{
    if (cmd_wants_help(argc, argv) || argc < 2) {
        printf("usage: %s\n\nWrites to the outbox the reminders due at --now (default: the "
               "present):\n7, 3 and 1 days before a reform task's deadline or a monthly report's "
               "due day,\nand once either has passed; each is written once.\n",
               usage);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "remind"))
        return remind(argc, argv);
    return cmd_usage(usage, "unknown subcommand '%s'", argv[1]);
}
