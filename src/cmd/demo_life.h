/*
 * A demo dossier's life (internal to demo_dossier.c, which plans it, and
 * demo_write.c, which writes it): the moments of its history in time order.
 */
#ifndef CMD_DEMO_LIFE_H
#define CMD_DEMO_LIFE_H

#include "cmd/demo.h"

#define CENTRE        "000.00.01.H99"
#define COMMUNE_FIRST 17 /* index of the first commune in demo_agencies */

enum kind {
    EV_SUBMIT,
    EV_ACCEPT,
    EV_RECEIVE,
    EV_REFUSE,
    EV_HANDOVER,
    EV_CONSULT,
    EV_CONSULT_DONE,
    EV_SUPPLEMENT_REQUEST,
    EV_SUPPLEMENT,
    EV_PAYMENT_REQUEST,
    EV_PAY,
    EV_APOLOGY,
    EV_FINISH,
    EV_RETURN,
    EV_WITHDRAW,
    EV_STOP,
    EV_FORWARD,    /* the specialist's step done: to the leader's approval */
    EV_APPROVE,    /* the leader approved: the result is issued */
    MARK_DUE_SOON, /* a working day before the due time: not written */
    MARK_DUE,      /* the due time: not written */
};

/* The status each moment leads to (0: unchanged), and its control-sheet action (NULL: a mark). */
extern const int demo_kind_to[];
extern const char *const demo_kind_action[];

struct moment {
    int64_t at;
    int kind;
};

/* One dossier's life, planned from a draw and the working minutes its receipt lies before now. */
struct life {
    struct rng rng;
    const struct demo_procedure *dp;
    int pidx, channel, duration_kind, n;
    const char *unit, *proc_unit, *consulted;
    int64_t submitted, received, due, due_final, new_due, handover, finish, consulted_due;
    int64_t paused, resumed, consult_at, answered_at;
    struct moment m[24];
};

/* How many moments of the life have happened by the demo's moment. */
int demo_reached(const struct demo *c, const struct life *l);
/* Writes the life as far as it has come: the dossier, its step, control sheet, files, rating. */
int demo_write_life(struct demo *c, const struct demo_wish *w, struct life *l);

#endif
