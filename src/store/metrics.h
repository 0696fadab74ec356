/* The counts GET /metrics reads from the database at each scrape. */
#ifndef STORE_METRICS_H
#define STORE_METRICS_H

#include <stdint.h>

#include "store/db.h"

#define METRICS_STATUS_MAX 15 /* dossier statuses counted: 0..15 */

struct metric_counts {
    int64_t dossiers[METRICS_STATUS_MAX + 1]; /* by status */
    int64_t outbox_pending, outbox_failed;    /* notifications */
    int64_t portal_pending, portal_failed;    /* national portal records */
    int64_t feedback_open;                    /* received, accepted, waiting or answered */
    int64_t feedback_overdue;                 /* open, not waiting, past its answer's due time */
};

int metrics_counts(struct db *db, int64_t now, struct metric_counts *out, struct err *e);

#endif
