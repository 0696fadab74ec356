/*
 * Open311 requests: posted by a client with its API key (form-encoded, as the
 * specification says), each an ordinary feedback item the staff handle; read
 * back with their status and notes. What Open311 shows of feedback: the items
 * posted through it, and every item whose answer is published.
 */
#include "api/feedback.h"
#include "api/open311.h"
#include "core/date.h"
#include "core/feedback.h"
#include "core/dossier.h"
#include "lib/crypto.h"
#include "lib/json.h"
#include "lib/utf8.h"
#include "store/open311.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define O311_DAYS_MAX 90   /* the widest window of GET requests, and its default */
#define O311_LIST_MAX 1000 /* the most requests one GET answers */

/* A request as the specification lists it. */
static json_t *request_json(const struct feedback *f)
{
    const char *notes = f->answer ? f->answer : f->reason ? f->reason : f->request;

    return json_pack(
        "{s:s, s:s, s:o, s:s, s:s, s:s, s:o, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o}",
        "service_request_id", f->code, "status",
        feedback_status_final(f->status) ? "closed" : "open", "status_notes", json_str(notes),
        "service_name", feedback_category_label(f->category), "service_code",
        feedback_category_name(f->category), "description", f->text, "agency_responsible",
        json_str(f->agency_name), "service_notice", feedback_status_label(f->status),
        "requested_datetime", json_time(f->received_at), "updated_datetime",
        json_time(f->updated_at), "expected_datetime", json_time(f->closed_at ? 0 : f->answer_due),
        "address", json_str(f->address), "address_id", json_null(), "zipcode", json_null(), "lat",
        f->has_location ? json_real(f->lat) : json_null(), "long",
        f->has_location ? json_real(f->lng) : json_null(), "media_url", json_null());
}

/* The client the api_key names (and its allowance): 0, or 1 when an error was replied. */
static int client_of(struct req *r, int format, struct open311_key *key)
{
    struct app *app = r->app;
    const char *api_key = req_form_value(r, "api_key");
    char hash[CRYPTO_SHA256_HEX];
    struct err e = ERR_INIT;
    const char *limit_key;
    int64_t wait;
    int found;

    if (!api_key)
        return open311_error(r, format, 403, "api_key is required to post a request"), 1;
    crypto_sha256_hex(api_key, strlen(api_key), hash);
    if ((found = open311_key_find(r->db, &r->arena, hash, key, &e)) < 0)
        return open311_error(r, format, 500, "the key could not be checked"), 1;
    if (!found)
        return open311_error(r, format, 403, "api_key is not valid"), 1;
    limit_key = arena_printf(&r->arena, "o:%lld", (long long)key->id);
    if ((wait = ratelimit_blocked(app->limits, limit_key, r->now))) {
        resp_header(r, "Retry-After", arena_printf(&r->arena, "%lld", (long long)wait));
        return open311_error(r, format, 429, "this key has posted its allowance; try again later"),
               1;
    }
    ratelimit_hit(app->limits, limit_key, r->now, &app->open311);
    return 0;
}

/* A field's text, valid UTF-8 in NFC without control characters (or markup); NULL when absent. */
static const char *text_field(struct req *r, const char *key, size_t max, int multiline,
                              const char **bad)
{
    const char *v = req_form_value(r, key), *p;

    if (!v || *bad)
        return NULL;
    if (!utf8_valid(v, strlen(v))) {
        *bad = arena_printf(&r->arena, "%s is not valid UTF-8", key);
        return NULL;
    }
    v = utf8_nfc_dup(&r->arena, v);
    for (p = v; *p; p++)
        if ((unsigned char)*p < 0x20 && !(multiline && (*p == '\n' || *p == '\r' || *p == '\t'))) {
            *bad = arena_printf(&r->arena, "%s holds control characters", key);
            return NULL;
        }
    if (feedback_markup(v)) {
        *bad = arena_printf(&r->arena, "%s must be plain text, without HTML markup", key);
        return NULL;
    }
    if (utf8_length(v) > max)
        *bad = arena_printf(&r->arena, "%s is longer than %zu characters", key, max);
    return *bad ? NULL : v;
}

/* A coordinate in [-limit, limit]: 1 read, 0 absent, -1 bad. */
static int coordinate(struct req *r, const char *key, double limit, double *out)
{
    const char *v = req_form_value(r, key);
    char *end;

    if (!v)
        return 0;
    *out = strtod(v, &end);
    return *end || end == v || !(*out >= -limit && *out <= limit) ? -1 : 1;
}

/*
 * The attribute[code]=value fields against the service's definition: unknown
 * codes and values outside a list are refused. Adds what they say to the text.
 */
static const char *read_attributes(struct req *r, int category, struct feedback *f,
                                   struct strbuf *extra)
{
    json_t *defs = open311_attributes(category), *def, *val;
    const struct form_field *fields;
    long n = req_form(r, &fields), i;
    const char *bad = NULL;
    size_t k, m;

