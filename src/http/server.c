/*
 * libmicrohttpd glue: reads request bodies into the request, dispatches API
 * paths to the router and other GET paths to static files, and queues the
 * reply only after the whole request is read (queuing on the first call makes
 * libmicrohttpd 0.9.75 close the connection).
 */
#include "http/server.h"
#include "lib/crypto.h"
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
    struct MHD_PostProcessor *pp;
    struct upload up;
    struct crypto_sha256 sha;
    size_t upload_limit;
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
    return r->peer;
}

/*
 * The address the proxy appended last to X-Forwarded-For (earlier entries
 * come from the client and prove nothing), when it is an IP address.
 */
static int forwarded_for(const char *header, char *out, size_t size)
{
    const char *last = strrchr(header, ',');
    unsigned char bin[sizeof(struct in6_addr)];
    size_t n;

    last = last ? last + 1 : header;
    last += strspn(last, " \t");
    n = strcspn(last, " \t");
    if (!n || n >= size)
        return -1;
    memcpy(out, last, n);
    out[n] = '\0';
    return inet_pton(AF_INET, out, bin) == 1 || inet_pton(AF_INET6, out, bin) == 1 ? 0 : -1;
}

static const char *client_address(struct server *s, struct MHD_Connection *c, struct arena *a)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    char buf[INET6_ADDRSTRLEN] = "?", fwd[INET6_ADDRSTRLEN];
    const char *header;

    if (ci && ci->client_addr) {
        const struct sockaddr *sa = ci->client_addr;
        if (sa->sa_family == AF_INET)
            inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, buf, sizeof(buf));
        else if (sa->sa_family == AF_INET6)
            inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, buf, sizeof(buf));
    }
    if (s->cfg.trusted_proxy && !strcmp(buf, s->cfg.trusted_proxy) &&
        (header = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "X-Forwarded-For")) &&
        forwarded_for(header, fwd, sizeof(fwd)) == 0)
        return arena_strdup(a, fwd);
    return arena_strdup(a, buf);
}

static void add_common_headers(struct MHD_Response *resp)
{
    size_t i;

    for (i = 0; i < sizeof(security_headers) / sizeof(security_headers[0]); i++)
        MHD_add_response_header(resp, security_headers[i][0], security_headers[i][1]);
}

static enum MHD_Result queue(struct MHD_Connection *c, struct req *r);

static enum MHD_Result queue(struct MHD_Connection *c, struct req *r)
{
    struct MHD_Response *resp;
    enum MHD_Result ret;
    size_t len;
    char *body;
    int i;

