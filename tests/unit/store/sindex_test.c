/*
 * The service index's measures from what the store reads agree with core's
 * definitions computed from the same rows: the catalog facts procedure_briefs
 * computes in SQL (offered online, fee-bearing, complete content) with
 * core/sindex_measures.h's predicates over each procedure, and every part
 * measured from the summed counters (stats_sum, stats_online_procedures,
 * stats_overdue_now) with the same parts measured from each dossier's own
 * facts (core's stats_of and stat_overdue_at); and the open dossiers at risk
 * of being late the store lists (at_risk_dossiers) with core's sindex_at_risk
 * over each dossier's facts.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../test.h"
#include "core/agency.h"
#include "core/sindex_measures.h"
#include "core/sindex_recover.h"
#include "core/stats.h"
#include "fixture.h"
#include "store/agencies.h"
#include "store/dossiers.h"
#include "store/procedures.h"
#include "store/quality.h"
#include "store/ratings.h"
#include "store/stats.h"

#define ROOT      "000.00.00.H43"
#define DISTRICT  "000.00.10.H43"
#define COMMUNE1  "000.10.11.H43"
#define COMMUNE2  "000.10.12.H43"
#define NDOSSIERS 700
#define DAY       86400

static const char *const agencies[][3] = {
    /* id, parent, level */
    {ROOT, NULL, "province"},
    {DISTRICT, ROOT, "district"},
    {COMMUNE1, DISTRICT, "commune"},
    {COMMUNE2, DISTRICT, "commune"},
};
#define NAGENCIES (sizeof(agencies) / sizeof(agencies[0]))

static uint32_t rnd(uint32_t *s)
{
    *s = *s * 1103515245u + 12345u;
    return *s >> 8;
}

static void seed_agencies(struct db *db)
{
    struct err e = ERR_INIT;
    size_t i;

    for (i = 0; i < NAGENCIES; i++) {
        struct agency ag = {0};
        ag.id = ag.name = agencies[i][0];
        ag.parent = agencies[i][1];
        ag.level = agencies[i][2];
        ag.office_hours = "07:30-11:30,13:00-17:00";
        ag.active = 1;
        assert_int_equal(agency_insert(db, &ag, 1, &e), 0);
    }
}

/*
 * Every mix of legal basis (none, empty, set), result (none, empty, set),
 * duration (0, half a day, days), components (none, one), fees (none, only
 * free, one above zero) and online class (none, full, partial), published by
 * each agency, with and without effective and decision dates.
 */
static size_t seed_catalog(struct db *db, int64_t *ids)
{
    static const char *const text[] = {NULL, "", "x"};
    static const double days[] = {0, 0.5, 3};
    static const char *const online[] = {NULL, "full", "partial"};
    static const char *const levels[] = {"province", "district", "commune", "commune"};
    static const char *const dates[] = {NULL, "2024-01-01", "2024-03-01", "2023-12-31"};
    struct procedure_component comp = {"Đơn", "original", 1, 1};
    struct procedure_fee fees[2] = {{"Phí", 0}, {"Lệ phí", 50000}};
    struct err e = ERR_INIT;
    size_t n = 0;
    int v;

    for (v = 0; v < 3 * 3 * 3 * 2 * 3 * 3; v++) {
        struct procedure p = {0};
        char code[32];
        int k = v;
        snprintf(code, sizeof(code), "1.%06d", v);
        p.code = code;
        p.name = p.field = "x";
        p.agency = agencies[v % NAGENCIES][0];
        p.level = levels[(v / 7) % 4];
        p.legal_basis = text[k % 3];
        p.result_name = text[(k /= 3) % 3];
        p.duration_days = days[(k /= 3) % 3];
        p.ncomponents = (size_t)((k /= 3) % 2);
        p.components = &comp;
        p.nfees = (size_t)((k /= 2) % 3);
        p.fees = fees;
        p.online_class = online[(k /= 3) % 3];
        p.effective_date = dates[v % 4];
        p.decision_date = dates[(v / 4) % 4];
        p.duration_kind = "working";
        p.online_duration_days = -1;
        assert_int_equal(procedure_insert(db, &p, "x", 1700000000 + (v % 5) * 40 * DAY, &e), 0);
        ids[n++] = p.id;
    }
    return n;
}

