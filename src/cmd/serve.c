/* motcua serve: the HTTP server until SIGTERM or SIGINT. */
#include "api/app.h"
#include "api/handlers.h"
#include "api/portal_sender.h"
#include "api/sender.h"
#include "cmd/cmd.h"
#include "http/metrics.h"
#include "http/server.h"
#include "lib/config.h"
#include "lib/log.h"
#include "store/meta.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RATELIMIT_SLOTS 65536 /* accounts and addresses remembered */

static const char usage[] =
    "motcua serve --db PATH [--listen ADDR:PORT] [--web DIR] [--config FILE] [options]";

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

/* The working calendar, built once before the first request (api/app_calendar.c). */
static int load_calendar(const char *path, struct err *e)
{
    struct db *db;
    int rc;

    if (db_open(path, &db, e) < 0)
        return -1;
    rc = app_calendar_load(db, e);
    db_close(db);
    return rc;
}

/* Serves with the settings read until a signal stops it: the exit status. */
static int serve(const struct config *c)
{
    const struct config conf = *c;
    struct app app = {0};
    struct server_config cfg = {0};
    struct server *srv = NULL;
    struct sender *mail = NULL;
    struct portal_sender *portal = NULL;
    struct err e = ERR_INIT;
    sigset_t set;
    char upload_dir[4096], public_url[300];
    int sig;

    if (conf.log && log_open(conf.log) < 0)
        return cmd_fail("cannot open the log %s: %s", conf.log, strerror(errno));
    app.db_path = conf.db;
    app.session_ttl = 12 * 3600;
    app.session_idle = conf.session_idle;
    app.secure_cookies = (int)conf.secure_cookies;
    app.metrics_token = conf.metrics_token;
    app.dossier_files_limit = conf.dossier_files_limit;
    app.login_account =
        (struct ratelimit_rule){(int)conf.login_attempts, conf.login_lock, conf.login_lock};
    app.login_address =
        (struct ratelimit_rule){(int)conf.login_attempts * 4, conf.login_lock, conf.login_lock};
    app.lookup = (struct ratelimit_rule){(int)conf.lookup_rate, 60, 60};
    app.lookup_code = (struct ratelimit_rule){(int)conf.lookup_code_tries, 3600, 3600};
    app.open311 = (struct ratelimit_rule){(int)conf.open311_rate, 3600, 3600};
    app.data_dir = conf.data ? conf.data : cmd_data_dir(conf.db);
    app.public_url = conf.public_url ? conf.public_url : public_url;
    snprintf(public_url, sizeof(public_url), "http://%s", conf.listen);
    if (app_prepare_db(app.db_path, time(NULL), &e) < 0 || app_prepare_data(app.data_dir, &e) < 0 ||
        load_calendar(app.db_path, &e) < 0)
        return cmd_fail("%s", e.msg);

    /* block the signals before threads start, so that only sigwait sees them */
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigaddset(&set, SIGHUP);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    signal(SIGPIPE, SIG_IGN);

    cfg.listen = conf.listen;
    cfg.threads = (unsigned)conf.threads;
    cfg.body_limit = (size_t)conf.body_limit;
    cfg.web_dir = conf.web;
    cfg.api_prefix = "/api/";
    cfg.upload_dir = upload_dir;
    cfg.upload_limit = (size_t)conf.upload_limit;
    cfg.trusted_proxy = conf.trusted_proxy;
    cfg.connections = (unsigned)conf.connections;
    cfg.connections_per_address = (unsigned)conf.connections_per_address;
    cfg.header_timeout = (unsigned)conf.header_timeout;
    cfg.idle_timeout = (unsigned)conf.idle_timeout;
    cfg.body_timeout = (unsigned)conf.body_timeout;
    snprintf(upload_dir, sizeof(upload_dir), "%s/tmp", app.data_dir);
    api_routes_init();
    metrics_init(api_routes, api_routes_len);
    cfg.router.routes = api_routes;
    cfg.router.nroutes = api_routes_len;
    cfg.router.begin = app_begin;
    cfg.app = &app;
    app.limits = ratelimit_new(RATELIMIT_SLOTS);
    if (!app.limits)
        return cmd_fail("out of memory");
    if (server_start(&cfg, &srv, &e) < 0) {
        ratelimit_free(app.limits);
        return cmd_fail("%s", e.msg);
    }
    if (conf.smtp_url) {
        struct sender_config sc = {app.db_path,
                                   conf.smtp_url,
                                   conf.smtp_from,
                                   conf.smtp_user,
                                   conf.smtp_password,
                                   (int)conf.smtp_retry_seconds,
                                   (int)conf.smtp_max_attempts,
                                   500,
                                   3600};
        if (sender_start(&sc, &mail, &e) < 0) {
            server_stop(srv);
            ratelimit_free(app.limits);
            return cmd_fail("%s", e.msg);
        }
    } else {
        log_info("no --smtp-url: notifications wait in the outbox");
    }
    if (conf.portal_url) {
        struct portal_sender_config pc = {app.db_path,
                                          conf.portal_auth_url,
                                          conf.portal_url,
                                          conf.portal_user,
                                          conf.portal_password,
                                          conf.portal_unit,
                                          (int)conf.portal_retry_seconds,
                                          (int)conf.portal_max_attempts,
                                          500};
        if (portal_sender_start(&pc, &portal, &e) < 0) {
            server_stop(srv);
            sender_stop(mail);
            ratelimit_free(app.limits);
            return cmd_fail("%s", e.msg);
        }
    } else {
        log_info("no --portal-url: records for the national portal wait in the queue");
    }
    print_demo_accounts(app.db_path);
    printf("motcua: serving %s on http://%s/\n", app.db_path, conf.listen);
    fflush(stdout);
    log_info("serving %s on %s with %ld threads", app.db_path, conf.listen, conf.threads);
    /* SIGHUP reopens the log (after logrotate moved it); SIGTERM or SIGINT stop */
    while (sigwait(&set, &sig) == 0 && sig == SIGHUP) {
        if (!conf.log)
            log_info("SIGHUP: the log is standard error, nothing to reopen");
        else if (log_open(conf.log) < 0)
            log_error("SIGHUP: cannot reopen the log %s: %s", conf.log, strerror(errno));
        else
            log_info("SIGHUP: the log %s reopened", conf.log);
    }
    log_info("stopping on signal %d: answering the requests in flight", sig);
    server_stop(srv);
    sender_stop(mail);
    portal_sender_stop(portal);
    ratelimit_free(app.limits);
    app_calendar_free();
    return 0;
}

