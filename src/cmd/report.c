/* motcua report verify|rebuild: the statistics counters against the dossiers. */
#include "cmd/cmd.h"
#include "store/stats.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "motcua report verify|rebuild --db PATH";

#define DIFFERENCES_SHOWN 50

int cmd_report(int argc, char **argv)
{
    struct err e = ERR_INIT;
    const char *path;
    struct db *db;
    int64_t differences = 0;
    int rc, rebuild;

    if (argc < 2 || cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\n"
               "verify   recomputes every statistics counter from the dossiers, in one\n"
               "         consistent read, and lists the differences; exits 1 when there is one.\n"
               "rebuild  replaces every counter by its recomputed value.\n",
               usage);
        return argc < 2 ? 2 : 0;
    }
    rebuild = !strcmp(argv[1], "rebuild");
    if (!rebuild && strcmp(argv[1], "verify"))
        return cmd_usage(usage, "unknown report command '%s'", argv[1]);
    if ((rc = cmd_db_only(argc, argv, 2, usage, &path)))
        return rc;
    if (db_open(path, &db, &e) < 0)
        return cmd_fail("%s", e.msg);
    rc = db_begin(db, rebuild ? DB_WRITE : DB_READ, &e);
    if (rc == 0)
        rc = rebuild ? stats_rebuild(db, &e)
                     : stats_verify(db, stdout, DIFFERENCES_SHOWN, &differences, &e);
    if (rc == 0)
        rc = db_commit(db, &e);
    else
        db_rollback(db);
    db_close(db);
    if (rc < 0)
        return cmd_fail("%s", e.msg);
    if (rebuild) {
        printf("statistics: rebuilt from the dossiers\n");
        return 0;
    }
    if (differences) {
        printf("statistics: %lld counters differ from the dossiers\n", (long long)differences);
        return 1;
    }
    printf("statistics: every counter agrees with the dossiers\n");
    return 0;
}
