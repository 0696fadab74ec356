/*
 * The steering committee's reform plans (DOMAIN.md "Reform plans"): the
 * state of a task from its deadline, its completion and the day it is judged;
 * a parent task done when its subtasks are; completion counts ("62/65"); and
 * the day a month's report is due. Days are local days (core/date.h);
 * deadlines are dates on the working calendar: one that falls on a day off
 * moves to the next working day.
 */
#ifndef CORE_PLANS_H
#define CORE_PLANS_H

#include <stddef.h>
#include <stdint.h>

#include "core/holidays.h"

enum task_state {
    TASK_NOT_STARTED = 1,
    TASK_IN_PROGRESS = 2,
    TASK_DONE_EARLY = 3,   /* done on a day before its deadline */
    TASK_DONE_ON_TIME = 4, /* done on its deadline's day */
    TASK_DONE_LATE = 5,    /* done after its deadline */
    TASK_OVERDUE = 6,      /* not done, and its deadline has passed */
};

/* "not_started", ... and the Vietnamese labels; NULL when out of range. */
const char *task_state_name(int state);
const char *task_state_label(int state);
/* 1 for the three done states. */
int task_state_done(int state);

/* The working day a deadline falls on: the day itself, or the next working day after it. */
int64_t plan_deadline(const struct workcal *cal, int64_t day);

/* What a task's state is judged from. */
struct task_facts {
    int64_t deadline; /* local day, as set (0: none) */
    int64_t done_day; /* local day it was done (0: not done) */
    int progress;     /* per cent, 0..100, from its latest report */
};

/*
 * Orders task numbers as a person reads them: "1.2" before "1.10", "II" and
 * other text by bytes; segments are split at '.'.
 */
int task_no_cmp(const char *a, const char *b);

/* A task's state on `today` (a local day). */
int task_state(const struct workcal *cal, const struct task_facts *t, int64_t today);

/*
 * A parent task from its subtasks: done, on the day the last of them was,
 * when all of them are; its progress the mean of theirs. Its own deadline
 * stays. With no subtask the parent is left as it is.
 */
void task_roll_up(struct task_facts *parent, const struct task_facts *subs, size_t n);

/* Completion of a set of tasks: how many are done (and how), in progress, overdue, in all. */
struct task_counts {
    int64_t total, done, done_early, done_on_time, done_late, in_progress, not_started, overdue;
};
void task_count(struct task_counts *c, int state);

/*
 * The day the report of month (year, month) is due: day `report_day` of that
 * month (the month's last day when it has fewer), moved to the next working
 * day when off. Returns 0 for a month or day out of range.
 */
int64_t plan_report_due(const struct workcal *cal, int year, int month, int report_day);
/*
 * 1 when a task owes the report of the month beginning on `month_first`, due
 * on `due_day`: it existed by the due day and was not done before the month
 * began. (A parent with subtasks owes none: its subtasks report.)
 */
int task_owes_report(int64_t created_day, int64_t done_day, int64_t month_first, int64_t due_day);
/* 1 when a report submitted on `submitted_day` (0: not yet, judged on `today`) is late. */
int plan_report_late(int64_t due_day, int64_t submitted_day, int64_t today);

/*
 * The reminder due for a deadline on `today`: 7, 3 or 1 when at most that
 * many days are left (the smallest that fits), 0 once it has passed, -1 when
 * none is due yet. A unit is reminded once per stage.
 */
int plan_reminder_stage(int64_t due_day, int64_t today);

#endif
