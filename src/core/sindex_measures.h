/*
 * What each part of the service index counts (core/sindex.h scores it): a
 * unit's numerators and denominators, from the statistics counters
 * (core/stats.h) and the procedure catalog the store reads. The store fills
 * the plain structs below; nothing here reads the database.
 */
#ifndef CORE_SINDEX_MEASURES_H
#define CORE_SINDEX_MEASURES_H

#include <stddef.h>
#include <stdint.h>

#include "core/sindex.h"
#include "core/stats.h"

/* A procedure of the catalog as the index reads it. Strings are borrowed. */
struct sindex_proc {
    const char *agency_path;    /* the path of the agency that publishes it */
    const char *level;          /* the level of government that carries it out */
    int online;                 /* sindex_offered_online */
    int fee;                    /* sindex_fee_bearing */
    int complete;               /* sindex_content_complete */
    int64_t created_at;         /* when it was entered here (UTC) */
    const char *effective_date; /* YYYY-MM-DD, or NULL */
    const char *decision_date;  /* the publication decision's date YYYY-MM-DD, or NULL */
};

/* An agency of the subtree the index is computed in. */
struct sindex_place {
    const char *path, *level;
};

/*
 * The procedure facts the store computes in SQL (store/procedures.c,
 * procedure_briefs); tests/unit/store/sindex_test.c holds the two together.
 * Offered online: it has an online class (full or partial). Fee-bearing: a
 * fee or charge above zero. Complete content: a legal basis, a result, a
 * duration above zero and at least one component.
 */
int sindex_offered_online(const char *online_class);
int sindex_fee_bearing(const int64_t *amounts, size_t n);
int sindex_content_complete(const char *legal_basis, const char *result_name, double duration_days,
                            size_t ncomponents);

/*
 * Published no later than it takes effect: 1 or 0, or -1 when it has no
 * effective date (it is not counted). Published is the decision's date, or
 * the day it was entered here when the decision's date is unknown.
 */
int sindex_published_on_time(const struct sindex_proc *p);

/*
 * A procedure is the unit's when its agency is under the unit, or when it is
 * published above for a level of government the unit has: an agency of
 * `places` under the unit, of the procedure's level, lying under the
 * publishing agency (the province publishes the communes' procedures, and
 * every commune carries them out).
 */
int sindex_procedure_of(const struct sindex_proc *p, const char *unit_path,
                        const struct sindex_place *places, size_t nplaces);

/* What the store counted for one unit. */
struct sindex_counts {
    struct stat_sums before, during; /* the counters' sums before the period and in it */
    int64_t overdue_now;             /* in progress past due now, or -1: from the counters */
    /* per procedure of the catalog (same order): a dossier received / paid online in the
       period; NULL when none was */
    unsigned char *online_hit, *paid_hit;
    /* feedback (core/feedback.h's timeliness): handled in the period or open and overdue at its
       end, and of those on time; the answers' ratings given in it, and of those satisfied */
    int64_t fb_handled, fb_on_time, fb_rated, fb_satisfied;
    /* the national portal (core/portal.h): dossiers submitted in the period, and of those the
       ones whose every change reached the portal on time */
    int64_t sync_dossiers, sync_on_time;
};

/* Marks procedure `proc` as used online and paid online as far as the sums `s` of the period
   show it (ST_RECV_ONLINE, ST_PAID_ONLINE above zero). The hit arrays must be allocated. */
void sindex_counts_hit(struct sindex_counts *c, size_t proc, const struct stat_sums *s);

/* A unit's measures. */
struct sindex_measures {
    struct sindex_measure m[SI_COUNT];
    struct resolution res; /* the resolution figures the on-time part comes from */
    int64_t received;      /* dossiers received in the period (the sample, with res.resolved) */
};

/*
 * The parts measured from the counters: on time (resolved early or on time
 * less those late for the index / resolved and in progress overdue), dossiers
 * online, paid online, electronic results (over results: resolved less
 * refused, withdrawn and stopped), digitised components, satisfied ratings;
 * feedback handled on time, and satisfied with its answers; dossiers synchronised
 * to the national portal on time.
 * Sets res and received; leaves the other parts alone.
 */
void sindex_measure_counters(const struct sindex_counts *c, struct sindex_measures *out);

/*
 * The parts measured from the unit's procedures (sindex_procedure_of):
 * published on time, complete content, procedures online, online procedures
 * used online, fee-bearing procedures paid online; and payment integration,
 * not recorded, which cannot apply (den -1) to a unit without a fee-bearing
 * procedure. The hit arrays are indexed like procs.
 */
void sindex_measure_procedures(const struct sindex_counts *c, const char *unit_path,
                               const struct sindex_proc *procs, size_t nprocs,
                               const struct sindex_place *places, size_t nplaces,
                               struct sindex_measures *out);

/* Every part of the unit: clears out, then both of the above. */
void sindex_measure_unit(const struct sindex_counts *c, const char *unit_path,
                         const struct sindex_proc *procs, size_t nprocs,
                         const struct sindex_place *places, size_t nplaces,
                         struct sindex_measures *out);

/*
 * The ranking of units: a unit with a score before one without, then the
 * higher total first; 0 when tied (the caller breaks ties).
 */
int sindex_rank_cmp(const struct sindex_result *x, const struct sindex_result *y);

#endif