static void catalog_facts_agree(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct procedure_brief *b;
    int64_t ids[512];
    size_t n, nb, i, k;
    int seen[8] = {0};

    seed_agencies(f->db);
    n = seed_catalog(f->db, ids);
    assert_int_equal(procedure_briefs(f->db, &a, &b, &nb, &e), 0);
    assert_int_equal(nb, n);
    for (i = 0; i < n; i++) {
        struct procedure p;
        int64_t amounts[4];
        assert_int_equal(procedure_get(f->db, &a, ids[i], &p, &e), 0);
        assert_int_equal(b[i].id, p.id);
        for (k = 0; k < p.nfees; k++)
            amounts[k] = p.fees[k].amount;
        assert_int_equal(b[i].online, sindex_offered_online(p.online_class));
        assert_int_equal(b[i].fee, sindex_fee_bearing(amounts, p.nfees));
        assert_int_equal(b[i].complete, sindex_content_complete(p.legal_basis, p.result_name,
                                                                p.duration_days, p.ncomponents));
        seen[b[i].online] = seen[2 + b[i].fee] = seen[4 + b[i].complete] = 1;
    }
    /* both answers of every fact were met */
    for (i = 0; i < 6; i++)
        assert_true(seen[i]);
    arena_release(&a);
}

#define T0 INT64_C(1709280000) /* 2024-03-01 08:00 UTC */

/* Dossiers of every status and channel over four months, with fees, components and ratings. */
static void seed_dossiers(struct db *db, const int64_t *procs, size_t nprocs)
{
    static const char *const leads[] = {DISTRICT, COMMUNE1, COMMUNE2, COMMUNE1, ROOT};
    struct err e = ERR_INIT;
    uint32_t s = 766;
    int i;

    assert_int_equal(db_begin(db, DB_WRITE, &e), 0);
    for (i = 0; i < NDOSSIERS; i++) {
        struct dossier d = {0};
        struct dossier_component comps[3] = {
            {"a", "original", 1, 1, 1}, {"b", "copy", 1, 1, 0}, {"c", "copy", 1, 0, 0}};
        char code[40];
        int64_t at = T0 + (int64_t)(rnd(&s) % 120) * DAY + (int64_t)(rnd(&s) % 30000);
        int64_t due = at + (int64_t)(rnd(&s) % 20) * DAY;
        unsigned pick = rnd(&s);
        snprintf(code, sizeof(code), "%s-240301-%04d", leads[i % 5], i + 1);
        d.code = code;
        d.procedure_id = procs[rnd(&s) % nprocs];
        d.agency = d.lead_agency = leads[i % 5];
        d.channel = 1 + (int)(pick % 3);
        d.status = DOSSIER_STATUS_MIN + (int)(rnd(&s) % DOSSIER_STATUS_MAX);
        d.applicant_kind = 1;
        d.applicant_name = d.summary = d.phone_last4 = "x";
        d.sets = 1;
        d.duration_days = 1;
        d.duration_kind = "working";
        d.submitted_at = d.created_at = d.updated_at = at - 3600;
        d.received_at = d.status == DOSSIER_NEW || (pick >> 3) % 9 == 0 ? 0 : at;
        d.original_due_at = d.due_at = due;
        if ((pick >> 5) % 4 == 0)
            d.due_at = due + 3 * DAY; /* an apology's appointment */
        d.paused_at =
            d.status == DOSSIER_SUPPLEMENT ? due + ((int64_t)((pick >> 7) % 3) - 1) * DAY : 0;
        d.supplement_count = (int)((pick >> 9) % 3);
        if (dossier_status_in(d.status, DOSSIER_SET(DOSSIERS_FINAL)) || (pick >> 11) % 2)
            d.finished_at = at + (int64_t)(rnd(&s) % 25) * DAY;
        d.returned_at = d.status == DOSSIER_RETURNED ? d.finished_at + DAY : 0;
        d.closed_at = dossier_status_in(d.status, DOSSIER_SET(DOSSIERS_CLOSED)) ? d.finished_at : 0;
        d.fee_amount = (pick >> 12) % 3 ? 0 : 20000;
        d.fee_method = (pick >> 14) % 2 ? "online" : "counter";
        d.fee_paid_at = d.fee_amount && (pick >> 15) % 3 ? at + DAY : 0;
        d.result_electronic = (int)((pick >> 17) % 2);
        d.components = comps;
        d.ncomponents = (pick >> 18) % 4;
        assert_int_equal(dossier_insert(db, &d, &e), 0);
        if ((pick >> 20) % 3) {
            struct rating r = {0};
            r.dossier_id = d.id;
            r.level = 1 + (int)((pick >> 22) % 3);
            r.created_at = at + (int64_t)(rnd(&s) % 30) * DAY;
            assert_int_equal(rating_insert(db, &r, &e), 0);
        }
    }
    assert_int_equal(stats_rebuild(db, &e), 0);
    assert_int_equal(db_commit(db, &e), 0);
}