    for (i = 0; i < n && !bad; i++) {
        const char *key = fields[i].key, *code, *close;
        json_t *found = NULL;
        if (strncmp(key, "attribute[", 10) || !(close = strchr(key, ']')) || close[1])
            continue;
        code = arena_printf(&r->arena, "%.*s", (int)(close - key - 10), key + 10);
        json_array_foreach(defs, k,
                           def) if (!strcmp(json_string_value(json_object_get(def, "code")), code))
            found = def;
        if (!found) {
            bad = arena_printf(&r->arena, "attribute %s is not one of service %s", code,
                               feedback_category_name(category));
        } else if (!*fields[i].value) {
            continue;
        } else if (!strcmp(code, "dossier_code")) {
            if (!dossier_code_valid(fields[i].value))
                bad =
                    "attribute dossier_code must be a dossier code like 000.00.31.H99-260302-0001";
            else
                f->dossier_code = fields[i].value;
        } else {
            const char *name = NULL;
            json_array_foreach(
                json_object_get(found, "values"), m,
                val) if (!strcmp(json_string_value(json_object_get(val, "key")), fields[i].value))
                name = json_string_value(json_object_get(val, "name"));
            if (!name)
                bad =
                    arena_printf(&r->arena, "attribute %s has no value %s", code, fields[i].value);
            else
                strbuf_addf(extra, "\n%s: %s",
                            json_string_value(json_object_get(found, "description")), name);
        }
    }
    json_decref(defs);
    return bad;
}

/* The item a request describes, or the reason it cannot be one (a 400 description). */
static const char *read_request(struct req *r, int category, struct feedback *f)
{
    struct strbuf extra = STRBUF_INIT;
    const char *bad = NULL, *first, *last, *address_id;
    int lat, lng;

    f->text = text_field(r, "description", FEEDBACK_TEXT_MAX, 1, &bad);
    first = text_field(r, "first_name", 100, 0, &bad);
    last = text_field(r, "last_name", 100, 0, &bad);
    f->address = text_field(r, "address_string", 500, 0, &bad);
    address_id = text_field(r, "address_id", 100, 0, &bad);
    f->email = text_field(r, "email", 254, 0, &bad);
    f->phone = text_field(r, "phone", 30, 0, &bad);
    if (bad)
        return bad;
    if (f->email && !email_valid(f->email))
        return "email is not an e-mail address";
    if (f->phone && !phone_valid(f->phone))
        return "phone is not a phone number (8 to 15 digits)";
    lat = coordinate(r, "lat", 90, &f->lat);
    lng = coordinate(r, "long", 180, &f->lng);
    if (lat < 0 || lng < 0)
        return "lat must be a number from -90 to 90 and long from -180 to 180";
    if (lat != lng)
        return "lat and long go together";
    f->has_location = lat == 1;
    if (!f->has_location && !f->address && !address_id)
        return "a location is required: lat and long, address_string or address_id";
    if (!f->address && address_id)
        f->address = address_id;
    if ((bad = read_attributes(r, category, f, &extra)))
        return bad;
    if (first || last)
        f->name = arena_printf(&r->arena, "%s%s%s", first ? first : "", first && last ? " " : "",
                               last ? last : "");
    if (!f->text)
        f->text = feedback_category_label(category);
    if (extra.len)
        f->text = arena_printf(&r->arena, "%s%s", f->text, extra.buf);
    strbuf_release(&extra);
    if (f->phone) {
        char *last4 = arena_alloc(&r->arena, 5);
        if (phone_last4(f->phone, last4) == 0)
            f->phone_last4 = last4;
    }
    return NULL;
}

int open311_requests_post(struct req *r, int format)
{
    const char *ct = req_header(r, "Content-Type"), *code = req_form_value(r, "service_code");
    const struct form_field *fields;
    struct open311_key key;
    struct feedback f = {0};
    struct err e = ERR_INIT;
    const char *bad;

    if (!ct || strncasecmp(ct, "application/x-www-form-urlencoded", 33))
        return open311_error(r, format, 400,
                             "a request is posted as application/x-www-form-urlencoded");
    if (req_form(r, &fields) < 0)
        return open311_error(r, format, 400, "the form is malformed");
    if (open311_jurisdiction(r, format, req_form_value(r, "jurisdiction_id")) ||
        client_of(r, format, &key))
        return 0;
    if (!code)
        return open311_error(r, format, 400, "service_code is required");
    if ((f.category = open311_service(code)) < 0)
        return open311_error(r, format, 404,
                             arena_printf(&r->arena, "service_code %s not found", code));
    if ((bad = read_request(r, f.category, &f)))
        return open311_error(r, format, 400, bad);
    f.channel = FBC_OPEN311;
    f.client = key.name;
    if (db_begin(r->db, DB_WRITE, &e) < 0 ||
        feedback_new(r, &f, 0, key.name, arena_printf(&r->arena, "open311:%s", key.name), &e) < 0 ||
        open311_key_used(r->db, key.id, r->now, &e) < 0 || db_commit(r->db, &e) < 0)
        goto fail;
    return open311_reply(r, 201, format, "service_requests",
                         json_pack("[{s:s, s:s, s:n}]", "service_request_id", f.code,
                                   "service_notice", "Đã tiếp nhận phản ánh, kiến nghị",
                                   "account_id"));
fail:
    db_rollback(r->db);
    return open311_error(r, format, e.http >= 500 || !e.http ? 500 : 400, e.msg);
}

