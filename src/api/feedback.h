/* Citizens' feedback over the API (feedback.c, feedback_act.c, feedback_view.c). */
#ifndef API_FEEDBACK_H
#define API_FEEDBACK_H

#include <jansson.h>

#include "api/app.h"
#include "store/feedback.h"

/* Who sees an item, and so how it shows. */
enum feedback_view {
    FEEDBACK_STAFF_FULL, /* staff who see personal data */
    FEEDBACK_STAFF,      /* staff who see it masked (steering committee, auditors) */
    FEEDBACK_SENDER,     /* the signed-in citizen who sent it */
    FEEDBACK_FOLLOW,     /* anyone with its code and the sender's contact */
    FEEDBACK_PUBLIC,     /* a published answer: no personal data */
};

json_t *feedback_json(struct req *r, const struct feedback *f, int view);
json_t *feedback_events_json(const struct feedback_event *ev, size_t n, int with_actors);

/*
 * The item named by the code as this caller may see it: staff over its
 * agency, its signed-in sender, or anyone giving its sender's contact (the
 * last four phone digits or the e-mail address, `contact`; such tries are rate
 * limited like the dossier lookup). 404 otherwise.
 */
int feedback_find(struct req *r, const char *code, const char *contact, struct feedback *f,
                  int *view, struct err *e);

/* An attached file as the API shows it, with its download URL (feedback_files.c). */
json_t *feedback_file_json(struct req *r, const struct feedback *f, const struct feedback_file *x);

/*
 * Receives a new item (channel, category, text and sender set): routes it to
 * the agency answering for the dossier it names (strict: an unknown code is a
 * 422; else the item routes like one naming none), else the category's route,
 * else the province's office; gives it its code and due times; writes it with
 * its first control-sheet row, tells its sender and audits it. In the
 * caller's write transaction.
 */
int feedback_new(struct req *r, struct feedback *f, int strict, const char *actor_name,
                 const char *audit_detail, struct err *e);
/* A string member of a body that must be plain text (422 `markup` otherwise). */
const char *feedback_plain(json_t *body, const char *key, unsigned flags, size_t max,
                           struct err *e);
/* How the control sheet names an officer: the full name, else the username. */
const char *feedback_actor_name(const struct user *u);

/* Tells the sender, by e-mail, where the item stands (in the caller's transaction). */
int feedback_notify(struct req *r, const struct feedback *f, struct err *e);

#endif
