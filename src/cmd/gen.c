/*
 * motcua gen: a large database for benchmarks and for reproducing known
 * figures. The demo province (with more communes) receives N dossiers over a
 * period, spread over its working days: procedures filed at the communes
 * most, some online or by post, due times from the real calendar, outcomes
 * early, on time or late, some refused, withdrawn or stopped, those still
 * running at the end of the period in progress, fees, electronic results,
 * ratings. Each dossier goes in through the store functions the server uses
 * (gen_dossier.c), with its control sheet, its step and the statistics
 * counters, day by day in large transactions (the counters' changes added
 * up in memory and written once a transaction).
 *
 * --resolved gives a closed period instead: every dossier received before
 * the last 90 days of it, finished and returned within it, with exactly
 * --late of them late (the seed district: 363424 dossiers, 1555 late).
 */
#include "api/app.h"
#include "cmd/cmd.h"
#include "cmd/gen.h"
#include "core/date.h"
#include "lib/crypto.h"
#include "store/agencies.h"
#include "store/db.h"
#include "store/stats.h"
#include "store/users.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] =
    "motcua gen --db PATH --dossiers N [--seed S] [--from YYYY-MM-DD] [--to YYYY-MM-DD]\n"
    "           [--communes N] [--resolved --late N] [--now \"YYYY-MM-DD HH:MM\"]";

#define CENTRE          "000.00.01.H99"
#define BATCH           50000 /* dossiers a transaction */
#define RESOLVED_MARGIN 90    /* days at the end of a --resolved period with no new dossier */

/* What the command line asks for. */
struct gen_args {
    struct cmd_opts o;
    long dossiers, communes, late;
    int64_t first, last; /* the period's local days; INT64_MIN: the default */
    int resolved;
};

static int take_option(void *ctx, int opt, const char *arg)
{
    struct gen_args *r = ctx;
    char *end;

    switch (opt) {
    case 'n':
        r->dossiers = strtol(arg, &end, 10);
        if (!*arg || *end || r->dossiers < 0 || r->dossiers > 100000000)
            return cmd_usage(usage, "--dossiers must be from 0 to 100000000");
        return 0;
    case 'f':
        return date_parse_ymd(arg, &r->first) < 0
                   ? cmd_usage(usage, "--from must be a date YYYY-MM-DD")
                   : 0;
    case 't':
        return date_parse_ymd(arg, &r->last) < 0
                   ? cmd_usage(usage, "--to must be a date YYYY-MM-DD")
                   : 0;
    case 'c':
        r->communes = strtol(arg, &end, 10);
        if (!*arg || *end || r->communes < 24 || r->communes > GEN_UNITS_MAX - 1)
            return cmd_usage(usage, "--communes must be from 24 to %d", GEN_UNITS_MAX - 1);
        return 0;
    case 'l':
        r->late = strtol(arg, &end, 10);
        return !*arg || *end || r->late < 0 ? cmd_usage(usage, "--late must be a count") : 0;
    case 'r': r->resolved = 1; return 0;
    default: return cmd_usage(usage, "unknown option");
    }
}

/* The options, checked together; fills the period. 0 or the exit status. */
static int read_args(int argc, char **argv, struct gen_args *r)
{
    static const struct option own[] = {{"dossiers", required_argument, 0, 'n'},
                                        {"from", required_argument, 0, 'f'},
                                        {"to", required_argument, 0, 't'},
                                        {"communes", required_argument, 0, 'c'},
                                        {"late", required_argument, 0, 'l'},
                                        {"resolved", no_argument, 0, 'r'},
                                        {0, 0, 0, 0}};
    int y, m, d, rc;

    r->o.seed = 20261122;
    r->dossiers = r->late = -1;
    r->communes = 120;
    r->first = r->last = INT64_MIN;
    if ((rc = cmd_options(argc, argv, 1, usage, CMD_OPT_DB | CMD_OPT_NOW | CMD_OPT_SEED, own,
                          take_option, r, &r->o)))
        return rc;
    if (r->last == INT64_MIN)
        r->last = date_local_day(r->o.now);
    if (r->first == INT64_MIN) {
        date_civil_from_days(r->last, &y, &m, &d);
        r->first = date_days_from_civil(y - 4, m, 1);
    }
    if (!r->o.db || r->dossiers < 0)
        return cmd_usage(usage, "--db and --dossiers are required");
    if ((r->late >= 0) != r->resolved || (r->resolved && r->late > r->dossiers))
        return cmd_usage(usage, "--resolved goes with --late N (at most the dossiers)");
    return 0;
}

