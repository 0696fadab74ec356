/* Typed, validating readers over jansson objects. */
#include "lib/json.h"
#include "lib/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void path_of(char *out, size_t n, const char *prefix, const char *key)
{
    if (prefix && *prefix)
        snprintf(out, n, "%s.%s", prefix, key);
    else
        snprintf(out, n, "%s", key);
}

/* Every string value in j, at any depth, in NFC (jansson has already checked the UTF-8). */
static int nfc_strings(json_t *j)
{
    const char *k;
    json_t *v;
    size_t i, n;
    char *nfc;

    switch (json_typeof(j)) {
    case JSON_OBJECT: json_object_foreach(j, k, v) if (nfc_strings(v) < 0) return -1; return 0;
    case JSON_ARRAY: json_array_foreach(j, i, v) if (nfc_strings(v) < 0) return -1; return 0;
    case JSON_STRING:
        if (!(nfc = utf8_nfc(json_string_value(j), json_string_length(j), &n)))
            return -1;
        if (n != json_string_length(j) || memcmp(nfc, json_string_value(j), n))
            json_string_setn_nocheck(j, nfc, n);
        free(nfc);
        return 0;
    default: return 0;
    }
}

int json_parse_object(const char *body, size_t len, json_t **out, struct err *e)
{
    json_error_t je;
    json_t *j;

    *out = NULL;
    if (!len)
        return err_set(e, 400, "malformed", "the request body is empty; a JSON object is expected");
    j = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
    if (!j)
        return err_set(e, 400, "malformed", "malformed JSON at line %d, column %d: %s", je.line,
                       je.column, je.text);
    if (!json_is_object(j)) {
        json_decref(j);
        return err_set(e, 400, "malformed", "the request body must be a JSON object");
    }
    if (nfc_strings(j) < 0) {
        json_decref(j);
        return err_set(e, 500, "internal", "out of memory normalising the request body");
    }
    *out = j;
    return 0;
}

int jv_known(json_t *obj, const char *prefix, const char *const *keys, struct err *e)
{
    const char *k;
    json_t *v;
    int rc = 0;

    json_object_foreach(obj, k, v)
    {
        const char *const *p;
        char path[64];

        for (p = keys; *p && strcmp(*p, k); p++)
            ;
        if (*p)
            continue;
        path_of(path, sizeof(path), prefix, k);
        rc = err_field_as(e, path, "unknown_field", "", "unknown field");
    }
    return rc;
}

/* Returns the member, NULL when absent (or null with JV_NULLABLE); records "required". */
static json_t *member(json_t *obj, const char *prefix, const char *key, unsigned flags,
                      struct err *e, int *bad)
{
    json_t *v = json_object_get(obj, key);
    char path[64];

    *bad = 0;
    if (v && json_is_null(v) && (flags & JV_NULLABLE))
        v = NULL;
    if (!v && (flags & JV_REQUIRED)) {
        path_of(path, sizeof(path), prefix, key);
        err_field_as(e, path, "required", "", "is required");
        *bad = 1;
    }
    return v;
}

static int range_error(struct err *e, const char *path, double min, double max)
{
    char range[64];

    snprintf(range, sizeof(range), "%.15g..%.15g", min, max);
    return err_field_as(e, path, "out_of_range", range, "must be between %.15g and %.15g", min,
                        max);
}

