/*
 * Dossier rules: the ten statuses numbered as the National Public Service
 * Portal numbers them, the allowed transitions, channels and applicant kinds,
 * the dossier code, the agency identifier, and on-time classification.
 */
#ifndef CORE_DOSSIER_H
#define CORE_DOSSIER_H

#include <stddef.h>
#include <stdint.h>

enum dossier_status {
    DOSSIER_NEW = 1,        /* submitted online, not yet accepted */
    DOSSIER_RECEIVED = 2,   /* received at the one-stop desk */
    DOSSIER_REFUSED = 3,    /* not accepted */
    DOSSIER_PROCESSING = 4, /* handed over for processing */
    DOSSIER_SUPPLEMENT = 5, /* supplement requested: the clock stops */
    DOSSIER_FINANCIAL = 6,  /* awaiting the applicant's financial obligation */
    DOSSIER_WITHDRAWN = 7,  /* withdrawn at the applicant's request */
    DOSSIER_STOPPED = 8,    /* processing stopped */
    DOSSIER_PROCESSED = 9,  /* result ready */
    DOSSIER_RETURNED = 10,  /* result returned */
};
#define DOSSIER_STATUS_MIN 1
#define DOSSIER_STATUS_MAX 10

enum dossier_channel { CHANNEL_COUNTER = 1, CHANNEL_ONLINE = 2, CHANNEL_POST = 3 };

enum applicant_kind {
    APPLICANT_CITIZEN = 1,
    APPLICANT_BUSINESS = 2,
    APPLICANT_AGENCY = 3,
    APPLICANT_OTHER = 4,
};

/*
 * Named sets of statuses, each written once as a list of the portal's numbers
 * (an X-macro list: X(n) for each status), so that C takes a bit set from it
 * (DOSSIER_SET) and SQL an "IN (...)" list (store/stats.h, STATUS_IN_SQL)
 * from the same text.
 */
/* nothing more happens; the others are open: in someone's hands */
#define DOSSIERS_FINAL(X) X(3) X(7) X(8) X(10)
#define DOSSIERS_OPEN(X)  X(1) X(2) X(4) X(5) X(6) X(9)
/* received, and the deadline clock runs */
#define DOSSIERS_CLOCK_RUNS(X) X(2) X(4) X(6)
/* waiting for the applicant's supplement: the clock stands */
#define DOSSIERS_WAITING(X) X(5)
/* received, without a result and not ended */
#define DOSSIERS_IN_PROGRESS(X) DOSSIERS_CLOCK_RUNS(X) DOSSIERS_WAITING(X)
/* ended without a result: refused, withdrawn, stopped */
#define DOSSIERS_CLOSED(X) X(3) X(7) X(8)

#define DOSSIER_BIT(status)  (1u << (status))
#define DOSSIER_SET_BIT_(s)  | DOSSIER_BIT(s)
#define DOSSIER_SET(list)    (0u list(DOSSIER_SET_BIT_))
#define DOSSIER_STATUSES_ALL (((1u << (DOSSIER_STATUS_MAX + 1)) - 1) & ~1u)

/* 1 when a valid status is in a set of DOSSIER_BIT()s. */
int dossier_status_in(int status, unsigned set);

int dossier_status_valid(int status);
/* "received", ... (API names); NULL for an invalid status. */
const char *dossier_status_name(int status);
/* "Đã tiếp nhận", ... (shown to people); NULL for an invalid status. */
const char *dossier_status_label(int status);
/* The status with that API name, or -1. */
int dossier_status_parse(const char *name);
/* A status in which nothing more happens to the dossier. */
int dossier_status_final(int status);
/* Whether the deadline clock runs in this status. */
int dossier_status_clock_runs(int status);

/* 1 when a dossier may move from one status to the other. */
int dossier_transition_allowed(int from, int to);
/* The statuses reachable from `from`, written to out; returns the count. */
size_t dossier_transitions_from(int from, int out[DOSSIER_STATUS_MAX]);

/* "counter" / "online" / "post", or NULL; and back (-1 when unknown). */
const char *dossier_channel_name(int channel);
int dossier_channel_parse(const char *name);
/* The status a new dossier starts in: 1 online, 2 at the counter or by post. */
int dossier_initial_status(int channel);

/*
 * Agency identifier (QCVN 102:2016): "LLL.MM.NN.Xnn", e.g. 000.00.04.H43 —
 * three, two and two digits, then an upper-case letter and two digits.
 */
int agency_id_valid(const char *s);

