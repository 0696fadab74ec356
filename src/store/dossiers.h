/*
 * Dossiers, their components, their events (the control sheet) and the
 * per-(unit, day) code counters. Timestamps are Unix seconds; 0 means not set.
 */
#ifndef STORE_DOSSIERS_H
#define STORE_DOSSIERS_H

#include <stddef.h>

#include "core/dossier.h"
#include "lib/arena.h"
#include "store/db.h"

#define DOSSIER_SCOPES_MAX 8

struct dossier_filter {
    const char *const *scope_paths; /* paths the caller may see (receiving or current unit) */
    size_t nscopes;
    const char *const *work_paths; /* "mine": held now by a unit under one of these */
    size_t nwork;
    const char *agency_path;  /* only this agency's subtree, or NULL */
    int status;               /* 0: any */
    int active;               /* only dossiers still in someone's hands (DOSSIERS_OPEN) */
    int64_t procedure_id;     /* 0: any */
    int64_t from, to;         /* submitted in [from, to); 0: open */
    int64_t due_from, due_to; /* due in [due_from, due_to); 0: open */
    int64_t overdue_at;       /* in progress past the law's due time at this moment; 0: any */
    int64_t submitted_by;     /* 0: anyone (a citizen sees only their own) */
    const char *q;            /* search: in the code, or ... */
    const char *q_folded;     /* ... the applicant's name (folded, core/fold.h), or ... */
    const char *q_digits;     /* ... their identity number or phone (the caller sees them) */
    const char *const
        *q_digits_paths; /* ... only under these (receiving or current unit); NULL: all */
    size_t nq_digits_paths;
    int limit;
    int by_due; /* soonest due first, paged by offset; else newest first, by before_id */
    int offset;
    int64_t before_id; /* cursor: the last id of the previous page; 0: first page */
};

/* How many dossiers a filter selects (limit and paging ignored). */
int dossier_count(struct db *db, const struct dossier_filter *f, int64_t *out, struct err *e);

/*
 * The unit's next dossier code for the local day of `at` (core's
 * dossier_code_day and dossier_code_format around the unit's counter of that
 * day); call inside the write transaction. 503 "counter_full" when the day's
 * numbers are spent.
 */
int dossier_next_code(struct db *db, const char *agency, int64_t at, char out[DOSSIER_CODE_MAX],
                      struct err *e);
/* Inserts the dossier and its components; sets d->id and d->version. */
int dossier_insert(struct db *db, struct dossier *d, struct err *e);
/*
 * Writes the dossier's changing fields if its version is still d->version, then
 * increments d->version. 409 "conflict" when someone changed it in between.
 */
int dossier_update(struct db *db, struct dossier *d, struct err *e);
/* Marks a component (1-based position) as backed by a file. */
int dossier_component_digitized(struct db *db, int64_t dossier_id, int position, struct err *e);
int dossier_steps_insert(struct db *db, int64_t dossier_id, const struct dossier_step *steps,
                         size_t n, struct err *e);
int dossier_steps(struct db *db, struct arena *a, int64_t dossier_id, struct dossier_step **out,
                  size_t *n, struct err *e);
/* Writes a step's times. */
int dossier_step_update(struct db *db, int64_t dossier_id, const struct dossier_step *s,
                        struct err *e);
/* The paths of the units of a dossier's process steps. */
int dossier_unit_paths(struct db *db, struct arena *a, int64_t dossier_id, const char ***out,
                       size_t *n, struct err *e);
/* The dossiers opened by consulting other agencies. */
int dossier_children(struct db *db, struct arena *a, int64_t parent_id, struct dossier **out,
                     size_t *n, struct err *e);
/* By id (with components); 404 when there is none. */
int dossier_by_id(struct db *db, struct arena *a, int64_t id, struct dossier *out, struct err *e);
int dossier_add_event(struct db *db, int64_t dossier_id, const struct dossier_event *ev,
                      struct err *e);
/* By code, with components; 404 when there is none. */
int dossier_by_code(struct db *db, struct arena *a, const char *code, struct dossier *out,
                    struct err *e);
/* The last row of an action among a dossier's events (oldest first), or NULL. */
const struct dossier_event *dossier_last_event(const struct dossier_event *ev, size_t n,
                                               const char *action);
/* The events of a dossier, oldest first. */
int dossier_events(struct db *db, struct arena *a, int64_t dossier_id, struct dossier_event **out,
                   size_t *n, struct err *e);
/* A page, newest first; *more is 1 when another page follows. Without components. */
int dossier_list(struct db *db, struct arena *a, const struct dossier_filter *f,
                 struct dossier **out, size_t *n, int *more, struct err *e);

/* A line of the dossier register (form 06). */
struct register_row {
    const char *code, *procedure, *applicant, *address, *phone, *lead_unit, *close_reason;
    const char *agency_path, *current_unit_path; /* receiving and current unit (NULL: none) */
    int64_t submitted_by;
    int sets, status;
    int64_t received_at, due_at, handover_at, finished_at, returned_at;
};

/*
 * The dossiers received by the units under agency_path in [from, to), oldest
 * first, at most max (consultations' child dossiers are not in the register).
 */
int dossier_register(struct db *db, struct arena *a, const char *agency_path, int64_t from,
                     int64_t to, size_t max, struct register_row **out, size_t *n, struct err *e);

#endif
