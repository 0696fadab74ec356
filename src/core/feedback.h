/*
 * Citizens' feedback (phản ánh, kiến nghị; Decree 20/2008, DOMAIN.md
 * "Feedback"): its categories, channels and statuses, the actions officers
 * take on it with their legal service times, and one pure function that
 * applies an action, as core/lifecycle.h does for dossiers.
 *
 * An item is received, classified within the classification time (accepted,
 * refused, marked a duplicate of another, or, for a complaint or denunciation
 * in the legal sense, routed out to the competent body), may wait for more
 * information from its sender (asked within the asking time; the clock stands
 * while it waits), is answered within the answering time counted from receipt,
 * and the answer is published within the publishing time. Forwarding to
 * another agency keeps its times. Every time is a number of working days an
 * administrator sets (struct feedback_times).
 */
#ifndef CORE_FEEDBACK_H
#define CORE_FEEDBACK_H

#include <stddef.h>
#include <stdint.h>

#include "core/holidays.h"
#include "lib/arena.h"
#include "lib/err.h"

enum feedback_category {
    FB_RULE = 1,     /* an administrative rule (quy định hành chính) */
    FB_HANDLING = 2, /* how a dossier or procedure is handled */
    FB_CONDUCT = 3,  /* an officer's conduct */
    FB_OTHER = 4,
    FB_COMPLAINT = 5, /* a complaint or denunciation in the legal sense: routed out */
};
#define FB_CATEGORY_MIN 1
#define FB_CATEGORY_MAX 5

enum feedback_channel { FBC_PORTAL = 1, FBC_HOTLINE = 2, FBC_OPEN311 = 3 };

enum feedback_status {
    FS_RECEIVED = 1,   /* to classify */
    FS_ACCEPTED = 2,   /* in scope: being considered */
    FS_WAITING = 3,    /* waiting for the sender's information: the clock stands */
    FS_ANSWERED = 4,   /* answered: the answer to publish */
    FS_PUBLISHED = 5,  /* the answer is public: done */
    FS_REFUSED = 6,    /* not accepted (with the reason): done */
    FS_DUPLICATE = 7,  /* the same as another item, which the sender follows: done */
    FS_ROUTED_OUT = 8, /* a complaint or denunciation sent to the competent body: done */
};
#define FS_MIN 1
#define FS_MAX 8

enum feedback_action {
    FA_ACCEPT,    /* 1 → 2 */
    FA_REFUSE,    /* 1, 3 → 6 (reason) */
    FA_DUPLICATE, /* 1, 2 → 7 (the original's code) */
    FA_ROUTE_OUT, /* 1 → 8: a complaint or denunciation (reason: where it went) */
    FA_FORWARD,   /* 1, 2 → same, another agency (agency, reason) */
    FA_ASK,       /* 2 → 3: more information (what is needed) */
    FA_INFORM,    /* 3 → 2: the information came (note); the clock runs again */
    FA_ANSWER,    /* 2 → 4 (the answer) */
    FA_PUBLISH,   /* 4 → 5 */
    FA_COUNT
};

/* The legal service times, in working days (data: an administrator changes them). */
struct feedback_times {
    double classify, ask, answer, publish;
};
extern const struct feedback_times feedback_times_default; /* 2, 5, 15, 2 */

/* A feedback item. Timestamps are Unix seconds, 0 for none; strings owned by the filler. */
struct feedback {
    int64_t id;
    const char *code; /* "PAKN-yyMMdd-NNNN" */
    int channel, category, status, version;
    const char *agency;                    /* the handling agency; NULL: to be routed by hand */
    const char *agency_name, *agency_path; /* read only */
    const char *dossier_code;              /* the dossier it concerns, if any */
    const char *name, *phone, *email, *phone_last4;
    int64_t submitted_by, recorded_by; /* the citizen's account; the hotline operator */
    const char *text, *address;
    int has_location;
    double lat, lng;
    const char *client; /* the Open311 client that posted it */
    int64_t received_at, classify_due, classified_at, ask_due, asked_at, answer_due, answered_at,
        publish_due, published_at, closed_at, paused_at;
    const char *answer, *reason, *request, *duplicate_of;
    int64_t created_at, updated_at;
};

struct feedback_event {
    int64_t id, at;
    const char *action;
    int from_status, to_status; /* 0: none (receipt) */
    int64_t actor_id;
    const char *actor_name, *agency, *to_agency, *note;
    const char *timeliness; /* the step this action ends: early, on_time, late */
};

