/*
 * What a dossier counts for in the statistics. Every counter is a function of
 * the dossier's present state: a change subtracts what the old state counted
 * and adds what the new one counts, on the local days concerned. Reports add
 * the counters of days (or months) up; `report verify` recomputes them.
 *
 * A dossier opened by consulting another agency (a child) counts for nothing:
 * its parent is the dossier the applicant filed.
 */
#ifndef CORE_STATS_H
#define CORE_STATS_H

#include <stddef.h>
#include <stdint.h>

enum stat_col {
    ST_RECV_COUNTER, /* received at the counter, on the day received */
    ST_RECV_ONLINE,  /* submitted online and accepted, on the day accepted */
    ST_RECV_POST,    /* received by public post */
    /* resolved: a result ready, or a received dossier refused, withdrawn or stopped; on that day */
    ST_DONE_EARLY,      /* resolved before the due day */
    ST_DONE_ON_TIME,    /* resolved on the due day, at or before the due time */
    ST_DONE_LATE,       /* resolved after the due time */
    ST_DONE_INDEX_LATE, /* early or on time, but with more than one supplement request */
    ST_REFUSED,         /* of the resolved: received, then refused; on the day closed */
    ST_WITHDRAWN,       /* of the resolved: withdrawn at the applicant's request */
    ST_STOPPED,         /* of the resolved: processing stopped */
    ST_NOT_ACCEPTED,    /* submitted online and closed without being received */
    ST_OVERDUE_FROM,    /* received and not ended by its due time: on the due day */
    ST_ENDED_LATE,      /* ended (result, refused, withdrawn, stopped) after the due time */
    ST_RETURNED,        /* result handed to the applicant, on that day */
    ST_FEE_BEARING,     /* received, with a financial obligation; on the day received */
    ST_PAID_ONLINE,     /* of those, paid online */
    ST_COMPONENTS,      /* components received, on the day received */
    ST_DIGITISED,       /* of those, backed by a scan */
    ST_E_RESULT,        /* result issued electronically, on the day finished */
    ST_RATING_1,        /* rated very satisfied, on the day rated */
    ST_RATING_2,        /* satisfied */
    ST_RATING_3,        /* not satisfied */
    ST_COUNT
};

/* The column's name in the database and the API. */
const char *stat_col_name(int col);

/* The facts of a dossier the counters depend on (0: not set). */
struct stat_facts {
    int child;   /* opened by a consultation: counts for nothing */
    int channel; /* 1 counter, 2 online, 3 post */
    int status;
    /*
     * due_at is the law's: the statutory due time moved by supplement pauses,
     * never by an apology's new appointment (a promise, not a new deadline).
     */
    int64_t received_at, due_at, finished_at, returned_at, closed_at;
    int64_t paused_at; /* waiting for a supplement since then: the clock stands */
    int supplement_count;
    int64_t fee_amount;
    int paid_online;
    int components, digitised;
    int e_result;
    int rating; /* 1..3, 0 none */
    int64_t rated_at;
};

/*
 * In progress past the law's due time at `now`: received, without a result
 * and not ended (DOSSIERS_IN_PROGRESS), due before now, and not waiting for a
 * supplement asked at or before the due time (the clock stood in time).
 * store/stats.h's OVERDUE_SQL says the same in SQL.
 */
int stat_overdue_at(const struct stat_facts *f, int64_t now);

/* One count: n added to a column on a local day. */
struct stat_hit {
    int64_t day;
    int col;
    int n;
};

#define STAT_HITS_MAX 16

/* What a dossier in that state counts for; returns how many hits were written. */
size_t stats_of(const struct stat_facts *f, struct stat_hit out[STAT_HITS_MAX]);

/* Sums of every column over some days. */
struct stat_sums {
    int64_t v[ST_COUNT];
};

void stat_sums_add(struct stat_sums *to, const struct stat_sums *x);

/*
 * The periodic report on resolution (one row): from the sums of the days
 * before the period and of the period itself.
 */
struct resolution {
    int64_t carried, new_online, new_counter, new_post, received;
    int64_t early, on_time, late, resolved;
    int64_t refused, withdrawn, stopped;
    int64_t in_progress, within_time, overdue;
    int64_t returned, not_accepted;
    /* per ten thousand: 9957 is 99.57 %; -1 when nothing was resolved */
    int on_time_rate;
};

/*
 * overdue_now is the number of dossiers in progress past their due time at
 * the end of the period when it is known directly (the period runs to now),
 * or -1 to take it from the counters (the end of the period's last day).
 */
void resolution_of(const struct stat_sums *before, const struct stat_sums *during,
                   int64_t overdue_now, struct resolution *out);

/* A rate in ten-thousandths, rounded half up; -1 when den is 0. */
int rate_bp(int64_t num, int64_t den);

/*
 * A range of days cut into whole months and the loose days at either end,
 * so that counters kept per day and per month are read with few rows.
 */
struct day_span {
    int64_t first, last; /* local days, inclusive */
};
struct period_split {
    struct day_span head, months, tail; /* months: first..last are months' first days */
    int has_head, has_months, has_tail;
};
void period_split(int64_t first, int64_t last, struct period_split *out);

#endif
