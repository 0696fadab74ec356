/*
 * Reform plans, their tasks, the units' monthly reports and their evidence,
 * the units and areas each committee member follows, and the reminders sent
 * (core/plans.h has the rules). Days are local days (core/date.h); a month is
 * year × 100 + month. Strings live in the caller's arena.
 */
#ifndef STORE_PLANS_H
#define STORE_PLANS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "store/db.h"

struct plan {
    int64_t id;
    const char *kind; /* yearly, thematic, conclusion */
    int year;
    const char *title, *doc_number, *signer;
    int64_t doc_day;
    int report_day; /* the day of each month the month's reports are due */
    int version;
    int64_t created_at, created_by, updated_at;
};

struct task {
    int64_t id, plan_id, parent_id;
    const char *no, *title;
    const char *lead, *lead_name, *lead_path;
    const char **units; /* cooperating units */
    size_t nunits;
    const char *area, *product;
    int64_t deadline, done_day; /* local days; 0: none */
    int priority;               /* 1 high, 2 normal, 3 low */
    int progress;               /* per cent, from the latest submitted report */
    int version;
    int64_t created_at, updated_at;
};

struct task_report {
    int64_t id, task_id;
    int month;
    int progress;
    const char *progress_text, *results, *shortfall, *fix, *proposal;
    int64_t done_day;                   /* the day the unit says the task was done; 0 */
    int64_t submitted_at, submitted_by; /* 0: a draft */
    const char *submitted_by_name;
    int64_t updated_at, updated_by;
};

struct task_report_file {
    int64_t id, report_id;
    const char *name, *content_type, *sha256;
    int64_t size, uploaded_at, uploaded_by;
};

/* Whole plans: a task's state needs its plan's other tasks (subtasks roll up). */
struct task_filter {
    int64_t plan_id; /* 0: any */
    int year;        /* the plans' year; 0: any */
};

int plan_insert(struct db *db, struct plan *p, struct err *e);
/* Writes the plan if its version is still p->version, incrementing it; 409 if not. */
int plan_update(struct db *db, struct plan *p, struct err *e);
/* 404 when there is none. */
int plan_get(struct db *db, struct arena *a, int64_t id, struct plan *out, struct err *e);
/* The plans of a year (0: all), newest year first. */
int plan_list(struct db *db, struct arena *a, int year, struct plan **out, size_t *n,
              struct err *e);

/* Inserts the task and its cooperating units; sets t->id. 422 (field "no", code "taken") when
   another task of the plan has its number. */
int task_insert(struct db *db, struct task *t, struct err *e);
/* Writes the task and its units if its version is still t->version; 409 if not; 422 as
   task_insert when its number is taken. */
int task_update(struct db *db, struct task *t, struct err *e);
int task_get(struct db *db, struct arena *a, int64_t id, struct task *out, struct err *e);
/* The task of a plan with that number: 1 found, 0 none, -1. */
int task_by_no(struct db *db, struct arena *a, int64_t plan_id, const char *no, struct task *out,
               struct err *e);
/* 1 when a task has subtasks, 0 when not, -1. */
int task_has_subtasks(struct db *db, int64_t task_id);
/* Tasks in plan order (plan, then number as a person reads "1.2" before "1.10"). */
int task_list(struct db *db, struct arena *a, const struct task_filter *f, struct task **out,
              size_t *n, struct err *e);

/* The report of a task for a month: 1 found, 0 none, -1. */
int task_report_get(struct db *db, struct arena *a, int64_t task_id, int month,
                    struct task_report *out, struct err *e);
/* A report by id: 1 found, 0 none, -1. */
int task_report_by_id(struct db *db, struct arena *a, int64_t id, struct task_report *out,
                      struct err *e);
/* Inserts or replaces the draft (sets r->id). */
int task_report_save(struct db *db, struct task_report *r, struct err *e);
/* Every report of a task, newest month first. */
int task_reports_of(struct db *db, struct arena *a, int64_t task_id, struct task_report **out,
                    size_t *n, struct err *e);
/* Every report (drafts too) of a month. */
int task_reports_month(struct db *db, struct arena *a, int month, struct task_report **out,
                       size_t *n, struct err *e);

int task_report_file_insert(struct db *db, struct task_report_file *f, struct err *e);
int task_report_files(struct db *db, struct arena *a, int64_t report_id,
                      struct task_report_file **out, size_t *n, struct err *e);
/* 404 when the report has no such file. */
int task_report_file_get(struct db *db, struct arena *a, int64_t id, struct task_report_file *out,
                         struct err *e);

/* The units (agency ids) and areas a committee member follows. */
int committee_get(struct db *db, struct arena *a, int64_t user_id, const char ***units,
                  size_t *nunits, const char ***areas, size_t *nareas, struct err *e);
int committee_set(struct db *db, int64_t user_id, const char *const *units, size_t nunits,
                  const char *const *areas, size_t nareas, struct err *e);

/* Records a reminder: 1 when it is new (to be sent), 0 when it was sent already. */
int plan_reminder_record(struct db *db, const char *kind, int64_t ref_id, int64_t due, int stage,
                         int64_t now, struct err *e);

#endif