/*
 * The length of the parent's path within an agency path ("A/B/C/" gives 4,
 * the length of "A/B/"); 0 for a root ("A/") or an empty path.
 */
size_t agency_parent_path_len(const char *path);

#define DOSSIER_CODE_MAX     32
#define DOSSIER_CODE_DAY_MAX 7
/*
 * A code's day part, "yyMMdd" of a local day (2000-2099), which also keys the
 * unit's counter of that day. Returns 0, or -1 for a day outside the century.
 */
int dossier_code_day(int64_t local_day, char out[DOSSIER_CODE_DAY_MAX]);
/*
 * Code "{agency id}-{yyMMdd}-{NNNN}": the counter is zero-padded to four digits
 * and may grow to six. Returns 0, or -1 when the parts cannot form a code.
 * store/dossiers.h's dossier_next_code moves the counter and calls this.
 */
int dossier_code_format(const char *agency_id, int64_t local_day, int counter,
                        char out[DOSSIER_CODE_MAX]);
/* 1 when s is a well-formed code with a real date. */
int dossier_code_valid(const char *s);
#define DOSSIER_COUNTER_MAX 999999

enum timeliness { TIMELY_EARLY = 1, TIMELY_ON_TIME = 2, TIMELY_LATE = 3 };
/*
 * A dossier finished at or before its due time is on time; finished on a
 * local day strictly before the due day it is early; after the due time, late.
 */
int dossier_timeliness(int64_t finished, int64_t due);
const char *timeliness_name(int t);

/* For the service index: more than one supplement request counts a dossier as late. */
int dossier_index_late(int timeliness, int supplement_requests);

/*
 * Whether a unit may receive a dossier of a procedure, from agency paths
 * ("root/.../id/"): a unit under the procedure's agency always may; a one-stop
 * centre (level "centre") of the same province may receive for any agency of
 * it; and since 2025 a procedure marked any_place may be filed at any unit of
 * the province, to be routed to the competent agency.
 */
int dossier_receivable(const char *procedure_agency_path, const char *unit_path,
                       const char *unit_level, int any_place);

/* The last four digits of a phone number, or -1 when it has fewer than four digits. */
int phone_last4(const char *phone, char out[5]);
/* Citizen ID: 12 digits, or the old 9-digit ID. */
int citizen_id_valid(const char *s);
/* Phone: digits with an optional leading +, spaces, dots or dashes; 8..15 digits. */
int phone_valid(const char *s);
/* A plausible e-mail address: one @, a dot in the domain, no spaces. */
int email_valid(const char *s);

/*
 * A dossier as the rules see it: core owns its shape, the store reads and
 * writes it. Timestamps are Unix seconds; 0 means not set. Strings are owned
 * by whoever filled the struct (an arena).
 */
struct dossier_component {
    const char *name, *kind;
    int count, received, digitized;
};

struct dossier {
    int64_t id;
    const char *code;
    int64_t procedure_id;
    const char *procedure_code, *procedure_name;    /* read only */
    const char *agency, *agency_name, *agency_path; /* name and path read only */
    const char *lead_agency; /* answers for the result: where it is counted (NULL: agency) */
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
    /* the workflow */
    int64_t variant_id, parent_id;
    const char *current_unit, *current_unit_path; /* path read only */
    int step, resume_status, supplement_count, open_children, result_electronic;
    int64_t paused_at, apology_at, apology_previous_due_at, fee_amount, fee_paid_amount,
        fee_paid_at;
    const char *supplement_request, *apology_reason, *apology_cause, *result_number, *result_date,
        *result_signer, *return_method, *return_tracking, *fee_method, *fee_receipt, *close_reason;
    struct dossier_component *components;
    size_t ncomponents;
};

/* A step of a procedure variant's process. unit NULL: the unit that processes the dossier. */
struct process_step {
    const char *name, *unit, *role; /* role: process, approve, consult, return */
    double hours;
};

/* One step of a dossier's own process (copied from its procedure variant at handover). */
struct dossier_step {
    int position;
    const char *name, *unit, *unit_name, *role;
    double hours;
    int64_t started_at, due_at, finished_at;
};

struct dossier_event {
    int64_t id, at;
    const char *action;
    int from_status, to_status; /* from_status 0: none */
    int64_t actor_id;
    const char *actor_name, *unit, *unit_name, *note;
    int64_t step_due_at;
    const char *to_unit, *to_unit_name; /* a handover's receiving unit */
    int step;                           /* the process step concerned, 0 for none */
    const char *timeliness;             /* a finished step: early, on_time, late */
};

#endif