size_t utf8_length(const char *s)
{
    size_t n = 0;

    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

const char *jv_string(json_t *obj, const char *prefix, const char *key, unsigned flags,
                      size_t max_chars, struct err *e)
{
    char path[64];
    const char *s, *p;
    int bad;
    json_t *v = member(obj, prefix, key, flags, e, &bad);

    if (!v)
        return NULL;
    path_of(path, sizeof(path), prefix, key);
    if (!json_is_string(v)) {
        err_field_as(e, path, "type", "string", "must be a string");
        return NULL;
    }
    s = json_string_value(v);
    if (strlen(s) != json_string_length(v)) {
        err_field_as(e, path, "control_characters", "", "must not contain NUL characters");
        return NULL;
    }
    for (p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c < 0x20 && !((flags & JV_MULTILINE) && (c == '\n' || c == '\t' || c == '\r'))) {
            err_field_as(e, path, "control_characters", "", "must not contain control characters");
            return NULL;
        }
    }
    if (strspn(s, " \t\r\n") == strlen(s)) {
        /* blank: an error when required, else the same as absent (as forms send it) */
        if (flags & JV_REQUIRED)
            err_field_as(e, path, "required", "", "must not be empty");
        return NULL;
    }
    if (utf8_length(s) > max_chars) {
        char limit[24];
        snprintf(limit, sizeof(limit), "%zu", max_chars);
        err_field_as(e, path, "too_long", limit, "must be at most %zu characters", max_chars);
        return NULL;
    }
    return s;
}

int jv_int(json_t *obj, const char *prefix, const char *key, unsigned flags, int64_t min,
           int64_t max, int64_t *out, struct err *e)
{
    char path[64];
    int bad;
    json_int_t i;
    json_t *v = member(obj, prefix, key, flags, e, &bad);

    if (!v)
        return bad ? -1 : 0;
    path_of(path, sizeof(path), prefix, key);
    if (!json_is_integer(v))
        return err_field_as(e, path, "type", "integer", "must be an integer");
    i = json_integer_value(v);
    if (i < min || i > max)
        return range_error(e, path, (double)min, (double)max);
    *out = i;
    return 1;
}

int jv_number(json_t *obj, const char *prefix, const char *key, unsigned flags, double min,
              double max, double *out, struct err *e)
{
    char path[64];
    int bad;
    double d;
    json_t *v = member(obj, prefix, key, flags, e, &bad);

    if (!v)
        return bad ? -1 : 0;
    path_of(path, sizeof(path), prefix, key);
    if (!json_is_number(v))
        return err_field_as(e, path, "type", "number", "must be a number");
    d = json_number_value(v);
    if (!(d >= min && d <= max))
        return range_error(e, path, min, max);
    *out = d;
    return 1;
}

int jv_bool(json_t *obj, const char *prefix, const char *key, unsigned flags, int *out,
            struct err *e)
{
    char path[64];
    int bad;
    json_t *v = member(obj, prefix, key, flags, e, &bad);

    if (!v)
        return bad ? -1 : 0;
    path_of(path, sizeof(path), prefix, key);
    if (!json_is_boolean(v))
        return err_field_as(e, path, "type", "boolean", "must be true or false");
    *out = json_is_true(v);
    return 1;
}

json_t *jv_typed(json_t *obj, const char *prefix, const char *key, json_type type, unsigned flags,
                 struct err *e)
{
    char path[64];
    int bad;
    json_t *v = member(obj, prefix, key, flags, e, &bad);

    if (!v)
        return NULL;
    if (json_typeof(v) != type) {
        path_of(path, sizeof(path), prefix, key);
        err_field_as(e, path, "type", type == JSON_OBJECT ? "object" : "array", "must be %s",
                     type == JSON_OBJECT ? "an object" : "an array");
        return NULL;
    }
    return v;
}

int jv_choice(const char *s, const char *const *choices, const char *prefix, const char *key,
              struct err *e)
{
    char path[64], list[160] = "";
    size_t used = 0;
    int i;

    for (i = 0; choices[i]; i++)
        if (!strcmp(s, choices[i]))
            return i;
    for (i = 0; choices[i] && used < sizeof(list); i++)
        used +=
            (size_t)snprintf(list + used, sizeof(list) - used, "%s%s", i ? ", " : "", choices[i]);
    path_of(path, sizeof(path), prefix, key);
    return err_field_as(e, path, "not_one_of", list, "must be one of: %s", list);
}

static int dump_cb(const char *buffer, size_t size, void *data)
{
    strbuf_add(data, buffer, size);
    return 0;
}

void json_dump_strbuf(const json_t *j, struct strbuf *sb)
{
    json_dump_callback(j, dump_cb, sb, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15));
}
