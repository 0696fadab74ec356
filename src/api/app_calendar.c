/* The process's working calendar: built once, swapped whole when its data changes. */
#include "api/app.h"
#include "core/calcell.h"
#include "core/lunar.h"
#include "lib/log.h"
#include "store/calendar.h"

#include <stdatomic.h>
#include <time.h>

static struct calcell cell = {PTHREAD_MUTEX_INITIALIZER, NULL};
/* one build at a time: a burst of requests after a change builds the new calendar once */
static pthread_mutex_t build_lock = PTHREAD_MUTEX_INITIALIZER;
/* the monotonic second of the last look at the database's version */
static atomic_llong checked_at = -1;

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
        workcal_build(&cal, LUNAR_MIN_YEAR, LUNAR_MAX_YEAR, cd.rules, cd.nrules, cd.overrides,
                      cd.noverrides, e) < 0)
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
