/*
 * libmicrohttpd glue. As soon as a request's headers are in, its framing is
 * checked and its route admitted (authentication, role, declared size); a
 * refused request with a body is answered at once and its connection closed
 * without reading the body. Otherwise the body is read into the request, API
 * paths go to the router and other GET paths to static files. The guard
 * bounds the time each connection takes to send its headers and its body.
 */
#include "http/server.h"
#include "http/conns.h"
#include "http/framing.h"
#include "http/guard.h"
#include "http/metrics.h"
#include "http/upload.h"
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
#include <sys/resource.h>
#include <sys/stat.h>
#include <stdatomic.h>
#include <time.h>
#include <unistd.h>

#define SERVER_LISTENERS_MAX 256
#define SERVER_DRAIN_MS      20000 /* how long a stop waits for the requests in flight */

struct server {
    struct MHD_Daemon *d[SERVER_LISTENERS_MAX];
    unsigned nd;
    uint32_t id_base;    /* from the start time and pid: ids differ across restarts */
    atomic_uint next_id; /* the next request's number */
    atomic_int inflight; /* requests begun and not completed */
    struct guard *guard;
    struct conns *conns;
    struct server_config cfg;
};

/* What the server keeps of an open connection. */
struct sock {
    struct guard_conn *guard; /* its deadline */
    long slot;                /* its address's count (conns.h) */
};

/* A request, from its request line (on_uri) to its completion (on_completed). */
struct conn_state {
    struct req r;
    struct timespec started;
    const char *target;       /* as sent, before percent-decoding */
    struct guard_conn *guard; /* the connection's deadline */
    int begun;                /* the headers were seen */
    int queued;               /* a reply was queued (early, without reading the body) */
    struct err
        *refused; /* refused at admission (in the arena), answered once its small body is dropped */
    struct upload_stream upload; /* for routes that take a file */
};

