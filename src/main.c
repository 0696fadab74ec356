/* The `motcua` command: dispatches to a subcommand. */
#include "cmd/cmd.h"
#include "core/date.h"
#include "lib/crypto.h"

#ifndef MOTCUA_VERSION
#define MOTCUA_VERSION "0.0.0" /* the Makefile's VERSION */
#endif

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name, *summary;
    int (*run)(int argc, char **argv);
} commands[] = {
    {"init", "create or upgrade a database", cmd_init},
    {"serve", "serve the web application and the API", cmd_serve},
    {"demo", "create a database with a realistic demo province", cmd_demo},
    {"gen", "make a large database for benchmarks", cmd_gen},
    {"user", "add users and grant roles", cmd_user},
    {"calendar", "holidays, lunar dates and due times", cmd_calendar},
    {"audit", "verify the audit log's hash chain", cmd_audit},
    {"open311", "issue, list and revoke Open311 clients' API keys", cmd_open311},
    {"plans", "reform plans: reminders of deadlines and monthly reports", cmd_plans},
    {"par", "load a PAR INDEX structure from a file", cmd_par},
    {"import", "import procedures from a catalog annex or the national database", cmd_import},
    {"config", "check the server's configuration file", cmd_config},
    {"report", "verify or rebuild the statistics counters", cmd_report},
    {"sync", "the national portal's synchronisation: status and retry", cmd_sync},
    {"check", "check every dossier against its status and control sheet", cmd_check},
    {"backup", "copy the database consistently while it is served", cmd_backup},
    {"restore", "put a backup back", cmd_restore},
    {"routes", "list the API's routes and the roles allowed", cmd_routes},
};

int cmd_fail(const char *fmt, ...)
{
    va_list ap;

    fputs("motcua: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    return 1;
}

int cmd_usage(const char *usage, const char *fmt, ...)
{
    va_list ap;

    fputs("motcua: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fprintf(stderr, "\nusage: %s\n", usage);
    return 2;
}

int cmd_wants_help(int argc, char **argv)
{
    int i;

    for (i = 1; i < argc; i++)
        if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
            return 1;
    return 0;
}

const char *cmd_db_default(void)
{
    const char *s = getenv("MOTCUA_DB");
    return s && *s ? s : NULL;
}

const char *cmd_config_file(int argc, char **argv)
{
    const char *s = getenv("MOTCUA_CONFIG");
    int i;

    for (i = 1; i + 1 < argc; i++)
        if (!strcmp(argv[i], "--config"))
            return argv[i + 1];
    return s && *s ? s : NULL;
}

const char *cmd_data_dir(const char *db)
{
    static char dir[4096];
    const char *slash = strrchr(db, '/');

    if (!slash)
        return "files";
    snprintf(dir, sizeof(dir), "%.*s/files", (int)(slash - db), db);
    return dir;
}

int cmd_parse_now(const char *usage, const char *arg, int64_t *now)
{
    int64_t t;

    if (date_parse_local(arg, &t) < 0 ||
        t < date_utc_of_local(date_days_from_civil(2000, 1, 1), 0) ||
        t >= date_utc_of_local(date_days_from_civil(2099, 1, 1), 0)) /* calendars reach 2100 */
        return cmd_usage(usage,
                         "--now must be a local time \"YYYY-MM-DD HH:MM\" from 2000 to 2098");
    *now = t;
    return 0;
}

int cmd_db_only(int argc, char **argv, int first, const char *usage, const char **path)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'}, {0, 0, 0, 0}};
    int c;

    *path = cmd_db_default();
    optind = first;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        if (c != 'd')
            return cmd_usage(usage, "unknown option");
        *path = optarg;
    }
    if (optind < argc)
        return cmd_usage(usage, "unexpected argument '%s'", argv[optind]);
    if (!*path)
        return cmd_usage(usage, "--db is required");
    return 0;
}

static void usage(FILE *f)
{
    size_t i;

    fprintf(f, "usage: motcua <command> [options]\n\ncommands:\n");
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
    fprintf(f, "\n'motcua <command> --help' describes a command.\n");
}

int main(int argc, char **argv)
{
    struct err e = ERR_INIT;
    size_t i;

    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") ||
        !strcmp(argv[1], "help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("motcua %s\n", MOTCUA_VERSION);
        return 0;
    }
    if (crypto_init(&e) < 0)
        return cmd_fail("%s", e.msg);
    for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "motcua: unknown command '%s'\n", argv[1]);
    usage(stderr);
    return 2;
}
