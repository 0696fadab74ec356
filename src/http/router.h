/*
 * Routing: a table of routes (method, path pattern, handler, roles, body kind)
 * checked in one place before any handler runs: method (405), authentication
 * (401), role (403), CSRF header on state changes (403), content type (415),
 * body size (413, by the server). Patterns match whole segments; "{name}"
 * matches one non-empty segment and is passed in req->params in order.
 */
#ifndef HTTP_ROUTER_H
#define HTTP_ROUTER_H

#include <stddef.h>

#include "http/request.h"

enum body_kind { BODY_NONE, BODY_JSON, BODY_UPLOAD };

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

/* Finds the route, runs the checks and the handler, and fills r->resp. */
void router_dispatch(const struct router *rt, struct req *r);
/* The route for a method and path, or NULL (no parameters collected). */
const struct route *router_find(const struct router *rt, const char *method, const char *path);
/* 1 when some route's pattern matches the path (whatever the method). */
int router_knows(const struct router *rt, const char *path);

#endif
