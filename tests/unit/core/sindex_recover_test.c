/* Tests for src/core/sindex_recover.c */
#include <stdio.h>

#include "../test.h"
#include "core/dossier.h"
#include "core/sindex_recover.h"

/* The weights of Decision 766 as shipped (migration 004). */
static void weights(struct sindex_weight w[SI_COUNT])
{
    static const double max[SI_COUNT] = {6, 6, 6, 20, 2, 4, 6, 6, 2, 2,
                                         6, 4, 2, 4,  2, 2, 2, 6, 6, 6};
    int p;

    for (p = 0; p < SI_COUNT; p++)
        w[p] = (struct sindex_weight){max[p], 1};
    w[SI_PROCEDURES_ONLINE].full_at = 0.8;
    w[SI_DOSSIERS_ONLINE].full_at = 0.5;
    w[SI_PROCEDURES_PAID_ONLINE].full_at = 0.8;
    w[SI_SATISFIED].full_at = 0.9;
}

static struct sindex_recovery recover(int part, int64_t num, int64_t den)
{
    struct sindex_weight w[SI_COUNT];
    struct sindex_measure m = {num, den};
    struct sindex_recovery rc;

    weights(w);
    sindex_recover(part, &m, &w[part], &rc);
    return rc;
}

static void advice_of(int part, int64_t num, int64_t den, char out[SINDEX_ADVICE_MAX])
{
    struct sindex_weight w[SI_COUNT];
    struct sindex_measure m = {num, den};
    struct sindex_recovery rc;

    weights(w);
    sindex_recover(part, &m, &w[part], &rc);
    sindex_advice(part, &m, &w[part], &rc, out);
}

#define assert_near(x, y) assert_true((x) > (y)-1e-6 && (x) < (y) + 1e-6)

/* How each part grows is data beside it, and every recorded part says what to do. */
static void table(void **state)
{
    int p;

    (void)state;
    for (p = 0; p < SI_COUNT; p++) {
        const char *todo = sindex_part_todo(p);
        int g = sindex_part_growth(p);
        assert_true(g == SI_GROWS_NUMERATOR || g == SI_GROWS_BOTH);
        assert_non_null(sindex_part_noun(p));
        if (sindex_part_recorded(p))
            assert_true(todo && strstr(todo, "{n}") && strstr(todo, "{p}"));
        else
            assert_null(todo);
    }
    /* scanning a component already received, offering a procedure online: the numerator only */
    assert_int_equal(sindex_part_growth(SI_DIGITISED), SI_GROWS_NUMERATOR);
    assert_int_equal(sindex_part_growth(SI_PROCEDURES_ONLINE), SI_GROWS_NUMERATOR);
    assert_int_equal(sindex_part_growth(SI_ONLINE_USED), SI_GROWS_NUMERATOR);
    assert_int_equal(sindex_part_growth(SI_E_RESULTS), SI_GROWS_NUMERATOR);
    /* one more dossier on time, online, one more rating: both */
    assert_int_equal(sindex_part_growth(SI_ON_TIME), SI_GROWS_BOTH);
    assert_int_equal(sindex_part_growth(SI_DOSSIERS_ONLINE), SI_GROWS_BOTH);
    assert_int_equal(sindex_part_growth(SI_SATISFIED), SI_GROWS_BOTH);
    assert_int_equal(sindex_part_growth(-1), SI_GROWS_NUMERATOR);
    assert_null(sindex_part_todo(SI_COUNT));
}

