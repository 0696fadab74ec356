/*
 * Routing: a table of routes (method, path pattern, handler, roles, body kind)
 * checked in one place before any handler runs. As soon as the headers are in,
 * before a byte of the body is read: method (405), authentication (401), role
 * (403), CSRF header on state changes (403), content type (415) and the
 * declared size (413, by the server against router_body_limit). Once the body
 * is read: its size and form (413, 400, 415). Patterns match whole segments; "{name}"
 * matches one non-empty segment and is passed in req->params in order.
 */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H

#include <stddef.h>
#include <stdint.h>

#include "http/request.h"

/*
 * The body a route takes. BODY_FORM (application/x-www-form-urlencoded, read
 * with req_form) is not checked for its content type by the router: its
 * handlers answer in their protocol's own error format.
 */
enum body_kind { BODY_NONE, BODY_JSON, BODY_UPLOAD, BODY_FORM };

typedef int (*handler_fn)(struct req *r, struct err *e);

struct route {
    const char *method;
    const char *pattern;
    handler_fn handler;
    unsigned roles; /* 0: public; otherwise the roles (bits) allowed */
    int body;       /* enum body_kind */
};

/*
 * Authenticates (when a session cookie is present), and prepares per-request
 * state. Called once per API request before routing; fills r->user,
 * r->role_mask and r->csrf for a valid session.
 */
typedef int (*begin_fn)(struct req *r, struct err *e);

struct router {
    const struct route *routes;
    size_t nroutes;
    begin_fn begin;
};

/* The largest body a public route takes (a login, a rating). */
#define ROUTER_PUBLIC_BODY_LIMIT 16384
/* ... and a public form (an Open311 request: 4,000 characters percent-encoded). */
#define ROUTER_PUBLIC_FORM_LIMIT 65536

/*
 * Finds the route (r->route, r->params) and runs the checks that need no
 * body. 0 to read the body; -1 with e filled (and an Allow header for 405).
 */
int router_admit(const struct router *rt, struct req *r, struct err *e);
/* The largest body the route takes, given the server's limits. */
uint64_t router_body_limit(const struct route *route, uint64_t body_limit, uint64_t upload_limit);
/* After router_admit and the body: checks the body, runs the handler, fills r->resp. */
void router_run(struct req *r);
/* 1 when some route's pattern matches the path (whatever the method). */
int router_knows(const struct router *rt, const char *path);

#endif
