/* motcua sync status|retry: the national portal's synchronisation (docs/portal-sync.md). */
#include "api/portal.h"
#include "cmd/cmd.h"
#include "store/audit.h"
#include "store/dossiers.h"
#include "store/portal.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage[] = "motcua sync status|retry --db PATH [--dossier CODE]";

static int take_code(void *ctx, int opt, const char *arg)
{
    (void)opt;
    *(const char **)ctx = arg;
    return 0;
}

static int status(struct db *db, const char *code, struct err *e)
{
    struct arena a = ARENA_INIT;
    json_t *j = portal_status_json(db, &a, code, e);

    if (j) {
        json_dumpf(j, stdout, JSON_INDENT(2));
        putchar('\n');
        json_decref(j);
    }
    arena_release(&a);
    return j ? 0 : -1;
}

static int retry(struct db *db, const char *code, struct err *e)
{
    struct arena a = ARENA_INIT;
    struct dossier d = {0};
    int64_t now = time(NULL), n = 0;
    int rc = -1;

    if (db_begin(db, DB_WRITE, e) < 0)
        goto out;
    if (code && (!dossier_code_valid(code) || dossier_by_code(db, &a, code, &d, e) < 0)) {
        if (!e->http || e->http == 404)
            err_set(e, 404, "not_found", "no dossier %s", code);
        goto out;
    }
    if (portal_retry_failed(db, d.id, &n, e) < 0 ||
        (n &&
         audit_append(db, now, 0, "sync.retry",
                      code ? arena_printf(&a, "dossier:%s", code) : "portal_queue",
                      code ? "failed records of the dossier" : "every failed record", e) < 0) ||
        db_commit(db, e) < 0)
        goto out;
    printf("%lld failed record%s back in the queue\n", (long long)n, n == 1 ? "" : "s");
    rc = 0;
out:
    db_rollback(db);
    arena_release(&a);
    return rc;
}

int cmd_sync(int argc, char **argv)
{
    static const struct option own[] = {{"dossier", required_argument, 0, 'd'}, {0, 0, 0, 0}};
    struct cmd_opts o = {0};
    struct err e = ERR_INIT;
    const char *code = NULL;
    struct db *db = NULL;
    int rc;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nThe synchronisation with the National Public Service Portal:\n"
               "  status  the records by state, the oldest pending one and the failed ones\n"
               "          with the portal's answers, as JSON (with --dossier: that dossier's\n"
               "          state and every record of it)\n"
               "  retry   puts the failed records (of one dossier) back in the queue; the\n"
               "          server's portal sender posts them again\n",
               usage);
        return 0;
    }
    if (argc < 2 || (strcmp(argv[1], "status") && strcmp(argv[1], "retry")))
        return cmd_usage(usage, "expected: sync status|retry");
    if ((rc = cmd_options(argc, argv, 2, usage, CMD_OPT_DB, own, take_code, &code, &o)))
        return rc;
    if (!o.db)
        return cmd_usage(usage, "--db is required");
    if (db_open(o.db, &db, &e) < 0)
        return cmd_fail("%s", e.msg);
    rc = !strcmp(argv[1], "status") ? status(db, code, &e) : retry(db, code, &e);
    db_close(db);
    return rc < 0 ? cmd_fail("%s", e.msg) : 0;
}
