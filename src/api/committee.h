/*
 * The steering committee's month, computed once for its view (committee.c)
 * and its compiled report (committee_report.c): every task of the year's
 * plans with its state and the month's report, and each lead unit's figures.
 */
#ifndef API_COMMITTEE_H
#define API_COMMITTEE_H

#include "api/plans.h"

struct unit_month {
    const char *id, *name;
    int mine; /* a unit or area the member follows */
    struct task_counts counts;
    int owed, submitted, missing, late;
};

struct committee_month {
    int month;
    struct plan_ctx c;
    struct task *tasks;
    struct task_view *views;
    struct month_report *months;
    size_t ntasks;
    struct task_report *reps;
    size_t nreps;
    struct task_counts counts; /* the top-level tasks the caller sees */
    struct unit_month *units;  /* the caller's own units first, then by name */
    size_t nunits;
    const char **mine; /* the units the member follows */
    size_t nmine;
};

/*
 * The month's tasks of a plan (or of every plan of the month's year when
 * plan_id is 0): of a closed month as they stood at its end, with the
 * lateness of its reports as of today.
 */
int committee_month_load(struct req *r, int month, int64_t plan_id, struct committee_month *m,
                         struct err *e);

#endif
