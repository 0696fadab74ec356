/* Reading request parameters and bodies, and small JSON writers shared by the handlers. */
#include "api/app.h"
#include "core/date.h"
#include "lib/json.h"
#include "lib/utf8.h"

#include <stdlib.h>
#include <string.h>

json_t *json_time(int64_t t)
{
    char buf[DATE_ISO_MAX];

    if (!t)
        return json_null();
    date_format_iso(t, buf);
    return json_string(buf);
}

json_t *json_str(const char *s)
{
    return s ? json_string(s) : json_null();
}

int param_id(const char *s, const char *what, int64_t *out, struct err *e)
{
    char *end;
    long long v;

    if (!s || !*s || *s < '1' || *s > '9' || strlen(s) > 18)
        return err_set(e, 404, "not_found", "no %s with id %s", what, s ? s : "");
    v = strtoll(s, &end, 10);
    if (*end)
        return err_set(e, 404, "not_found", "no %s with id %s", what, s);
    *out = v;
    return 0;
}

int req_query_text(struct req *r, const char *key, const char **out, struct err *e)
{
    const char *s = req_query(r, key);

    *out = NULL;
    if (s && !(*out = utf8_nfc_dup(&r->arena, s)))
        return err_set(e, 400, "invalid_query", "%s must be UTF-8 text", key);
    return 0;
}

int req_json(struct req *r, json_t **out, struct err *e)
{
    return json_parse_object(r->body.buf, r->body.len, out, e);
}

int query_int(struct req *r, const char *key, int64_t min, int64_t max, int64_t *out, struct err *e)
{
    const char *s = req_query(r, key);
    char *end;
    long long v;

    if (!s)
        return 0;
    v = strtoll(s, &end, 10);
    if (!*s || *end || v < min || v > max)
        return err_set(e, 400, "invalid_query", "%s must be an integer from %lld to %lld", key,
                       (long long)min, (long long)max);
    *out = v;
    return 1;
}

/* A date (local midnight) or a date-time; `end` moves a plain date to the next midnight. */
int query_time(struct req *r, const char *key, int end, int64_t *out, struct err *e)
{
    const char *s = req_query(r, key);

    if (!s)
        return 0;
    if (date_parse_iso(s, out) < 0)
        return err_set(e, 400, "invalid_query", "%s must be a date YYYY-MM-DD or an ISO 8601 time",
                       key);
    if (end && strlen(s) == 10)
        *out += 86400;
    return 1;
}