/* A part whose numerator grows alone: ceil(full_at × den) − num. */
static void numerator_only(void **state)
{
    struct sindex_recovery rc;
    char s[SINDEX_ADVICE_MAX];

    (void)state;
    rc = recover(SI_DIGITISED, 280, 400); /* 4 × 0.7 = 2.8 */
    assert_true(rc.recorded && rc.applicable);
    assert_near(rc.points, 2.8);
    assert_near(rc.lost, 1.2);
    assert_int_equal(rc.shortfall, 120);
    assert_int_equal(rc.failures, 120);
    advice_of(SI_DIGITISED, 280, 400, s);
    assert_string_equal(s,
                        "Số hóa thêm 120 thành phần hồ sơ đã tiếp nhận trong kỳ để đạt đủ 4 điểm");
    /* full at 80 %: 8 of 10, 2 of 2, 3 of 3 (ceil 2.4) */
    assert_int_equal(recover(SI_PROCEDURES_ONLINE, 6, 10).shortfall, 2);
    assert_int_equal(recover(SI_PROCEDURES_ONLINE, 1, 2).shortfall, 1);
    assert_int_equal(recover(SI_PROCEDURES_ONLINE, 0, 3).shortfall, 3);
    assert_near(recover(SI_PROCEDURES_ONLINE, 1, 2).lost, 0.75);
    /* at or past the full-score rate: nothing lost, nothing to do */
    rc = recover(SI_PROCEDURES_ONLINE, 9, 10);
    assert_true(rc.lost == 0 && rc.shortfall == 0);
    advice_of(SI_PROCEDURES_ONLINE, 9, 10, s);
    assert_string_equal(s, "");
    /* thousands as Vietnamese write them */
    advice_of(SI_E_RESULTS, 1000, 2500, s);
    assert_string_equal(s, "Cấp kết quả điện tử cho thêm 1.500 hồ sơ đã giải quyết trong kỳ để "
                           "đạt đủ 6 điểm");
}

/* A part where each success is one more item: (num + k) / (den + k) ≥ full_at. */
static void numerator_and_denominator(void **state)
{
    struct sindex_recovery rc;
    char s[SINDEX_ADVICE_MAX];

    (void)state;
    rc = recover(SI_DOSSIERS_ONLINE, 60, 200); /* 60 + k ≥ (200 + k) / 2: k = 80 */
    assert_int_equal(rc.shortfall, 80);
    assert_near(rc.lost, 6 - 6 * 0.3 / 0.5);
    advice_of(SI_DOSSIERS_ONLINE, 60, 200, s);
    assert_string_equal(s, "Tiếp nhận trực tuyến thêm 80 hồ sơ trong kỳ để đạt đủ 6 điểm");
    assert_int_equal(recover(SI_DOSSIERS_ONLINE, 1, 4).shortfall, 2); /* 3 of 6 */
    assert_int_equal(recover(SI_SATISFIED, 40, 50).shortfall, 50);    /* 90 of 100 */
    assert_int_equal(recover(SI_SATISFIED, 0, 1).shortfall, 9);       /* 9 of 10 */
    /* full only at 100 %: once one failed, no number of successes makes it full */
    rc = recover(SI_ON_TIME, 3, 5);
    assert_int_equal(rc.shortfall, SI_UNREACHABLE);
    assert_near(rc.lost, 8);
    assert_int_equal(rc.failures, 2);
    advice_of(SI_ON_TIME, 3, 5, s); /* the next one: 20 × 4 / 6 − 12 */
    assert_string_equal(s, "Không thể đạt đủ 20 điểm trong kỳ vì đã có 2 hồ sơ không đạt; mỗi "
                           "hồ sơ đạt thêm được cộng 1,33 điểm");
    assert_int_equal(recover(SI_ON_TIME, 5, 5).shortfall, 0);
}

/* Every shortfall is the least k that scores in full, found by trying each k. */
static void least_k(void **state)
{
    static const double rates[] = {0.3, 1.0 / 3, 0.5, 0.75, 0.8, 0.9, 0.95, 1};
    static const int part[] = {SI_DIGITISED, SI_DOSSIERS_ONLINE};
    int64_t num, den, k;
    size_t r, g;

    (void)state;
    for (g = 0; g < 2; g++)
        for (r = 0; r < sizeof(rates) / sizeof(rates[0]); r++)
            for (den = 1; den <= 60; den++)
                for (num = 0; num <= den; num++) {
                    struct sindex_weight w = {4, rates[r]};
                    struct sindex_measure m = {num, den};
                    struct sindex_recovery rc;
                    int both = part[g] == SI_DOSSIERS_ONLINE;
                    sindex_recover(part[g], &m, &w, &rc);
                    for (k = 0; k <= 100000; k++) {
                        if (!both && num + k > den) {
                            k = -1;
                            break;
                        }
                        if (sindex_part_points(num + k, den + (both ? k : 0), &w) >= 4 - 1e-9)
                            break;
                    }
                    if (k > 100000 || k < 0)
                        k = SI_UNREACHABLE;
                    if (rc.shortfall != k)
                        fail_msg("part %d, %lld of %lld, full at %g: %lld, not %lld", part[g],
                                 (long long)num, (long long)den, rates[r], (long long)rc.shortfall,
                                 (long long)k);
                    /* and the shortfall wins back what was lost */
                    if (k > 0)
                        assert_near(sindex_points_won(part[g], &m, &w, k), rc.lost);
                }
}

