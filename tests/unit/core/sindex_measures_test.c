/* Tests for src/core/sindex_measures.c */
#include "../test.h"
#include "core/sindex_measures.h"

#define PROVINCE "P/"
#define COMMUNE1 "P/D1/C1/"
#define COMMUNE2 "P/D1/C2/"

static void assert_measure(const struct sindex_measure *m, int64_t num, int64_t den)
{
    assert_int_equal(m->num, num);
    assert_int_equal(m->den, den);
}

/* A period's counters of a commune, and the sums before it. */
static void counters_of(struct sindex_counts *c)
{
    int64_t *p = c->during.v, *b = c->before.v;

    memset(c, 0, sizeof(*c));
    c->overdue_now = -1;
    b[ST_RECV_COUNTER] = 10; /* 10 received before, 8 of them ended, 3 overdue by then */
    b[ST_DONE_ON_TIME] = 8;
    b[ST_OVERDUE_FROM] = 3;
    b[ST_ENDED_LATE] = 1;
    p[ST_RECV_COUNTER] = 60;
    p[ST_RECV_ONLINE] = 30;
    p[ST_RECV_POST] = 10;
    p[ST_DONE_EARLY] = 40;
    p[ST_DONE_ON_TIME] = 35;
    p[ST_DONE_LATE] = 5; /* resolved 80 */
    p[ST_DONE_INDEX_LATE] = 2;
    p[ST_REFUSED] = 4;
    p[ST_WITHDRAWN] = 3;
    p[ST_STOPPED] = 1;
    p[ST_OVERDUE_FROM] = 4;
    p[ST_ENDED_LATE] = 2; /* overdue at the end: 3 + 4 - 1 - 2 = 4 */
    p[ST_FEE_BEARING] = 20;
    p[ST_PAID_ONLINE] = 5;
    p[ST_COMPONENTS] = 200;
    p[ST_DIGITISED] = 150;
    c->sync_dossiers = 50; /* submitted in the period, 45 of them synchronised on time */
    c->sync_on_time = 45;
    p[ST_E_RESULT] = 36;
    p[ST_RATING_1] = 7;
    p[ST_RATING_2] = 2;
    p[ST_RATING_3] = 1;
}

static void counters(void **state)
{
    struct sindex_counts c;
    struct sindex_measures out;

    (void)state;
    counters_of(&c);
    memset(&out, 0, sizeof(out));
    sindex_measure_counters(&c, &out);
    assert_int_equal(out.received, 100);
    assert_int_equal(out.res.resolved, 80);
    assert_int_equal(out.res.overdue, 4);
    /* early and on time less late for the index / resolved and in progress overdue */
    assert_measure(&out.m[SI_ON_TIME], 40 + 35 - 2, 80 + 4);
    assert_measure(&out.m[SI_DOSSIERS_ONLINE], 30, 100);
    assert_measure(&out.m[SI_PAID_ONLINE], 5, 20);
    /* results: resolved less refused, withdrawn, stopped */
    assert_measure(&out.m[SI_E_RESULTS], 36, 80 - 4 - 3 - 1);
    assert_measure(&out.m[SI_DIGITISED], 150, 200);
    assert_measure(&out.m[SI_SYNCED_PORTAL], 45, 50);
    assert_measure(&out.m[SI_SATISFIED], 9, 10);
    /* the procedures' parts are not the counters' */
    assert_measure(&out.m[SI_COMPLETE_CONTENT], 0, 0);
    assert_measure(&out.m[SI_PAYMENT_INTEGRATED], 0, 0);
}

/* Overdue counted at this moment replaces the counters' figure in the on-time denominator. */
static void counters_live(void **state)
{
    struct sindex_counts c;
    struct sindex_measures out;

    (void)state;
    counters_of(&c);
    c.overdue_now = 9;
    memset(&out, 0, sizeof(out));
    sindex_measure_counters(&c, &out);
    assert_int_equal(out.res.overdue, 9);
    assert_measure(&out.m[SI_ON_TIME], 73, 89);
    c.overdue_now = 0;
    sindex_measure_counters(&c, &out);
    assert_measure(&out.m[SI_ON_TIME], 73, 80);
}

