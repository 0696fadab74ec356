/*
 * Fuzz target: whole HTTP requests. The real server (libmicrohttpd, the
 * router, every handler) runs in this process on a loopback port over a
 * temporary database holding the demo province, an administrator and a
 * session whose cookie and CSRF token the seeds carry:
 *
 *   Cookie: motcua_session=fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuz
 *   X-CSRF-Token: csrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsr
 *
 * Each input is sent as the bytes of one connection; the answer is read to
 * the end. Query strings, headers, cookies, JSON bodies and multipart uploads
 * all go through the same code as in production; the sanitizers watch.
 * Open311 clients post form-encoded requests with the key OPEN311_KEY.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "api/app.h"
#include "api/handlers.h"
#include "cmd/demo_data.h"
#include "http/server.h"
#include "lib/crypto.h"
#include "store/open311.h"
#include "store/users.h"

#define TOKEN       "fuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuzzfuz"
#define CSRF        "csrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsr"
#define OPEN311_KEY "open311open311open311open311open311open311"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct app app;
static int port;

static void die(const char *what, const struct err *e)
{
    fprintf(stderr, "fuzz http: %s: %s\n", what, e ? e->msg : "");
    exit(1);
}

/* The database: the demo province, an administrator and a session for the seeds. */
static void prepare(const char *path)
{
    struct err e = ERR_INIT;
    struct arena a = ARENA_INIT;
    struct db *db = NULL;
    struct user u = {0};
    int64_t ids[DEMO_PROCEDURES_MAX], id, now = time(NULL);
    char hash[CRYPTO_HASH_MAX], token_hash[CRYPTO_SHA256_HEX], key_hash[CRYPTO_SHA256_HEX];

    if (app_prepare_db(path, now, &e) < 0 || db_open(path, &db, &e) < 0 ||
        db_begin(db, DB_WRITE, &e) < 0 || demo_add_catalog(db, &a, now, 0, ids, NULL, &e) < 0 ||
        crypto_password_hash("mat-khau-fuzz", hash, &e) < 0)
        die("database", &e);
    u.username = "admin";
    u.full_name = "Fuzz";
    u.password_hash = hash;
    u.active = 1;
    crypto_sha256_hex(TOKEN, strlen(TOKEN), token_hash);
    crypto_sha256_hex(OPEN311_KEY, strlen(OPEN311_KEY), key_hash);
    if (user_create(db, &u, now, &id, &e) < 0 || user_add_role(db, id, "admin", NULL, &e) < 0 ||
        session_create(db, token_hash, id, CSRF, now, now + 365 * 86400, &e) < 0 ||
        open311_key_add(db, "fuzz", key_hash, now, &id, &e) < 0 || db_commit(db, &e) < 0)
        die("database", &e);
    db_close(db);
    arena_release(&a);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    static char dir[] = "/tmp/motcua-fuzz-XXXXXX", db[128], data[128], uploads[160], listen[32];
    static struct server_config cfg;
    struct server *srv;
    struct err e = ERR_INIT;
    struct sockaddr_in sa;
    socklen_t len = sizeof(sa);
    int s;

    (void)argc;
    (void)argv;
    if (!mkdtemp(dir))
        die("mkdtemp", NULL);
    snprintf(db, sizeof(db), "%s/fuzz.db", dir);
    snprintf(data, sizeof(data), "%s/files", dir);
    snprintf(uploads, sizeof(uploads), "%s/tmp", data);
    prepare(db);
    /* a free port: bind to 0, read it, close */
    s = socket(AF_INET, SOCK_STREAM, 0);
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (bind(s, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
        getsockname(s, (struct sockaddr *)&sa, &len) < 0)
        die("port", NULL);
    port = ntohs(sa.sin_port);
    close(s);
    snprintf(listen, sizeof(listen), "127.0.0.1:%d", port);
    app.db_path = db;
    app.session_ttl = 12 * 3600;
    app.session_idle = 365 * 86400;
    app.public_url = "http://127.0.0.1";
    app.data_dir = data;
    app.dossier_files_limit = 1 << 20;
    app.login_account = (struct ratelimit_rule){1000000, 60, 1};
    app.login_address = app.login_account;
    app.lookup = app.login_account;
    app.lookup_code = app.login_account;
    app.open311 = app.login_account;
    app.limits = ratelimit_new(1024);
    if (app_prepare_data(data, &e) < 0)
        die("data", &e);
    cfg.listen = listen;
    cfg.threads = 2;
    cfg.body_limit = 1 << 16;
    cfg.api_prefix = "/api/";
    cfg.upload_dir = uploads;
    cfg.upload_limit = 1 << 16;
    cfg.connections = 64;
    cfg.header_timeout = 10;
    cfg.idle_timeout = 10;
    cfg.body_timeout = 10;
    api_routes_init();
    cfg.router.routes = api_routes;
    cfg.router.nroutes = api_routes_len;
    cfg.router.begin = app_begin;
    cfg.app = &app;
    if (server_start(&cfg, &srv, &e) < 0)
        die("server", &e);
    return 0; /* the server runs until the process ends */
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sockaddr_in sa;
    struct timeval tv = {0, 300000}; /* a kept-alive connection is not waited for */
    char buf[65536];
    int s = socket(AF_INET, SOCK_STREAM, 0);

    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_port = htons((uint16_t)port);
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    if (connect(s, (struct sockaddr *)&sa, sizeof(sa)) == 0) {
        size_t off = 0;
        while (off < size) {
            ssize_t n = send(s, data + off, size - off, MSG_NOSIGNAL);
            if (n <= 0)
                break;
            off += (size_t)n;
        }
        shutdown(s, SHUT_WR);
        while (recv(s, buf, sizeof(buf), 0) > 0)
            ;
    }
    close(s);
    return 0;
}
