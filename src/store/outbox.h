/*
 * The notification outbox: messages written in the same transaction as the
 * change they announce, delivered later by the sender (api/sender.c).
 */
#ifndef STORE_OUTBOX_H
#define STORE_OUTBOX_H

#include <stddef.h>

#include "lib/arena.h"
#include "store/db.h"

struct outbox_msg {
    int64_t id, dossier_id;
    const char *recipient, *subject, *body, *status, *last_error;
    int attempts;
    int64_t created_at, next_attempt_at, sent_at;
};

int outbox_add(struct db *db, int64_t dossier_id, const char *recipient, const char *subject,
               const char *body, int64_t now, struct err *e);
/* Up to max pending messages whose next attempt is due. */
int outbox_due(struct db *db, struct arena *a, int64_t now, size_t max, struct outbox_msg **out,
               size_t *n, struct err *e);
int outbox_sent(struct db *db, int64_t id, int64_t now, struct err *e);
/* A failed attempt: tried again at next_attempt_at, or marked failed when that is 0. */
int outbox_retry(struct db *db, int64_t id, const char *error, int64_t next_attempt_at,
                 struct err *e);

#endif
