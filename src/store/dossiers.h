/*
 * Dossiers, their components, their events (the control sheet) and the
 * per-(unit, day) code counters. Timestamps are Unix seconds; 0 means not set.
 */
#ifndef STORE_DOSSIERS_H
#define STORE_DOSSIERS_H

#include <stddef.h>

#include "lib/arena.h"
#include "store/db.h"

struct dossier_component {
    const char *name, *kind;
    int count, received;
};

struct dossier {
    int64_t id;
    const char *code;
    int64_t procedure_id;
    const char *procedure_code, *procedure_name;    /* read only */
    const char *agency, *agency_name, *agency_path; /* name and path read only */
    int channel, status, applicant_kind, sets, version;
    const char *applicant_name, *applicant_id_number, *applicant_phone, *applicant_email,
        *applicant_address;
    const char *delegate_name, *delegate_id_number, *delegate_phone;
    const char *phone_last4, *summary;
    double duration_days;
    const char *duration_kind;
    int64_t submitted_at, received_at, due_at, original_due_at, finished_at, returned_at, closed_at;
    int64_t submitted_by, received_by;
    int64_t created_at, updated_at;
    struct dossier_component *components;
    size_t ncomponents;
};

struct dossier_event {
    int64_t id, at;
    const char *action;
    int from_status, to_status; /* from_status 0: none */
    int64_t actor_id;
    const char *actor_name, *unit, *unit_name, *note;
    int64_t step_due_at;
};

struct dossier_filter {
    const char *const *scope_paths; /* agency paths the caller may see; NULL: everywhere */
    size_t nscopes;
    const char *agency_path; /* only this agency's subtree, or NULL */
    int status;              /* 0: any */
    int64_t procedure_id;    /* 0: any */
    int64_t from, to;        /* submitted in [from, to); 0: open */
    int64_t submitted_by;    /* 0: anyone (a citizen sees only their own) */
    int limit;
    int64_t before_id; /* cursor: the last id of the previous page; 0: first page */
};

/* The next number of the unit's counter for a day ("yyMMdd"); call inside the write transaction. */
int dossier_next_number(struct db *db, const char *agency, const char *day, int *out,
                        struct err *e);
/* Inserts the dossier and its components; sets d->id. */
int dossier_insert(struct db *db, struct dossier *d, struct err *e);
int dossier_add_event(struct db *db, int64_t dossier_id, const struct dossier_event *ev,
                      struct err *e);
/* By code, with components; 404 when there is none. */
int dossier_by_code(struct db *db, struct arena *a, const char *code, struct dossier *out,
                    struct err *e);
/* The events of a dossier, oldest first. */
int dossier_events(struct db *db, struct arena *a, int64_t dossier_id, struct dossier_event **out,
                   size_t *n, struct err *e);
/* A page, newest first; *more is 1 when another page follows. Without components. */
int dossier_list(struct db *db, struct arena *a, const struct dossier_filter *f,
                 struct dossier **out, size_t *n, int *more, struct err *e);

#endif