/* The points k more successes win. */
static void points_won(void **state)
{
    struct sindex_weight w[SI_COUNT];
    struct sindex_measure m;

    (void)state;
    weights(w);
    m = (struct sindex_measure){3, 5};
    assert_near(sindex_points_won(SI_ON_TIME, &m, &w[SI_ON_TIME], 1), 20.0 * 4 / 6 - 12);
    assert_near(sindex_points_won(SI_ON_TIME, &m, &w[SI_ON_TIME], 0), 0);
    m = (struct sindex_measure){1, 4};
    /* a numerator never passes its denominator */
    assert_near(sindex_points_won(SI_DIGITISED, &m, &w[SI_DIGITISED], 10), 3);
    assert_near(sindex_points_won(SI_DIGITISED, &m, &w[SI_DIGITISED], 1), 1);
    /* a part not recorded, or that does not apply, wins nothing */
    assert_near(sindex_points_won(SI_REUSE, &m, &w[SI_REUSE], 5), 0);
    m = (struct sindex_measure){0, 0};
    assert_near(sindex_points_won(SI_SATISFIED, &m, &w[SI_SATISFIED], 5), 0);
}

/* Parts not recorded lose their maximum and have no target; parts that do not apply lose nothing.
 */
static void not_measured(void **state)
{
    struct sindex_recovery rc;
    char s[SINDEX_ADVICE_MAX];

    (void)state;
    rc = recover(SI_REUSE, 0, 0);
    assert_false(rc.recorded);
    assert_true(rc.applicable);
    assert_near(rc.lost, 2);
    assert_int_equal(rc.shortfall, SI_UNMEASURED);
    advice_of(SI_REUSE, 0, 0, s);
    assert_string_equal(s, sindex_part_source(SI_REUSE));
    rc = recover(SI_PAYMENT_INTEGRATED, 0, -1); /* no fee-bearing procedure */
    assert_false(rc.applicable);
    assert_true(rc.lost == 0);
    rc = recover(SI_FEEDBACK_ON_TIME, 0, 0); /* no feedback */
    assert_true(rc.recorded && !rc.applicable);
    assert_true(rc.lost == 0);
    assert_int_equal(rc.shortfall, SI_UNMEASURED);
    advice_of(SI_FEEDBACK_ON_TIME, 0, 0, s);
    assert_string_equal(s, "");
}

