/* motcua audit verify: checks the hash chain of the audit log. */
#include "cmd/cmd.h"
#include "store/audit.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "motcua audit verify --db PATH";

int cmd_audit(int argc, char **argv)
{
    struct audit_report rep;
    struct err e = ERR_INIT;
    const char *path;
    struct db *db;
    int rc;

    if (argc < 2 || cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nWalks the audit log's hash chain and reports the first row that was "
               "edited,\ndeleted or inserted out of order; exits 1 when there is one.\n",
               usage);
        return argc < 2 ? 2 : 0;
    }
    if (strcmp(argv[1], "verify"))
        return cmd_usage(usage, "unknown audit command '%s'", argv[1]);
    if ((rc = cmd_db_only(argc, argv, 2, usage, &path)))
        return rc;
    if (db_open(path, &db, &e) < 0)
        return cmd_fail("%s", e.msg);
    rc = audit_verify(db, &rep, &e);
    db_close(db);
    if (rc < 0)
        return cmd_fail("%s", e.msg);
    if (rep.bad_id) {
        printf("audit log: row %lld: %s\n", (long long)rep.bad_id, rep.reason);
        return 1;
    }
    printf("audit log: %lld rows, the chain is intact\n", (long long)rep.rows);
    return 0;
}