    if (!r->resp.status)
        r->resp.status = 500;
    if (r->resp.file_path) {
        struct stat sb;
        int fd = open(r->resp.file_path, O_RDONLY | O_CLOEXEC);
        if (fd < 0 || fstat(fd, &sb) < 0) {
            struct err e = ERR_INIT;
            if (fd >= 0)
                close(fd);
            log_error("cannot open stored file %s: %s", r->resp.file_path, strerror(errno));
            err_set(&e, 500, "storage", "the stored file cannot be read");
            r->resp.file_path = NULL;
            r->resp.nheaders = 0;
            resp_problem(r, &e);
            return queue(c, r);
        }
        resp = MHD_create_response_from_fd((uint64_t)sb.st_size, fd);
        body = NULL;
    } else {
        body = strbuf_detach(&r->resp.body, &len);
        resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
    }
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

const char *upload_field(struct req *r, const char *name)
{
    int i;

    for (i = 0; r->upload && i < r->upload->nfields; i++)
        if (!strcmp(r->upload->fields[i].name, name))
            return r->upload->fields[i].value.buf;
    return NULL;
}

static int write_all(int fd, const char *data, size_t n)
{
    while (n) {
        ssize_t w = write(fd, data, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        data += w;
        n -= (size_t)w;
    }
    return 0;
}

/* Receives the parts of a multipart body: fields in memory, the file to a temporary file. */
static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    struct conn_state *cs = cls;
    struct upload *up = &cs->up;
    int i;

    (void)kind;
    (void)transfer_encoding;
    if (!key) { /* a part without a name (found by the http fuzz target) */
        up->malformed = 1;
        return MHD_YES;
    }
    if (!filename) {
        for (i = 0; i < up->nfields && strcmp(up->fields[i].name, key); i++)
            ;
        if (i == up->nfields) {
            if (up->nfields == UPLOAD_FIELDS_MAX)
                return MHD_YES;
            up->fields[i].name = arena_strdup(&cs->r.arena, key);
            strbuf_init(&up->fields[i].value, 0);
            up->nfields++;
        }
        if (up->fields[i].value.len + size <= 1000)
            strbuf_add(&up->fields[i].value, data, size);
        return MHD_YES;
    }
    if (off == 0 && up->fd < 0) {
        /* the first (and only) file part begins */
        if (up->files++) {
            up->malformed = 1;
            return MHD_YES;
        }
        up->field = arena_strdup(&cs->r.arena, key);
        up->filename = arena_strdup(&cs->r.arena, filename);
        up->declared_type = content_type ? arena_strdup(&cs->r.arena, content_type) : NULL;
        up->fd = mkstemp(up->tmp_path);
        if (up->fd < 0) {
            up->write_errno = errno;
            return MHD_YES;
        }
        crypto_sha256_init(&cs->sha);
    } else if (off == 0 && up->size > 0) {
        up->malformed = 1; /* a second file part (one part may be announced twice at offset 0) */
        return MHD_YES;
    }
    if (up->fd < 0 || up->too_large || up->write_errno)
        return MHD_YES;
    if (up->size + (int64_t)size > (int64_t)cs->upload_limit) {
        up->too_large = 1;
        return MHD_YES;
    }
    if (up->size < UPLOAD_HEAD_BYTES)
        memcpy(up->head + up->size, data,
               size < (size_t)(UPLOAD_HEAD_BYTES - up->size)
                   ? size
                   : (size_t)(UPLOAD_HEAD_BYTES - up->size));
    if (write_all(up->fd, data, size) < 0) {
        up->write_errno = errno;
        return MHD_YES;
    }
    crypto_sha256_update(&cs->sha, data, size);
    up->size += (int64_t)size;
    return MHD_YES;
}

/* The body is complete: the file is flushed to disk before any row names it. */
static void finish_upload(struct conn_state *cs)
{
    struct upload *up = &cs->up;

    if (MHD_destroy_post_processor(cs->pp) == MHD_NO)
        up->malformed = 1;
    cs->pp = NULL;
    if (up->fd >= 0) {
        if (!up->write_errno && fsync(up->fd) < 0)
            up->write_errno = errno;
        close(up->fd);
        up->fd = -1;
        crypto_sha256_final(&cs->sha, up->sha256);
    }
}

/* A file the handler did not move into the store is removed before the client hears back. */
static void discard_upload(struct conn_state *cs)
{
    if (!cs->r.upload)
        return;
    if (cs->up.fd >= 0)
        close(cs->up.fd);
    cs->up.fd = -1;
    if (cs->up.tmp_path && cs->up.files)
        unlink(cs->up.tmp_path);
    cs->up.tmp_path = NULL;
}

/*
 * Prepares to stream a multipart body; returns the largest body accepted (the
 * file plus room for the form fields and boundaries).
 */
static size_t start_upload(struct server *s, struct conn_state *cs, struct MHD_Connection *c)
{
    cs->up.fd = -1;
    cs->upload_limit = s->cfg.upload_limit;
    cs->up.tmp_path = arena_printf(&cs->r.arena, "%s/upload-XXXXXX", s->cfg.upload_dir);
    cs->pp = MHD_create_post_processor(c, 64 * 1024, on_part, cs);
    cs->r.upload = &cs->up; /* a body that is not multipart leaves pp NULL: 415 later */
    return s->cfg.upload_limit + 64 * 1024;
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
        const struct route *route;
        const char *cl;
        size_t limit;
        cs = xcalloc(1, sizeof(*cs));
        clock_gettime(CLOCK_MONOTONIC, &cs->started);
        r = &cs->r;
        arena_init(&r->arena);
        strbuf_init(&r->body, 0);
        strbuf_init(&r->resp.body, 0);
        r->method = arena_strdup(&r->arena, method);
        r->path = arena_strdup(&r->arena, url);
        r->conn = c;
        r->peer = client_address(s, c, &r->arena);
        r->app = s->cfg.app;
        r->now = time(NULL);
        *con_cls = cs;
        cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
        route = router_find(&s->cfg.router, method, url);
        limit = s->cfg.body_limit;
        if (route && route->body == BODY_UPLOAD && s->cfg.upload_dir)
            limit = start_upload(s, cs, c);
        if (cl && strtoull(cl, NULL, 10) > limit) {
            /* refuse at once; libmicrohttpd then closes the connection */
            struct err e = ERR_INIT;
            err_set(&e, 413, "too_large", "the request body is larger than %zu bytes", limit);
            resp_problem(r, &e);
            cs->queued = 1;
            return queue(c, r);
        }
        return MHD_YES;
    }
    r = &cs->r;
    if (*upload_data_size && cs->pp) {
        if (!cs->queued && MHD_post_process(cs->pp, upload_data, *upload_data_size) == MHD_NO)
            cs->up.malformed = 1;
        *upload_data_size = 0;
        return MHD_YES;
    }
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
    if (cs->pp)
        finish_upload(cs);
    if (!strncmp(r->path, s->cfg.api_prefix, strlen(s->cfg.api_prefix)) ||
        router_knows(&s->cfg.router, r->path)) {
        router_dispatch(&s->cfg.router, r);
        discard_upload(cs);
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
    if (cs->pp)
        MHD_destroy_post_processor(cs->pp);
    if (cs->r.upload) {
        int i;
        discard_upload(cs); /* a body refused before it was read */
        for (i = 0; i < cs->up.nfields; i++)
            strbuf_release(&cs->up.fields[i].value);
    }
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
