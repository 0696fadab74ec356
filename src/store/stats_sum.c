/* The statistics counters summed for reports: over periods, units, procedures, months. */
#include "store/stats.h"
#include "store/agencies.h"

#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "lib/strbuf.h"

static int row_cmp(const void *a, const void *b)
{
    const struct stat_row *x = a, *y = b;
    int c = strcmp(x->agency, y->agency);

    if (c)
        return c;
    if (x->procedure_id != y->procedure_id)
        return x->procedure_id < y->procedure_id ? -1 : 1;
    return x->month < y->month ? -1 : x->month > y->month;
}

/* Sorts the rows and adds up those with the same key. */
static void merge_rows(struct stat_row *r, size_t *n)
{
    size_t i, k = 0;

    if (!*n)
        return;
    qsort(r, *n, sizeof(*r), row_cmp);
    for (i = 1; i < *n; i++) {
        if (!row_cmp(&r[k], &r[i]))
            stat_sums_add(&r[k].s, &r[i].s);
        else
            r[++k] = r[i];
    }
    *n = k + 1;
}

static void group_sql(struct strbuf *sql, unsigned by, const char *agency_col,
                      const char *month_expr)
{
    strbuf_addf(sql, "SELECT %s", by & STAT_BY_AGENCY ? agency_col : "''");
    strbuf_addstr(sql, by & STAT_BY_PROCEDURE ? ", procedure_id" : ", 0");
    strbuf_addf(sql, ", %s", by & STAT_BY_MONTH ? month_expr : "''");
}

static void group_by_sql(struct strbuf *sql, unsigned by, const char *agency_col,
                         const char *month_expr)
{
    const char *sep = " GROUP BY ";

    if (by & STAT_BY_AGENCY)
        strbuf_addf(sql, "%s%s", sep, agency_col), sep = ", ";
    if (by & STAT_BY_PROCEDURE)
        strbuf_addf(sql, "%sprocedure_id", sep), sep = ", ";
    if (by & STAT_BY_MONTH)
        strbuf_addf(sql, "%s%s", sep, month_expr);
}

#define UNDER_PATH "agency IN (SELECT id FROM agencies WHERE " AGENCY_UNDER_SQL("path", "?") ")"
#define UNDER_LEAD                                                                                 \
    "lead_agency IN (SELECT id FROM agencies WHERE " AGENCY_UNDER_SQL("path", "?") ")"

/* Adds the rows of one grain over [lo, hi] (period texts) to *out. */
static int sum_part(struct db *db, struct arena *a, const char *path, unsigned by, int grain,
                    const char *lo, const char *hi, struct stat_row **out, size_t *n, size_t *cap,
                    struct err *e)
{
    struct strbuf sql = STRBUF_INIT;
    struct db_stmt *st = NULL;
    int c, rc;

