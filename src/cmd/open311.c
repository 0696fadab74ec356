/*
 * motcua open311 key add|list|revoke: the API keys of Open311 clients. A new
 * key is printed once, alone on the last line; only its SHA-256 is kept.
 */
#include "api/app.h"
#include "cmd/cmd.h"
#include "core/date.h"
#include "store/audit.h"
#include "store/open311.h"

#include <stdio.h>
#include <string.h>

static const char usage[] = "motcua open311 key add --db PATH --name CLIENT\n"
                            "       motcua open311 key list --db PATH\n"
                            "       motcua open311 key revoke --db PATH --name CLIENT";

static int take_name(void *ctx, int opt, const char *arg)
{
    (void)opt;
    *(const char **)ctx = arg;
    return 0;
}

static int add(struct db *db, const char *name, int64_t now, struct err *e)
{
    char key[OPEN311_KEY_MAX];
    int64_t id;

    if (db_begin(db, DB_WRITE, e) < 0 || open311_key_issue(db, name, now, key, &id, e) < 0 ||
        audit_append(db, now, 0, "open311.key.add", "open311_key", name, e) < 0 ||
        db_commit(db, e) < 0)
        return -1;
    printf("Open311 key of %s (client %lld); it is shown this once:\n%s\n", name, (long long)id,
           key);
    return 0;
}

static int list(struct db *db, struct err *e)
{
    struct arena a = ARENA_INIT;
    struct open311_key *keys;
    char made[DATE_ISO_MAX], used[DATE_ISO_MAX];
    size_t n, i;

    if (open311_key_list(db, &a, &keys, &n, e) < 0) {
        arena_release(&a);
        return -1;
    }
    for (i = 0; i < n; i++) {
        date_format_local(keys[i].created_at, made);
        if (keys[i].last_used_at)
            date_format_local(keys[i].last_used_at, used);
        printf("%-24s %-8s created %s  %lld requests%s%s\n", keys[i].name,
               keys[i].revoked_at ? "revoked" : "active", made, (long long)keys[i].requests,
               keys[i].last_used_at ? ", last " : "", keys[i].last_used_at ? used : "");
    }
    if (!n)
        printf("no Open311 client has a key\n");
    arena_release(&a);
    return 0;
}

static int revoke(struct db *db, const char *name, int64_t now, struct err *e)
{
    int rc;

    if (db_begin(db, DB_WRITE, e) < 0 || (rc = open311_key_revoke(db, name, now, e)) < 0 ||
        (rc && audit_append(db, now, 0, "open311.key.revoke", "open311_key", name, e) < 0) ||
        db_commit(db, e) < 0)
        return -1;
    if (!rc)
        return err_set(e, 404, "not_found", "no active key of a client named %s", name);
    printf("the key of %s is revoked\n", name);
    return 0;
}

int cmd_open311(int argc, char **argv)
{
    static const struct option own[] = {{"name", required_argument, 0, 'n'}, {0, 0, 0, 0}};
    struct cmd_opts o = {0};
    struct err e = ERR_INIT;
    const char *name = NULL, *what;
    struct db *db = NULL;
    int rc;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nIssues, lists and revokes the API keys Open311 clients post "
               "requests with\n(/open311/v2/requests.xml). A new key is printed once, alone on "
               "the last\nline; only its SHA-256 is kept.\n",
               usage);
        return 0;
    }
    if (argc < 3 || strcmp(argv[1], "key"))
        return cmd_usage(usage, "expected: open311 key add|list|revoke");
    what = argv[2];
    if (strcmp(what, "add") && strcmp(what, "list") && strcmp(what, "revoke"))
        return cmd_usage(usage, "unknown open311 key command '%s'", what);
    if ((rc = cmd_options(argc, argv, 3, usage, CMD_OPT_DB, own, take_name, &name, &o)))
        return rc;
    if (!o.db)
        return cmd_usage(usage, "--db is required");
    if (strcmp(what, "list") && (!name || !*name || strlen(name) > 100))
        return cmd_usage(usage, "--name CLIENT (1 to 100 characters) is required");
    if (app_prepare_db(o.db, o.now, &e) < 0 || db_open(o.db, &db, &e) < 0)
        rc = -1;
    else if (!strcmp(what, "add"))
        rc = add(db, name, o.now, &e);
    else if (!strcmp(what, "list"))
        rc = list(db, &e);
    else
        rc = revoke(db, name, o.now, &e);
    if (rc < 0 && db)
        db_rollback(db);
    db_close(db);
    return rc < 0 ? cmd_fail("%s", e.nfields ? e.fields[0].message : e.msg) : 0;
}
