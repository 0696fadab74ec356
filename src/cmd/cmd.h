/* The subcommands of `motcua`, and what they share. */
#ifndef CMD_CMD_H
#define CMD_CMD_H

#include <getopt.h>
#include <stdint.h>

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_gen(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_calendar(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_check(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_routes(int argc, char **argv);
int cmd_open311(int argc, char **argv);
int cmd_plans(int argc, char **argv);
int cmd_par(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_config(int argc, char **argv);
int cmd_sync(int argc, char **argv);

/* Prints "motcua: " and the message to stderr; returns the exit status 1. */
int cmd_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints a usage error with the command's usage line; returns 2. */
int cmd_usage(const char *usage, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* 1 when argv holds -h or --help. */
int cmd_wants_help(int argc, char **argv);

/* The database path from --db, else $MOTCUA_DB, else NULL. */
const char *cmd_db_default(void);
/*
 * For commands whose one option is --db PATH, read from argv[first..] (else
 * $MOTCUA_DB): 0 with *path set, or the exit status of the usage error it printed.
 */
int cmd_db_only(int argc, char **argv, int first, const char *usage, const char **path);

/* The configuration file: --config FILE in argv, else $MOTCUA_CONFIG, else NULL. */
const char *cmd_config_file(int argc, char **argv);

/* The directory of stored files by default: "files" beside the database file (static). */
const char *cmd_data_dir(const char *db);

/*
 * --now "YYYY-MM-DD HH:MM" (local time, years 2000 to 2098), the moment a
 * database is made or checked for: 0 with *now set, or the exit status of the
 * usage error it printed.
 */
int cmd_parse_now(const char *usage, const char *arg, int64_t *now);

/* The options several commands share, and what they give (cmd_options). */
enum { CMD_OPT_DB = 1, CMD_OPT_NOW = 2, CMD_OPT_SEED = 4 };

struct cmd_opts {
    const char *db; /* --db PATH, else $MOTCUA_DB, else NULL */
    int64_t now;    /* --now, else the present */
    uint64_t seed;  /* --seed S (made odd), else the value set before the call */
};

/*
 * Called for each of a command's own options (its `val` in the table) with
 * its argument (NULL for a flag): 0, or the exit status of the usage error it
 * printed.
 */
typedef int (*cmd_opt_fn)(void *ctx, int opt, const char *arg);

/*
 * Reads argv[first..]: the common options named by `common` (CMD_OPT_*) into
 * *o, the command's own options (`own`, zero-terminated, may be NULL) through
 * fn; no argument may be left over. 0, or the exit status of the usage error
 * it printed. --db is not required here: the command says so when it is.
 */
int cmd_options(int argc, char **argv, int first, const char *usage, unsigned common,
                const struct option *own, cmd_opt_fn fn, void *ctx, struct cmd_opts *o);

#endif
