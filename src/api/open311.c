/*
 * Open311 GeoReport v2: the routes (a file name per endpoint, "services.xml",
 * "requests/PAKN-260302-0001.json"), discovery, the services and their
 * definitions, and the two formats of every answer.
 */
#include "api/handlers.h"
#include "api/open311.h"
#include "core/feedback.h"
#include "docs/xml.h"
#include "lib/utf8.h"
#include "store/agencies.h"

#include <stdio.h>
#include <string.h>

/* Plural element names and the singular their items repeat as. */
static const char *const singular[][2] = {
    {"services", "service"},     {"service_requests", "request"},
    {"attributes", "attribute"}, {"values", "value"},
    {"endpoints", "endpoint"},   {"formats", "format"},
    {"errors", "error"},         {NULL, NULL},
};

int open311_reply(struct req *r, int status, int format, const char *root, json_t *j)
{
    struct strbuf sb = STRBUF_INIT;
    char *text;
    int rc;

    if (!j) /* a value jansson refused: nothing of it is sent */
        return open311_error(r, format, 500, "the answer could not be written");
    if (format == O311_JSON) {
        text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
        rc = resp_body(r, status, "application/json; charset=utf-8", text, strlen(text));
        free(text);
    } else if (xml_from_json(root, j, singular, &sb) == 0) {
        rc = resp_body(r, status, "text/xml; charset=utf-8", sb.buf, sb.len);
    } else {
        static const char failed[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<errors><error>"
                                     "<code>500</code><description>the answer could not be "
                                     "written</description></error></errors>\n";
        rc = resp_body(r, 500, "text/xml; charset=utf-8", failed, sizeof(failed) - 1);
    }
    strbuf_release(&sb);
    json_decref(j);
    return rc;
}

int open311_error(struct req *r, int format, int status, const char *description)
{
    /* a description may echo a parameter, which is not always UTF-8 */
    if (!utf8_valid(description, strlen(description))) {
        status = 400;
        description = "a parameter is not valid UTF-8";
    }
    return open311_reply(r, status, format, "errors",
                         json_pack("[{s:s, s:s}]", "code", arena_printf(&r->arena, "%d", status),
                                   "description", description));
}

int open311_jurisdiction(struct req *r, int format, const char *jurisdiction)
{
    struct err e = ERR_INIT;
    const char *ours;

    if (!jurisdiction || !*jurisdiction)
        return 0;
    if (agency_first_root(r->db, &r->arena, &ours, &e) < 0) {
        open311_error(r, format, 500, "the jurisdiction could not be read");
        return -1;
    }
    if (ours && !strcmp(ours, jurisdiction))
        return 0;
    open311_error(r, format, 404,
                  arena_printf(&r->arena, "jurisdiction_id %s is not served here", jurisdiction));
    return 1;
}

int open311_service(const char *code)
{
    return code ? feedback_category_parse(code) : -1;
}

json_t *open311_service_json(int category)
{
    return json_pack("{s:s, s:s, s:s, s:b, s:s, s:s, s:s}", "service_code",
                     feedback_category_name(category), "service_name",
                     feedback_category_label(category), "description",
                     category == FB_COMPLAINT
                         ? "Khiếu nại, tố cáo: được chuyển cơ quan có thẩm quyền giải quyết"
                         : "Phản ánh, kiến nghị về quy định hành chính và việc giải quyết thủ tục "
                           "hành chính (Nghị định 20/2008/NĐ-CP)",
                     "metadata", category == FB_HANDLING || category == FB_RULE, "type", "realtime",
                     "keywords", feedback_category_name(category), "group",
                     category == FB_COMPLAINT ? "Khiếu nại, tố cáo" : "Phản ánh, kiến nghị");
}

json_t *open311_attributes(int category)
{
    json_t *attrs = json_array();

    if (category == FB_HANDLING)
        json_array_append_new(attrs, json_pack("{s:b, s:s, s:s, s:b, s:s, s:i, s:s}", "variable", 1,
                                               "code", "dossier_code", "datatype", "string",
                                               "required", 0, "datatype_description",
                                               "Mã hồ sơ, ví dụ 000.00.31.H99-260302-0001", "order",
                                               1, "description",
                                               "Mã hồ sơ thủ tục hành chính được phản ánh"));
    if (category == FB_RULE)
        json_array_append_new(
            attrs, json_pack("{s:b, s:s, s:s, s:b, s:s, s:i, s:s, s:[{s:s, s:s}, {s:s, s:s}]}",
                             "variable", 1, "code", "level", "datatype", "singlevaluelist",
                             "required", 0, "datatype_description", "", "order", 1, "description",
                             "Cấp ban hành quy định", "values", "key", "province", "name",
                             "Cấp tỉnh", "key", "commune", "name", "Cấp xã"));
    return attrs;
}

static int discovery(struct req *r, int format)
{
    struct app *app = r->app;
    const char *base =
        arena_printf(&r->arena, "%s/open311/v2/", app->public_url ? app->public_url : "");

    return open311_reply(
        r, 200, format, "discovery",
        json_pack("{s:s, s:s, s:s, s:[{s:s, s:s, s:s, s:s, s:[s, s]}]}", "changeset",
                  "2026-12-02T00:00:00+07:00", "contact",
                  "Đường dây nóng của Chủ tịch UBND tỉnh (phản ánh, kiến nghị)", "key_service",
                  "Khóa API do quản trị hệ thống cấp cho từng ứng dụng", "endpoints",
                  "specification", "http://wiki.open311.org/GeoReport_v2", "url", base, "changeset",
                  "2026-12-02T00:00:00+07:00", "type", "production", "formats", "text/xml",
                  "application/json"));
}

static int services(struct req *r, int format)
{
    json_t *list = json_array();
    int c;

    for (c = FB_CATEGORY_MIN; c <= FB_CATEGORY_MAX; c++)
        json_array_append_new(list, open311_service_json(c));
    return open311_reply(r, 200, format, "services", list);
}

/* "name.xml" or "name.json": the name (in the arena) and the format; -1 for neither. */
static int split(struct req *r, const char *file, const char **name, int *format)
{
    const char *dot = strrchr(file, '.');

    if (!dot)
        return -1;
    if (!strcmp(dot, ".xml"))
        *format = O311_XML;
    else if (!strcmp(dot, ".json"))
        *format = O311_JSON;
    else
        return -1;
    *name = arena_printf(&r->arena, "%.*s", (int)(dot - file), file);
    return 0;
}

/* The format a bad path's error is written in: JSON when it asks for JSON, else XML. */
static int format_of(const char *file)
{
    const char *dot = strrchr(file, '.');
    return dot && !strcmp(dot, ".json") ? O311_JSON : O311_XML;
}

int open311_get(struct req *r, struct err *e)
{
    const char *name;
    int format, rc;

    (void)e;
    if (split(r, r->params[0], &name, &format) < 0)
        return open311_error(r, format_of(r->params[0]), 404,
                             "no such endpoint: a file ends in .xml or .json");
    if ((rc = open311_jurisdiction(r, format, req_query(r, "jurisdiction_id"))))
        return 0;
    if (!strcmp(name, "discovery"))
        return discovery(r, format);
    if (!strcmp(name, "services"))
        return services(r, format);
    if (!strcmp(name, "requests"))
        return open311_requests_get(r, format);
    return open311_error(r, format, 404, arena_printf(&r->arena, "no such endpoint: %s", name));
}

int open311_post(struct req *r, struct err *e)
{
    const char *name;
    int format;

    (void)e;
    if (split(r, r->params[0], &name, &format) < 0 || strcmp(name, "requests"))
        return open311_error(r, format_of(r->params[0]), 404,
                             "requests are posted to requests.xml or requests.json");
    return open311_requests_post(r, format);
}

int open311_service_get(struct req *r, struct err *e)
{
    const char *code;
    int format, category;

    (void)e;
    if (split(r, r->params[0], &code, &format) < 0)
        return open311_error(r, format_of(r->params[0]), 404,
                             "no such endpoint: a file ends in .xml or .json");
    if (open311_jurisdiction(r, format, req_query(r, "jurisdiction_id")))
        return 0;
    if ((category = open311_service(code)) < 0)
        return open311_error(r, format, 404,
                             arena_printf(&r->arena, "service_code %s not found", code));
    return open311_reply(
        r, 200, format, "service_definition",
        json_pack("{s:s, s:o}", "service_code", code, "attributes", open311_attributes(category)));
}

int open311_request_file(struct req *r, struct err *e)
{
    const char *id;
    int format;

    (void)e;
    if (split(r, r->params[0], &id, &format) < 0)
        return open311_error(r, format_of(r->params[0]), 404,
                             "no such endpoint: a file ends in .xml or .json");
    if (open311_jurisdiction(r, format, req_query(r, "jurisdiction_id")))
        return 0;
    return open311_request_get(r, format, id);
}

int open311_token_file(struct req *r, struct err *e)
{
    const char *token;
    int format;

    (void)e;
    if (split(r, r->params[0], &token, &format) < 0)
        return open311_error(r, format_of(r->params[0]), 404,
                             "no such endpoint: a file ends in .xml or .json");
    if (open311_jurisdiction(r, format, req_query(r, "jurisdiction_id")))
        return 0;
    return open311_token_get(r, format, token);
}