/* Nothing in the period: every denominator of the counters is 0 and no part of them applies. */
static void counters_empty(void **state)
{
    struct sindex_counts c;
    struct sindex_measures out;
    struct sindex_weight w[SI_COUNT];
    struct sindex_result r;
    int p;

    (void)state;
    memset(&c, 0, sizeof(c));
    c.overdue_now = -1;
    sindex_measure_unit(&c, COMMUNE1, NULL, 0, NULL, 0, &out);
    for (p = 0; p < SI_COUNT; p++)
        if (p != SI_PAYMENT_INTEGRATED)
            assert_measure(&out.m[p], 0, 0);
    assert_measure(&out.m[SI_PAYMENT_INTEGRATED], 0, -1);
    assert_int_equal(out.received, 0);
    for (p = 0; p < SI_COUNT; p++)
        w[p] = (struct sindex_weight){5, 1};
    sindex_compute(out.m, w, &r);
    assert_int_equal(r.measured, 0);
    for (p = 0; p < SI_COUNT; p++)
        if (sindex_part_recorded(p))
            assert_false(r.part[p].applicable);
}

/*
 * In progress overdue with nothing resolved: the on-time part applies and
 * scores 0 (a unit that resolves nothing late does not escape the part).
 */
static void overdue_only(void **state)
{
    struct sindex_counts c;
    struct sindex_measures out;

    (void)state;
    memset(&c, 0, sizeof(c));
    c.before.v[ST_RECV_COUNTER] = 2;
    c.overdue_now = 2;
    memset(&out, 0, sizeof(out));
    sindex_measure_counters(&c, &out);
    assert_measure(&out.m[SI_ON_TIME], 0, 2);
}

static void catalog_facts(void **state)
{
    static const int64_t none[] = {0, 0}, some[] = {0, 15000};

    (void)state;
    assert_true(sindex_offered_online("full"));
    assert_true(sindex_offered_online("partial"));
    assert_false(sindex_offered_online(NULL));
    assert_false(sindex_fee_bearing(NULL, 0));
    assert_false(sindex_fee_bearing(none, 2));
    assert_true(sindex_fee_bearing(some, 2));
    assert_true(sindex_content_complete("Luật 1", "Giấy phép", 3, 1));
    assert_true(sindex_content_complete("Luật 1", "Giấy phép", 0.5, 2));
    assert_false(sindex_content_complete(NULL, "Giấy phép", 3, 1));
    assert_false(sindex_content_complete("", "Giấy phép", 3, 1));
    assert_false(sindex_content_complete("Luật 1", NULL, 3, 1));
    assert_false(sindex_content_complete("Luật 1", "", 3, 1));
    assert_false(sindex_content_complete("Luật 1", "Giấy phép", 0, 1));
    assert_false(sindex_content_complete("Luật 1", "Giấy phép", 3, 0));
}

static void published_on_time(void **state)
{
    struct sindex_proc p = {0};

    (void)state;
    p.created_at = T("2026-03-02 01:00"); /* entered on 2 March, local time */
    assert_int_equal(sindex_published_on_time(&p), -1);
    p.effective_date = "not a date";
    assert_int_equal(sindex_published_on_time(&p), -1);
    /* no decision date: the day it was entered */
    p.effective_date = "2026-03-02";
    assert_int_equal(sindex_published_on_time(&p), 1);
    p.effective_date = "2026-03-01";
    assert_int_equal(sindex_published_on_time(&p), 0);
    /* the decision's date wins over the day entered */
    p.decision_date = "2026-02-20";
    assert_int_equal(sindex_published_on_time(&p), 1);
    p.decision_date = "2026-03-01";
    assert_int_equal(sindex_published_on_time(&p), 1);
    p.decision_date = "2026-03-05";
    assert_int_equal(sindex_published_on_time(&p), 0);
    /* a decision date that cannot be read: the day entered again */
    p.decision_date = "2026-13-40";
    assert_int_equal(sindex_published_on_time(&p), 0);
    p.effective_date = "2026-03-02";
    assert_int_equal(sindex_published_on_time(&p), 1);
}

