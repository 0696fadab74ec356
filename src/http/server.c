/*
 * libmicrohttpd glue: reads request bodies into the request, dispatches API
 * paths to the router and other GET paths to static files, and queues the
 * reply only after the whole request is read (queuing on the first call makes
 * libmicrohttpd 0.9.75 close the connection).
 */
#include "http/server.h"
#include "lib/log.h"
#include "lib/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct server {
    struct MHD_Daemon *d;
    struct server_config cfg;
};

struct conn_state {
    struct req r;
    struct timespec started;
    int queued; /* a reply was queued early (413) */
};

static const char *const security_headers[][2] = {
    {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
};

const char *req_query(struct req *r, const char *key)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

const char *req_header(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *req_cookie(struct req *r, const char *name)
{
    return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *req_peer(struct req *r)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "?";

    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, sizeof(buf));
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, sizeof(buf));
    }
    return arena_strdup(&r->arena, buf);
}

static void add_common_headers(struct MHD_Response *resp)
{
    size_t i;

    for (i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
        MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
}

static enum MHD_Result queue(struct MHD_Connection *c, struct req *r)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    size_t len;
    char *body;
    int i;

    if (!r->resp.status)
        r->resp.status = 500;
    body = strbuf_detach(&r->resp.body, &len);
    resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    if (!resp)
        return MHD_NO;
    add_common_headers(resp);
    if (r->resp.content_type)
        MHD_add_response_header(resp, "Content-Type", r->resp.content_type);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    for (i = 0; i < r->resp.nheaders; i++)
        MHD_add_response_header(resp, r->resp.headers[i].name, r->resp.headers[i].value);
    ret = MHD_queue_response(c, (unsigned)r->resp.status, resp);
    MHD_destroy_response(resp);
    return ret;
}