static const char *const security_headers[][2] = {
    {"Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"X-Frame-Options", "DENY"},
    {"Referrer-Policy", "no-referrer"},
};

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
    if (r->id[0])
        MHD_add_response_header(resp, "X-Request-Id", r->id);
    if (r->resp.content_type)
        MHD_add_response_header(resp, "Content-Type", r->resp.content_type);
    MHD_add_response_header(resp, "Cache-Control", "no-store");
    if (r->resp.close)
        MHD_add_response_header(resp, "Connection", "close");
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

/* A refused request's body up to this size is read and dropped rather than left unread. */
#define SERVER_UNREAD_MAX 65536

/* Refuses a request before its body is read: the connection closes after the answer. */
static enum MHD_Result refuse(struct MHD_Connection *c, struct conn_state *cs, struct err *e)
{
    resp_problem(&cs->r, e);
    cs->r.resp.close = 1;
    cs->queued = 1;
    guard_working(cs->guard);
    return queue(c, &cs->r);
}

static int is_api(struct server *s, const char *path)
{
    return !strncmp(path, s->cfg.api_prefix, strlen(s->cfg.api_prefix)) ||
           router_knows(&s->cfg.router, path);
}

/*
 * The headers are in: framing, then the route's admission and the declared
 * size. A request refused at admission with a large body is answered now,
 * and its connection closed unread; one with a small body or none has it
 * read and dropped, and is answered at the end (closing a socket with unread
 * bytes would reset it, and the client might lose the answer).
 */
static enum MHD_Result begin(struct server *s, struct conn_state *cs, struct MHD_Connection *c,
                             const char *url, const char *method, const char *version)
{
    struct req *r = &cs->r;
    struct err e = ERR_INIT;
    uint64_t length, limit = 0;

    cs->begun = 1;
    atomic_fetch_add(&s->inflight, 1);
    snprintf(r->id, sizeof(r->id), "%08x%08x", s->id_base, atomic_fetch_add(&s->next_id, 1));
    r->method = arena_strdup(&r->arena, method);
    r->path = arena_strdup(&r->arena, url);
    r->conn = c;
    r->peer = client_address(s, c, &r->arena);
    r->app = s->cfg.app;
    r->now = time(NULL);
    if (framing_check(c, version, cs->target ? cs->target : url, url, &length, &e) < 0)
        return refuse(c, cs, &e);
    if (!is_api(s, url)) {
        if (length)
            err_set(&e, 400, "malformed", "this request takes no body");
    } else if (router_admit(&s->cfg.router, r, &e) == 0) {
        limit = router_body_limit(r->route, s->cfg.body_limit,
                                  s->cfg.upload_dir ? s->cfg.upload_limit : 0);
        if (r->route->body == BODY_NONE && length)
            err_set(&e, 400, "malformed", "this request takes no body");
        else if (length > limit)
            err_set(&e, 413, "too_large", "the request body is larger than %llu bytes",
                    (unsigned long long)limit);
    }
    if (e.http) {
        if (length > SERVER_UNREAD_MAX)
            return refuse(c, cs, &e);
        cs->refused = arena_alloc(&r->arena, sizeof(e)); /* only a refused request pays for it */
        *cs->refused = e;
    } else if (r->route && r->route->body == BODY_UPLOAD && s->cfg.upload_dir) {
        /* a body that is not multipart has no post processor: 415 later */
        if (upload_begin(&cs->upload, c, &r->arena, s->cfg.upload_dir, s->cfg.upload_limit) == 0)
            r->upload = &cs->upload.up;
    }
    if (length)
        guard_expect_body(s->guard, cs->guard, length);
    else
        guard_working(cs->guard);
    return MHD_YES;
}

/* The request line is in: its state begins, with the target as sent. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    const union MHD_ConnectionInfo *ci =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
    struct conn_state *cs = xcalloc(1, sizeof(*cs));

    clock_gettime(CLOCK_MONOTONIC, &cs->started);
    arena_init(&cs->r.arena);
    strbuf_init(&cs->r.body, 0);
    strbuf_init(&cs->r.resp.body, 0);
    cs->target = arena_strdup(&cs->r.arena, uri);
    cs->guard = ci && ci->socket_context ? ((struct sock *)ci->socket_context)->guard : NULL;
    guard_expect_headers(((struct server *)cls)->guard, cs->guard);
    return cs;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
    struct server *s = cls;
    struct conn_state *cs = *con_cls;
    struct req *r;

    if (!cs) /* the request line was never logged (cannot happen with on_uri) */
        *con_cls = cs = on_uri(s, url, c);
    r = &cs->r;
    if (!cs->begun)
        return begin(s, cs, c, url, method, version);
    if (*upload_data_size && cs->refused) { /* refused: read and dropped */
        *upload_data_size = 0;
        return MHD_YES;
    }
    if (*upload_data_size && r->upload) {
        if (!cs->queued)
            upload_feed(&cs->upload, upload_data, *upload_data_size);
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
    guard_working(cs->guard);
    if (cs->refused) {
        resp_problem(r, cs->refused);
        return queue(c, r);
    }
    if (r->upload)
        upload_end(&cs->upload);
    if (is_api(s, r->path)) {
        log_set_request(r->id); /* the handler's own log lines name the request */
        router_run(r);
        log_set_request(NULL);
        if (r->upload)
            upload_discard(&cs->upload);
        return queue(c, r);
    }
    return serve_static(s, c, r);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
    struct server *s = cls;
    struct conn_state *cs = *con_cls;
    struct timespec now;

    (void)c;
    if (!cs)
        return;
    if (toe == MHD_REQUEST_TERMINATED_COMPLETED_OK)
        guard_idle(s->guard, cs->guard);
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (cs->begun) {
        double ms = (double)(now.tv_sec - cs->started.tv_sec) * 1e3 +
                    (double)(now.tv_nsec - cs->started.tv_nsec) / 1e6;

        log_request(cs->r.id, cs->r.method, cs->r.path, cs->r.resp.status, ms);
        metrics_observe(cs->r.route, is_api(s, cs->r.path), cs->r.resp.status, ms / 1e3);
        atomic_fetch_sub(&s->inflight, 1);
    }
    if (cs->r.upload)
        upload_release(&cs->upload);
    strbuf_release(&cs->r.body);
    strbuf_release(&cs->r.resp.body);
    arena_release(&cs->r.arena);
    free(cs);
    *con_cls = NULL;
}

/*
 * A connection accepted by this thread and counted, not yet taken by
 * libmicrohttpd (which tells right after, in the same thread); one still
 * here at the next accept was dropped by it, and is given back.
 */
static _Thread_local long pending = -1;

/* A connection is accepted if there is room for it, in all and from its address. */
static enum MHD_Result on_accept(void *cls, const struct sockaddr *addr, socklen_t len)
{
    struct server *s = cls;

    if (pending >= 0)
        conns_release(s->conns, pending);
    pending = conns_admit(s->conns, addr, len);
    return pending >= 0 ? MHD_YES : MHD_NO;
}

/* Connections come and go: counted, and the guard keeps a deadline for each. */
static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
                          enum MHD_ConnectionNotificationCode code)
{
    struct server *s = cls;
    struct sock *k = *socket_context;

    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
        const union MHD_ConnectionInfo *fd =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
        k = xcalloc(1, sizeof(*k));
        k->slot = pending;
        pending = -1;
        k->guard = fd ? guard_open(s->guard, fd->connect_fd) : NULL;
        *socket_context = k;
    } else if (code == MHD_CONNECTION_NOTIFY_CLOSED && k) {
        guard_close(s->guard, k->guard);
        if (k->slot >= 0)
            conns_release(s->conns, k->slot);
        free(k);
        *socket_context = NULL;
    }
}

