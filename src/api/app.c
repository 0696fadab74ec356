/* Application context: database per thread, sessions, scopes, calendar loading. */
#include "api/app.h"
#include "core/agency.h"
#include "core/date.h"
#include "core/roles.h"
#include "lib/crypto.h"
#include "lib/json.h"
#include "lib/utf8.h"
#include "store/calendar.h"
#include "store/forms.h"
#include "store/migrate.h"

#include <errno.h>
#include <pthread.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;

static void close_db(void *p)
{
    db_close(p);
}

static void make_key(void)
{
    pthread_key_create(&db_key, close_db);
}

struct db *app_thread_db(struct app *app, struct err *e)
{
    struct db *db;

    pthread_once(&db_key_once, make_key);
    db = pthread_getspecific(db_key);
    if (db)
        return db;
    if (db_open(app->db_path, &db, e) < 0)
        return NULL;
    pthread_setspecific(db_key, db);
    return db;
}

extern const char *const form_sets[];

/* The form templates shipped with motcua (src/docs/forms), unless already there. */
static int seed_forms(struct db *db, struct err *e)
{
    size_t i;
    int rc = 0;

    if (db_begin(db, DB_WRITE, e) < 0)
        return -1;
    for (i = 0; form_sets[i] && rc == 0; i++) {
        json_t *set = json_loads(form_sets[i], 0, NULL), *form;
        const char *name;

        if (!set) {
            rc = err_set(e, 500, "internal", "a built-in form set is not valid JSON");
            break;
        }
        json_object_foreach(json_object_get(set, "forms"), name, form)
        {
            struct form_template t;
            char *text = json_dumps(form, JSON_COMPACT);
            t.set = json_string_value(json_object_get(set, "set"));
            t.form = name;
            t.title = json_string_value(json_object_get(form, "title"));
            t.json = text;
            if (rc == 0)
                rc = form_seed(db, &t, e);
            free(text);
        }
        json_decref(set);
    }
    if (rc == 0)
        return db_commit(db, e);
    db_rollback(db);
    return -1;
}

/* A directory the server must write in: said plainly at start, not at the first write. */
static int writable(const char *dir, struct err *e)
{
    return access(dir, W_OK) < 0 ? err_storage(e, errno, dir) : 0;
}

int app_prepare_db(const char *path, int64_t now, struct err *e)
{
    struct holiday_rule_row rows[32];
    struct db *db;
    const char *slash = strrchr(path, '/');
    char dir[4096];
    size_t i, n = holiday_default_rules_len;
    int rc = -1;

    /* WAL mode writes its log and index beside the database */
    snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) + (slash == path) : 1,
             slash ? path : ".");
    if (writable(dir, e) < 0 || db_open(path, &db, e) < 0)
        return -1;
    if (migrate(db, now, e) < 0)
        goto out;
    if (n > sizeof(rows) / sizeof(rows[0]))
        n = sizeof(rows) / sizeof(rows[0]);
    for (i = 0; i < n; i++) {
        const struct holiday_rule *h = &holiday_default_rules[i];
        rows[i] = (struct holiday_rule_row){0,         h->name,     h->calendar ? "lunar" : "solar",
                                            h->month,  h->day,      h->offset,
                                            h->length, h->adjacent, h->from_year,
                                            h->to_year};
    }
    rc = calendar_seed_rules(db, rows, n, e);
    if (rc == 0)
        rc = seed_forms(db, e);
out:
    db_close(db);
    return rc;
}

static int make_dir(const char *path, struct err *e)
{
    if (mkdir(path, 0750) < 0 && errno != EEXIST)
        return err_storage(e, errno, path);
    return writable(path, e);
}

int app_prepare_data(const char *data_dir, struct err *e)
{
    char tmp[4096];

    snprintf(tmp, sizeof(tmp), "%s/tmp", data_dir);
    return make_dir(data_dir, e) < 0 || make_dir(tmp, e) < 0 ? -1 : 0;
}

static unsigned role_mask_of(const struct user *u)
{
    unsigned mask = 0;
    size_t i;

    for (i = 0; i < u->nroles; i++) {
        int r = role_parse(u->roles[i].role);
        if (r >= 0)
            mask |= ROLE_BIT(r);
    }
    return mask;
}

