/*
 * motcua backup: a consistent copy of a database while the server runs.
 * motcua restore: a checked backup copied back over (or into) a database.
 */
#include "api/app.h"
#include "cmd/cmd.h"
#include "store/inspect.h"
#include "store/migrate.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char backup_usage[] = "motcua backup --db PATH --to FILE";
static const char restore_usage[] = "motcua restore --from FILE --db PATH";

/* Makes path's contents and its name in the directory durable. */
static int sync_file(const char *path, struct err *e)
{
    char *copy = strdup(path);
    int fd = open(path, O_RDONLY), rc = -1, dir;

    if (fd < 0 || fsync(fd) < 0) {
        err_set(e, 500, "io", "cannot sync %s: %s", path, strerror(errno));
        goto out;
    }
    dir = open(dirname(copy), O_RDONLY | O_DIRECTORY);
    if (dir >= 0) {
        fsync(dir);
        close(dir);
    }
    rc = 0;
out:
    if (fd >= 0)
        close(fd);
    free(copy);
    return rc;
}

/* The database is whole, is motcua's and is not newer than this program. */
static int check(struct db *db, const char *path, int64_t *dossiers, struct err *e)
{
    int64_t version;

    if (store_inspect(db, path, &version, dossiers, e) < 0)
        return -1;
    if (version > migrate_latest())
        return err_set(e, 422, "too_new", "%s has schema version %lld, newer than this motcua",
                       path, (long long)version);
    return 0;
}

/* Parses --db and one more path option (--to or --from). */
static int paths(int argc, char **argv, const char *usage, const char *other, const char **db,
                 const char **path)
{
    const struct option opts[] = {
        {"db", required_argument, 0, 'd'}, {other, required_argument, 0, 'o'}, {0, 0, 0, 0}};
    int c;

    *db = cmd_db_default();
    *path = NULL;
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c == 'd')
            *db = optarg;
        else if (c == 'o')
            *path = optarg;
        else
            return cmd_usage(usage, "unknown option");
    }
    if (optind < argc)
        return cmd_usage(usage, "unexpected argument '%s'", argv[optind]);
    if (!*db || !*path)
        return cmd_usage(usage, "--db and --%s are required", other);
    return 0;
}

int cmd_backup(int argc, char **argv)
{
    struct err e = ERR_INIT;
    struct db *from = NULL, *to = NULL;
    const char *db, *file;
    char *part = NULL;
    int64_t dossiers;
    int rc;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nCopies the database into FILE as one consistent snapshot, also "
               "while the server\nruns and writes (SQLite's online backup API), checks the "
               "copy and makes it\ndurable under its name only when it is whole.\n",
               backup_usage);
        return 0;
    }
    if ((rc = paths(argc, argv, backup_usage, "to", &db, &file)))
        return rc;
    if (access(db, R_OK) < 0)
        return cmd_fail("cannot read %s: %s", db, strerror(errno));
    part = malloc(strlen(file) + 6);
    sprintf(part, "%s.part", file);
    unlink(part);
    rc = 1;
    if (db_open(db, &from, &e) < 0 || db_open(part, &to, &e) < 0 || db_copy(from, to, &e) < 0 ||
        check(to, part, &dossiers, &e) < 0)
        goto out;
    db_close(to); /* checkpoints the copy into its one file */
    to = NULL;
    if (sync_file(part, &e) < 0)
        goto out;
    if (rename(part, file) < 0) {
        err_set(&e, 500, "io", "cannot name the backup %s: %s", file, strerror(errno));
        goto out;
    }
    sync_file(file, &e);
    printf("backup: %s (%lld dossiers)\n", file, (long long)dossiers);
    rc = 0;
out:
    if (rc) {
        cmd_fail("%s", e.msg);
        unlink(part);
    }
    db_close(to);
    db_close(from);
    free(part);
    return rc;
}

int cmd_restore(int argc, char **argv)
{
    struct err e = ERR_INIT;
    struct db *from = NULL, *to = NULL;
    const char *db, *file;
    int64_t dossiers;
    int rc = 1;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nChecks the backup FILE (integrity, a motcua database not newer "
               "than this\nprogram), copies it over the database at PATH (made when missing) "
               "and brings\nits schema up to date. Stop the server first: what it wrote since "
               "the backup is\nreplaced.\n",
               restore_usage);
        return 0;
    }
    if ((rc = paths(argc, argv, restore_usage, "from", &db, &file)))
        return rc;
    rc = 1;
    if (access(file, R_OK) < 0)
        return cmd_fail("cannot read %s: %s", file, strerror(errno));
    if (db_open(file, &from, &e) < 0 || check(from, file, &dossiers, &e) < 0 ||
        db_open(db, &to, &e) < 0 || db_copy(from, to, &e) < 0)
        goto out;
    db_close(to);
    to = NULL;
    if (app_prepare_db(db, time(NULL), &e) < 0)
        goto out;
    printf("restore: %s from %s (%lld dossiers)\n", db, file, (long long)dossiers);
    rc = 0;
out:
    if (rc)
        cmd_fail("%s", e.msg);
    db_close(to);
    db_close(from);
    return rc;
}