static int add_admin(struct gen *g)
{
    char hash[CRYPTO_HASH_MAX];
    struct user u = {0};
    int64_t id;

    u.username = "admin";
    u.full_name = "Quản trị hệ thống";
    u.password_hash = hash;
    u.active = 1;
    return crypto_password_hash("motcua2026", hash, &g->e) < 0 ||
                   user_create(g->db, &u, g->now, &id, &g->e) < 0 ||
                   user_add_role(g->db, id, "admin", NULL, &g->e) < 0
               ? -1
               : 0;
}

static int by_id(const void *x, const void *y)
{
    return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static int agency_by_id(const void *x, const void *y)
{
    return strcmp(((const struct agency *)x)->id, ((const struct agency *)y)->id);
}

/* The receiving units: the centre, then the communes in the order of their ids, with weights. */
static int units_of(struct gen *g)
{
    struct agency *ags;
    size_t n, i;
    int k;

    g->units[0] = CENTRE;
    g->nunits = 1;
    if (agency_list(g->db, &g->a, NULL, &ags, &n, &g->e) < 0)
        return -1;
    for (i = 0; i < n && g->nunits < GEN_UNITS_MAX; i++)
        if (!strcmp(ags[i].level, "commune"))
            g->units[g->nunits++] = ags[i].id;
    qsort(ags, n, sizeof(*ags), agency_by_id);
    g->agencies = ags;
    g->nagencies = n;
    qsort(g->units + 1, (size_t)g->nunits - 1, sizeof(g->units[0]), by_id);
    for (k = 1; k < g->nunits; k++) {
        /* log-normal sizes: a few busy wards, many quiet communes */
        double w = exp(
            0.6 * (rng_uniform(&g->rng) + rng_uniform(&g->rng) + rng_uniform(&g->rng) - 1.5) * 2);
        g->weight[k] = g->weight[k - 1] + w;
    }
    return 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

/* The new database with the province, its calendar, the administrator and the units. */
static int make_province(struct gen *g, const struct gen_args *r)
{
    int y, m, d, ly, lm, ld;

    date_civil_from_days(r->first, &y, &m, &d);
    date_civil_from_days(r->last, &ly, &lm, &ld);
    return app_prepare_db(r->o.db, g->now, &g->e) < 0 ||
                   demo_sample_scan(cmd_data_dir(r->o.db), g->scan_sha, &g->scan_size, &g->e) < 0 ||
                   db_open(r->o.db, &g->db, &g->e) < 0 || db_bulk_load(g->db, &g->e) < 0 ||
                   db_begin(g->db, DB_WRITE, &g->e) < 0 ||
                   demo_add_catalog(g->db, &g->a, g->now, (int)r->communes - 24, g->procedure_ids,
                                    NULL, &g->e) < 0 ||
                   add_admin(g) < 0 || units_of(g) < 0 || db_commit(g->db, &g->e) < 0 ||
                   app_workcal(g->db, y - 1, ly + 2, &g->cal, &g->e) < 0
               ? -1
               : 0;
}

/* The working days of [first, last] (a new array), or NULL with none. */
static int64_t *working_days(struct gen *g, int64_t first, int64_t last, size_t *n)
{
    int64_t *days = calloc((size_t)(last - first + 1), sizeof(*days)), day;

    *n = 0;
    for (day = first; days && day <= last; day++)
        if (!workcal_is_off(&g->cal, day))
            days[(*n)++] = day;
    if (!*n) {
        free(days);
        err_set(&g->e, 400, "gen", "there is no working day in the period");
        return NULL;
    }
    return days;
}

/* The dossiers, spread evenly over the days, in transactions of BATCH; prints progress. */
static int add_dossiers(struct gen *g, const int64_t *days, size_t ndays, long dossiers, long *done)
{
    struct timespec t0;
    long percent = -1;
    size_t i;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (db_begin(g->db, DB_WRITE, &g->e) < 0)
        return -1;
    stats_batch_begin(g->db); /* the counters move with each dossier, written once a batch */
    for (i = 0; i < ndays; i++) {
        long today = (long)((double)dossiers * (double)(i + 1) / (double)ndays) -
                     (long)((double)dossiers * (double)i / (double)ndays);
        for (; today > 0; today--, (*done)++) {
            if (gen_dossier(g, days[i]) < 0)
                return -1;
            if (*done % BATCH == BATCH - 1) {
                arena_release(&g->d);
                if (stats_batch_flush(g->db, &g->e) < 0 || db_commit(g->db, &g->e) < 0 ||
                    db_begin(g->db, DB_WRITE, &g->e) < 0)
                    return -1;
            }
        }
        if (dossiers && *done * 100 / dossiers != percent) {
            percent = *done * 100 / dossiers;
            fprintf(stderr, "\rgen: %3ld%%  %ld dossiers, %.0f a second   ", percent, *done,
                    (double)*done / (seconds_since(&t0) + 1e-9));
        }
    }
    if (stats_batch_flush(g->db, &g->e) < 0 || db_commit(g->db, &g->e) < 0)
        return -1;
    fprintf(stderr, "\ngen: %ld dossiers in %.1f s\n", *done, seconds_since(&t0));
    return 0;
}

int cmd_gen(int argc, char **argv)
{
    struct gen_args r = {0};
    struct gen g = {0};
    struct timespec t0;
    long done = 0;
    int64_t last_receive, *days = NULL;
    size_t ndays = 0;
    int i, rc = 1;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nCreates a new database at PATH holding the demo province with "
               "--communes\ncommunes (default 120) and N dossiers received between --from "
               "(default four years\nago) and --to (default today), for benchmarks, as they "
               "stand at --now (local\ntime; default the present). --resolved makes every "
               "dossier finished and\nreturned within the period, exactly --late of them after "
               "their due time.\nEach dossier has its control sheet and the statistics counters "
               "move with it.\nPrints progress. The user admin (password motcua2026) can sign "
               "in.\n",
               usage);
        return 0;
    }
    if ((rc = read_args(argc, argv, &r)))
        return rc;
    rc = 1;
    g.now = r.o.now;
    g.resolved = r.resolved;
    rng_seed(&g.rng, r.o.seed);
    /* dossiers are received on days whose office hours are over by --now */
    last_receive = g.resolved                            ? r.last - RESOLVED_MARGIN
                   : r.last < date_local_day(g.now)      ? r.last
                   : date_local_minute(g.now) >= 17 * 60 ? r.last
                                                         : r.last - 1;
    if (last_receive < r.first || r.last > date_local_day(g.now))
        return cmd_usage(usage, "the period must end by today and be long enough");
    if (access(r.o.db, F_OK) == 0)
        return cmd_fail("%s exists; gen makes a new database", r.o.db);
    g.end = g.resolved ? date_utc_of_local(r.last + 1, 0) - 1 : g.now;
    g.late_left = r.late;
    g.left = r.dossiers;
    arena_init(&g.a);
    arena_init(&g.d);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    if (make_province(&g, &r) < 0 || !(days = working_days(&g, r.first, last_receive, &ndays)) ||
        add_dossiers(&g, days, ndays, r.dossiers, &done) < 0 || db_optimize(g.db, &g.e) < 0)
        goto out;
    printf("%s: %d units, %ld dossiers (%ld finished late) in %.1f s\n", r.o.db, g.nunits, done,
           g.late, seconds_since(&t0));
    for (i = DOSSIER_STATUS_MIN; i <= DOSSIER_STATUS_MAX; i++)
        if (g.counts[i])
            printf("  %-12s %ld\n", dossier_status_name(i), g.counts[i]);
    rc = 0;
out:
    if (rc) {
        cmd_fail("%s", g.e.msg);
        if (g.db)
            db_rollback(g.db);
    }
    free(days);
    stats_batch_end(g.db);
    workcal_release(&g.cal);
    db_close(g.db);
    arena_release(&g.d);
    arena_release(&g.a);
    return rc;
}
