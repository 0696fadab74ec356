/*
 * Notifications to applicants, in Vietnamese: written to the outbox inside
 * the transaction of the change they announce. Nothing is written when the
 * applicant gave no e-mail address.
 */
#ifndef API_NOTIFY_H
#define API_NOTIFY_H

#include "http/request.h"
#include "core/lifecycle.h"
#include "store/dossiers.h"

/* The notice (core/lifecycle.h's enum notice) to the dossier's applicant. */
int notify(struct req *r, const struct dossier *d, int notice, struct err *e);

#endif
