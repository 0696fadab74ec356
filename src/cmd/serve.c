/* motcua serve: the HTTP server until SIGTERM or SIGINT. */
#include "api/app.h"
#include "api/handlers.h"
#include "cmd/cmd.h"
#include "http/server.h"
#include "lib/log.h"
#include "store/meta.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static const char usage[] =
    "motcua serve --db PATH [--listen ADDR:PORT] [--threads N] [--web DIR]\n"
    "                    [--body-limit BYTES] [--session-idle SECONDS] [--secure-cookies]";

/* Prints the demo accounts a demo database was made with. */
static void print_demo_accounts(const char *path)
{
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    const char *text = NULL;
    struct db *db;

    if (db_open(path, &db, &e) < 0)
        return;
    if (meta_get(db, &a, "demo_accounts", &text, &e) == 0 && text)
        printf("Demo accounts (username / password / role):\n%s", text);
    db_close(db);
    arena_release(&a);
}

static long env_long(const char *name, long fallback)
{
    const char *s = getenv(name);
    return s && *s ? strtol(s, NULL, 10) : fallback;
}

static int parse_positive(const char *s, long max, long *out)
{
    char *end;
    long v = strtol(s, &end, 10);

    if (!*s || *end || v < 1 || v > max)
        return -1;
    *out = v;
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},         {"listen", required_argument, 0, 'l'},
        {"threads", required_argument, 0, 't'},    {"web", required_argument, 0, 'w'},
        {"body-limit", required_argument, 0, 'b'}, {"session-idle", required_argument, 0, 'i'},
        {"secure-cookies", no_argument, 0, 's'},   {0, 0, 0, 0}};
    struct app app = {0};
    struct server_config cfg = {0};
    struct server *srv = NULL;
    struct err e = ERR_INIT;
    const char *listen = getenv("MOTCUA_LISTEN");
    long threads = env_long("MOTCUA_THREADS", 4), body = 1L << 20, idle = 1800;
    sigset_t set;
    int c, sig;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\n"
               "Serves the API under /api/v1 and the web application from --web (default: no\n"
               "static files) until SIGTERM or SIGINT. GET /healthz answers 200 once ready.\n"
               "Defaults: --listen 127.0.0.1:8080, --threads 4 ($MOTCUA_THREADS), --body-limit\n"
               "1048576, --session-idle 1800. --db defaults to $MOTCUA_DB.\n",
               usage);
        return 0;
    }
    app.db_path = cmd_db_default();
    cfg.web_dir = getenv("MOTCUA_WEB");
    optind = 1;
    while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (c) {
        case 'd': app.db_path = optarg; break;
        case 'l': listen = optarg; break;
        case 'w': cfg.web_dir = optarg; break;
        case 's': app.secure_cookies = 1; break;
        case 't':
            if (parse_positive(optarg, 256, &threads) < 0)
                return cmd_usage(usage, "--threads must be from 1 to 256");
            break;
        case 'b':
            if (parse_positive(optarg, 1L << 30, &body) < 0)
                return cmd_usage(usage, "--body-limit must be from 1 to 1073741824");
            break;
        case 'i':
            if (parse_positive(optarg, 86400 * 30, &idle) < 0)
                return cmd_usage(usage, "--session-idle must be from 1 to 2592000 seconds");
            break;
        default: return cmd_usage(usage, "unknown option");
        }
    }
    if (optind < argc)
        return cmd_usage(usage, "unexpected argument '%s'", argv[optind]);
    if (!app.db_path)
        return cmd_usage(usage, "--db is required");
    if (!listen)
        listen = "127.0.0.1:8080";
    app.session_ttl = 12 * 3600;
    app.session_idle = idle;
    if (app_prepare_db(app.db_path, time(NULL), &e) < 0)
        return cmd_fail("%s", e.msg);

    /* block the signals before threads start, so that only sigwait sees them */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    cfg.listen = listen;
    cfg.threads = (unsigned)threads;
    cfg.body_limit = (size_t)body;
    cfg.api_prefix = "/api/";
    cfg.router.routes = api_routes;
    cfg.router.nroutes = api_routes_len;
    cfg.router.begin = app_begin;
    cfg.app = &app;
    if (server_start(&cfg, &srv, &e) < 0)
        return cmd_fail("%s", e.msg);
    print_demo_accounts(app.db_path);
    printf("motcua: serving %s on http://%s/\n", app.db_path, listen);
    fflush(stdout);
    log_info("serving %s on %s with %ld threads", app.db_path, listen, threads);
    sigwait(&set, &sig);
    log_info("stopping on signal %d", sig);
    server_stop(srv);
    return 0;
}
