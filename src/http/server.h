/* The HTTP server: libmicrohttpd, one listener thread with epoll per server thread, on one port. */
#ifndef HTTP_SERVER_H
#define HTTP_SERVER_H

#include <netinet/in.h>
#include <stddef.h>

#include "http/router.h"
#include "lib/err.h"

struct server_config {
    const char *listen;        /* "127.0.0.1:8080" */
    unsigned threads;          /* listeners, each with its thread */
    size_t body_limit;         /* bytes; larger bodies get 413 */
    const char *web_dir;       /* static files for paths outside /api/, or NULL */
    const char *api_prefix;    /* paths routed to the API ("/api/") */
    const char *upload_dir;    /* temporary files of uploads (same file system as their home) */
    size_t upload_limit;       /* bytes of one uploaded file */
    const char *trusted_proxy; /* a proxy's address: X-Forwarded-For from it names the client */
    unsigned connections;      /* open connections at most */
    unsigned connections_per_address; /* from one client address (0: no limit) */
    unsigned header_timeout;          /* seconds to send a whole header block */
    unsigned idle_timeout; /* seconds a connection may stay idle (between requests, or stalled) */
    unsigned body_timeout; /* seconds to send a body, plus one per SERVER_BODY_RATE bytes */
    struct router router;
    void *app; /* passed to handlers as req->app */
};

/* The slowest a body may come: bytes per second beyond body_timeout. */
#define SERVER_BODY_RATE 32768
/* Bytes a connection may use for its request line and headers (more: 431). */
#define SERVER_HEADER_MEMORY 65536

struct server;

/* Starts listening; returns when the server is ready. */
int server_start(const struct server_config *cfg, struct server **out, struct err *e);
/* "ADDRESS:PORT" (IPv4; an empty address listens on all) into sa. 0 or -1. */
int server_parse_listen(const char *listen, struct sockaddr_in *sa, struct err *e);
void server_stop(struct server *s);

#endif