static const struct sindex_place places[] = {
    {PROVINCE, "province"}, {"P/S1/", "department"}, {"P/D1/", "district"},
    {COMMUNE1, "commune"},  {COMMUNE2, "commune"},   {"P/D1/C1/X/", "other"},
};
#define NPLACES (sizeof(places) / sizeof(places[0]))

static void procedure_of(void **state)
{
    struct sindex_proc own = {.agency_path = COMMUNE1, .level = "commune"};
    struct sindex_proc above = {.agency_path = PROVINCE, .level = "commune"};
    struct sindex_proc dept = {.agency_path = "P/S1/", .level = "commune"};
    struct sindex_proc district = {.agency_path = PROVINCE, .level = "district"};

    (void)state;
    /* its own agency's, and its children's */
    assert_true(sindex_procedure_of(&own, COMMUNE1, places, NPLACES));
    assert_true(sindex_procedure_of(&own, "P/D1/", places, NPLACES));
    assert_false(sindex_procedure_of(&own, COMMUNE2, places, NPLACES));
    /* published by the province for communes: every commune carries it out, and what has one */
    assert_true(sindex_procedure_of(&above, COMMUNE1, places, NPLACES));
    assert_true(sindex_procedure_of(&above, COMMUNE2, places, NPLACES));
    assert_true(sindex_procedure_of(&above, "P/D1/", places, NPLACES));
    assert_false(sindex_procedure_of(&above, "P/S1/", places, NPLACES));
    /* published by a department: the communes do not lie under it */
    assert_false(sindex_procedure_of(&dept, COMMUNE1, places, NPLACES));
    assert_true(sindex_procedure_of(&dept, "P/S1/", places, NPLACES));
    /* a district procedure is not a commune's */
    assert_false(sindex_procedure_of(&district, COMMUNE1, places, NPLACES));
    assert_true(sindex_procedure_of(&district, "P/D1/", places, NPLACES));
    /* without the places only the agency's own */
    assert_false(sindex_procedure_of(&above, COMMUNE1, NULL, 0));
}

static void counts_hit(void **state)
{
    unsigned char online[3] = {0}, paid[3] = {0};
    struct sindex_counts c = {.online_hit = online, .paid_hit = paid};
    struct stat_sums s = {{0}};

    (void)state;
    s.v[ST_RECV_COUNTER] = 4;
    s.v[ST_FEE_BEARING] = 4;
    sindex_counts_hit(&c, 0, &s);
    assert_int_equal(online[0] + paid[0], 0);
    s.v[ST_RECV_ONLINE] = 1;
    sindex_counts_hit(&c, 1, &s);
    assert_true(online[1]);
    assert_false(paid[1]);
    s.v[ST_RECV_ONLINE] = 0;
    s.v[ST_PAID_ONLINE] = 2;
    sindex_counts_hit(&c, 1, &s); /* a hit stays */
    assert_true(online[1] && paid[1]);
}