    group_sql(&sql, by, "agency", "substr(period, 1, 7)");
    for (c = 0; c < ST_COUNT; c++)
        strbuf_addf(&sql, ", sum(%s)", stat_col_name(c));
    strbuf_addstr(&sql,
                  " FROM stats WHERE " UNDER_PATH " AND grain = ? AND period BETWEEN ? AND ?");
    group_by_sql(&sql, by, "agency", "substr(period, 1, 7)");
    rc = db_query(db, &st, e, sql.buf, "ttitt", path, path, grain, lo, hi);
    strbuf_release(&sql);
    if (rc < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct stat_row *r = arena_push(a, (void **)out, n, cap, sizeof(*r));
        const char *month = db_col_text(st, 2);
        r->agency = db_col_dup(st, 0, a);
        r->procedure_id = db_col_int(st, 1);
        r->month = month && *month ? stats_parse_period(month) : 0;
        for (c = 0; c < ST_COUNT; c++)
            r->s.v[c] = db_col_int(st, 3 + c);
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

static int sum_days(struct db *db, struct arena *a, const char *path, unsigned by,
                    const struct day_span *s, struct stat_row **out, size_t *n, size_t *cap,
                    struct err *e)
{
    char lo[DATE_ISO_MAX], hi[DATE_ISO_MAX];

    date_format_ymd(s->first, lo);
    date_format_ymd(s->last, hi);
    return sum_part(db, a, path, by, by & STAT_BY_PROCEDURE ? GRAIN_PROC_DAY : GRAIN_DAY, lo, hi,
                    out, n, cap, e);
}

static int sum_months(struct db *db, struct arena *a, const char *path, unsigned by, const char *lo,
                      int64_t last_month, struct stat_row **out, size_t *n, size_t *cap,
                      struct err *e)
{
    char hi[DATE_ISO_MAX];

    stats_period_text(GRAIN_MONTH, last_month, hi);
    return sum_part(db, a, path, by, by & STAT_BY_PROCEDURE ? GRAIN_PROC_MONTH : GRAIN_MONTH, lo,
                    hi, out, n, cap, e);
}

int stats_sum(struct db *db, struct arena *a, const char *path, unsigned by, int64_t first,
              int64_t last, struct stat_row **out, size_t *n, struct err *e)
{
    struct period_split s;
    size_t cap = 0;

    *out = NULL;
    *n = 0;
    if (first == STAT_DAY_MIN) {
        /* every month before last's, then the days of last's month */
        int64_t month = stats_month_of(last);
        struct day_span days = {month, last};
        if (sum_months(db, a, path, by, "0000-00", month - 1, out, n, &cap, e) < 0 ||
            sum_days(db, a, path, by, &days, out, n, &cap, e) < 0)
            return -1;
    } else {
        char lo[DATE_ISO_MAX];
        period_split(first, last, &s);
        stats_period_text(GRAIN_MONTH, s.months.first, lo);
        if ((s.has_head && sum_days(db, a, path, by, &s.head, out, n, &cap, e) < 0) ||
            (s.has_months && sum_months(db, a, path, by, lo, s.months.last, out, n, &cap, e) < 0) ||
            (s.has_tail && sum_days(db, a, path, by, &s.tail, out, n, &cap, e) < 0))
            return -1;
    }
    merge_rows(*out, n);
    return 0;
}

static int online_part(struct db *db, struct arena *a, const char *path, int grain, const char *lo,
                       const char *hi, struct stat_row **out, size_t *n, size_t *cap, struct err *e)
{
    struct db_stmt *st = NULL;
    int rc;

    if (db_query(
            db, &st, e,
            "SELECT agency, procedure_id, recv_online, paid_online FROM stats WHERE " UNDER_PATH
            " AND grain = ? AND period BETWEEN ? AND ? AND (recv_online > 0 OR paid_online > 0)",
            "ttitt", path, path, grain, lo, hi) < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct stat_row *r = arena_push(a, (void **)out, n, cap, sizeof(*r));
        r->agency = db_col_dup(st, 0, a);
        r->procedure_id = db_col_int(st, 1);
        r->s.v[ST_RECV_ONLINE] = db_col_int(st, 2);
        r->s.v[ST_PAID_ONLINE] = db_col_int(st, 3);
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int stats_online_procedures(struct db *db, struct arena *a, const char *path, int64_t first,
                            int64_t last, struct stat_row **out, size_t *n, struct err *e)
{
    struct period_split s;
    const struct day_span *days[2];
    char lo[DATE_ISO_MAX], hi[DATE_ISO_MAX];
    size_t cap = 0;
    int i;

    *out = NULL;
    *n = 0;
    period_split(first, last, &s);
    if (s.has_months) {
        stats_period_text(GRAIN_MONTH, s.months.first, lo);
        stats_period_text(GRAIN_MONTH, s.months.last, hi);
        if (online_part(db, a, path, GRAIN_PROC_MONTH, lo, hi, out, n, &cap, e) < 0)
            return -1;
    }
    days[0] = s.has_head ? &s.head : NULL;
    days[1] = s.has_tail ? &s.tail : NULL;
    for (i = 0; i < 2; i++) {
        if (!days[i])
            continue;
        date_format_ymd(days[i]->first, lo);
        date_format_ymd(days[i]->last, hi);
        if (online_part(db, a, path, GRAIN_PROC_DAY, lo, hi, out, n, &cap, e) < 0)
            return -1;
    }
    return 0;
}

int stats_overdue_now(struct db *db, struct arena *a, const char *path, unsigned by, int64_t now,
                      struct stat_row **out, size_t *n, struct err *e)
{
    struct strbuf sql = STRBUF_INIT;
    struct db_stmt *st = NULL;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    by &= ~(unsigned)STAT_BY_MONTH;
    group_sql(&sql, by, "lead_agency", "''");
    strbuf_addstr(&sql, ", count(*) FROM dossiers WHERE " UNDER_LEAD
                        " AND " OVERDUE_SQL("") " AND parent_id IS NULL");
    group_by_sql(&sql, by, "lead_agency", "''");
    rc = db_query(db, &st, e, sql.buf, "ttI", path, path, now);
    strbuf_release(&sql);
    if (rc < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        struct stat_row *r = arena_push(a, (void **)out, n, &cap, sizeof(*r));
        memset(r, 0, sizeof(*r));
        r->agency = db_col_dup(st, 0, a);
        r->procedure_id = db_col_int(st, 1);
        r->s.v[ST_OVERDUE_FROM] = db_col_int(st, 3);
    }
    db_finalize(st);
    if (rc < 0)
        return -1;
    merge_rows(*out, n);
    return 0;
}