int cmd_serve(int argc, char **argv)
{
    struct config conf;
    struct err e = ERR_INIT;
    int i, takes, rc;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\n"
               "Serves the API under /api/v1 and the web pages from --web until SIGTERM or\n"
               "SIGINT (the requests in flight are answered first; SIGHUP reopens --log);\n"
               "GET /healthz answers 200 once ready. Each option can also come from\n"
               "the environment, and from the configuration file that --config FILE or\n"
               "MOTCUA_CONFIG names (lines 'name = value'; see 'motcua config check'):\n",
               usage);
        config_help(stdout);
        return 0;
    }
    if (config_init(&conf, cmd_config_file(argc, argv), &e) < 0) {
        config_release(&conf);
        return cmd_fail("%s", e.msg);
    }
    for (i = 1, rc = -1; i < argc && rc < 0; i++) {
        const char *name = argv[i] + 2;
        if (!strcmp(argv[i], "--config") && i + 1 < argc)
            i++;
        else if (strncmp(argv[i], "--", 2) || !config_known(name, &takes))
            rc = cmd_usage(usage, "unknown option '%s'", argv[i]);
        else if (takes && i + 1 == argc)
            rc = cmd_usage(usage, "%s needs a value", argv[i]);
        else if (config_set(&conf, name, takes ? argv[++i] : NULL, &e) < 0)
            rc = cmd_usage(usage, "%s", e.msg);
    }
    if (rc < 0)
        rc = conf.db ? serve(&conf) : cmd_usage(usage, "--db is required");
    config_release(&conf);
    return rc;
}
