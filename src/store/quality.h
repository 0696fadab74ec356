/* What the late and satisfaction reports read from dossiers, steps and ratings. */
#ifndef STORE_QUALITY_H
#define STORE_QUALITY_H

#include "store/db.h"

/* A late dossier: finished after its due time, or still in progress past it. */
struct late_row {
    const char *code, *procedure, *lead_agency, *lead_path, *lead_name;
    const char *apology_cause, *apology_reason;
    int status;
    int64_t received_at, due_at, finished_at, apology_at; /* due_at: the law's (not an apology's) */
    int64_t paused_at; /* waiting for a supplement since (the clock stands), or 0 */
};

/*
 * The dossiers counted for agencies under path that were finished late in
 * [start, end), then those received before `end` and still in progress that
 * were past their due time at the end (or now, if sooner); at most max in all.
 */
int late_dossiers(struct db *db, struct arena *a, const char *path, int64_t start, int64_t end,
                  int64_t now, size_t max, struct late_row **out, size_t *n, struct err *e);

/*
 * The open dossiers counted for agencies under path at risk of being late
 * (core/sindex_recover.h, sindex_at_risk): due by the law in [now, until),
 * soonest first; at most `per_agency` of each lead agency, each row carrying
 * how many its agency has in all.
 */
struct risk_row {
    const char *code, *procedure, *lead_agency;
    int64_t due_at;      /* the law's */
    int64_t rank;        /* 1, 2, ... among its lead agency's, soonest first */
    int64_t agency_risk; /* how many its lead agency has at risk */
};
int at_risk_dossiers(struct db *db, struct arena *a, const char *path, int64_t now, int64_t until,
                     size_t per_agency, struct risk_row **out, size_t *n, struct err *e);

/* Process steps handed over late in [start, end) by units under path, per officer. */
struct late_officer {
    const char *officer, *unit, *unit_name;
    int64_t steps;
};
int late_officers(struct db *db, struct arena *a, const char *path, int64_t start, int64_t end,
                  struct late_officer **out, size_t *n, struct err *e);

#define RATING_CRITERIA_N 5 /* access, procedure, officer, result, feedback */

/* Ratings given in [start, end) of dossiers counted under path, per agency or per procedure. */
struct rating_sums {
    const char *agency; /* with by_procedure 0 */
    int64_t procedure_id;
    int64_t count, level[3];
    int64_t sum[RATING_CRITERIA_N], scored[RATING_CRITERIA_N];
};
int rating_sums(struct db *db, struct arena *a, const char *path, int by_procedure, int64_t start,
                int64_t end, struct rating_sums **out, size_t *n, struct err *e);

#endif
