/*
 * What a caller may do to a dossier now: one rule, used both to list the
 * actions a caller is offered (with the fields each asks for) and to refuse
 * an action taken anyway. It adds to the action table (core/workflow.h) the
 * facts a status alone does not tell: who the caller is at the dossier's
 * units, where the dossier stands in its process, open consultations and an
 * apology already made.
 */
#ifndef CORE_ACTIONS_H
#define CORE_ACTIONS_H

#include "core/workflow.h"
#include "lib/err.h"

#include <stddef.h>
#include <stdint.h>

struct action_context {
    int status;
    int step, nsteps;  /* the current step (1-based) and the process's length; 0 before handover */
    int approval_step; /* the current step is a leader's approval */
    int open_children; /* consultations not answered yet */
    int apologized;    /* the appointment was re-set once already */
    /* now, and when the apology window opens (workflow_apology_opens); 0: not computed, open */
    int64_t now, apology_opens;
    int filer;             /* the caller filed the dossier */
    int desk;              /* the caller receives at the dossier's receiving unit */
    int processor, leader; /* the caller processes / approves at the unit holding it */
};

/* Why an action cannot be taken. */
enum action_block {
    BLOCK_NONE,
    BLOCK_STATUS,      /* not from this status */
    BLOCK_ROLE,        /* not the caller's to take */
    BLOCK_WAITING,     /* consulted agencies have not answered */
    BLOCK_FIRST_STEP,  /* nothing to send back to */
    BLOCK_LAST_STEP,   /* finish with the result instead */
    BLOCK_APPROVAL,    /* the step is a leader's approval: approve, not forward */
    BLOCK_NO_APPROVAL, /* the step is no approval: forward, not approve */
    BLOCK_APOLOGIZED,  /* the appointment was re-set once already */
    BLOCK_EARLY,       /* the apology window has not opened yet */
    BLOCK_COUNT
};

/*
 * The facts of the dossier in c (status, step, process length, approval step,
 * open consultations, apology); the caller's own (filer, desk, processor,
 * leader) and the moments (now, apology_opens) are left as they are.
 */
void action_context_of(const struct dossier *d, const struct dossier_step *steps, size_t nsteps,
                       struct action_context *c);

/* BLOCK_NONE when the caller may take the action now; else the first reason it may not. */
int action_block(int action, const struct action_context *c);
/*
 * 0 when the caller may take the action now; else -1 with the refusal in e:
 * 409 for the dossier's state (status, step, waiting, apologised), 403 for
 * the caller (role, a leader's approval).
 */
int action_refuse(int action, const struct action_context *c, const struct dossier *d,
                  const struct dossier_step *steps, struct err *e);
/* A stable name for a reason ("last_step"), for clients to translate. */
const char *action_block_name(int block);
/* The reason in Vietnamese, as the web shows it. */
const char *action_block_label(int block);
/*
 * The reason in Vietnamese for this dossier: the label, and for BLOCK_EARLY
 * the moment the apology becomes possible ("… từ 07 giờ 30 phút, ngày …").
 */
void action_block_text(int block, const struct action_context *c, char *out, size_t size);

/* The capability that makes a caller an actor at a unit: CAP_RECEIVE, CAP_PROCESS or CAP_APPROVE.
 */
int actor_capability(int actor);

/*
 * The roles (ROLE_BIT()s) that may take the action from some status: those
 * holding the capability of each actor the action has (the desk for requests
 * at intake), and the citizen for an action an applicant takes on their own
 * dossier. The API admits these roles to the action's route; 0 for no action.
 */
unsigned action_roles(int action);

/*
 * The fields an action's request carries, space-separated; a trailing '?'
 * marks an optional one ("agency days? note?").
 */
const char *action_fields(int action);

#endif
