/*
 * Notifications to applicants, in Vietnamese: written to the outbox inside
 * the transaction of the change they announce. Nothing is written when the
 * applicant gave no e-mail address.
 */
#ifndef API_NOTIFY_H
#define API_NOTIFY_H

#include "http/request.h"
#include "store/dossiers.h"

enum notice {
    NOTICE_RECEIVED,   /* with the code and the due time */
    NOTICE_SUPPLEMENT, /* what is missing and why */
    NOTICE_APOLOGY,    /* the apology and the new appointment */
    NOTICE_RESULT,     /* the result is ready */
};

int notify(struct req *r, const struct dossier *d, int notice, struct err *e);

#endif