/* API names and Vietnamese labels; NULL when out of range. */
const char *feedback_category_name(int category);
const char *feedback_category_label(int category);
int feedback_category_parse(const char *name); /* -1 when unknown */
const char *feedback_channel_name(int channel);
const char *feedback_status_name(int status);
const char *feedback_status_label(int status);
int feedback_status_parse(const char *name);
int feedback_status_final(int status);
const char *feedback_action_name(int action);
const char *feedback_action_label(int action);
int feedback_action_parse(const char *name);
/* 1 when the action may be taken from the status. */
int feedback_action_allowed(int action, int status);
/*
 * 1 when the item offers the action: its status allows it, and its category
 * does (a complaint is routed out, never accepted; feedback is never routed out).
 */
int feedback_action_offered(int action, const struct feedback *f);
/* The capability (core/roles.h) that takes the action at the item's agency. */
int feedback_action_capability(int action);

/*
 * Whether a text holds HTML markup: '<' followed by a letter, '/', '!' or '?'
 * (a tag, a comment, a declaration). Feedback is plain text; "< 5 ngày" is text.
 */
int feedback_markup(const char *s);

#define FEEDBACK_CODE_MAX 24
#define FEEDBACK_TEXT_MAX 4000
#define FEEDBACK_COUNTER  "PAKN" /* the key of the daily counter of codes */
/* "PAKN-yyMMdd-NNNN" for a local day and a counter: 0, or -1 when they make no code. */
int feedback_code_format(int64_t local_day, int counter, char out[FEEDBACK_CODE_MAX]);
int feedback_code_valid(const char *s);

/*
 * A new item received at `now`: its status and its due times (classify, ask,
 * answer from receipt, over the handling agency's office hours).
 */
int feedback_receive(struct feedback *f, const struct workcal *cal,
                     const struct feedback_times *times, int64_t now, struct err *e);

/* What an action carries, each field checked for its form. */
struct feedback_input {
    const char *reason, *note, *answer, *agency, *duplicate_of, *request;
    int64_t version;
};

/* What a move needs besides the item. */
struct feedback_facts {
    const struct workcal *cal;
    const struct feedback_times *times;
    int64_t now, actor_id;
    const char *actor_name;
    int may; /* the caller holds the action's capability at the item's agency */
    /* FA_FORWARD: the active agency asked (NULL when there is none); FA_DUPLICATE: the original */
    const char *to_agency;
    const struct feedback *original;
};

/* A move: the item after it, its control row, and whether the sender is told. */
struct feedback_move {
    struct feedback f;
    struct feedback_event ev;
    int notify;
};

/*
 * Whether the action may be taken on the item as read at `version` (0: any)
 * by a caller who holds (may) its capability at the item's agency: 0, or -1
 * with the refusal (409 version or status, 403 role). feedback_apply asks first.
 */
int feedback_may(int action, int64_t version, int may, const struct feedback *f, struct err *e);

/*
 * Applies the action: 0 and *out, or -1 with the refusal in e (409 version or
 * status, 403 not the caller's, 422 a field). f is not changed.
 */
int feedback_apply(int action, const struct feedback_input *in, const struct feedback_facts *x,
                   const struct feedback *f, struct feedback_move *out, struct arena *a,
                   struct err *e);

/*
 * The timeliness of the item's handling for the index: the answer (or a
 * refusal, a duplicate, a routing out) against the answering time, which for
 * an open item is judged at `now`. 0 while still open and not yet due;
 * otherwise TIMELY_EARLY / TIMELY_ON_TIME / TIMELY_LATE (core/dossier.h).
 */
int feedback_timeliness(const struct feedback *f, int64_t now);

/*
 * What a period [from, to) counts of items, judged at `now` (the earlier of
 * now and the period's end is its moment): received in it; handled in it
 * (answered, or done without an answer), on time or late by
 * feedback_timeliness; still open at its end, and of those overdue (past the
 * answering time and not waiting for the sender); answers rated in it, and of
 * those very satisfied or satisfied (levels 1, 2).
 */
struct feedback_tally {
    int64_t received, handled, on_time, late, open, overdue, rated, satisfied;
};
void feedback_tally_add(struct feedback_tally *t, const struct feedback *f, int rating,
                        int64_t rated_at, int64_t from, int64_t to, int64_t now);
/*
 * What the on-time share is over: the items handled in the period and those
 * still open past their answering time at its end (as for dossiers).
 */
int64_t feedback_tally_judged(const struct feedback_tally *t);

#endif
