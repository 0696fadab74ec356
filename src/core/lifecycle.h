/*
 * The dossier's lifecycle as one pure function: an action applied to a
 * dossier and its process steps by an actor at a moment, over the working
 * calendar (which holds each agency's office hours).
 *
 * dossier_apply refuses, or returns the dossier after the move with every
 * write the move makes: its control-sheet rows, the steps to insert or update,
 * a consultation's child dossier, the consulting dossier's new state when a
 * consultation is answered, and the notice to send. Its callers read what it
 * needs, call it and persist what it returns: the API for each request, the
 * demo for the lives it simulates. The action table (core/workflow.h) is the
 * only definition of the moves, and every status a move writes is one the
 * status table allows.
 */
#ifndef CORE_LIFECYCLE_H
#define CORE_LIFECYCLE_H

#include <stddef.h>
#include <stdint.h>

#include "core/actions.h"
#include "core/dossier.h"
#include "core/holidays.h"
#include "lib/arena.h"
#include "lib/err.h"

/* A notice to the applicant that a move sends. */
enum notice {
    NOTICE_NONE = -1,
    NOTICE_RECEIVED,   /* with the code and the due time */
    NOTICE_SUPPLEMENT, /* what is missing and why */
    NOTICE_APOLOGY,    /* the apology and the new appointment */
    NOTICE_RESULT,     /* the result is ready */
};

/* What an action's request carries, each field already checked for its form. */
struct action_input {
    const char *reason, *note, *method, *receipt, *tracking, *result_number, *result_date, *signer,
        *agency, *cause;
    const char *const *items; /* a supplement request's missing documents */
    size_t nitems;
    const char *request_json; /* the same request as stored: {"items": [...], "reason": ...} */
    int64_t amount, new_due;
    int64_t version; /* the dossier's version the caller read; 0 for none */
    double days;     /* a consultation's working days */
};

/* A unit as a move needs it. */
struct move_unit {
    const char *id, *path, *level; /* id NULL: none */
};

/* What a move needs besides the dossier, read by the caller. */
struct move_facts {
    const struct workcal *cal; /* with each agency's office hours */
    int64_t now;
    int64_t actor_id; /* 0: none (the demo's simulated officers) */
    const char *actor_name;
    /* the caller's part of the action context: filer, desk, processor, leader */
    const struct action_context *who;
    /* a handover: the receiving unit, the procedure's agency, the variant's process */
    struct move_unit unit, owner;
    const struct process_step *process;
    size_t nprocess;
    /* a consultation: the active agency consulted (id NULL when there is none) and the new code */
    struct move_unit consulted;
    const char *child_code;
    /* the result of a consultation: the dossier that asked for it */
    const struct dossier *parent;
};

/* A move: the new state and the writes that make it. */
struct move {
    struct dossier d;
    struct dossier_step *steps; /* the dossier's steps after the move */
    size_t nsteps;
    int steps_new;  /* 1: insert them all (a handover) */
    int changed[2]; /* else the positions of the steps to update */
    size_t nchanged;
    struct dossier_event ev[2]; /* the control-sheet rows, in order */
    size_t nev;
    int notice; /* enum notice */
    /* a consultation asked: the child dossier (to insert), its step and its first row */
    int has_child;
    struct dossier child;
    struct dossier_step child_step;
    struct dossier_event child_ev;
    /* a consultation answered: the asking dossier after it (to update) and its row */
    int has_parent;
    struct dossier parent;
    struct dossier_event parent_ev;
};

/*
 * The dossier is received at `now` by user `by` (0: none): the statutory
 * duration counts from then over its receiving unit's office hours, giving its
 * due time. Intake at the counter and accepting an online dossier both call it.
 */
int dossier_receive(struct dossier *d, const struct workcal *cal, int64_t now, int64_t by,
                    struct err *e);

/*
 * Whether the caller (who: filer, desk, processor, leader) may take the action
 * on the dossier as read at `version` (0: any): 0, or -1 and the refusal in e
 * (409 version or state, 403 role). dossier_apply asks it first.
 */
int dossier_may(int action, int64_t version, const struct action_context *who,
                const struct dossier *d, const struct dossier_step *steps, size_t nsteps,
                struct err *e);

/*
 * Applies the action. 0 and *out filled, or -1 and a refusal in e: 409 when
 * the dossier's version, status or process does not allow it, 403 when it is
 * not the caller's to take, 422 (a field) when the input does not fit the
 * dossier. Strings and steps of the result live in a; d and steps are not
 * changed.
 */
int dossier_apply(int action, const struct action_input *in, const struct move_facts *f,
                  const struct dossier *d, const struct dossier_step *steps, size_t nsteps,
                  struct move *out, struct arena *a, struct err *e);

#endif
