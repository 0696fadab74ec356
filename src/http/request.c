/* request.h's accessors: the query, headers and cookies libmicrohttpd parsed, and a form body. */
#include "http/request.h"

#include <microhttpd.h>
#include <string.h>

const char *req_query(struct req *r, const char *key)
{
    return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, key);
}

long req_form(struct req *r, const struct form_field **out)
{
    char *body, *pair, *save = NULL;
    size_t cap = 0;

    if (!r->form_read) {
        r->form_read = 1;
        body = arena_alloc(&r->arena, r->body.len + 1);
        memcpy(body, r->body.buf ? r->body.buf : "", r->body.len);
        body[r->body.len] = '\0';
        r->form = arena_alloc(&r->arena, 0);
        for (pair = strtok_r(body, "&", &save); pair; pair = strtok_r(NULL, "&", &save)) {
            char *eq = strchr(pair, '='), *v = eq ? eq + 1 : pair + strlen(pair), *p;
            struct form_field *f;
            if (eq)
                *eq = '\0';
            for (p = pair; *p; p++)
                if (*p == '+')
                    *p = ' ';
            for (p = v; *p; p++)
                if (*p == '+')
                    *p = ' ';
            /* an escaped NUL would cut a field short: the body is malformed */
            if (MHD_http_unescape(pair) != strlen(pair) || MHD_http_unescape(v) != strlen(v))
                r->form_bad = 1;
            f = arena_push(&r->arena, &r->form, &r->nform, &cap, sizeof(*f));
            f->key = pair;
            f->value = v;
        }
    }
    *out = r->form;
    return r->form_bad ? -1 : (long)r->nform;
}

const char *req_form_value(struct req *r, const char *key)
{
    const struct form_field *f;
    long n = req_form(r, &f), i;

    for (i = 0; i < n; i++)
        if (!strcmp(f[i].key, key))
            return *f[i].value ? f[i].value : NULL;
    return NULL;
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
