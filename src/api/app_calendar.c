/*
 * The working calendar: its data read from the database, and the process's
 * calendar built once and swapped whole when that data changes.
 */
#include "api/app.h"
#include "core/calcell.h"
#include "core/date.h"
#include "core/lunar.h"
#include "core/worktime.h"
#include "lib/log.h"
#include "store/agencies.h"
#include "store/calendar.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static struct calcell cell = {PTHREAD_MUTEX_INITIALIZER, NULL};
/* one build at a time: a burst of requests after a change builds the new calendar once */
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;
/* the monotonic second of the last look at the database's version */
static atomic_llong checked_at = -1;

int app_calendar_data(struct db *db, struct arena *a, int year_from, int year_to,
                      struct calendar_data *out, struct err *e)
{
    struct holiday_rule_row *rules;
    struct override_row *rows;
    struct agency *agencies;
    struct err ignored = ERR_INIT;
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
    if (agency_list(db, a, NULL, &agencies, &out->nhours, e) < 0)
        return -1;
    out->hours = arena_calloc(a, out->nhours + 1, sizeof(*out->hours));
    for (i = 0; i < out->nhours; i++) {
        snprintf(out->hours[i].agency, sizeof(out->hours[i].agency), "%s", agencies[i].id);
        if (office_hours_parse(agencies[i].office_hours ? agencies[i].office_hours : "",
                               &out->hours[i].oh, &ignored) < 0)
            out->hours[i].oh = office_hours_default;
    }
    return 0;
}

/* The calendar of the data: the days off, and each agency's office hours. */
static int build(struct workcal *cal, int year_from, int year_to, const struct calendar_data *cd,
                 struct err *e)
{
    if (workcal_build(cal, year_from, year_to, cd->rules, cd->nrules, cd->overrides, cd->noverrides,
                      e) < 0)
        return -1;
    if (workcal_set_hours(cal, cd->hours, cd->nhours, e) < 0) {
        workcal_release(cal);
        return -1;
    }
    return 0;
}

int app_workcal(struct db *db, int year_from, int year_to, struct workcal *out, struct err *e)
{
    struct arena a = ARENA_INIT;
    struct calendar_data cd;
    int rc = -1;

    if (app_calendar_data(db, &a, year_from, year_to, &cd, e) == 0)
        rc = build(out, year_from, year_to, &cd, e);
    arena_release(&a);
    return rc;
}

int app_calendar_load(struct db *db, struct err *e)
{
    struct arena a = ARENA_INIT;
    struct calendar_data cd;
    struct workcal cal;
    int64_t version;
    int rc = -1;

    pthread_mutex_lock(&build_lock);
    /* the version first: data read after it is at least as new as the version says */
    if (calendar_version(db, &version, e) < 0)
        goto out;
    rc = 0;
    if (calcell_version(&cell) >= version)
        goto out;
    rc = -1;
    if (app_calendar_data(db, &a, LUNAR_MIN_YEAR, LUNAR_MAX_YEAR, &cd, e) < 0 ||
        build(&cal, LUNAR_MIN_YEAR, LUNAR_MAX_YEAR, &cd, e) < 0)
        goto out;
    cal.version = version;
    calcell_publish(&cell, &cal);
    log_info("working calendar version %lld in use", (long long)version);
    rc = 0;
out:
    pthread_mutex_unlock(&build_lock);
    arena_release(&a);
    return rc;
}

void app_calendar_reload(struct db *db)
{
    struct err e = ERR_INIT;

    if (app_calendar_load(db, &e) < 0)
        log_error("the working calendar was not rebuilt: %s", e.msg);
}

/* Another process may have changed the calendar: looked at once a second at most. */
static int check_database(struct db *db, struct err *e)
{
    struct timespec ts;
    long long now, last;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    now = (long long)ts.tv_sec;
    last = atomic_load(&checked_at);
    if (last == now || !atomic_compare_exchange_strong(&checked_at, &last, now))
        return 0;
    return app_calendar_load(db, e);
}

static void give_back(void *cal)
{
    calcell_put(cal);
}

const struct workcal *app_calendar(struct req *r, struct err *e)
{
    const struct workcal *cal;

    if (r->cal)
        return r->cal;
    if (check_database(r->db, e) < 0)
        return NULL;
    cal = calcell_get(&cell);
    if (!cal && (app_calendar_load(r->db, e) < 0 || !(cal = calcell_get(&cell)))) {
        if (!e->http)
            err_set(e, 500, "internal", "no working calendar");
        return NULL;
    }
    r->cal = cal;
    arena_defer(&r->arena, give_back, (void *)cal);
    return cal;
}

void app_calendar_free(void)
{
    calcell_release(&cell);
}
