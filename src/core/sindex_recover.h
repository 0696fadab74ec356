/*
 * The points a unit loses on the service index and what would win them back:
 * for each part, from its own numerator, denominator and weight, the points
 * lost and the smallest number of further successes that scores it in full,
 * as the part grows (core/sindex.h, sindex_part_growth), with a sentence
 * saying what to do; the units compared by what they can win back; the
 * online procedures that had no online dossier; and the open dossiers at risk
 * of being late within the next working days.
 */
#ifndef CORE_SINDEX_RECOVER_H
#define CORE_SINDEX_RECOVER_H

#include <stddef.h>
#include <stdint.h>

#include "core/holidays.h"
#include "core/sindex.h"
#include "core/sindex_measures.h"
#include "core/stats.h"
#include "lib/err.h"

/* shortfall: no number of further successes scores the part in full (it is full only at 100 %
   and something it counts already failed) */
#define SI_UNREACHABLE (-1)
/* shortfall: the part is not recorded, or does not apply */
#define SI_UNMEASURED (-2)

struct sindex_recovery {
    int recorded, applicable; /* applicable as sindex_compute says */
    double points;            /* as sindex_compute scores it */
    double lost;              /* max_points − points when it applies, else 0 */
    int64_t failures;         /* den − num of a recorded part that applies, else 0 */
    int64_t shortfall;        /* further successes to score in full: 0 when full, else > 0 or
                                 SI_UNREACHABLE, SI_UNMEASURED */
};

/*
 * One part: a part that grows by its numerator alone needs ceil(full_at × den)
 * − num more; one where each success adds to both needs the least k with
 * (num + k) / (den + k) ≥ full_at, which exists only below a full-score rate of
 * 100 %. A part not recorded loses its maximum when it applies and has no target.
 */
void sindex_recover(int part, const struct sindex_measure *m, const struct sindex_weight *w,
                    struct sindex_recovery *out);

/* The points k more successes win for a recorded part that applies (a numerator never passes
   its denominator); 0 otherwise. */
double sindex_points_won(int part, const struct sindex_measure *m, const struct sindex_weight *w,
                         int64_t k);

#define SINDEX_ADVICE_MAX 512

/*
 * What to do, in Vietnamese: the part's todo with the shortfall and the
 * maximum ("Số hóa thêm 120 thành phần hồ sơ ... để đạt đủ 4 điểm"); when
 * unreachable, that full points cannot be had in the period, how many failed
 * and what the next success wins; for a part not recorded, its source
 * sentence; empty when nothing is lost.
 */
void sindex_advice(int part, const struct sindex_measure *m, const struct sindex_weight *w,
                   const struct sindex_recovery *rc, char out[SINDEX_ADVICE_MAX]);

/* Points as Vietnamese write them, two decimals at most: "4", "2,5", "3,33". */
#define SINDEX_POINTS_TEXT_MAX 32
void sindex_points_text(double points, char out[SINDEX_POINTS_TEXT_MAX]);

/* What a unit can win back. */
struct sindex_recovery_sum {
    double recoverable;       /* points lost on the parts motcua records */
    double recoverable_total; /* what winning them back adds to the total out of 100 */
    double not_measured;      /* points lost on the parts motcua does not record yet */
    double max_points;        /* of the parts that apply (sindex_result's) */
};

/* Every part of a unit (rc[part]) and their sums. */
void sindex_recover_unit(const struct sindex_measure m[SI_COUNT],
                         const struct sindex_weight w[SI_COUNT],
                         struct sindex_recovery rc[SI_COUNT], struct sindex_recovery_sum *sum);

/* The recorded parts that lose points, the most lost first (ties in part order): their count,
   and the parts in order[]. */
int sindex_recover_order(const struct sindex_recovery rc[SI_COUNT], int order[SI_COUNT]);

/* Units by what winning their points back adds to their total, most first, then by the points
   themselves; 0 when tied (the caller breaks ties). */
int sindex_recover_cmp(const struct sindex_recovery_sum *x, const struct sindex_recovery_sum *y);

/*
 * The unit's procedures offered online that had no online dossier in the
 * period (the online-used part's denominator less its numerator): their
 * count, and the indexes in procs of the first `max` of them in first[].
 */
size_t sindex_unused_online(const struct sindex_counts *c, const char *unit_path,
                            const struct sindex_proc *procs, size_t nprocs,
                            const struct sindex_place *places, size_t nplaces, size_t *first,
                            size_t max);

/* How many working days ahead the open dossiers at risk are looked for. */
#define SINDEX_RISK_DAYS 7

/*
 * The end of the window of dossiers at risk: local midnight after the
 * `days`-th working day counting from the day of `now` (that day counts when
 * it is a working day). 422 when the calendar does not reach it.
 */
int sindex_risk_until(const struct workcal *c, int64_t now, int days, int64_t *until,
                      struct err *e);

/*
 * At risk of being late: a dossier (not one opened by a consultation)
 * received, its clock running (DOSSIERS_CLOCK_RUNS), due by the law at or
 * after now and before `until`. store/quality.c's at_risk_dossiers says the
 * same in SQL; tests/unit/store/sindex_test.c holds the two together.
 */
int sindex_at_risk(const struct stat_facts *f, int64_t now, int64_t until);

#endif
