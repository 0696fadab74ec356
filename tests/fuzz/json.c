/*
 * Fuzz target: request bodies. Any bytes go through jansson and then through
 * the validating readers every handler uses (lib/json.h), with the shapes of
 * a dossier intake: known keys, strings with and without newlines, numbers,
 * booleans, nested objects and arrays, choices.
 */
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "lib/json.h"

static const char *const top_keys[] = {"procedure", "agency",     "channel", "applicant",
                                       "summary",   "components", "sets",    "variant",
                                       "note",      "amount",     "paid",    NULL};
static const char *const applicant_keys[] = {"kind",  "name",    "id_number", "phone",
                                             "email", "address", NULL};
static const char *const channels[] = {"counter", "online", "post", NULL};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    json_error_t je;
    json_t *j = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &je), *app, *list,
           *item;
    struct err e = ERR_INIT;
    const char *s;
    int64_t n;
    double x;
    int b;
    size_t i;

    if (!j)
        return 0;
    if (json_is_object(j)) {
        jv_known(j, NULL, top_keys, &e);
        jv_int(j, NULL, "procedure", JV_REQUIRED, 1, INT64_MAX, &n, &e);
        jv_string(j, NULL, "agency", JV_REQUIRED, 13, &e);
        if ((s = jv_string(j, NULL, "channel", 0, 10, &e)))
            jv_choice(s, channels, NULL, "channel", &e);
        jv_string(j, NULL, "summary", JV_REQUIRED | JV_MULTILINE, 2000, &e);
        jv_string(j, NULL, "note", JV_NULLABLE, 2000, &e);
        jv_int(j, NULL, "sets", 0, 1, 99, &n, &e);
        jv_number(j, NULL, "amount", JV_NULLABLE, 0, 1e11, &x, &e);
        jv_bool(j, NULL, "paid", 0, &b, &e);
        if ((app = jv_typed(j, NULL, "applicant", JSON_OBJECT, JV_REQUIRED, &e))) {
            jv_known(app, "applicant", applicant_keys, &e);
            jv_int(app, "applicant", "kind", JV_REQUIRED, 1, 4, &n, &e);
            jv_string(app, "applicant", "name", JV_REQUIRED, 200, &e);
            jv_string(app, "applicant", "email", JV_NULLABLE, 200, &e);
        }
        if ((list = jv_typed(j, NULL, "components", JSON_ARRAY, JV_NULLABLE, &e)))
            json_array_foreach(list, i, item) if (json_is_integer(item)) n =
                json_integer_value(item);
    }
    json_decref(j);
    return 0;
}
