/* Counts for GET /metrics: dossiers by status, the queues' backlogs, open feedback. */
#include "store/metrics.h"

#include <string.h>

int metrics_counts(struct db *db, int64_t now, struct metric_counts *out, struct err *e)
{
    struct db_stmt *st = NULL;
    int rc;

    memset(out, 0, sizeof(*out));
    if (db_query(db, &st, e, "SELECT status, count(*) FROM dossiers GROUP BY status", "") < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        int64_t status = db_col_int(st, 0);
        if (status >= 0 && status <= METRICS_STATUS_MAX)
            out->dossiers[status] = db_col_int(st, 1);
    }
    db_finalize(st);
    if (rc < 0 ||
        db_int(db, &out->outbox_pending, e, "SELECT count(*) FROM outbox WHERE status = 'pending'",
               "") < 0 ||
        db_int(db, &out->outbox_failed, e, "SELECT count(*) FROM outbox WHERE status = 'failed'",
               "") < 0 ||
        db_int(db, &out->portal_pending, e,
               "SELECT count(*) FROM portal_queue WHERE state = 'pending'", "") < 0 ||
        db_int(db, &out->portal_failed, e,
               "SELECT count(*) FROM portal_queue WHERE state = 'failed'", "") < 0 ||
        db_int(db, &out->feedback_open, e, "SELECT count(*) FROM feedback WHERE status <= 4", "") <
            0 ||
        db_int(db, &out->feedback_overdue, e,
               "SELECT count(*) FROM feedback WHERE status IN (1, 2) AND answer_due < ?", "I",
               now) < 0)
        return -1;
    return 0;
}
