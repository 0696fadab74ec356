/*
 * The statistics counters (table stats; what they count is core/stats.h):
 * kept in the transactions that change dossiers, summed by reports,
 * recomputed from the dossiers by verify and rebuild.
 */
#ifndef STORE_STATS_H
#define STORE_STATS_H

#include <stdio.h>

#include "core/date.h"
#include "core/dossier.h"
#include "core/stats.h"
#include "store/db.h"

/*
 * A status set of core/dossier.h (a DOSSIERS_* list) in SQL, generated from
 * the list itself: STATUS_IN_SQL("d.status", DOSSIERS_OPEN) is d.status IN a
 * list of 0 (no status: the column's CHECK keeps it out) and the set's numbers.
 */
#define STATUS_SQL_ITEM_(s)     ", " #s
#define STATUS_IN_SQL(col, set) col " IN (0" set(STATUS_SQL_ITEM_) ")"

/*
 * A dossier in progress past the law's due time at a moment (the one bound
 * parameter), as core/stats.c's stat_overdue_at says: received, its clock
 * running, or waiting for a supplement asked after the due time. P is the
 * table's prefix. LATE_SQL: finished after the due time (core's
 * dossier_timeliness, TIMELY_LATE).
 */
#define DUE_SQL(P) "coalesce(" P "original_due_at, " P "due_at)"
#define PAUSED_LATE_SQL(P)                                                                         \
    "(" STATUS_IN_SQL(P "status", DOSSIERS_WAITING) " AND (" P "paused_at IS NULL OR " P           \
                                                    "paused_at > " DUE_SQL(P) "))"
#define OVERDUE_SQL(P)                                                                             \
    "(" STATUS_IN_SQL(P "status", DOSSIERS_CLOCK_RUNS) " OR " PAUSED_LATE_SQL(                     \
        P) ") AND " P "received_at IS NOT NULL AND " DUE_SQL(P) " < ?"
#define LATE_SQL(P) P "finished_at > " DUE_SQL(P)

enum stat_grain { GRAIN_DAY = 1, GRAIN_MONTH = 2, GRAIN_PROC_DAY = 3, GRAIN_PROC_MONTH = 4 };

/* The first day of a day's month; a period's key as stored ("YYYY-MM-DD", "YYYY-MM" for months). */
int64_t stats_month_of(int64_t day);
void stats_period_text(int64_t grain, int64_t period, char out[DATE_ISO_MAX]);
/* The day a period key names (a month's first day), or INT64_MIN. */
int64_t stats_parse_period(const char *s);

/* A dossier's counted state before a change (see stats_track_end). */
struct stat_mark {
    int64_t dossier_id, procedure_id;
    int known; /* the dossier existed */
    char agency[16];
    struct stat_facts facts;
};

/*
 * Around every change of a dossier (or of its components or rating), inside
 * the write transaction: begin reads what it counted for, end reads what it
 * counts for now and moves the counters by the difference.
 */
int stats_track_begin(struct db *db, int64_t dossier_id, struct stat_mark *m, struct err *e);
int stats_track_end(struct db *db, const struct stat_mark *m, struct err *e);

/*
 * Batching, for a writer of many dossiers in one transaction (motcua gen):
 * after stats_batch_begin(db), what the tracking of changes on this
 * connection (by this thread) moves adds up in memory, one row per counter;
 * stats_batch_flush() writes it into the open write transaction (call it
 * before each commit) and goes on batching; stats_batch_end() drops what was
 * not flushed and stops. Counters read inside the transaction before a flush
 * lack the batch.
 */
void stats_batch_begin(struct db *db);
int stats_batch_flush(struct db *db, struct err *e);
void stats_batch_end(struct db *db);

/* Sums of the counters, keyed by what a report groups on. */
struct stat_row {
    const char *agency;   /* with STAT_BY_AGENCY, else "" */
    int64_t procedure_id; /* with STAT_BY_PROCEDURE, else 0 */
    int64_t month;        /* with STAT_BY_MONTH: the month's first day, else 0 */
    struct stat_sums s;
};

enum { STAT_BY_AGENCY = 1, STAT_BY_PROCEDURE = 2, STAT_BY_MONTH = 4 };

/*
 * The sums over the local days [first, last] of the agencies under
 * agency_path, grouped by the STAT_BY_* flags in `by`; first may be
 * STAT_DAY_MIN for "since the beginning". Rows are sorted by their key.
 */
#define STAT_DAY_MIN INT64_C(-1000000)
int stats_sum(struct db *db, struct arena *a, const char *agency_path, unsigned by, int64_t first,
              int64_t last, struct stat_row **out, size_t *n, struct err *e);

/*
 * The (agency, procedure) pairs under agency_path with a dossier received
 * online (ST_RECV_ONLINE) or paid online (ST_PAID_ONLINE) counted in the days
 * [first, last]: rows with only those two sums set, a pair possibly more than
 * once. Cheaper than stats_sum by procedure: it reads no other column and sorts nothing.
 */
int stats_online_procedures(struct db *db, struct arena *a, const char *agency_path, int64_t first,
                            int64_t last, struct stat_row **out, size_t *n, struct err *e);

/*
 * Dossiers in progress past their due time at `now`, counted from the
 * dossiers themselves, grouped like stats_sum (STAT_BY_MONTH is ignored).
 */
int stats_overdue_now(struct db *db, struct arena *a, const char *agency_path, unsigned by,
                      int64_t now, struct stat_row **out, size_t *n, struct err *e);

/*
 * Recomputes every counter from the dossiers and compares: writes each
 * difference (at most max_report of them) to out and sets *differences.
 */
int stats_verify(struct db *db, FILE *out, size_t max_report, int64_t *differences, struct err *e);
/* Replaces every counter by its value recomputed from the dossiers; call in a write transaction. */
int stats_rebuild(struct db *db, struct err *e);

#endif