/* What the store's sums say for the unit at `path`: it asks for the unit's subtree only. */
static void counts_from_store(struct db *db, struct arena *a, const char *path, int64_t first,
                              int64_t last, int64_t now, const struct procedure_brief *b, size_t nb,
                              struct sindex_counts *c)
{
    struct err e = ERR_INIT;
    struct stat_row *rows;
    size_t n, i;

    memset(c, 0, sizeof(*c));
    c->online_hit = arena_calloc(a, nb + 1, 1);
    c->paid_hit = arena_calloc(a, nb + 1, 1);
    assert_int_equal(stats_sum(db, a, path, 0, STAT_DAY_MIN, first - 1, &rows, &n, &e), 0);
    for (i = 0; i < n; i++)
        stat_sums_add(&c->before, &rows[i].s);
    assert_int_equal(stats_sum(db, a, path, 0, first, last, &rows, &n, &e), 0);
    for (i = 0; i < n; i++)
        stat_sums_add(&c->during, &rows[i].s);
    assert_int_equal(stats_online_procedures(db, a, path, first, last, &rows, &n, &e), 0);
    for (i = 0; i < n; i++) {
        const struct procedure_brief *p = procedure_brief_find(b, nb, rows[i].procedure_id);
        assert_non_null(p);
        sindex_counts_hit(c, (size_t)(p - b), &rows[i].s);
    }
    c->overdue_now = -1;
    if (now) {
        assert_int_equal(stats_overdue_now(db, a, path, 0, now, &rows, &n, &e), 0);
        c->overdue_now = 0;
        for (i = 0; i < n; i++)
            c->overdue_now += rows[i].s.v[ST_OVERDUE_FROM];
    }
}

/* The same from each dossier's facts, counted as core counts them. */
static void counts_from_rows(struct db *db, struct arena *a, const char *path, int64_t first,
                             int64_t last, int64_t now, const struct procedure_brief *b, size_t nb,
                             struct sindex_counts *c)
{
    struct err e = ERR_INIT;
    int64_t id;

    memset(c, 0, sizeof(*c));
    c->online_hit = arena_calloc(a, nb + 1, 1);
    c->paid_hit = arena_calloc(a, nb + 1, 1);
    c->overdue_now = now ? 0 : -1;
    for (id = 1; id <= NDOSSIERS; id++) {
        struct stat_mark m;
        struct agency ag;
        struct stat_hit hits[STAT_HITS_MAX];
        size_t nh, k;
        assert_int_equal(stats_track_begin(db, id, &m, &e), 0);
        assert_int_equal(agency_get(db, a, m.agency, &ag, &e), 0);
        if (!agency_under(ag.path, path))
            continue;
        if (now && !m.facts.child && stat_overdue_at(&m.facts, now))
            c->overdue_now++;
        nh = stats_of(&m.facts, hits);
        for (k = 0; k < nh; k++) {
            struct stat_sums one = {{0}};
            const struct procedure_brief *p = procedure_brief_find(b, nb, m.procedure_id);
            one.v[hits[k].col] = hits[k].n;
            if (hits[k].day < first)
                stat_sums_add(&c->before, &one);
            else if (hits[k].day <= last) {
                stat_sums_add(&c->during, &one);
                sindex_counts_hit(c, (size_t)(p - b), &one);
            }
        }
    }
}