/* sindex_test.c's worked example: 54 of 86, what is lost part by part and in all. */
static void unit_sums(void **state)
{
    struct sindex_measure m[SI_COUNT] = {{0}};
    struct sindex_weight w[SI_COUNT];
    struct sindex_recovery rc[SI_COUNT];
    struct sindex_recovery_sum sum, other;
    struct sindex_result r;
    int order[SI_COUNT], n;

    (void)state;
    weights(w);
    m[SI_PUBLISHED_ON_TIME] = (struct sindex_measure){3, 4};  /* loses 1.5 */
    m[SI_COMPLETE_CONTENT] = (struct sindex_measure){10, 10}; /* 0 */
    m[SI_SYNCED_PORTAL] = (struct sindex_measure){6, 6};      /* 0 */
    m[SI_ON_TIME] = (struct sindex_measure){190, 200};        /* 1 */
    m[SI_PROCEDURES_ONLINE] = (struct sindex_measure){6, 10}; /* 0.5 */
    m[SI_ONLINE_USED] = (struct sindex_measure){3, 6};        /* 2 */
    m[SI_DOSSIERS_ONLINE] = (struct sindex_measure){60, 100}; /* 0 */
    m[SI_E_RESULTS] = (struct sindex_measure){50, 200};       /* 4.5 */
    m[SI_DIGITISED] = (struct sindex_measure){300, 400};      /* 1 */
    m[SI_SATISFIED] = (struct sindex_measure){45, 50};        /* 0 */
    m[SI_FEEDBACK_ON_TIME] = (struct sindex_measure){9, 12};  /* 1.5 */
    sindex_recover_unit(m, w, rc, &sum);
    sindex_compute(m, w, &r);
    assert_near(sum.max_points, r.max_points);
    assert_near(sum.recoverable, 12); /* 72 of the recorded parts that apply − 60 */
    assert_near(sum.recoverable, r.max_points - r.points - sum.not_measured);
    assert_near(sum.not_measured, 2 + 2 + 4 + 2 + 2 + 2);
    assert_near(sum.recoverable_total, 100.0 * 12 / 86);
    n = sindex_recover_order(rc, order);
    assert_int_equal(n, 7);
    assert_int_equal(order[0], SI_E_RESULTS);
    assert_int_equal(order[1], SI_ONLINE_USED);
    assert_int_equal(order[2], SI_PUBLISHED_ON_TIME); /* 1.5 each: in part order */
    assert_int_equal(order[3], SI_FEEDBACK_ON_TIME);
    assert_int_equal(order[4], SI_ON_TIME);
    assert_int_equal(order[5], SI_DIGITISED);
    assert_int_equal(order[6], SI_PROCEDURES_ONLINE);
    /* units: the larger gain on the total first, then the larger points */
    other = sum;
    assert_int_equal(sindex_recover_cmp(&sum, &other), 0);
    other.recoverable_total += 1;
    assert_int_equal(sindex_recover_cmp(&sum, &other), 1);
    assert_int_equal(sindex_recover_cmp(&other, &sum), -1);
    other = sum;
    other.recoverable -= 1;
    assert_int_equal(sindex_recover_cmp(&sum, &other), -1);
}

static void points_text(void **state)
{
    char s[SINDEX_POINTS_TEXT_MAX];

    (void)state;
    sindex_points_text(4, s);
    assert_string_equal(s, "4");
    sindex_points_text(2.5, s);
    assert_string_equal(s, "2,5");
    sindex_points_text(1.0 / 3, s);
    assert_string_equal(s, "0,33");
    sindex_points_text(19.999, s);
    assert_string_equal(s, "20");
    sindex_points_text(0.05, s);
    assert_string_equal(s, "0,05");
}

#define PROVINCE "P/"
#define COMMUNE1 "P/D1/C1/"
#define COMMUNE2 "P/D1/C2/"

/* The online procedures without an online dossier are what the online-used part misses. */
static void unused_online(void **state)
{
    static const struct sindex_place places[] = {{PROVINCE, "province"},
                                                 {"P/D1/", "district"},
                                                 {COMMUNE1, "commune"},
                                                 {COMMUNE2, "commune"}};
    struct sindex_proc procs[] = {
        {COMMUNE1, "commune", 1, 0, 1, 0, NULL, NULL}, /* used */
        {COMMUNE1, "commune", 1, 0, 1, 0, NULL, NULL}, /* not used */
        {PROVINCE, "commune", 1, 0, 1, 0, NULL, NULL}, /* published above, not used */
        {COMMUNE1, "commune", 0, 0, 1, 0, NULL, NULL}, /* not online */
        {COMMUNE2, "commune", 1, 0, 1, 0, NULL, NULL}, /* another commune's */
        {PROVINCE, "province", 1, 0, 1, 0, NULL, NULL},
    };
    unsigned char online[6] = {1, 0, 0, 1, 0, 0};
    struct sindex_counts c = {.online_hit = online};
    struct sindex_measures ms;
    size_t first[4], n;

    (void)state;
    memset(&ms, 0, sizeof(ms));
    sindex_measure_procedures(&c, COMMUNE1, procs, 6, places, 4, &ms);
    n = sindex_unused_online(&c, COMMUNE1, procs, 6, places, 4, first, 4);
    assert_int_equal(n, 2);
    assert_int_equal((int64_t)n, ms.m[SI_ONLINE_USED].den - ms.m[SI_ONLINE_USED].num);
    assert_int_equal(first[0], 1);
    assert_int_equal(first[1], 2);
    /* the province: every online procedure but the one used; only the first listed */
    n = sindex_unused_online(&c, PROVINCE, procs, 6, places, 4, first, 1);
    assert_int_equal(n, 4);
    assert_int_equal(first[0], 1);
    /* no hits at all */
    c.online_hit = NULL;
    assert_int_equal(sindex_unused_online(&c, COMMUNE1, procs, 6, places, 4, first, 4), 3);
}

