/*
 * The real-time service index (Decision 766/QĐ-TTg): each part is a rate
 * measured from the data (numerator over denominator) that scores its
 * maximum points in full at a given rate and proportionally below it. The
 * parts' maximum points, full-score rates and groups are data (table
 * index_parts); what each part measures is here.
 */
#ifndef CORE_SINDEX_H
#define CORE_SINDEX_H

#include <stdint.h>

enum sindex_part {
    SI_PUBLISHED_ON_TIME,
    SI_COMPLETE_CONTENT,
    SI_SYNCED_PORTAL,
    SI_ON_TIME,
    SI_PROCEDURES_ONLINE,
    SI_ONLINE_USED,
    SI_DOSSIERS_ONLINE,
    SI_PAID_ONLINE,
    SI_PROCEDURES_PAID_ONLINE,
    SI_PAYMENT_INTEGRATED,
    SI_E_RESULTS,
    SI_DIGITISED,
    SI_REUSE,
    SI_CITIZEN_STORE,
    SI_POPULATION_AUTH,
    SI_POPULATION_DATA,
    SI_E_COPIES,
    SI_SATISFIED,
    SI_FEEDBACK_ON_TIME,
    SI_FEEDBACK_SATISFIED,
    SI_COUNT
};

/* The part's code (index_parts.code), and back (-1 when unknown). */
const char *sindex_part_code(int part);
int sindex_part_parse(const char *code);
/* What motcua measures for the part, or why it cannot yet (shown with the score). */
const char *sindex_part_source(int part);
/* 1 when motcua records the data of the part. */
int sindex_part_recorded(int part);

/* How one more success adds to a part's measure. */
enum sindex_growth {
    /* it changes what is already counted: the numerator alone grows (a component of a dossier
       received is scanned, a procedure is offered online) */
    SI_GROWS_NUMERATOR,
    /* it is one more item counted: numerator and denominator grow together (a dossier resolved
       on time, a dossier received online, a satisfied rating) */
    SI_GROWS_BOTH,
};
int sindex_part_growth(int part);
/* What the part counts ("hồ sơ", "thủ tục", ...). */
const char *sindex_part_noun(int part);
/*
 * What to do to win the part's points back, with {n} for how many more and
 * {p} for its maximum points; NULL for a part not recorded.
 */
const char *sindex_part_todo(int part);

struct sindex_measure {
    int64_t num, den; /* den < 0: the part cannot apply to the unit (even unrecorded) */
};

struct sindex_weight {
    double max_points; /* 0 or more */
    double full_at;    /* the rate that scores in full, in (0, 1] */
};

struct sindex_score {
    int applicable; /* recorded with a denominator, or not recorded and not excluded (scores 0) */
    double rate;    /* num / den, or -1 */
    double points;
};

struct sindex_result {
    struct sindex_score part[SI_COUNT];
    double points;     /* the sum of the parts' points */
    double max_points; /* the sum of the applicable parts' maximum points */
    double total;      /* points out of 100: 100 × points / max_points (0 when nothing applies) */
    int measured;      /* how many recorded parts apply: 0 means there is nothing to score */
};

/* The points of one recorded part with a denominator (num / den against the weight). */
double sindex_part_points(int64_t num, int64_t den, const struct sindex_weight *w);

/*
 * Scores every part. A part with no denominator (no dossier of that kind in
 * the period, no fee-bearing procedure, ...) does not apply: it is left out
 * of the maximum. A part motcua does not record applies and scores 0, unless
 * its measure says it cannot apply (den < 0: payment integration for a unit
 * with no fee-bearing procedure).
 */
void sindex_compute(const struct sindex_measure m[SI_COUNT], const struct sindex_weight w[SI_COUNT],
                    struct sindex_result *out);

/* The index of a grade from the grades' lower bounds (descending); -1 when none fits. */
int sindex_grade(double total, const double *min_points, int ngrades);

#endif
