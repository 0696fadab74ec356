/* Route matching and the checks that run before handlers. */
#include "http/router.h"
#include "lib/crypto.h"

#include <string.h>
#include <strings.h>

/* Matches pattern against path, collecting {params} into r. */
static int match(const char *pattern, const char *path, struct req *r)
{
    const char *p = pattern, *s = path;

    if (r)
        r->nparams = 0;
    while (*p && *s) {
        if (*p == '{') {
            const char *end = strchr(s, '/'), *pend = strchr(p, '}');
            size_t n = end ? (size_t)(end - s) : strlen(s);
            if (!n || !pend)
                return 0;
            if (r) {
                if (r->nparams == REQ_PARAMS_MAX)
                    return 0;
                r->params[r->nparams++] = arena_strndup(&r->arena, s, n);
            }
            p = pend + 1;
            s += n;
        } else if (*p++ != *s++) {
            return 0;
        }
    }
    return !*p && !*s;
}

int router_knows(const struct router *rt, const char *path)
{
    size_t i;

    for (i = 0; i < rt->nroutes; i++)
        if (match(rt->routes[i].pattern, path, NULL))
            return 1;
    return 0;
}

static int state_changing(const char *method)
{
    return strcmp(method, "GET") && strcmp(method, "HEAD") && strcmp(method, "OPTIONS");
}

/*
 * The body a route takes: none for BODY_NONE, little for public routes
 * (a login or a rating), the file and its form for uploads.
 */
uint64_t router_body_limit(const struct route *route, uint64_t body_limit, uint64_t upload_limit)
{
    if (route->body == BODY_NONE)
        return 0;
    if (route->body == BODY_UPLOAD)
        return upload_limit + 64 * 1024;
    /* a form percent-encodes: 4,000 Vietnamese characters take up to 36 KB */
    if (route->body == BODY_FORM && !route->roles)
        return body_limit < ROUTER_PUBLIC_FORM_LIMIT ? body_limit : ROUTER_PUBLIC_FORM_LIMIT;
    return route->roles || body_limit < ROUTER_PUBLIC_BODY_LIMIT ? body_limit
                                                                 : ROUTER_PUBLIC_BODY_LIMIT;
}

/* utf-8 alone: "application/json" with no charset or charset=utf-8 */
static int json_content_type(const char *ct)
{
    size_t n = strlen("application/json");
    const char *p;

    if (!ct || strncasecmp(ct, "application/json", n))
        return 0;
    p = ct + n;
    p += strspn(p, " \t");
    if (!*p)
        return 1;
    if (*p++ != ';')
        return 0;
    p += strspn(p, " \t");
    if (strncasecmp(p, "charset=", 8))
        return 0;
    p += 8;
    return !strcasecmp(p, "utf-8") || !strcasecmp(p, "\"utf-8\"");
}

static void allow_header(const struct router *rt, struct req *r)
{
    char allow[64] = "";
    size_t i;

    for (i = 0; i < rt->nroutes; i++)
        if (match(rt->routes[i].pattern, r->path, NULL) &&
            strlen(allow) + strlen(rt->routes[i].method) + 3 < sizeof(allow)) {
            if (*allow)
                strcat(allow, ", ");
            strcat(allow, rt->routes[i].method);
        }
    resp_header(r, "Allow", allow);
}

int router_admit(const struct router *rt, struct req *r, struct err *e)
{
    const struct route *route = NULL;
    int path_known = 0;
    size_t i;

    for (i = 0; i < rt->nroutes && !route; i++) {
        if (!match(rt->routes[i].pattern, r->path, r))
            continue;
        path_known = 1;
        if (!strcmp(rt->routes[i].method, r->method) ||
            (!strcmp(r->method, "HEAD") && !strcmp(rt->routes[i].method, "GET")))
            route = &rt->routes[i];
    }
    if (!route) {
        if (!path_known)
            return err_set(e, 404, "not_found", "no such resource: %s", r->path);
        allow_header(rt, r);
        return err_set(e, 405, "method_not_allowed", "%s is not allowed here", r->method);
    }
    r->route = route;
    if (rt->begin && rt->begin(r, e) < 0)
        return -1;
    if (route->roles) {
        const char *token;
        if (!r->user)
            return err_set(e, 401, "unauthenticated", "log in to use this");
        if (!(route->roles & r->role_mask)) {
            err_reason(e, "role", "Vai trò của bạn không được thực hiện thao tác này");
            return err_set(e, 403, "forbidden", "your role does not allow this");
        }
        token = req_header(r, "X-CSRF-Token");
        if (state_changing(r->method) && (!token || !r->csrf || !crypto_streq(token, r->csrf)))
            return err_set(e, 403, "csrf", "the X-CSRF-Token header is missing or wrong");
    }
    if (route->body == BODY_JSON && !json_content_type(req_header(r, "Content-Type")))
        return err_set(e, 415, "unsupported_media_type",
                       "the request body must be application/json in UTF-8");
    if (route->body == BODY_UPLOAD) {
        const char *ct = req_header(r, "Content-Type");
        if (!ct || strncasecmp(ct, "multipart/form-data", 19))
            return err_set(e, 415, "unsupported_media_type",
                           "files are sent as multipart/form-data");
    }
    return 0;
}

/* The checks of what the body turned out to be. */
static int body_checks(const struct route *route, struct req *r, struct err *e)
{
    if (r->body_too_large)
        return err_set(e, 413, "too_large", "the request body is too large");
    if (route->body == BODY_NONE && r->body.len)
        return err_set(e, 400, "malformed", "this request takes no body");
    if (route->body == BODY_UPLOAD) {
        if (!r->upload)
            return err_set(e, 415, "unsupported_media_type",
                           "files are sent as multipart/form-data");
        if (r->upload->too_large)
            return err_set(e, 413, "too_large", "the file is larger than allowed");
        if (r->upload->malformed)
            return err_set(e, 400, "malformed", "the multipart body is malformed or cut off");
        if (r->upload->write_errno)
            return err_storage(e, r->upload->write_errno, "the file could not be stored");
    }
    return 0;
}

void router_run(struct req *r)
{
    struct err e = ERR_INIT;

    if (body_checks(r->route, r, &e) < 0 || r->route->handler(r, &e) < 0) {
        r->resp.nheaders = 0;
        resp_problem(r, &e);
    }
}
