/*
 * JSON helpers over jansson: parsing request bodies and reading typed members
 * with a field error recorded in struct err for every problem found, so that
 * one reply lists all invalid fields.
 *
 * Field names in errors are dotted paths: prefix "applicant" + key "name" gives
 * "applicant.name". Strings returned point into the json_t and live as long as it.
 */
#ifndef LIB_JSON_H
#define LIB_JSON_H

#include <jansson.h>
#include <stdint.h>

#include "lib/err.h"
#include "lib/strbuf.h"

enum {
    JV_REQUIRED = 1,  /* absent (or null) is an error */
    JV_NULLABLE = 2,  /* an explicit null is accepted as absent */
    JV_MULTILINE = 4, /* strings may hold newlines and tabs */
};

/*
 * Parses an object body: 400 "malformed" for bad JSON or a non-object. Every
 * string value comes out in Unicode NFC (lib/utf8.h), so every reader below
 * checks and counts the normalised text.
 */
int json_parse_object(const char *body, size_t len, json_t **out, struct err *e);

/* Every member of obj must be named in keys (NULL-terminated); others get "unknown field". */
int jv_known(json_t *obj, const char *prefix, const char *const *keys, struct err *e);

/*
 * A string member of at most max_chars characters, not blank, with no control
 * characters unless JV_MULTILINE. Returns NULL when absent, blank (an error
 * only with JV_REQUIRED) or invalid.
 */
const char *jv_string(json_t *obj, const char *prefix, const char *key, unsigned flags,
                      size_t max_chars, struct err *e);

/* An integer member in [min, max]. Returns 1 if read into *out, 0 if absent, -1 if invalid. */
int jv_int(json_t *obj, const char *prefix, const char *key, unsigned flags, int64_t min,
           int64_t max, int64_t *out, struct err *e);

/* A number (integer or real) in [min, max]. Same returns as jv_int. */
int jv_number(json_t *obj, const char *prefix, const char *key, unsigned flags, double min,
              double max, double *out, struct err *e);

/* A boolean. Same returns as jv_int. */
int jv_bool(json_t *obj, const char *prefix, const char *key, unsigned flags, int *out,
            struct err *e);

/* A member of the given jansson type (JSON_OBJECT or JSON_ARRAY), or NULL. */
json_t *jv_typed(json_t *obj, const char *prefix, const char *key, json_type type, unsigned flags,
                 struct err *e);

/* Index of s in the NULL-terminated list, or -1 with a field error naming the choices. */
int jv_choice(const char *s, const char *const *choices, const char *prefix, const char *key,
              struct err *e);

/* Appends the compact serialisation of j to sb. */
void json_dump_strbuf(const json_t *j, struct strbuf *sb);

/* Number of UTF-8 code points in s (s assumed valid UTF-8). */
size_t utf8_length(const char *s);

#endif