/* Five procedures of a commune's catalog, two of another's. */
static void procedures(void **state)
{
    struct sindex_proc procs[] = {
        {COMMUNE1, "commune", 1, 1, 1, 0, "2026-01-01", "2025-12-01"}, /* used, paid */
        {COMMUNE1, "commune", 1, 0, 1, 0, "2026-01-01", "2026-02-01"}, /* used, late */
        {PROVINCE, "commune", 1, 1, 0, 0, NULL, NULL},                 /* not used */
        {COMMUNE1, "commune", 0, 1, 1, 0, NULL, NULL},                 /* offline, paid */
        {COMMUNE1, "commune", 0, 0, 0, 0, "2026-01-01", NULL},         /* entered 1970 */
        {COMMUNE2, "commune", 1, 1, 1, 0, "2026-01-01", NULL},
        {"P/S1/", "department", 1, 1, 1, 0, NULL, NULL},
    };
    unsigned char online[7] = {1, 1, 0, 1, 0, 1, 1}, paid[7] = {1, 1, 0, 1, 0, 1, 1};
    struct sindex_counts c = {.online_hit = online, .paid_hit = paid};
    struct sindex_measures out;

    (void)state;
    memset(&out, 0, sizeof(out));
    sindex_measure_procedures(&c, COMMUNE1, procs, 7, places, NPLACES, &out);
    assert_measure(&out.m[SI_PUBLISHED_ON_TIME], 2, 3);
    assert_measure(&out.m[SI_COMPLETE_CONTENT], 3, 5);
    assert_measure(&out.m[SI_PROCEDURES_ONLINE], 3, 5);
    /* an offline procedure's online dossier (hit 3) does not count */
    assert_measure(&out.m[SI_ONLINE_USED], 2, 3);
    /* a free procedure's payment (hit 1) does not count */
    assert_measure(&out.m[SI_PROCEDURES_PAID_ONLINE], 2, 3);
    assert_measure(&out.m[SI_PAYMENT_INTEGRATED], 0, 0);
    /* no hits at all */
    c.online_hit = c.paid_hit = NULL;
    memset(&out, 0, sizeof(out));
    sindex_measure_procedures(&c, COMMUNE1, procs, 7, places, NPLACES, &out);
    assert_measure(&out.m[SI_ONLINE_USED], 0, 3);
    assert_measure(&out.m[SI_PROCEDURES_PAID_ONLINE], 0, 3);
    /* a unit without a fee-bearing procedure: payment integration cannot apply */
    procs[0].fee = procs[2].fee = procs[3].fee = 0;
    memset(&out, 0, sizeof(out));
    sindex_measure_procedures(&c, COMMUNE1, procs, 7, places, NPLACES, &out);
    assert_measure(&out.m[SI_PROCEDURES_PAID_ONLINE], 0, 0);
    assert_measure(&out.m[SI_PAYMENT_INTEGRATED], 0, -1);
}

/* sindex_measure_unit clears what was there and adds both kinds of parts. */
static void unit(void **state)
{
    struct sindex_proc procs[] = {{COMMUNE1, "commune", 1, 0, 1, 0, NULL, NULL}};
    unsigned char online[1] = {1}, paid[1] = {0};
    struct sindex_counts c;
    struct sindex_measures out;

    (void)state;
    counters_of(&c);
    c.online_hit = online;
    c.paid_hit = paid;
    memset(&out, 0x5a, sizeof(out));
    sindex_measure_unit(&c, COMMUNE1, procs, 1, places, NPLACES, &out);
    assert_measure(&out.m[SI_ON_TIME], 73, 84);
    assert_measure(&out.m[SI_ONLINE_USED], 1, 1);
    assert_measure(&out.m[SI_PUBLISHED_ON_TIME], 0, 0);
    assert_measure(&out.m[SI_PAYMENT_INTEGRATED], 0, -1);
    assert_measure(&out.m[SI_SYNCED_PORTAL], 45, 50);
    assert_measure(&out.m[SI_FEEDBACK_ON_TIME], 0, 0);
}

static void rank(void **state)
{
    struct sindex_result a = {0}, b = {0};

    (void)state;
    a.measured = b.measured = 3;
    a.total = 80;
    b.total = 70;
    assert_true(sindex_rank_cmp(&a, &b) < 0);
    assert_true(sindex_rank_cmp(&b, &a) > 0);
    b.total = 80;
    assert_int_equal(sindex_rank_cmp(&a, &b), 0);
    /* unmeasured last, whatever its total */
    b.measured = 0;
    b.total = 0;
    a.total = 0;
    assert_true(sindex_rank_cmp(&a, &b) < 0);
    assert_true(sindex_rank_cmp(&b, &a) > 0);
    a.measured = 0;
    assert_int_equal(sindex_rank_cmp(&a, &b), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counters),       cmocka_unit_test(counters_live),
        cmocka_unit_test(counters_empty), cmocka_unit_test(overdue_only),
        cmocka_unit_test(catalog_facts),  cmocka_unit_test(published_on_time),
        cmocka_unit_test(procedure_of),   cmocka_unit_test(counts_hit),
        cmocka_unit_test(procedures),     cmocka_unit_test(unit),
        cmocka_unit_test(rank),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
