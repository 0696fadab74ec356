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

const struct route *router_find(const struct router *rt, const char *method, const char *path)
{
    size_t i;

    for (i = 0; i < rt->nroutes; i++)
        if (!strcmp(rt->routes[i].method, method) && match(rt->routes[i].pattern, path, NULL))
            return &rt->routes[i];
    return NULL;
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

static int json_content_type(const char *ct)
{
    size_t n = strlen("application/json");

    return ct && !strncasecmp(ct, "application/json", n) && (ct[n] == '\0' || ct[n] == ';');
}

static int checks(const struct router *rt, const struct route *route, struct req *r, struct err *e)
{
    if (rt->begin && rt->begin(r, e) < 0)
        return -1;
    if (route->roles) {
        const char *token;
        if (!r->user)
            return err_set(e, 401, "unauthenticated", "log in to use this");
        if (!(route->roles & r->role_mask))
            return err_set(e, 403, "forbidden", "your role does not allow this");
        token = req_header(r, "X-CSRF-Token");
        if (state_changing(r->method) && (!token || !r->csrf || !crypto_streq(token, r->csrf)))
            return err_set(e, 403, "csrf", "the X-CSRF-Token header is missing or wrong");
    }
    if (r->body_too_large)
        return err_set(e, 413, "too_large", "the request body is too large");
    if (route->body == BODY_JSON && !json_content_type(req_header(r, "Content-Type")))
        return err_set(e, 415, "unsupported_media_type",
                       "the request body must be application/json");
    if (route->body == BODY_NONE && r->body.len)
        return err_set(e, 400, "malformed", "this request takes no body");
    if (route->body == BODY_UPLOAD) {
        const char *ct = req_header(r, "Content-Type");
        if (!ct || strncasecmp(ct, "multipart/form-data", 19) || !r->upload)
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

void router_dispatch(const struct router *rt, struct req *r)
{
    struct err e = ERR_INIT;
    const struct route *found = NULL;
    int path_known = 0;
    size_t i;

    for (i = 0; i < rt->nroutes && !found; i++) {
        if (!match(rt->routes[i].pattern, r->path, r))
            continue;
        path_known = 1;
        if (!strcmp(rt->routes[i].method, r->method) ||
            (!strcmp(r->method, "HEAD") && !strcmp(rt->routes[i].method, "GET")))
            found = &rt->routes[i];
    }
    if (!found) {
        if (path_known) {
            char allow[64] = "";
            for (i = 0; i < rt->nroutes; i++)
                if (match(rt->routes[i].pattern, r->path, NULL) &&
                    strlen(allow) + strlen(rt->routes[i].method) + 3 < sizeof(allow)) {
                    if (*allow)
                        strcat(allow, ", ");
                    strcat(allow, rt->routes[i].method);
                }
            resp_header(r, "Allow", allow);
            err_set(&e, 405, "method_not_allowed", "%s is not allowed here", r->method);
        } else {
            err_set(&e, 404, "not_found", "no such resource: %s", r->path);
        }
        resp_problem(r, &e);
        return;
    }
    if (checks(rt, found, r, &e) < 0 || found->handler(r, &e) < 0) {
        r->resp.nheaders = 0;
        resp_problem(r, &e);
    }
}
