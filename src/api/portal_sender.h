/*
 * The portal sender: a thread that posts the portal's queue (store/portal.h)
 * to the National Public Service Portal with libcurl. It obtains a session
 * from the authentication endpoint, posts each dossier's records in order,
 * retries a refused record with exponential back-off, gives it up after the
 * last attempt with the portal's answer, and authenticates again on 401.
 */
#ifndef API_PORTAL_SENDER_H
#define API_PORTAL_SENDER_H

#include "lib/err.h"

struct portal_sender_config {
    const char *db_path;
    const char *auth_url;        /* POST {"username", "password"} → {"session"}; NULL: none */
    const char *url;             /* where records are posted */
    const char *user, *password; /* the unit's credential at the portal */
    const char *unit;            /* the unit's code at the portal ("madonvi") */
    int retry_seconds;           /* first retry after this many seconds, doubling */
    int max_attempts;            /* then the record is marked failed */
    int poll_ms;                 /* how often the queue is read */
};

struct portal_sender;

int portal_sender_start(const struct portal_sender_config *cfg, struct portal_sender **out,
                        struct err *e);
/* Stops the thread after the record in hand, and frees it. */
void portal_sender_stop(struct portal_sender *s);

#endif
