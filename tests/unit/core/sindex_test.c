/* Tests for src/core/sindex.c */
#include "../test.h"
#include "core/sindex.h"

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

static void codes(void **state)
{
    int p;

    (void)state;
    for (p = 0; p < SI_COUNT; p++) {
        assert_int_equal(sindex_part_parse(sindex_part_code(p)), p);
        assert_non_null(sindex_part_source(p));
    }
    assert_int_equal(sindex_part_parse("bogus"), -1);
    assert_true(sindex_part_recorded(SI_ON_TIME));
    assert_true(sindex_part_recorded(SI_SYNCED_PORTAL)); /* since the portal sync is here */
    assert_false(sindex_part_recorded(SI_REUSE));
    assert_true(sindex_part_recorded(SI_FEEDBACK_ON_TIME)); /* since feedback is handled here */
    assert_true(sindex_part_recorded(SI_FEEDBACK_SATISFIED));
}

/* A commune's quarter, scored by hand. */
static void worked_example(void **state)
{
    struct sindex_measure m[SI_COUNT] = {{0}};
    struct sindex_weight w[SI_COUNT];
    struct sindex_result r;

    (void)state;
    weights(w);
    m[SI_PUBLISHED_ON_TIME] = (struct sindex_measure){3, 4};  /* 6 × 0.75 = 4.5 */
    m[SI_COMPLETE_CONTENT] = (struct sindex_measure){10, 10}; /* 6 */
    m[SI_SYNCED_PORTAL] = (struct sindex_measure){25, 30};    /* 6 × 25 / 30 = 5 */
    m[SI_ON_TIME] = (struct sindex_measure){190, 200};        /* 20 × 0.95 = 19 */
    m[SI_PROCEDURES_ONLINE] = (struct sindex_measure){6, 10}; /* 2 × 0.6 / 0.8 = 1.5 */
    m[SI_ONLINE_USED] = (struct sindex_measure){3, 6};        /* 4 × 0.5 = 2 */
    m[SI_DOSSIERS_ONLINE] = (struct sindex_measure){60, 100}; /* past 0.5: 6 */
    m[SI_PAID_ONLINE] = (struct sindex_measure){0, 0};        /* no fee: does not apply */
    m[SI_PROCEDURES_PAID_ONLINE] = (struct sindex_measure){0, 0};
    m[SI_E_RESULTS] = (struct sindex_measure){50, 200};       /* 6 × 0.25 = 1.5 */
    m[SI_DIGITISED] = (struct sindex_measure){300, 400};      /* 4 × 0.75 = 3 */
    m[SI_SATISFIED] = (struct sindex_measure){45, 50};        /* 0.9: 6 */
    m[SI_FEEDBACK_ON_TIME] = (struct sindex_measure){9, 12};  /* 6 × 0.75 = 4.5 */
    m[SI_FEEDBACK_SATISFIED] = (struct sindex_measure){0, 0}; /* no answer rated: does not apply */
    sindex_compute(m, w, &r);
    assert_false(r.part[SI_FEEDBACK_SATISFIED].applicable);
    assert_true(r.part[SI_PROCEDURES_ONLINE].points > 1.4999 &&
                r.part[SI_PROCEDURES_ONLINE].points < 1.5001);
    assert_true(r.part[SI_ON_TIME].rate > 0.9499 && r.part[SI_ON_TIME].rate < 0.9501);
    assert_false(r.part[SI_PAID_ONLINE].applicable);
    assert_true(r.part[SI_PAID_ONLINE].rate < 0);
    assert_true(r.part[SI_SYNCED_PORTAL].points > 4.9999 &&
                r.part[SI_SYNCED_PORTAL].points < 5.0001);
    /* not recorded: applies and scores nothing */
    assert_true(r.part[SI_REUSE].applicable);
    assert_true(r.part[SI_REUSE].points == 0);
    /* 4.5 + 6 + 5 + 19 + 1.5 + 2 + 6 + 1.5 + 3 + 6 + 4.5 = 59 of 100 - 6 - 2 (payment) - 6 (no
     * feedback rating) - 2 (integration is not recorded, so it stays) → the maximum is 86 */
    assert_true(r.points > 58.9999 && r.points < 59.0001);
    assert_true(r.max_points > 85.9999 && r.max_points < 86.0001);
    assert_true(r.total > 68.6046 && r.total < 68.6047); /* 100 × 59 / 86 */
    assert_int_equal(r.measured, 11);
    /* a unit without fee-bearing procedures: payment integration cannot apply either (it cost
       its 2 points) → the maximum is 86 - 2 */
    m[SI_PAYMENT_INTEGRATED].den = -1;
    sindex_compute(m, w, &r);
    assert_false(r.part[SI_PAYMENT_INTEGRATED].applicable);
    assert_true(r.max_points > 83.9999 && r.max_points < 84.0001);
}

