/*
 * The demo's dossiers: each one's life is planned forward from its receipt as
 * a timeline of control-sheet events and then cut at the demo's moment, so
 * that a dossier is in whatever status its history has reached by then. A
 * wish fixes what a dossier's life holds and, optionally, the status it must
 * have reached: the timeline is then placed so that the cut falls there.
 */
#ifndef CMD_DEMO_H
#define CMD_DEMO_H

#include "cmd/demo_data.h"
#include "core/dossier.h"
#include "core/holidays.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/rng.h"

struct db;
struct strbuf;

struct demo {
    struct db *db;
    struct arena a;
    struct workcal cal;
    struct err e;
    struct rng rng;
    int64_t now; /* nothing the demo writes happens after it */
    int64_t procedure_ids[DEMO_PROCEDURES_MAX];
    int64_t
        variant_ids[DEMO_PROCEDURES_MAX]; /* each procedure's variant with its process; 0 none */
    int64_t receivers[2];                 /* the centre's and the commune's one-stop officers */
    int64_t citizen;
    int staff; /* the officers demo_add_staff made */
    int counts[DOSSIER_STATUS_MAX + 1];
    char scan_sha[65]; /* the sample scan every digitised component and e-result points to */
    int64_t scan_size;
};

/* How a dossier's life ends when nothing cuts it short. */
enum demo_end { END_RESULT, END_REFUSED, END_WITHDRAWN, END_STOPPED };

/*
 * Where the cut falls: after the last move into the wished status, or after
 * the due time, a working day before it, the apology, the consultation, the
 * specialist's step (the dossier waits for its leader's approval).
 */
enum demo_at { AT_STATUS, AT_OVERDUE, AT_DUE_SOON, AT_APOLOGIZED, AT_CONSULTING, AT_APPROVAL };

struct demo_wish {
    const char *unit;  /* the receiving unit; NULL: the procedure's desk */
    const char *owner; /* only procedures of this agency; NULL: any */
    int commune;       /* 1: commune procedures, 0: the province's, -1: either */
    int channel;       /* 0: drawn */
    int end;           /* enum demo_end */
    int supplement, consult, fee, late, apology, rated; /* what the life holds (0/1) */
    int status; /* the status at the demo's moment; 0: wherever the drawn start leads */
    int at;     /* enum demo_at */
};

/*
 * The officers of every unit holding dossiers, with the password hash `hash`
 * (demo_staff.c): a receiver at the centre and each commune, a processor at
 * each department and commune, a leader at all of them, each unless the
 * demo's named accounts have one already. Adds a line on them to accounts
 * and their number to *added.
 */
int demo_add_staff(struct db *db, struct arena *a, int64_t now, const char *hash,
                   struct strbuf *accounts, int *added, struct err *e);

/* n feedback items sent to the communes over the last three months (demo_feedback.c). */
int demo_feedback(struct demo *c, int n);

/* The province's reform plan of the demo's year, its tasks and monthly reports (demo_plans.c). */
int demo_plans(struct demo *c);

/* The example PAR INDEX structure of the demo's year, partly self-assessed, and external indices
 * (demo_par.c). */
int demo_par(struct demo *c);

/* A dossier of the last two years as chance has it (drawn outcome and start). */
int demo_dossier_random(struct demo *c);
/* A dossier as wished, placed so that the cut falls where the wish says. */
int demo_dossier_wished(struct demo *c, const struct demo_wish *w);

#endif
