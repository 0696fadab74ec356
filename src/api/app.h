/*
 * The application behind the routes: settings, the per-thread database
 * connection, the authenticated principal and its scopes, and helpers shared
 * by the resource files. Each part lives in its own file, named at its section:
 * app_db.c, session.c, permissions.c, app_calendar.c and params.c.
 */
#ifndef API_APP_H
#define API_APP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/holidays.h"
#include "lib/ratelimit.h"
#include "http/request.h"
#include "store/db.h"
#include "store/users.h"

#define SESSION_COOKIE "motcua_session"

struct app {
    const char *db_path;
    int64_t session_ttl;       /* seconds a session lives at most */
    int64_t session_idle;      /* seconds of inactivity that end a session */
    int secure_cookies;        /* add Secure to cookies (served over TLS, maybe behind a proxy) */
    const char *metrics_token; /* the bearer token GET /metrics wants; NULL: it answers 404 */
    const char *public_url;    /* base URL printed in links, e.g. http://127.0.0.1:8080 */
    const char *data_dir;      /* stored files, by SHA-256: <data_dir>/ab/abcdef… */
    int64_t dossier_files_limit;
    /*
     * failed logins per account ("u:name") and address ("a:ip"), public lookups
     * per address ("l:ip") and wrong ones per dossier code ("c:code")
     */
    struct ratelimit *limits;
    struct ratelimit_rule login_account, login_address, lookup, lookup_code, open311;
};

/* api/app_db.c: the data directory, the database, per-thread connections. */

/* Creates the data directory and its tmp/ (for uploads in progress). */
int app_prepare_data(const char *data_dir, struct err *e);

/* Opens the database, applies migrations and seeds the default holiday rules. */
int app_prepare_db(const char *path, int64_t now, struct err *e);
/* This thread's connection, opened on first use and closed when the thread ends. */
struct db *app_thread_db(struct app *app, struct err *e);

/* api/session.c: the router's begin hook: database connection, calendar and session. */
int app_begin(struct req *r, struct err *e);

/* The authenticated user (NULL when anonymous). */
static inline struct user *req_user(struct req *r)
{
    return r->user;
}
static inline int64_t req_user_id(struct req *r)
{
    return r->user ? ((struct user *)r->user)->id : 0;
}

/* api/permissions.c */

/* 1 when a role of the user with this capability covers the agency (by its path). */
int user_can_at(const struct user *u, int capability, const char *agency_path);
/* The ROLE_BIT()s of the user's roles that cover the agency (system-wide ones always). */
unsigned user_roles_at(const struct user *u, const char *agency_path);
/* 1 when some role of the user has the capability, anywhere. */
int user_can(const struct user *u, int capability);
/*
 * The agency paths where the user has the capability; *paths is NULL when one
 * of those roles is system-wide (no restriction).
 */
void user_scopes(const struct user *u, int capability, struct arena *a, const char ***paths,
                 size_t *n);

/* api/app_calendar.c */

/*
 * The database's holiday rules, its overrides of years [year_from, year_to]
 * and each agency's office hours (unreadable text counts as the default), as
 * core data.
 */
struct calendar_data {
    struct holiday_rule *rules;
    size_t nrules;
    struct cal_override *overrides;
    size_t noverrides;
    struct workcal_hours *hours;
    size_t nhours;
};
int app_calendar_data(struct db *db, struct arena *a, int year_from, int year_to,
                      struct calendar_data *out, struct err *e);
/* A working calendar covering the given years, from the database's calendar data. */
int app_workcal(struct db *db, int year_from, int year_to, struct workcal *out, struct err *e);

/*
 * The process's working calendar (api/app_calendar.c): one immutable value
 * over the lunar calendar's whole range, built from the database and tagged
 * with the database's calendar version (store/calendar.h).
 *
 * app_calendar_load builds and publishes it when the database holds a newer
 * version than the published one: at start, and after a handler commits a
 * change. app_calendar is the calendar of a request: taken once (the begin
 * hook does it), kept in r->cal and given back when the request's arena is
 * released, so a request answers from one calendar even if a new one is
 * published meanwhile. At most once a second it also looks at the database's
 * version, so changes made by another process are picked up.
 */
int app_calendar_load(struct db *db, struct err *e);
/*
 * After a handler commits a change of the calendar's data (an override, an
 * agency's office hours): the calendar is built again and swapped in whole;
 * requests in flight keep the one they took. A failed build is logged and
 * leaves the old calendar until the next look at the database's version.
 */
void app_calendar_reload(struct db *db);
const struct workcal *app_calendar(struct req *r, struct err *e);
/* Drops the process's calendar (at exit). */
void app_calendar_free(void);

/* api/lookup.c */

/*
 * One public lookup by this address (a dossier by code and phone digits, a
 * feedback item by code and contact): 0, counted; or 429 once the address has
 * made --lookup-rate of them in a minute.
 */
int lookup_try(struct req *r, struct err *e);

/* api/params.c */

/* JSON helpers: an ISO 8601 (+07:00) string, or null for 0. */
json_t *json_time(int64_t t);
/* A string, or null for NULL. */
json_t *json_str(const char *s);

/*
 * The body's "password", at least 8 characters, hashed into hash (CRYPTO_HASH_MAX bytes;
 * api/users.c):
 * NULL with a field error when it is too short, or when absent and required.
 */
const char *read_password(json_t *body, unsigned flags, char *hash, struct err *e);

/* The public view of a user and its roles (api/auth.c). */
json_t *user_json(const struct user *u);

/* Parses a positive integer path parameter; 404 with `what` otherwise. */
int param_id(const char *s, const char *what, int64_t *out, struct err *e);

/*
 * A text of the query string (a search) in NFC, copied into the request's
 * arena; *out is NULL when absent. 400 when it is not valid UTF-8.
 */
int req_query_text(struct req *r, const char *key, const char **out, struct err *e);

/* An integer query parameter in [min, max]: 1 read, 0 absent, -1 (400) otherwise. */
int query_int(struct req *r, const char *key, int64_t min, int64_t max, int64_t *out,
              struct err *e);
/*
 * A query parameter that is a date (local midnight) or a date-time; `end`
 * moves a plain date to the next midnight. 1 read, 0 absent, -1 (400).
 */
int query_time(struct req *r, const char *key, int end, int64_t *out, struct err *e);

/* Reads the JSON object body (its strings in NFC): 400 on malformed JSON. */
int req_json(struct req *r, json_t **out, struct err *e);

#endif
