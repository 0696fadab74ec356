/* motcua user: add users and grant roles from the command line. */
#include "cmd/cmd.h"
#include "api/app.h"
#include "core/dossier.h"
#include "core/roles.h"
#include "lib/crypto.h"
#include "lib/utf8.h"
#include "store/audit.h"
#include "store/users.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "motcua user add --db PATH --username U --password P --role ROLE [--agency ID] [--name NAME]\n"
    "       motcua user grant --db PATH --username U --role ROLE [--agency ID]";

static int check_role(const char *role, const char *agency, int *r)
{
    *r = role_parse(role ? role : "");
    if (*r < 0)
        return cmd_usage(usage, "--role must be one of citizen, receiver, processor, leader, "
                                "unit_admin, admin, steering, auditor");
    if (agency && !agency_id_valid(agency))
        return cmd_usage(usage, "--agency must be an identifier like 000.00.04.H43");
    if (role_agency_binding(*r) == 1 && !agency)
        return cmd_usage(usage, "role %s works for a unit: give --agency", role);
    if (role_agency_binding(*r) == -1 && agency)
        return cmd_usage(usage, "role %s is not bound to an agency", role);
    return 0;
}

int cmd_user(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"username", required_argument, 0, 'u'},
                                         {"password", required_argument, 0, 'p'},
                                         {"role", required_argument, 0, 'r'},
                                         {"agency", required_argument, 0, 'a'},
                                         {"name", required_argument, 0, 'n'},
                                         {0, 0, 0, 0}};
    const char *path = cmd_db_default(), *role = NULL, *agency = NULL;
    struct user u = {0};
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct db *db = NULL;
    char hash[CRYPTO_HASH_MAX];
    int64_t id, now = time(NULL);
    int c, r, adding, rc = 1;

    if (argc < 2 || cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nadd creates a user with one role; grant gives an existing user "
               "another role.\nRoles of a unit (receiver, processor, leader, unit_admin) need "
               "--agency; admin,\nsteering and auditor without --agency hold for the whole "
               "system.\n",
               usage);
        return argc < 2 ? 2 : 0;
    }
    adding = !strcmp(argv[1], "add");
    if (!adding && strcmp(argv[1], "grant"))
        return cmd_usage(usage, "unknown user command '%s'", argv[1]);
    optind = 2;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': path = optarg; break;
        case 'u': u.username = optarg; break;
        case 'p': u.password_hash = optarg; break;
        case 'r': role = optarg; break;
        case 'a': agency = optarg; break;
        case 'n': u.full_name = optarg; break;
        default: return cmd_usage(usage, "unknown option");
        }
    }
    if (optind < argc)
        return cmd_usage(usage, "unexpected argument '%s'", argv[optind]);
    if (!path || !u.username || (adding && !u.password_hash))
        return cmd_usage(usage, "--db, --username%s are required", adding ? ", --password" : "");
    if (!*u.username || strlen(u.username) > 100 || (adding && !*u.password_hash))
        return cmd_usage(usage,
                         "the username (1 to 100 characters) and password must not be empty");
    if (check_role(role, agency, &r))
        return 2;
    /* as the API reads them: NFC, so that one name typed two ways is one user */
    if (!(u.username = utf8_nfc_dup(&a, u.username)) ||
        (u.full_name && !(u.full_name = utf8_nfc_dup(&a, u.full_name))) ||
        (u.password_hash && !(u.password_hash = utf8_nfc_dup(&a, u.password_hash)))) {
        arena_release(&a);
        return cmd_usage(usage, "the username, name and password must be UTF-8 text");
    }
    if (app_prepare_db(path, now, &e) < 0 || db_open(path, &db, &e) < 0) {
        arena_release(&a);
        return cmd_fail("%s", e.msg);
    }
    if (adding) {
        if (crypto_password_hash(u.password_hash, hash, &e) < 0)
            goto out;
        u.password_hash = hash;
        u.active = 1;
    }
    if (db_begin(db, DB_WRITE, &e) < 0)
        goto out;
    if (adding ? user_create(db, &u, now, &id, &e) < 0
               : user_by_username(db, &a, u.username, &u, &e) < 0)
        goto out;
    if (!adding)
        id = u.id;
    if (user_add_role(db, id, role, agency, &e) < 0 ||
        audit_append(db, now, 0, adding ? "user.create" : "user.grant",
                     arena_printf(&a, "user:%lld", (long long)id),
                     arena_printf(&a, "%s %s", role, agency ? agency : "*"), &e) < 0 ||
        db_commit(db, &e) < 0)
        goto out;
    printf("%s user %s (id %lld) as %s%s%s\n", adding ? "added" : "granted", u.username,
           (long long)id, role, agency ? " of " : "", agency ? agency : "");
    rc = 0;
out:
    if (rc) {
        if (db)
            db_rollback(db);
        cmd_fail("%s", e.nfields ? e.fields[0].message : e.msg);
    }
    db_close(db);
    arena_release(&a);
    return rc;
}
