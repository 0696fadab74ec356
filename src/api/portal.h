/*
 * The National Public Service Portal: every change of a dossier queues its
 * records, in the transaction of the change (docs/portal-sync.md).
 */
#ifndef API_PORTAL_H
#define API_PORTAL_H

#include <jansson.h>

#include "http/request.h"
#include "lib/arena.h"
#include "store/db.h"

/*
 * Queues the dossier's record and its control sheet's progress records (in
 * batches of ten), read as they stand in the open write transaction.
 * Consultations' child dossiers stay inside motcua: nothing is queued.
 */
int portal_queue(struct req *r, int64_t dossier_id, struct err *e);

/*
 * The synchronisation's state (GET /api/v1/sync/status, motcua sync status):
 * records and dossiers by state, the oldest pending record, the failed
 * records with the portal's answers; with a dossier code, that dossier's
 * state and every record of it. 404 for an unknown dossier.
 */
json_t *portal_status_json(struct db *db, struct arena *a, const char *code, struct err *e);

#endif