static struct workcal cal;

static int cal_setup(void **state)
{
    struct err e = ERR_INIT;

    (void)state;
    return workcal_build(&cal, 2023, 2027, holiday_default_rules, holiday_default_rules_len, NULL,
                         0, &e);
}

static int cal_teardown(void **state)
{
    (void)state;
    workcal_release(&cal);
    return 0;
}

static void expect_until(const char *now, int days, const char *until)
{
    struct err e = ERR_INIT;
    int64_t out = 0;

    if (sindex_risk_until(&cal, T(now), days, &out, &e) < 0)
        fail_msg("%s + %d: %s", now, days, e.msg);
    assert_local_equal(out, until);
}

/* The window of dossiers at risk: the next working days on the working calendar. */
static void risk_window(void **state)
{
    struct err e = ERR_INIT;
    int64_t out;

    (void)state;
    /* Friday counts, then Monday to Friday, then Monday */
    expect_until("2024-03-15 10:00", 7, "2024-03-26 00:00");
    /* a Saturday does not count */
    expect_until("2024-03-16 10:00", 1, "2024-03-19 00:00");
    /* the Hung Kings' day (Thursday 18 April 2024) is off */
    expect_until("2024-04-17 09:00", 3, "2024-04-23 00:00");
    /* the Lunar New Year 2025: 28 January to 3 February off (a weekend, a day in lieu) */
    expect_until("2025-01-27 16:00", 2, "2025-02-05 00:00");
    /* past the calendar's years */
    assert_int_equal(sindex_risk_until(&cal, T("2027-12-30 10:00"), 7, &out, &e), -1);
    assert_int_equal(e.http, 422);
}

static void at_risk(void **state)
{
    int64_t now = T("2024-03-15 10:00"), until = T("2024-03-26 00:00");
    struct stat_facts f = {0};

    (void)state;
    f.status = DOSSIER_PROCESSING;
    f.received_at = now - 86400;
    f.due_at = now + 3600;
    assert_true(sindex_at_risk(&f, now, until));
    f.due_at = now; /* due this instant: not late yet */
    assert_true(sindex_at_risk(&f, now, until));
    f.due_at = now - 1; /* already late: lost, not at risk */
    assert_false(sindex_at_risk(&f, now, until));
    f.due_at = until;
    assert_false(sindex_at_risk(&f, now, until));
    f.due_at = until - 1;
    assert_true(sindex_at_risk(&f, now, until));
    f.status = DOSSIER_SUPPLEMENT; /* its clock stands */
    assert_false(sindex_at_risk(&f, now, until));
    f.status = DOSSIER_PROCESSED; /* its result is ready */
    assert_false(sindex_at_risk(&f, now, until));
    f.status = DOSSIER_FINANCIAL;
    assert_true(sindex_at_risk(&f, now, until));
    f.child = 1; /* a consultation counts for nothing */
    assert_false(sindex_at_risk(&f, now, until));
    f.child = 0;
    f.received_at = 0;
    assert_false(sindex_at_risk(&f, now, until));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(table),
        cmocka_unit_test(numerator_only),
        cmocka_unit_test(numerator_and_denominator),
        cmocka_unit_test(least_k),
        cmocka_unit_test(points_won),
        cmocka_unit_test(not_measured),
        cmocka_unit_test(unit_sums),
        cmocka_unit_test(points_text),
        cmocka_unit_test(unused_online),
        cmocka_unit_test_setup_teardown(risk_window, cal_setup, cal_teardown),
        cmocka_unit_test(at_risk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