int server_parse_listen(const char *listen, struct sockaddr_in *sa, struct err *e)
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

static struct MHD_Daemon *listener(struct server *s, const struct sockaddr_in *sa, unsigned room)
{
    return MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_TURBO | MHD_USE_ITC, 0, on_accept,
        s, on_request, s, MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)sa,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
        MHD_OPTION_NOTIFY_CONNECTION, on_connection, s, MHD_OPTION_CONNECTION_TIMEOUT,
        s->cfg.idle_timeout, MHD_OPTION_CONNECTION_LIMIT, room, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
        (size_t)SERVER_HEADER_MEMORY, MHD_OPTION_LISTENING_ADDRESS_REUSE, 1u, MHD_OPTION_END);
}

/*
 * The listeners share their port (SO_REUSEPORT), and so would another
 * process's: a second server started on a port in use would silently take
 * half of its connections. A plain socket bound first says whether anything
 * listens there already.
 */
static int port_free(const struct sockaddr_in *sa, const char *listen, struct err *e)
{
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0), one = 1, rc, sys;

    if (fd < 0 || !sa->sin_port)
        return fd < 0 ? 0 : close(fd);
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)); /* past connections may linger */
    rc = bind(fd, (const struct sockaddr *)sa, sizeof(*sa));
    sys = errno;
    close(fd);
    if (rc < 0 && sys == EADDRINUSE)
        return err_set(e, 500, "listen", "cannot listen on %s: %s", listen, strerror(sys));
    return 0;
}

int server_start(const struct server_config *cfg, struct server **out, struct err *e)
{
    struct guard_limits lim = {cfg->header_timeout, cfg->idle_timeout, cfg->body_timeout,
                               SERVER_BODY_RATE};
    struct sockaddr_in sa;
    struct server *s;
    unsigned room, i, n = cfg->threads ? cfg->threads : 1;

    if (server_parse_listen(cfg->listen, &sa, e) < 0 || port_free(&sa, cfg->listen, e) < 0)
        return -1;
    if (n > SERVER_LISTENERS_MAX)
        n = SERVER_LISTENERS_MAX;
    s = xcalloc(1, sizeof(*s));
    s->cfg = *cfg;
    s->id_base = (uint32_t)time(NULL) ^ ((uint32_t)getpid() << 20);
    room = conns_room(cfg->connections);
    /* behind a proxy every client has the proxy's address: the proxy limits them */
    s->conns = conns_new(room, cfg->trusted_proxy ? 0u : cfg->connections_per_address);
    if (!s->conns) {
        free(s);
        return err_set(e, 500, "internal", "out of memory");
    }
    if (guard_start(&lim, &s->guard, e) < 0) {
        conns_free(s->conns);
        free(s);
        return -1;
    }
    for (i = 0; i < n; i++) {
        if (!(s->d[i] = listener(s, &sa, room))) {
            int sys = errno;
            server_stop(s);
            return err_set(e, 500, "listen", "cannot listen on %s: %s", cfg->listen,
                           sys ? strerror(sys) : "libmicrohttpd refused to start");
        }
        s->nd++;
        if (!sa.sin_port) { /* port 0: the others listen on the port the first one got */
            const union MHD_DaemonInfo *di =
                MHD_get_daemon_info(s->d[0], MHD_DAEMON_INFO_BIND_PORT);
            sa.sin_port = di ? htons(di->port) : 0;
        }
    }
    *out = s;
    return 0;
}

void server_stop(struct server *s)
{
    unsigned i, waited;

    if (!s)
        return;
    /* no new connection; the requests in flight are answered before the threads stop */
    for (i = 0; i < s->nd; i++) {
        MHD_socket fd = MHD_quiesce_daemon(s->d[i]);
        if (fd != MHD_INVALID_SOCKET)
            close(fd);
    }
    for (waited = 0; atomic_load(&s->inflight) > 0 && waited < SERVER_DRAIN_MS; waited += 20)
        usleep(20 * 1000);
    if (atomic_load(&s->inflight) > 0)
        log_warn("stopping with %d requests unanswered after %d s", atomic_load(&s->inflight),
                 SERVER_DRAIN_MS / 1000);
    for (i = 0; i < s->nd; i++)
        MHD_stop_daemon(s->d[i]);
    guard_stop(s->guard);
    conns_free(s->conns);
    free(s);
}
