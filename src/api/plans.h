/*
 * What the reform plans' handlers share (plans.c, task_reports.c,
 * committee.c, plan_reminders.c): who sees which tasks, each task's state on
 * the working calendar with its subtasks rolled up, and their JSON.
 */
#ifndef API_PLANS_H
#define API_PLANS_H

#include <jansson.h>

#include "core/holidays.h"
#include "core/plans.h"
#include "http/request.h"
#include "store/agencies.h"
#include "store/plans.h"

/* What a request about plans computes with. */
struct plan_ctx {
    const struct workcal *cal;
    int64_t today; /* local day */
    int64_t asof;  /* the day tasks' states are judged on (a closed month's end); 0: today */
    struct agency *agencies;
    size_t nagencies;   /* sorted by id */
    const char **scope; /* paths of the units the caller sees; NULL: every unit */
    size_t nscope;
    struct plan *plans; /* every plan */
    size_t nplans;
};

/* A task's state as judged today, its subtasks rolled up (core/plans.h). */
struct task_view {
    int state, progress;
    int64_t deadline; /* the working day it falls on; 0: none */
    int64_t done_day;
    int nsubs;
};

/* The calendar, today, the agencies and the plans; every unit in scope. */
int plan_ctx_init(struct db *db, struct arena *a, const struct workcal *cal, int64_t today,
                  struct plan_ctx *c, struct err *e);
/* The same for a request: its calendar, today, and the caller's scope (CAP_VIEW_PLANS). */
int plan_ctx_load(struct req *r, struct plan_ctx *c, struct err *e);
/* The plan by id, or NULL. */
const struct plan *plan_find(const struct plan_ctx *c, int64_t id);
/* The agency by id, or NULL. */
const struct agency *plan_agency(const struct plan_ctx *c, const char *id);
/* 1 when the task's lead or one of its cooperating units is in the caller's scope. */
int plan_sees_task(const struct plan_ctx *c, const struct task *t);
/* The views of tasks (all of a plan, or more): out[i] for t[i]. */
void plan_task_views(const struct plan_ctx *c, const struct task *t, size_t n,
                     struct task_view *out);
/*
 * The task `id` among its plan's tasks (*tasks[*at]), with every one's view:
 * 404 when there is none or the caller does not see it.
 */
int plan_task_find(struct req *r, const struct plan_ctx *c, int64_t id, struct task **tasks,
                   struct task_view **views, size_t *n, size_t *at, struct err *e);
/* Completion of the top-level tasks of a plan (0: of all) that the caller sees. */
void plan_count(const struct plan_ctx *c, const struct task *t, const struct task_view *v, size_t n,
                int64_t plan_id, struct task_counts *k);
/*
 * The PAR figure "plan_completion": the share in per cent of the top-level
 * tasks of the year's plans that units under path lead or join which are
 * done, as they stood on the earlier of `last` (a local day) and today; -1
 * when there is no such task.
 */
int plan_completion_of(struct req *r, const char *path, int year, int64_t last, double *pct,
                       struct err *e);
json_t *task_json(const struct plan_ctx *c, const struct task *t, const struct task_view *v);
json_t *plan_json(const struct plan *p);
json_t *task_counts_json(const struct task_counts *k);
/* A task's report of a month: whether it is owed, when it is due, late. */
struct month_report {
    int month;
    int owed;                         /* the task owes this month's report */
    int64_t due;                      /* local day */
    const struct task_report *report; /* NULL: none saved */
    int late;                         /* submitted after the due day, or owed and missing past it */
};
void plan_month_report(const struct plan_ctx *c, const struct task *t, const struct task_view *v,
                       int month, const struct task_report *report, struct month_report *out);
json_t *month_report_json(const struct month_report *m);
json_t *task_report_json(const struct task_report *rep);
/* An evidence file with its download URL (task_reports.c). */
json_t *task_file_json(struct req *r, const struct task_report_file *f);

/* A local day as "YYYY-MM-DD", or null for 0. */
json_t *json_day(int64_t day);

/* A date member "YYYY-MM-DD": 1 read, 0 absent or null, -1 invalid (a field error). */
int jv_day(json_t *body, const char *key, int64_t *out, struct err *e);
/* 1 when the body has the member (null included). */
int json_has(json_t *body, const char *key);

/*
 * Writes the reminders due at `now` to the outbox (plan_reminders.c): for
 * every task not done, 7, 3 and 1 days before its deadline and once it has
 * passed; for every month's report owed and not submitted (this month's and
 * last month's), the same around its due day. One message per unit to each of
 * the unit's address and its reporting officers' (one outbox row per address,
 * each address once); each reminder is recorded, so
 * a run writes only what is new. *messages: how many were written.
 */
int plan_remind(struct db *db, const struct workcal *cal, int64_t now, int *messages,
                struct err *e);

/* "2026-11" → 202611; 400 (or 422 with a field when `field` is set) otherwise. */
int month_parse(const char *s, const char *field, int *month, struct err *e);
/* The first day of a month (year × 100 + month). */
int64_t month_first_day(int month);
/* The month (year × 100 + month) a local day falls in. */
int month_of_day(int64_t day);

#endif