static void measures_agree(void **state)
{
    static const char *const units[] = {ROOT, DISTRICT, COMMUNE1, COMMUNE2};
    static const char *const periods[][2] = {
        {"2024-03-10", "2024-05-20"}, /* loose days and whole months */
        {"2024-04-01", "2024-04-30"},
        {"2024-06-15", "2024-06-15"},
        {"2024-01-01", "2024-12-31"},
    };
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct procedure_brief *b;
    struct agency *ags;
    struct sindex_place places[NAGENCIES];
    struct sindex_proc *procs;
    int64_t ids[512];
    size_t n, nb, nags, i, u, p;

    seed_agencies(f->db);
    n = seed_catalog(f->db, ids);
    seed_dossiers(f->db, ids, n);
    assert_int_equal(procedure_briefs(f->db, &a, &b, &nb, &e), 0);
    assert_int_equal(agency_list(f->db, &a, ROOT, &ags, &nags, &e), 0);
    assert_int_equal(nags, NAGENCIES);
    for (i = 0; i < nags; i++)
        places[i] = (struct sindex_place){ags[i].path, ags[i].level};
    procs = arena_calloc(&a, nb, sizeof(*procs));
    for (i = 0; i < nb; i++)
        procs[i] = (struct sindex_proc){
            b[i].agency_path, b[i].level,      b[i].online,         b[i].fee,
            b[i].complete,    b[i].created_at, b[i].effective_date, b[i].decision_date};
    for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        struct agency unit;
        assert_int_equal(agency_get(f->db, &a, units[u], &unit, &e), 0);
        for (p = 0; p < sizeof(periods) / sizeof(periods[0]); p++) {
            int64_t first = D(periods[p][0]), last = D(periods[p][1]);
            int64_t now = p == 1 ? T("2024-04-30 16:00") : 0;
            struct sindex_counts cs, cr;
            struct sindex_measures ms, mr;
            int part;
            counts_from_store(f->db, &a, unit.path, first, last, now, b, nb, &cs);
            counts_from_rows(f->db, &a, unit.path, first, last, now, b, nb, &cr);
            sindex_measure_unit(&cs, unit.path, procs, nb, places, nags, &ms);
            sindex_measure_unit(&cr, unit.path, procs, nb, places, nags, &mr);
            for (part = 0; part < SI_COUNT; part++) {
                assert_int_equal(ms.m[part].num, mr.m[part].num);
                assert_int_equal(ms.m[part].den, mr.m[part].den);
            }
            assert_memory_equal(&ms.res, &mr.res, sizeof(ms.res));
            assert_int_equal(ms.received, mr.received);
            /* the fixture measures something in the busy periods */
            if (p != 2)
                assert_true(ms.m[SI_ON_TIME].den > 0 && ms.m[SI_ONLINE_USED].num > 0 &&
                            ms.m[SI_SATISFIED].den > 0 && ms.m[SI_PAID_ONLINE].num > 0 &&
                            ms.m[SI_DIGITISED].num > 0 && ms.m[SI_E_RESULTS].num > 0);
        }
    }
    arena_release(&a);
}

/* The dossiers at risk the store lists are those core's sindex_at_risk says, per lead agency. */
static void at_risk_agrees(void **state)
{
    static const char *const units[] = {ROOT, DISTRICT, COMMUNE1};
    static const char *const windows[][2] = {
        {"2024-04-15 10:00", "2024-04-25 00:00"},
        {"2024-03-01 00:00", "2024-08-01 00:00"},
        {"2024-06-01 09:00", "2024-06-01 09:00"},
    };
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    int64_t ids[512];
    size_t n, u, w;

    seed_agencies(f->db);
    n = seed_catalog(f->db, ids);
    seed_dossiers(f->db, ids, n);
    for (u = 0; u < sizeof(units) / sizeof(units[0]); u++) {
        struct agency unit;
        assert_int_equal(agency_get(f->db, &a, units[u], &unit, &e), 0);
        for (w = 0; w < sizeof(windows) / sizeof(windows[0]); w++) {
            int64_t now = T(windows[w][0]), until = T(windows[w][1]), id;
            struct risk_row *all, *few;
            size_t nall, nfew, i, expected = 0;
            assert_int_equal(
                at_risk_dossiers(f->db, &a, unit.path, now, until, NDOSSIERS, &all, &nall, &e), 0);
            for (id = 1; id <= NDOSSIERS; id++) {
                struct stat_mark m;
                struct agency ag;
                struct dossier d;
                int listed = 0;
                assert_int_equal(stats_track_begin(f->db, id, &m, &e), 0);
                assert_int_equal(agency_get(f->db, &a, m.agency, &ag, &e), 0);
                if (!agency_under(ag.path, unit.path) || !sindex_at_risk(&m.facts, now, until))
                    continue;
                expected++;
                assert_int_equal(dossier_by_id(f->db, &a, id, &d, &e), 0);
                for (i = 0; i < nall; i++)
                    if (!strcmp(all[i].code, d.code)) {
                        listed = 1;
                        assert_int_equal(all[i].due_at, m.facts.due_at);
                        assert_string_equal(all[i].lead_agency, m.agency);
                    }
                assert_true(listed);
            }
            assert_int_equal(nall, expected);
            if (w < 2)
                assert_true(expected > 0); /* the fixture has some at risk */
            /* soonest first; at most two of each lead agency, each with its agency's count */
            for (i = 1; i < nall; i++)
                assert_true(all[i - 1].due_at <= all[i].due_at);
            assert_int_equal(at_risk_dossiers(f->db, &a, unit.path, now, until, 2, &few, &nfew, &e),
                             0);
            for (i = 0; i < nfew; i++) {
                size_t k, total = 0;
                assert_true(few[i].rank >= 1 && few[i].rank <= 2);
                for (k = 0; k < nall; k++)
                    total += !strcmp(all[k].lead_agency, few[i].lead_agency);
                assert_int_equal(few[i].agency_risk, total);
            }
        }
    }
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(catalog_facts_agree, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(measures_agree, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(at_risk_agrees, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
