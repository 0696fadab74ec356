/*
 * Reading a workflow action's body: each field it needs, with its reason when
 * it is wrong. The checks that need the dossier are core's (core/lifecycle.c).
 */
#include "api/workflow_input.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/workflow.h"
#include "lib/json.h"

#include <stdlib.h>
#include <string.h>

#define ITEMS_MAX            30
#define CONSULT_DAYS_DEFAULT 5

static const char *const pay_methods[] = {"cash", "transfer", "card", "online", NULL};
static const char *const return_methods[] = {"counter", "post", "online", NULL};
static const char *const late_causes[] = {"subjective", "objective", NULL};

void workflow_read_input(json_t *body, int action, struct action_input *in, struct arena *a,
                         struct err *e)
{
    unsigned needs = action_get(action)->needs;
    const char *keys[16] = {"version", "note"}, *s;
    size_t nk = 2, i;
    json_t *items, *item;
    const char **list;
    char *text;
    double d;

    memset(in, 0, sizeof(*in));
    if (needs & NEED_REASON)
        keys[nk++] = "reason";
    if (needs & NEED_ITEMS)
        keys[nk++] = "items";
    if (needs & NEED_AMOUNT)
        keys[nk++] = "amount";
    if (needs & (NEED_PAYMENT | NEED_RETURN))
        keys[nk++] = "method";
    if (needs & NEED_PAYMENT)
        keys[nk++] = "receipt";
    if (needs & NEED_RETURN)
        keys[nk++] = "tracking";
    if (needs & NEED_RESULT) {
        keys[nk++] = "result_number";
        keys[nk++] = "result_date";
        keys[nk++] = "signer";
    }
    if (needs & NEED_NEW_DUE) {
        keys[nk++] = "new_due_at";
        keys[nk++] = "cause";
    }
    if (needs & NEED_AGENCY) {
        keys[nk++] = "agency";
        keys[nk++] = "days";
    }
    keys[nk] = NULL;
    jv_known(body, NULL, keys, e);
    jv_int(body, NULL, "version", 0, 1, INT32_MAX, &in->version, e);
    in->note = jv_string(body, NULL, "note", JV_NULLABLE | JV_MULTILINE, 2000, e);
    if (needs & NEED_REASON)
        in->reason = jv_string(body, NULL, "reason", JV_REQUIRED | JV_MULTILINE, 2000, e);
    if ((needs & NEED_ITEMS) &&
        (items = jv_typed(body, NULL, "items", JSON_ARRAY, JV_REQUIRED, e))) {
        if (!json_array_size(items) || json_array_size(items) > ITEMS_MAX)
            err_field(e, "items", "must list 1 to %d missing documents", ITEMS_MAX);
        list = arena_calloc(a, json_array_size(items) + 1, sizeof(*list));
        json_array_foreach(items, i, item)
        {
            if (!json_is_string(item) ||
                strspn(json_string_value(item), " ") == strlen(json_string_value(item)) ||
                utf8_length(json_string_value(item)) > 500)
                err_field(e, "items",
                          "each item must be a non-empty text of at most 500 characters");
            else
                list[in->nitems++] = json_string_value(item);
        }
        in->items = list;
        if (in->reason) {
            json_t *req = json_pack("{s:O, s:s}", "items", items, "reason", in->reason);
            text = json_dumps(req, JSON_COMPACT);
            in->request_json = arena_strdup(a, text);
            free(text);
            json_decref(req);
        }
    }
    if (needs & NEED_AMOUNT)
        jv_int(body, NULL, "amount", JV_REQUIRED, 1, 100000000000LL, &in->amount, e);
    if ((needs & NEED_PAYMENT) &&
        (in->method = jv_string(body, NULL, "method", JV_REQUIRED, 20, e)) &&
        jv_choice(in->method, pay_methods, NULL, "method", e) < 0)
        in->method = NULL;
    if (needs & NEED_PAYMENT)
        in->receipt = jv_string(body, NULL, "receipt", JV_REQUIRED, 100, e);
    if (needs & NEED_RETURN) {
        if ((in->method = jv_string(body, NULL, "method", JV_REQUIRED, 20, e)) &&
            jv_choice(in->method, return_methods, NULL, "method", e) < 0)
            in->method = NULL;
        in->tracking = jv_string(body, NULL, "tracking", JV_NULLABLE, 100, e);
        if (in->method && !strcmp(in->method, "post") && !in->tracking)
            err_field(e, "tracking", "a result sent by post needs its tracking number");
    }
    if (needs & NEED_RESULT) {
        int64_t day;
        in->result_number = jv_string(body, NULL, "result_number", JV_REQUIRED, 100, e);
        in->result_date = jv_string(body, NULL, "result_date", JV_REQUIRED, 10, e);
        if (in->result_date && date_parse_ymd(in->result_date, &day) < 0)
            err_field_as(e, "result_date", "date", "", "must be a date YYYY-MM-DD");
        in->signer = jv_string(body, NULL, "signer", JV_REQUIRED, 200, e);
    }
    if ((needs & NEED_NEW_DUE) && (s = jv_string(body, NULL, "new_due_at", JV_REQUIRED, 40, e)) &&
        date_parse_iso(s, &in->new_due) < 0)
        err_field_as(e, "new_due_at", "time", "", "must be an ISO 8601 time");
    if ((needs & NEED_NEW_DUE) &&
        (in->cause = jv_string(body, NULL, "cause", JV_NULLABLE, 20, e)) &&
        jv_choice(in->cause, late_causes, NULL, "cause", e) < 0)
        in->cause = NULL;
    if (needs & NEED_AGENCY) {
        in->agency = jv_string(body, NULL, "agency", JV_REQUIRED, 13, e);
        if (in->agency && !agency_id_valid(in->agency))
            err_field(e, "agency", "must be an agency identifier like 000.00.04.H43");
        in->days = CONSULT_DAYS_DEFAULT;
        if (jv_number(body, NULL, "days", 0, 0.125, 365, &d, e) == 1)
            in->days = d;
    }
}
