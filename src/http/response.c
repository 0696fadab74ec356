/* Building responses: JSON bodies, headers, problem+json errors. */
#include "http/request.h"
#include "lib/json.h"
#include "lib/log.h"

#include <string.h>

int resp_json(struct req *r, int status, json_t *j)
{
    r->resp.status = status;
    r->resp.content_type = "application/json";
    strbuf_reset(&r->resp.body);
    json_dump_strbuf(j, &r->resp.body);
    json_decref(j);
    return 0;
}

void resp_header(struct req *r, const char *name, const char *value)
{
    int i = r->resp.nheaders;

    if (i == RESP_HEADERS_MAX)
        return;
    r->resp.headers[i].name = arena_strdup(&r->arena, name);
    r->resp.headers[i].value = arena_strdup(&r->arena, value);
    r->resp.nheaders++;
}

int resp_body(struct req *r, int status, const char *content_type, const char *body, size_t len)
{
    r->resp.status = status;
    r->resp.content_type = content_type;
    strbuf_reset(&r->resp.body);
    strbuf_add(&r->resp.body, body, len);
    return 0;
}

static const char *reason(int status)
{
    switch (status) {
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 409: return "Conflict";
    case 411: return "Length Required";
    case 413: return "Content Too Large";
    case 415: return "Unsupported Media Type";
    case 422: return "Unprocessable Content";
    case 429: return "Too Many Requests";
    case 501: return "Not Implemented";
    case 503: return "Service Unavailable";
    case 507: return "Insufficient Storage";
    }
    return status >= 500 ? "Internal Server Error" : "Error";
}

void resp_problem(struct req *r, const struct err *e)
{
    int status = e->http >= 400 && e->http < 600 ? e->http : 500;
    const char *code = e->code ? e->code : "internal";
    json_t *j, *errors;
    int i;

    j = json_pack("{s:s, s:s, s:i, s:s}", "type",
                  arena_printf(&r->arena, "urn:motcua:problem:%s", code), "title", reason(status),
                  "status", status, "detail", e->msg[0] ? e->msg : reason(status));
    if (!j) /* the detail echoed input that is not UTF-8 */
        j = json_pack("{s:s, s:s, s:i, s:s}", "type",
                      arena_printf(&r->arena, "urn:motcua:problem:%s", code), "title",
                      reason(status), "status", status, "detail", reason(status));
    if (e->reason[0]) {
        json_object_set_new(j, "reason", json_string(e->reason));
        json_object_set_new(j, "reason_label", json_string(e->label));
    }
    if (e->nfields) {
        errors = json_array();
        for (i = 0; i < e->nfields; i++)
            json_array_append_new(errors,
                                  json_pack("{s:s, s:s, s:s, s:s}", "field", e->fields[i].field,
                                            "code", e->fields[i].code, "param", e->fields[i].param,
                                            "message", e->fields[i].message));
        json_object_set_new(j, "errors", errors);
    }
    if (e->retry_after > 0) /* the wait, for a page to say how long (also in Retry-After) */
        json_object_set_new(j, "retry_after", json_integer(e->retry_after));
    if (status >= 500 && status != 501) /* the server's own trouble: whoever runs it must see why */
        log_error("%s %s: %d %s: %s", r->method, r->path, status, code, e->msg);
    resp_json(r, status, j);
    r->resp.content_type = "application/problem+json";
    if (e->retry_after > 0)
        resp_header(r, "Retry-After", arena_printf(&r->arena, "%ld", e->retry_after));
}
