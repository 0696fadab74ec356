/*
 * motcua gen: a large database for benchmarks and for reproducing known
 * figures. The demo province (with more communes) receives N dossiers over a
 * period, spread over its working days: procedures filed at the communes
 * most, some online or by post, due times from the real calendar, outcomes
 * early, on time or late, some refused, withdrawn or stopped, those still
 * running at the end of the period in progress, fees, electronic results,
 * ratings. Dossiers go in through one prepared statement, day by day in large
 * transactions; the statistics counters are then built from them (the same
 * code as `report rebuild`). Control-sheet rows and components are not made.
 *
 * --resolved gives a closed period instead: every dossier received before
 * the last 90 days of it, finished and returned within it, with exactly
 * --late of them late (the seed district: 363424 dossiers, 1555 late).
 */
#include "api/app.h"
#include "cmd/cmd.h"
#include "cmd/demo_data.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/worktime.h"
#include "lib/crypto.h"
#include "lib/rng.h"
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
#define BATCH           50000
#define RESOLVED_MARGIN 90 /* days at the end of a --resolved period with no new dossier */
#define UNITS_MAX       1200

static struct rng rng; /* reproducible from --seed */

struct gen {
    struct db *db;
    struct db_stmt *insert, *rate, *counter;
    struct arena a;
    struct workcal cal;
    struct err e;
    int64_t now, end; /* nothing happens after end (the period's end, or now) */
    int64_t procedure_ids[DEMO_PROCEDURES_MAX];
    /* the receiving units: the centre, then the communes, with cumulative weights */
    const char *units[UNITS_MAX];
    double weight[UNITS_MAX];
    int nunits, numbers[UNITS_MAX];
    int resolved;
    long late_left, left; /* --resolved: late dossiers still to make, of how many */
    long counts[DOSSIER_STATUS_MAX + 1], late;
};

static int64_t add_work(struct gen *g, int64_t t, int64_t minutes)
{
    int64_t out = t;

    worktime_add(&g->cal, &office_hours_default, t, minutes, &out, &g->e);
    return out;
}