/* Scoring at the edges: the cap, a zero full-score rate, den < 0, and parts not recorded. */
static void edges(void **state)
{
    struct sindex_measure m[SI_COUNT] = {{0}};
    struct sindex_weight w[SI_COUNT];
    struct sindex_result r;

    (void)state;
    weights(w);
    /* past the full-score rate: the maximum and no more (the rate itself is kept) */
    m[SI_SATISFIED] = (struct sindex_measure){10, 10};
    m[SI_DOSSIERS_ONLINE] = (struct sindex_measure){9, 10};
    /* a full-score rate of 0 scores in full whatever the rate */
    w[SI_DIGITISED].full_at = 0;
    m[SI_DIGITISED] = (struct sindex_measure){0, 5};
    /* a recorded part with den < 0 does not apply */
    m[SI_ON_TIME] = (struct sindex_measure){3, -1};
    /* a part not recorded scores 0 whatever its measure says, and applies */
    m[SI_E_COPIES] = (struct sindex_measure){7, 7};
    sindex_compute(m, w, &r);
    assert_true(r.part[SI_SATISFIED].points == 6);
    assert_true(r.part[SI_SATISFIED].rate == 1);
    assert_true(r.part[SI_DOSSIERS_ONLINE].points == 6);
    assert_true(r.part[SI_DOSSIERS_ONLINE].rate > 0.8999 &&
                r.part[SI_DOSSIERS_ONLINE].rate < 0.9001);
    assert_true(r.part[SI_DIGITISED].points == 4);
    assert_true(r.part[SI_DIGITISED].rate == 0);
    assert_false(r.part[SI_ON_TIME].applicable);
    assert_true(r.part[SI_ON_TIME].rate < 0);
    assert_true(r.part[SI_E_COPIES].applicable);
    assert_true(r.part[SI_E_COPIES].points == 0);
    assert_true(r.part[SI_E_COPIES].rate < 0);
    assert_int_equal(r.measured, 3);
    /* 6 + 6 + 4 of the three measured parts, of their 16 and the 14 of the parts not recorded
       (the feedback and portal parts, recorded, do not apply without feedback or changes) */
    assert_true(r.points == 16);
    assert_true(r.max_points == 16 + 14);
    assert_true(r.total > 53.3333 && r.total < 53.3334);
    /* a part weighing nothing measures but adds nothing */
    w[SI_SATISFIED].max_points = 0;
    sindex_compute(m, w, &r);
    assert_true(r.part[SI_SATISFIED].applicable);
    assert_true(r.part[SI_SATISFIED].points == 0);
    assert_true(r.max_points == 10 + 14);
}

static void grades(void **state)
{
    static const double min[] = {90, 80, 70, 50, 0};

    (void)state;
    assert_int_equal(sindex_grade(95, min, 5), 0);
    assert_int_equal(sindex_grade(90, min, 5), 0);
    assert_int_equal(sindex_grade(89.99, min, 5), 1);
    assert_int_equal(sindex_grade(53.8, min, 5), 3);
    assert_int_equal(sindex_grade(49.9, min, 5), 4);
    assert_int_equal(sindex_grade(-1, min, 5), -1);
}

static void nothing_applies(void **state)
{
    struct sindex_measure m[SI_COUNT] = {{0}};
    struct sindex_weight w[SI_COUNT];
    struct sindex_result r;
    int p;

    (void)state;
    weights(w);
    for (p = 0; p < SI_COUNT; p++)
        if (!sindex_part_recorded(p))
            w[p].max_points = 0;
    sindex_compute(m, w, &r);
    assert_true(r.max_points == 0);
    assert_true(r.total == 0);
    assert_int_equal(r.measured, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes),  cmocka_unit_test(worked_example),  cmocka_unit_test(edges),
        cmocka_unit_test(grades), cmocka_unit_test(nothing_applies),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
