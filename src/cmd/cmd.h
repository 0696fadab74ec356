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

/* The directory of stored files by default: "files" beside the database file (static). */
const char *cmd_data_dir(const char *db);

/*
 * --now "YYYY-MM-DD HH:MM" (local time, years 2000 to 2098), the moment a
 * database is made or checked for: 0 with *now set, or the exit status of the
 * usage error it printed.
 */
int cmd_parse_now(const char *usage, const char *arg, int64_t *now);

#endif