/* A commune by weight: some communes are much busier than others. */
static int pick_commune(const struct gen *g)
{
    double x = rng_uniform(&rng) * g->weight[g->nunits - 1];
    int lo = 1, hi = g->nunits - 1;

    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (g->weight[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static int prepare(struct gen *g)
{
    return db_prepare(g->db,
                      "INSERT INTO dossiers (code, procedure_id, agency, lead_agency, channel,"
                      " status, applicant_kind, applicant_name, applicant_id_number,"
                      " applicant_phone, phone_last4, summary, sets, duration_days, duration_kind,"
                      " submitted_at, received_at, due_at, original_due_at, finished_at,"
                      " returned_at, closed_at, current_unit, step, supplement_count,"
                      " result_electronic, fee_amount, fee_paid_amount, fee_method, fee_paid_at,"
                      " close_reason, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?,"
                      " ?, ?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
                      " ?, 1, ?, ?) RETURNING id",
                      &g->insert, &g->e) < 0 ||
                   db_prepare(g->db,
                              "INSERT INTO ratings (dossier_id, level, access, procedure, officer,"
                              " result, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                              &g->rate, &g->e) < 0 ||
                   db_prepare(g->db,
                              "INSERT INTO code_counters (agency, day, last) VALUES (?, ?, ?)",
                              &g->counter, &g->e) < 0
               ? -1
               : 0;
}

static void bind_z(struct db_stmt *st, int k, int64_t v)
{
    if (v)
        db_bind_int(st, k, v);
    else
        db_bind_null(st, k);
}

/* Whether the next resolved dossier is late: exactly late_left of the left ones are. */
static int next_late(struct gen *g)
{
    int late = g->resolved ? (double)g->late_left > rng_uniform(&rng) * (double)g->left
                           : rng_uniform(&rng) < 0.03;

    if (g->resolved) {
        g->left--;
        g->late_left -= late;
    }
    return late;
}

static int add_dossier(struct gen *g, int64_t day)
{
    const struct demo_procedure *dp;
    struct db_stmt *st = g->insert;
    char code[DOSSIER_CODE_MAX], name[96], idn[16], phone[16];
    int64_t received, due = 0, finish = 0, returned = 0, closed = 0, fee = 0, paid_at = 0;
    int pidx, unit, channel, kind, status, late = 0, supplements = 0, e_result = 0, k = 1;
    const char *lead, *fee_method = NULL, *reason = NULL;
    double work;

    do
        pidx = rng_pick(&rng, (int)demo_procedures_len);
    while (strcmp(demo_procedures[pidx].level, "commune") && rng_pick(&rng, 3));
    dp = &demo_procedures[pidx];
    unit = !strcmp(dp->level, "commune") ? pick_commune(g) : 0;
    lead = unit ? g->units[unit] : dp->owner;
    channel = dp->online && rng_uniform(&rng) < 0.55 ? CHANNEL_ONLINE
              : rng_uniform(&rng) < 0.06             ? CHANNEL_POST
                                                     : CHANNEL_COUNTER;
    kind = dp->calendar_days ? DURATION_CALENDAR : DURATION_WORKING;
    received = date_utc_of_local(day, 450 + rng_pick(&rng, 570));
    if (received >= date_utc_of_local(day, 690) && received < date_utc_of_local(day, 780))
        received += 90 * 60; /* not over lunch */
    if (worktime_due(&g->cal, &office_hours_default, received, kind, dp->days, &due, &g->e) < 0)
        return -1;
    work = dp->days * WORKDAY_MINUTES * (dp->calendar_days ? 5.0 / 7 : 1);
    status = DOSSIER_RETURNED;
    if (!g->resolved) {
        double roll = rng_uniform(&rng);
        status = roll < 0.015   ? DOSSIER_REFUSED
                 : roll < 0.025 ? DOSSIER_WITHDRAWN
                 : roll < 0.03  ? DOSSIER_STOPPED
                                : DOSSIER_RETURNED;
        supplements = rng_uniform(&rng) < 0.08 ? 1 + (rng_uniform(&rng) < 0.1) : 0;
    }
    if (status == DOSSIER_RETURNED) {
        late = next_late(g);
        finish = late ? add_work(g, due, 30 + rng_pick(&rng, 1440))
                      : add_work(g, received, (int64_t)(work * (0.15 + 0.8 * rng_uniform(&rng))));
        if (!late && finish > due)
            finish = due - 60 * rng_pick(&rng, 60);
        returned = add_work(g, finish, rng_pick(&rng, 960));
        if (finish > g->end) {
            status = rng_uniform(&rng) < 0.1 ? DOSSIER_SUPPLEMENT : DOSSIER_PROCESSING;
            finish = returned = 0;
        } else if (returned > g->end) {
            status = DOSSIER_PROCESSED;
            returned = 0;
        }
        e_result = finish && rng_uniform(&rng) < 0.5;
    } else {
        closed = add_work(g, received, 30 + rng_pick(&rng, (int)work / 2 + 1));
        reason = status == DOSSIER_REFUSED ? "Hồ sơ không đủ điều kiện giải quyết"
                 : status == DOSSIER_WITHDRAWN ? "Người nộp đề nghị rút hồ sơ"
                                               : "Dừng xử lý theo quy định";
        if (closed > g->end) {
            status = DOSSIER_PROCESSING;
            closed = 0;
            reason = NULL;
        }
    }
    if (dp->fee && (finish || status == DOSSIER_PROCESSING)) {
        fee = dp->fee;
        if (finish) {
            paid_at = add_work(g, received, 60);
            fee_method = rng_uniform(&rng) < 0.3 ? "online" : "cash";
        }
    }
    g->counts[status]++;
    g->late += late && finish;
    if (dossier_code_format(g->units[unit], day, ++g->numbers[unit], code) < 0)
        return err_set(&g->e, 500, "gen", "more than %d dossiers in a day at %s",
                       DOSSIER_COUNTER_MAX, g->units[unit]);
    snprintf(name, sizeof(name), "%s %s %s", demo_surnames[rng_pick(&rng, (int)demo_surnames_len)],
             demo_middle[rng_pick(&rng, (int)demo_middle_len)],
             demo_given[rng_pick(&rng, (int)demo_given_len)]);
    snprintf(idn, sizeof(idn), "0%02d%d%02d%06d", rng_pick(&rng, 96) + 1, rng_pick(&rng, 4),
             50 + rng_pick(&rng, 50), rng_pick(&rng, 1000000));
    snprintf(phone, sizeof(phone), "09%08d", rng_pick(&rng, 100000000));
    db_reset(st);
    db_bind_text(st, k++, code);
    db_bind_int(st, k++, g->procedure_ids[pidx]);
    db_bind_text(st, k++, g->units[unit]);
    db_bind_text(st, k++, lead);
    db_bind_int(st, k++, channel);
    db_bind_int(st, k++, status);
    db_bind_int(st, k++, APPLICANT_CITIZEN);
    db_bind_text(st, k++, name);
    db_bind_text(st, k++, idn);
    db_bind_text(st, k++, phone);
    db_bind_text(st, k++, phone + 6);
    db_bind_text(st, k++, dp->name);
    db_bind_double(st, k++, dp->days);
    db_bind_text(st, k++, dp->calendar_days ? "calendar" : "working");
    db_bind_int(st, k++, received);
    db_bind_int(st, k++, received);
    db_bind_int(st, k++, due);
    db_bind_int(st, k++, due);
    bind_z(st, k++, finish);
    bind_z(st, k++, returned);
    bind_z(st, k++, closed);
    db_bind_text(st, k++, lead);
    db_bind_int(st, k++, 1);
    db_bind_int(st, k++, supplements);
    db_bind_int(st, k++, e_result);
    bind_z(st, k++, fee);
    bind_z(st, k++, paid_at ? fee : 0);
    db_bind_text(st, k++, fee_method);
    bind_z(st, k++, paid_at);
    db_bind_text(st, k++, reason);
    db_bind_int(st, k++, received);
    db_bind_int(st, k++, returned ? returned : finish ? finish : closed ? closed : received);
    if (db_step(st, &g->e) != DB_ROW)
        return -1;
    if (returned && rng_uniform(&rng) < 0.08) {
        int64_t id = db_col_int(st, 0);
        double r = rng_uniform(&rng);
        db_reset(g->rate);
        db_bind_int(g->rate, 1, id);
        db_bind_int(g->rate, 2, r < 0.7 ? 1 : r < 0.95 ? 2 : 3);
        for (k = 3; k <= 6; k++)
            bind_z(g->rate, k, rng_uniform(&rng) < 0.5 ? 3 + rng_pick(&rng, 3) : 0);
        db_bind_int(g->rate, 7, returned + 3600);
        if (db_step(g->rate, &g->e) < 0)
            return -1;
    }
    return 0;
}

/* The day's code counters, then a fresh count for the next day. */
static int end_day(struct gen *g, int64_t day)
{
    char text[DOSSIER_CODE_DAY_MAX];
    int u;

    if (dossier_code_day(day, text) < 0)
        return err_set(&g->e, 500, "gen", "no dossier code for a day outside 2000-2099");
    for (u = 0; u < g->nunits; u++) {
        if (!g->numbers[u])
            continue;
        db_reset(g->counter);
        db_bind_text(g->counter, 1, g->units[u]);
        db_bind_text(g->counter, 2, text);
        db_bind_int(g->counter, 3, g->numbers[u]);
        if (db_step(g->counter, &g->e) < 0)
            return -1;
        g->numbers[u] = 0;
    }
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

static int units_of(struct gen *g)
{
    struct db_stmt *st = NULL;
    int rc;

    g->units[0] = CENTRE;
    g->nunits = 1;
    if (db_query(g->db, &st, &g->e, "SELECT id FROM agencies WHERE level = 'commune' ORDER BY id",
                 "") < 0)
        return -1;
    while ((rc = db_step(st, &g->e)) == DB_ROW && g->nunits < UNITS_MAX) {
        /* log-normal sizes: a few busy wards, many quiet communes */
        double w = exp(0.6 * (rng_uniform(&rng) + rng_uniform(&rng) + rng_uniform(&rng) - 1.5) * 2);
        g->units[g->nunits] = db_col_dup(st, 0, &g->a);
        g->weight[g->nunits] = g->weight[g->nunits - 1] + w;
        g->nunits++;
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

static double seconds_since(const struct timespec *t0)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)(t.tv_sec - t0->tv_sec) + (double)(t.tv_nsec - t0->tv_nsec) / 1e9;
}

static int parse_day(const char *s, int64_t *day)
{
    return date_parse_ymd(s, day);
}

int cmd_gen(int argc, char **argv)
{
    static const struct option opts[] = {
        {"db", required_argument, 0, 'd'},   {"dossiers", required_argument, 0, 'n'},
        {"seed", required_argument, 0, 's'}, {"from", required_argument, 0, 'f'},
        {"to", required_argument, 0, 't'},   {"communes", required_argument, 0, 'c'},
        {"late", required_argument, 0, 'l'}, {"resolved", no_argument, 0, 'r'},
        {"now", required_argument, 0, 'w'},  {0, 0, 0, 0}};
    struct gen g = {0};
    struct timespec t0;
    const char *path = cmd_db_default();
    long dossiers = -1, communes = 120, late = -1, done = 0, percent = -1;
    int64_t first, last, last_receive, day, *days = NULL;
    int opt, y, m, d, rc = 1;
    size_t ndays = 0, i;
    char *end;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nCreates a new database at PATH holding the demo province with "
               "--communes\ncommunes (default 120) and N dossiers received between --from "
               "(default four years\nago) and --to (default today), for benchmarks, as they "
               "stand at --now (local\ntime; default the present). --resolved makes every "
               "dossier finished and\nreturned within the period, exactly --late of them after "
               "their due time.\nPrints progress; the statistics counters are built at the end. "
               "The user admin\n(password motcua2026) can sign in.\n",
               usage);
        return 0;
    }
    rng_seed(&rng, 20261122);
    g.now = time(NULL);
    first = last = INT64_MIN;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (opt) {
        case 'd': path = optarg; break;
        case 'n':
            dossiers = strtol(optarg, &end, 10);
            if (!*optarg || *end || dossiers < 0 || dossiers > 100000000)
                return cmd_usage(usage, "--dossiers must be from 0 to 100000000");
            break;
        case 's':
            rng_seed(&rng, strtoull(optarg, &end, 10) | 1);
            if (!*optarg || *end)
                return cmd_usage(usage, "--seed must be a number");
            break;
        case 'f':
            if (parse_day(optarg, &first) < 0)
                return cmd_usage(usage, "--from must be a date YYYY-MM-DD");
            break;
        case 't':
            if (parse_day(optarg, &last) < 0)
                return cmd_usage(usage, "--to must be a date YYYY-MM-DD");
            break;
        case 'c':
            communes = strtol(optarg, &end, 10);
            if (!*optarg || *end || communes < 24 || communes > UNITS_MAX - 1)
                return cmd_usage(usage, "--communes must be from 24 to %d", UNITS_MAX - 1);
            break;
        case 'l':
            late = strtol(optarg, &end, 10);
            if (!*optarg || *end || late < 0)
                return cmd_usage(usage, "--late must be a count");
            break;
        case 'r': g.resolved = 1; break;
        case 'w':
            if ((opt = cmd_parse_now(usage, optarg, &g.now)))
                return opt;
            break;
        default: return cmd_usage(usage, "unknown option");
        }
    }
    if (optind < argc)
        return cmd_usage(usage, "unexpected argument '%s'", argv[optind]);
    if (last == INT64_MIN)
        last = date_local_day(g.now);
    if (first == INT64_MIN) {
        date_civil_from_days(last, &y, &m, &d);
        first = date_days_from_civil(y - 4, m, 1);
    }
    if (!path || dossiers < 0)
        return cmd_usage(usage, "--db and --dossiers are required");
    if ((late >= 0) != g.resolved || (g.resolved && late > dossiers))
        return cmd_usage(usage, "--resolved goes with --late N (at most the dossiers)");
    /* dossiers are received on days whose office hours are over by --now */
    last_receive = g.resolved                            ? last - RESOLVED_MARGIN
                   : last < date_local_day(g.now)        ? last
                   : date_local_minute(g.now) >= 17 * 60 ? last
                                                         : last - 1;
    if (last_receive < first || last > date_local_day(g.now))
        return cmd_usage(usage, "the period must end by today and be long enough");
    if (access(path, F_OK) == 0)
        return cmd_fail("%s exists; gen makes a new database", path);
    g.end = g.resolved ? date_utc_of_local(last + 1, 0) - 1 : g.now;
    g.late_left = late;
    g.left = dossiers;
    arena_init(&g.a);
    date_civil_from_days(first, &y, &m, &d);
    {
        int ly, lm, ld;
        date_civil_from_days(last, &ly, &lm, &ld);
        if (app_prepare_db(path, g.now, &g.e) < 0 || db_open(path, &g.db, &g.e) < 0 ||
            app_workcal(g.db, y - 1, ly + 2, &g.cal, &g.e) < 0)
            goto out;
    }
    if (db_exec(g.db, "PRAGMA synchronous = OFF; PRAGMA cache_size = -262144", &g.e) < 0 ||
        db_begin(g.db, DB_WRITE, &g.e) < 0 ||
        demo_add_catalog(g.db, &g.a, g.now, (int)communes - 24, g.procedure_ids, &g.e) < 0 ||
        add_admin(&g) < 0 || units_of(&g) < 0 || prepare(&g) < 0)
        goto out;
    days = calloc((size_t)(last_receive - first + 1), sizeof(*days));
    for (day = first; day <= last_receive; day++)
        if (!workcal_is_off(&g.cal, day))
            days[ndays++] = day;
    if (!ndays) {
        err_set(&g.e, 400, "gen", "there is no working day in the period");
        goto out;
    }
    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < ndays; i++) {
        long today = (long)((double)dossiers * (double)(i + 1) / (double)ndays) -
                     (long)((double)dossiers * (double)i / (double)ndays);
        for (; today > 0; today--, done++) {
            if (add_dossier(&g, days[i]) < 0)
                goto out;
            if (done % BATCH == BATCH - 1 &&
                (db_reset(g.insert),
                 db_commit(g.db, &g.e) < 0 || db_begin(g.db, DB_WRITE, &g.e) < 0))
                goto out;
        }
        if (end_day(&g, days[i]) < 0)
            goto out;
        if (dossiers && done * 100 / dossiers != percent) {
            percent = done * 100 / dossiers;
            fprintf(stderr, "\rgen: %3ld%%  %ld dossiers, %.0f a second   ", percent, done,
                    (double)done / (seconds_since(&t0) + 1e-9));
        }
    }
    db_reset(g.insert);
    if (db_commit(g.db, &g.e) < 0)
        goto out;
    fprintf(stderr, "\ngen: %ld dossiers in %.1f s; counting them\n", done, seconds_since(&t0));
    if (db_begin(g.db, DB_WRITE, &g.e) < 0 || stats_rebuild(g.db, &g.e) < 0 ||
        db_commit(g.db, &g.e) < 0 || db_exec(g.db, "PRAGMA optimize", &g.e) < 0)
        goto out;
    printf("%s: %d units, %ld dossiers (%ld finished late) in %.1f s\n", path, g.nunits, done,
           g.late, seconds_since(&t0));
    for (opt = DOSSIER_STATUS_MIN; opt <= DOSSIER_STATUS_MAX; opt++)
        if (g.counts[opt])
            printf("  %-12s %ld\n", dossier_status_name(opt), g.counts[opt]);
    rc = 0;
out:
    if (rc) {
        cmd_fail("%s", g.e.msg);
        if (g.db)
            db_rollback(g.db);
    }
    free(days);
    db_finalize(g.insert);
    db_finalize(g.rate);
    db_finalize(g.counter);
    workcal_release(&g.cal);
    db_close(g.db);
    arena_release(&g.a);
    return rc;
}
