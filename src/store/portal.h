/*
 * The National Public Service Portal's queue (portal_queue), each dossier's
 * synchronisation (portal_sync) and the status mapping (portal_statuses).
 * Records are written in the transaction of the change (api/portal.c) and
 * posted by the portal sender (api/portal_sender.c).
 */
#ifndef STORE_PORTAL_H
#define STORE_PORTAL_H

#include <stddef.h>

#include "core/portal.h"
#include "lib/arena.h"
#include "store/db.h"

int portal_status_map_load(struct db *db, struct portal_status_map *out, struct err *e);
/* 1 when a dossier record of the dossier was queued before. */
int portal_has_dossier_record(struct db *db, int64_t dossier_id, int *out, struct err *e);
/* Queues a record (kind "dossier" or "progress") and marks the dossier pending. */
int portal_enqueue(struct db *db, int64_t dossier_id, const char *kind, const char *payload,
                   int64_t now, struct err *e);

/*
 * A record the portal already took (a demo's history, or one imported): queued
 * at `created`, sent at `sent_at`; the dossier's state becomes sent.
 */
int portal_record_synced(struct db *db, int64_t dossier_id, const char *kind, const char *payload,
                         int64_t created, int64_t sent_at, struct err *e);

struct portal_record {
    int64_t id, dossier_id;
    const char *dossier_code, *kind, *payload, *state, *answer;
    int attempts;
    int64_t created_at, next_attempt_at, sent_at;
};

/*
 * Up to max records due now, oldest first, only the oldest pending record of
 * each dossier (a dossier's records are posted in order).
 */
int portal_due(struct db *db, struct arena *a, int64_t now, size_t max, struct portal_record **out,
               size_t *n, struct err *e);
/* The portal took the record. */
int portal_record_sent(struct db *db, int64_t id, const char *answer, int64_t now, struct err *e);
/* A failed attempt: tried again at next_attempt_at, or marked failed when that is 0. */
int portal_record_retry(struct db *db, int64_t id, const char *answer, int64_t next_attempt_at,
                        struct err *e);
/*
 * Failed records (of one dossier, or all when dossier_id is 0) pending again
 * and due at once, attempts counted afresh; *n how many. Inside the caller's
 * write transaction.
 */
int portal_retry_failed(struct db *db, int64_t dossier_id, int64_t *n, struct err *e);

struct portal_summary {
    int64_t records[3];        /* pending, sent, failed */
    int64_t dossiers[3];       /* the dossiers in each state */
    int64_t oldest_pending_at; /* 0: none */
};
int portal_summary_read(struct db *db, int64_t dossier_id, struct portal_summary *out,
                        struct err *e);
/* Records in a state (of one dossier, or all when 0), oldest first, at most max. */
int portal_records(struct db *db, struct arena *a, int64_t dossier_id, const char *state,
                   size_t max, struct portal_record **out, size_t *n, struct err *e);

struct portal_sync_row {
    const char *state, *answer;
    int64_t changed_at, synced_at;
};
/* A dossier's synchronisation: DB_ROW, DB_DONE (nothing was ever queued) or -1. */
int portal_sync_get(struct db *db, struct arena *a, int64_t dossier_id, struct portal_sync_row *out,
                    struct err *e);

/* A dossier's synchronisation, for the service index. */
struct portal_fact {
    const char *agency; /* the receiving unit */
    int on_time;        /* every change reached the portal on time (none: not synchronised) */
};
/*
 * The dossiers (not consultations' children) of units under agency_path
 * submitted in [from, to), each judged by core's portal_on_time over all its
 * records; a dossier without a record is not synchronised.
 */
int portal_facts_read(struct db *db, struct arena *a, const char *agency_path, int64_t from,
                      int64_t to, struct portal_fact **out, size_t *n, struct err *e);

#endif
