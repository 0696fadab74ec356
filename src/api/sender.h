/*
 * The notification sender: a thread that delivers the outbox by SMTP
 * (libcurl), retrying failed messages with exponential back-off and marking
 * each sent or, after the last attempt, failed. Every remind_seconds it also
 * writes the reform plans' reminders that have fallen due (api/plans.h).
 */
#ifndef API_SENDER_H
#define API_SENDER_H

#include "lib/err.h"

struct sender_config {
    const char *db_path;
    const char *smtp_url;        /* smtp://host:port or smtps://… */
    const char *from;            /* the From: address, "Name <a@b>" or "a@b" */
    const char *user, *password; /* optional */
    int retry_seconds;           /* first retry after this many seconds, doubling */
    int max_attempts;            /* then the message is marked failed */
    int poll_ms;                 /* how often the outbox is read */
    int remind_seconds;          /* how often reform plans' reminders are written; 0: never */
};

struct sender;

int sender_start(const struct sender_config *cfg, struct sender **out, struct err *e);
/* Stops the thread after the message in hand, and frees it. */
void sender_stop(struct sender *s);

#endif
