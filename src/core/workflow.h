/*
 * The actions officers (and applicants) take on a dossier, as data: the
 * statuses each starts from, where it leads, what it requires, who may take
 * it and what it does to the deadline clock. The API runs every transition
 * through this table, so a move the table does not allow cannot happen.
 */
#ifndef CORE_WORKFLOW_H
#define CORE_WORKFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "core/dossier.h"
#include "core/worktime.h"

enum action {
    ACT_ACCEPT,             /* 1 → 2: an online dossier is accepted */
    ACT_REFUSE,             /* 1, 2, 5 → 3: not accepted (reason) */
    ACT_HANDOVER,           /* 2 → 4: to processing, first step */
    ACT_REQUEST_SUPPLEMENT, /* 1, 2, 4, 6 → 5: the clock stops (items, reason) */
    ACT_SUPPLEMENT,         /* 5 → 2 or 4: supplied; the due time moves by the pause */
    ACT_FORWARD,            /* 4 → 4: the current step is done, the next begins */
    ACT_APPROVE,            /* 4 → 4: a leader approves an approval step; the next begins */
    ACT_SEND_BACK,          /* 4 → 4: back to the previous step (reason) */
    ACT_CONSULT,            /* 4 → 4: another agency works on a linked child dossier */
    ACT_REQUEST_PAYMENT,    /* 4 → 6: a financial obligation (amount) */
    ACT_PAY,                /* 6 → 4: the payment is recorded (amount, method, receipt) */
    ACT_FINISH,             /* 4 → 9: the result (number, date, signer) */
    ACT_RETURN,             /* 9 → 10: the result is handed back (counter, post, online) */
    ACT_WITHDRAW,           /* 1, 2, 4, 5, 6 → 7: at the applicant's request (reason) */
    ACT_STOP,               /* 4, 5, 6 → 8: processing stopped (legal reason) */
    ACT_APOLOGIZE,          /* 2, 4, 5, 6 → same: apology and a new appointment, once */
    ACT_COUNT
};

/* Which officer may take an action: the capability is checked at the dossier's current unit. */
enum action_actor {
    ACTOR_DESK,      /* the one-stop desk (receiver) */
    ACTOR_PROCESSOR, /* processor or leader of the unit now holding the dossier */
    ACTOR_LEADER,    /* leader of that unit */
};

/* What an action needs in its request. */
enum {
    NEED_REASON = 1,   /* "reason" */
    NEED_ITEMS = 2,    /* "items": what is missing */
    NEED_AMOUNT = 4,   /* "amount" */
    NEED_PAYMENT = 8,  /* "method", "receipt" */
    NEED_RESULT = 16,  /* "result_number", "result_date", "signer" */
    NEED_RETURN = 32,  /* "method" (counter, post, online); "tracking" by post */
    NEED_NEW_DUE = 64, /* "new_due_at" */
    NEED_AGENCY = 128, /* "agency": the consulted agency */
};

struct action_def {
    const char *name;  /* API name, e.g. "request-supplement" */
    const char *label; /* Vietnamese */
    unsigned from;     /* bit set of statuses it starts from */
    int to;            /* status it leads to; 0 for "stays" */
    int actor;         /* enum action_actor */
    unsigned needs;    /* NEED_* */
};

const struct action_def *action_get(int action);
/* The action with that API name, or -1. */
int action_parse(const char *name);
/* 1 when the action may start from this status. */
int action_allowed_from(int action, int status);
/* The actions possible from a status, written to out; returns the count. */
size_t actions_from(int status, int out[ACT_COUNT]);

/* Who takes the action from this status: intake-time requests belong to the desk. */
int action_actor(int action, int status);

/*
 * The unit that processes a dossier when a process step names none: the
 * receiving unit when it lies under the procedure's agency and is not a
 * one-stop centre (a commune handling its own civil status), else the
 * procedure's agency. Paths are agency paths ("root/…/id/"); returns 1 for
 * the receiving unit, 0 for the procedure's agency.
 */
int workflow_processed_where_received(const char *procedure_agency_path, const char *unit_path,
                                      const char *unit_level);

/* The Vietnamese label of a control-sheet row's action ("receive", "forward", ...). */
const char *event_label(const char *action);

/*
 * The status after ACT_SUPPLEMENT, from the status before the request: an
 * intake request (1 or 2) resumes as received, a processing one (4 or 6) as
 * processing.
 */
int workflow_resume_status(int before_request);

/* How far after the current appointment an apology may set the new one: a year. */
#define WORKFLOW_APOLOGY_MAX_SECONDS (366 * 86400)

/*
 * How long before the appointment an apology may be issued: three working
 * days (24 working hours). Before that the delay it announces has not come
 * near; from then on, and while the dossier is overdue and unfinished, the
 * head of the agency may apologise once (core/actions.c's action_block).
 */
#define WORKFLOW_APOLOGY_WINDOW_MINUTES (3 * WORKDAY_MINUTES)

/*
 * The moment the apology window opens for an appointment `due`:
 * WORKFLOW_APOLOGY_WINDOW_MINUTES working minutes before it, over the
 * working calendar and the unit's office hours. 0, or -1 with e filled
 * when the calendar does not reach that far.
 */
int workflow_apology_opens(const struct workcal *cal, const struct office_hours *oh, int64_t due,
                           int64_t *opens, struct err *e);

/*
 * The new appointment of an apology (DOMAIN.md): later than now, later than
 * the current one and at most WORKFLOW_APOLOGY_MAX_SECONDS after it. Returns
 * 0 when allowed, else a short reason code: 1 not after now (an overdue
 * dossier), 2 not later than the current appointment, 3 too far.
 */
int workflow_apology_check(int64_t now, int64_t due, int64_t new_due);

/*
 * The date of a result (a local day, core/date.h) lies between the day the
 * dossier was received and today. 0 when it does, 1 before receipt, 2 after today.
 */
int workflow_result_date_check(int64_t result_day, int64_t received_day, int64_t today);

/*
 * A payment settles the financial obligation in full: at a one-stop counter
 * the receipt (biên lai) is written for the amount due, so less is not a
 * payment and more is a mistake. 0 when paid equals due, 1 less, 2 more.
 */
int workflow_payment_check(int64_t due, int64_t paid);

#endif