/* A comma list of codes, in the arena. */
static size_t split_codes(struct req *r, const char *list, const char ***out)
{
    char *copy = arena_strdup(&r->arena, list), *tok, *save = NULL;
    size_t n = 0, cap = 0;

    *out = arena_alloc(&r->arena, 0);
    for (tok = strtok_r(copy, ",", &save); tok && n < 50; tok = strtok_r(NULL, ",", &save)) {
        const char **slot = arena_push(&r->arena, out, &n, &cap, sizeof(*slot));
        *slot = tok + strspn(tok, " ");
    }
    return n;
}

/* A datetime of the query (ISO 8601): 1 read, 0 absent, -1 bad. */
static int query_datetime(struct req *r, const char *key, int64_t *out)
{
    const char *v = req_query(r, key);

    if (!v || !*v)
        return 0;
    return date_parse_iso(v, out) < 0 ? -1 : 1;
}

static int reply_list(struct req *r, int format, const struct feedback_filter *flt)
{
    struct feedback *list;
    struct err e = ERR_INIT;
    json_t *arr;
    size_t n, i;
    int more;

    if (feedback_list(r->db, &r->arena, flt, &list, &n, &more, &e) < 0)
        return open311_error(r, format, 500, "the requests could not be read");
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, request_json(&list[i]));
    return open311_reply(r, 200, format, "service_requests", arr);
}

int open311_requests_get(struct req *r, int format)
{
    const char *ids = req_query(r, "service_request_id"), *code = req_query(r, "service_code");
    const char *status = req_query(r, "status");
    struct feedback_filter flt = {.open311 = 1, .limit = O311_LIST_MAX};
    int from, to;

    if (ids && *ids) {
        flt.ncodes = split_codes(r, ids, (const char ***)&flt.codes);
        return reply_list(r, format, &flt);
    }
    if (code && *code && (flt.category = open311_service(code)) < 0)
        return open311_error(r, format, 404,
                             arena_printf(&r->arena, "service_code %s not found", code));
    if (status && *status && strcmp(status, "open") && strcmp(status, "closed"))
        return open311_error(r, format, 400, "status must be open or closed");
    flt.open = status && !strcmp(status, "open");
    flt.closed = status && !strcmp(status, "closed");
    from = query_datetime(r, "start_date", &flt.from);
    to = query_datetime(r, "end_date", &flt.to);
    if (from < 0 || to < 0)
        return open311_error(r, format, 400, "start_date and end_date are ISO 8601 datetimes");
    if (!to)
        flt.to = from ? flt.from + O311_DAYS_MAX * 86400 : r->now + 1;
    if (!from)
        flt.from = flt.to - O311_DAYS_MAX * 86400;
    if (flt.to <= flt.from || flt.to - flt.from > O311_DAYS_MAX * 86400)
        return open311_error(r, format, 400, "end_date must follow start_date by at most 90 days");
    return reply_list(r, format, &flt);
}

/* The request Open311 shows under this id: 1 found, 0 not (an error was replied), -1 failed. */
static int visible(struct req *r, int format, const char *id, const char *what,
                   struct feedback **out)
{
    const char *codes[1] = {id};
    struct feedback_filter flt = {.open311 = 1, .codes = codes, .ncodes = 1, .limit = 1};
    struct err e = ERR_INIT;
    size_t n;
    int more;

    if (feedback_list(r->db, &r->arena, &flt, out, &n, &more, &e) < 0) {
        open311_error(r, format, 500, "the request could not be read");
        return -1;
    }
    if (!n)
        open311_error(r, format, 404, arena_printf(&r->arena, "%s %s not found", what, id));
    return n > 0;
}

int open311_request_get(struct req *r, int format, const char *id)
{
    struct feedback *f;

    if (visible(r, format, id, "service_request_id", &f) <= 0)
        return 0;
    return open311_reply(r, 200, format, "service_requests", json_pack("[o]", request_json(f)));
}

/* Requests are given their id at once; a token is that id, which GET tokens hands back. */
int open311_token_get(struct req *r, int format, const char *token)
{
    struct feedback *f;

    if (visible(r, format, token, "token", &f) <= 0)
        return 0;
    return open311_reply(r, 200, format, "service_requests",
                         json_pack("[{s:s, s:s}]", "service_request_id", f->code, "token", token));
}