int app_begin(struct req *r, struct err *e)
{
    const char *token = req_cookie(r, SESSION_COOKIE), *csrf;
    char hash[CRYPTO_SHA256_HEX];
    struct app *app = r->app;
    struct user *u;

    r->db = app_thread_db(app, e);
    if (!r->db || !app_calendar(r, e))
        return -1;
    if (!token || strlen(token) != CRYPTO_TOKEN_LEN)
        return 0;
    crypto_sha256_hex(token, strlen(token), hash);
    u = arena_calloc(&r->arena, 1, sizeof(*u));
    if (session_user(r->db, &r->arena, hash, r->now, app->session_idle, u, &csrf, e) < 0) {
        if (e->http != 401)
            return -1;
        err_clear(e); /* an expired session is anonymous; routes that need one say 401 */
        return 0;
    }
    r->user = u;
    r->csrf = csrf;
    r->role_mask = role_mask_of(u);
    return 0;
}

int user_can_at(const struct user *u, int capability, const char *agency_path)
{
    size_t i;

    if (!u)
        return 0;
    for (i = 0; i < u->nroles; i++) {
        const struct user_role *ro = &u->roles[i];
        if (!role_can(role_parse(ro->role), capability))
            continue;
        if (!ro->agency)
            return 1;
        if (agency_under(agency_path, ro->agency_path))
            return 1;
    }
    return 0;
}

unsigned user_roles_at(const struct user *u, const char *agency_path)
{
    unsigned mask = 0;
    size_t i;

    for (i = 0; u && i < u->nroles; i++) {
        const struct user_role *ro = &u->roles[i];
        int role = role_parse(ro->role);
        if (role >= 0 && (!ro->agency || agency_under(agency_path, ro->agency_path)))
            mask |= ROLE_BIT(role);
    }
    return mask;
}

int user_can(const struct user *u, int capability)
{
    size_t i;

    for (i = 0; u && i < u->nroles; i++)
        if (role_can(role_parse(u->roles[i].role), capability))
            return 1;
    return 0;
}

void user_scopes(const struct user *u, int capability, struct arena *a, const char ***paths,
                 size_t *n)
{
    size_t i;

    *n = 0;
    *paths = arena_calloc(a, u ? u->nroles + 1 : 1, sizeof(**paths));
    for (i = 0; u && i < u->nroles; i++) {
        const struct user_role *ro = &u->roles[i];
        if (!role_can(role_parse(ro->role), capability))
            continue;
        if (!ro->agency) {
            *paths = NULL;
            *n = 0;
            return;
        }
        if (ro->agency_path)
            (*paths)[(*n)++] = ro->agency_path;
    }
}

int app_calendar_data(struct db *db, struct arena *a, int year_from, int year_to,
                      struct calendar_data *out, struct err *e)
{
    struct holiday_rule_row *rules;
    struct override_row *rows;
    char from[16], to[16];
    size_t i;

    snprintf(from, sizeof(from), "%04d-01-01", year_from);
    snprintf(to, sizeof(to), "%04d-12-31", year_to);
    if (calendar_rules(db, a, &rules, &out->nrules, e) < 0 ||
        calendar_overrides(db, a, from, to, &rows, &out->noverrides, e) < 0)
        return -1;
    out->rules = arena_calloc(a, out->nrules + 1, sizeof(*out->rules));
    for (i = 0; i < out->nrules; i++)
        out->rules[i] =
            (struct holiday_rule){rules[i].name,     !strcmp(rules[i].calendar, "lunar"),
                                  rules[i].month,    rules[i].day,
                                  rules[i].offset,   rules[i].length,
                                  rules[i].adjacent, rules[i].from_year,
                                  rules[i].to_year};
    out->overrides = arena_calloc(a, out->noverrides + 1, sizeof(*out->overrides));
    for (i = 0; i < out->noverrides; i++) {
        if (date_parse_ymd(rows[i].day, &out->overrides[i].day) < 0)
            return err_set(e, 500, "db", "bad calendar override day %s", rows[i].day);
        out->overrides[i].work = rows[i].work;
        out->overrides[i].name = rows[i].name;
    }
    return 0;
}

int app_workcal(struct db *db, int year_from, int year_to, struct workcal *out, struct err *e)
{
    struct arena a = ARENA_INIT;
    struct calendar_data cd;
    int rc = -1;

    if (app_calendar_data(db, &a, year_from, year_to, &cd, e) == 0)
        rc = workcal_build(out, year_from, year_to, cd.rules, cd.nrules, cd.overrides,
                           cd.noverrides, e);
    arena_release(&a);
    return rc;
}

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