static const char *mime_type(const char *path)
{
    static const char *const types[][2] = {
        {".html", "text/html; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".css", "text/css; charset=utf-8"},
        {".json", "application/json"},
        {".svg", "image/svg+xml"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".yaml", "application/yaml"},
        {".txt", "text/plain; charset=utf-8"},
    };
    const char *dot = strrchr(path, '.');
    size_t i;

    for (i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
        if (!strcmp(dot, types[i][0]))
            return types[i][1];
    return "application/octet-stream";
}

/* Serves a file under web_dir; paths with "..", hidden names or no file get 404. */
static enum MHD_Result serve_static(struct server *s, struct MHD_Connection *c, struct req *r)
{
    struct MHD_Response *resp;
    struct stat sb;
    char file[4096];
    const char *path = r->path;
    enum MHD_Result ret;
    int fd;

    if (strcmp(r->method, "GET") && strcmp(r->method, "HEAD")) {
        struct err e = ERR_INIT;
        err_set(&e, 405, "method_not_allowed", "%s is not allowed here", r->method);
        resp_problem(r, &e);
        resp_header(r, "Allow", "GET, HEAD");
        return queue(c, r);
    }
    if (!strcmp(path, "/"))
        path = "/index.html";
    if (!s->cfg.web_dir || strstr(path, "/.") ||
        (size_t)snprintf(file, sizeof(file), "%s%s", s->cfg.web_dir, path) >= sizeof(file))
        goto missing;
    fd = open(file, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        goto missing;
    if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
        close(fd);
        goto missing;
    }
    resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
    if (!resp) {
        close(fd);
        return MHD_NO;
    }
    add_common_headers(resp);
    MHD_add_response_header(resp, "Content-Type", mime_type(file));
    MHD_add_response_header(resp, "Cache-Control", "no-cache");
    r->resp.status = 200;
    ret = MHD_queue_response(c, MHD_HTTP_OK, resp);
    MHD_destroy_response(resp);
    return ret;
missing : {
    struct err e = ERR_INIT;
    err_set(&e, 404, "not_found", "no such page: %s", r->path);
    resp_problem(r, &e);
    return queue(c, r);
}
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct server *s = cls;
    struct conn_state *cs = *con_cls;
    struct req *r;

    (void)version;
    if (!cs) {
        const char *cl;
        cs = xcalloc(1, sizeof(*cs));
        clock_gettime(CLOCK_MONOTONIC, &cs->started);
        r = &cs->r;
        arena_init(&r->arena);
        strbuf_init(&r->body, 0);
        strbuf_init(&r->resp.body, 0);
        r->method = arena_strdup(&r->arena, method);
        r->path = arena_strdup(&r->arena, url);
        r->conn = c;
        r->app = s->cfg.app;
        r->now = time(NULL);
        *con_cls = cs;
        cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        if (cl && strtoull(cl, NULL, 10) > s->cfg.body_limit) {
            /* refuse at once; libmicrohttpd then closes the connection */
            struct err e = ERR_INIT;
            err_set(&e, 413, "too_large", "the request body is larger than %zu bytes",
                    s->cfg.body_limit);
            resp_problem(r, &e);
            cs->queued = 1;
            return queue(c, r);
        }
        return MHD_YES;
    }
    r = &cs->r;
    if (*upload_data_size) {
        if (!cs->queued) {
            if (r->body.len + *upload_data_size > s->cfg.body_limit)
                r->body_too_large = 1;
            else
                strbuf_add(&r->body, upload_data, *upload_data_size);
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (cs->queued)
        return MHD_YES;
    cs->queued = 1;
    if (!strncmp(r->path, s->cfg.api_prefix, strlen(s->cfg.api_prefix)) ||
        router_knows(&s->cfg.router, r->path)) {
        router_dispatch(&s->cfg.router, r);
        return queue(c, r);
    }
    return serve_static(s, c, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct conn_state *cs = *con_cls;
    struct timespec now;

    (void)cls;
    (void)c;
    (void)toe;
    if (!cs)
        return;
    clock_gettime(CLOCK_MONOTONIC, &now);
    log_request(cs->r.method, cs->r.path, cs->r.resp.status,
                (double)(now.tv_sec - cs->started.tv_sec) * 1e3 +
                    (double)(now.tv_nsec - cs->started.tv_nsec) / 1e6);
    strbuf_release(&cs->r.body);
    strbuf_release(&cs->r.resp.body);
    arena_release(&cs->r.arena);
    free(cs);
    *con_cls = NULL;
}

static int parse_listen(const char *listen, struct sockaddr_in *sa, struct err *e)
{
    char host[64];
    const char *colon = strrchr(listen, ':');
    long port;
    char *end;

    memset(sa, 0, sizeof(*sa));
    if (!colon || (size_t)(colon - listen) >= sizeof(host))
        return err_set(e, 400, "invalid", "--listen must be ADDRESS:PORT, not \"%s\"", listen);
    memcpy(host, listen, (size_t)(colon - listen));
    host[colon - listen] = '\0';
    port = strtol(colon + 1, &end, 10);
    if (*end || port < 0 || port > 65535)
        return err_set(e, 400, "invalid", "bad port in \"%s\"", listen);
    sa->sin_family = AF_INET;
    sa->sin_port = htons((uint16_t)port);
    if (inet_pton(AF_INET, *host ? host : "0.0.0.0", &sa->sin_addr) != 1)
        return err_set(e, 400, "invalid", "bad IPv4 address in \"%s\"", listen);
    return 0;
}

int server_start(const struct server_config *cfg, struct server **out, struct err *e)
{
    struct sockaddr_in sa;
    struct server *s;

    if (parse_listen(cfg->listen, &sa, e) < 0)
        return -1;
    s = xcalloc(1, sizeof(*s));
    s->cfg = *cfg;
    s->d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO, 0, NULL, NULL, on_request,
        s, MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&sa, MHD_OPTION_THREAD_POOL_SIZE, cfg->threads,
        MHD_OPTION_NOTIFY_COMPLETED, on_completed, s, MHD_OPTION_CONNECTION_TIMEOUT, 60u,
        MHD_OPTION_CONNECTION_LIMIT, 1000u, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
    if (!s->d) {
        free(s);
        return err_set(e, 500, "listen", "cannot listen on %s: %s", cfg->listen,
                       errno ? strerror(errno) : "libmicrohttpd refused to start");
    }
    *out = s;
    return 0;
}

void server_stop(struct server *s)
{
    if (!s)
        return;
    MHD_stop_daemon(s->d);
    free(s);
}
