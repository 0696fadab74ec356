/* Late dossiers, late steps per officer, ratings summed. */
#include "store/quality.h"
#include "store/agencies.h"
#include "store/stats.h"

#include <string.h>

#define LATE_SELECT                                                                                \
    "SELECT d.code, p.name, d.lead_agency, g.path, g.name, d.apology_cause, d.apology_reason,"     \
    " d.status, coalesce(d.received_at, 0), " DUE_SQL(                                             \
        "d.") ", coalesce(d.finished_at, 0),"                                                      \
              " coalesce(d.apology_at, 0), coalesce(d.paused_at, 0)"                               \
              " FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"                        \
              " JOIN agencies g ON g.id = d.lead_agency WHERE " AGENCY_UNDER_SQL(                  \
                  "g.path", "?") " AND d.parent_id IS NULL AND "

static void read_late(struct db_stmt *st, struct arena *a, void *out)
{
    struct late_row *r = out;
    int k = 0;

    r->code = db_col_dup(st, k++, a);
    r->procedure = db_col_dup(st, k++, a);
    r->lead_agency = db_col_dup(st, k++, a);
    r->lead_path = db_col_dup(st, k++, a);
    r->lead_name = db_col_dup(st, k++, a);
    r->apology_cause = db_col_dup(st, k++, a);
    r->apology_reason = db_col_dup(st, k++, a);
    r->status = (int)db_col_int(st, k++);
    r->received_at = db_col_int(st, k++);
    r->due_at = db_col_int(st, k++);
    r->finished_at = db_col_int(st, k++);
    r->apology_at = db_col_int(st, k++);
    r->paused_at = db_col_int(st, k++);
}

int late_dossiers(struct db *db, struct arena *a, const char *path, int64_t start, int64_t end,
                  int64_t now, size_t max, struct late_row **out, size_t *n, struct err *e)
{
    struct late_row *open;
    size_t nopen, i, cap;

    if (db_all(db, a, read_late, sizeof(**out), out, n, e,
               LATE_SELECT LATE_SQL("d.") " AND d.finished_at >= ?"
                                          " AND d.finished_at < ?"
                                          " ORDER BY d.finished_at LIMIT ?",
               "ttIII", path, path, start, end, (int64_t)max) < 0 ||
        db_all(db, a, read_late, sizeof(*open), &open, &nopen, e,
               LATE_SELECT OVERDUE_SQL("d.") " AND d.received_at < ? ORDER BY " DUE_SQL(
                   "d.") " LIMIT ?",
               "ttIII", path, path, end < now ? end : now, end, (int64_t)max) < 0)
        return -1;
    cap = *n;
    for (i = 0; i < nopen && *n < max; i++)
        *(struct late_row *)arena_push(a, out, n, &cap, sizeof(**out)) = open[i];
    return 0;
}

static void read_risk(struct db_stmt *st, struct arena *a, void *out)
{
    struct risk_row *r = out;

    r->code = db_col_dup(st, 0, a);
    r->procedure = db_col_dup(st, 1, a);
    r->lead_agency = db_col_dup(st, 2, a);
    r->due_at = db_col_int(st, 3);
    r->rank = db_col_int(st, 4);
    r->agency_risk = db_col_int(st, 5);
}

int at_risk_dossiers(struct db *db, struct arena *a, const char *path, int64_t now, int64_t until,
                     size_t per_agency, struct risk_row **out, size_t *n, struct err *e)
{
    return db_all(
        db, a, read_risk, sizeof(**out), out, n, e,
        "SELECT code, procedure, lead_agency, due, k, total FROM ("
        "SELECT d.code AS code, p.name AS procedure, d.lead_agency AS lead_agency,"
        " " DUE_SQL(
            "d.") " AS due, row_number() OVER (PARTITION BY d.lead_agency"
                  " ORDER BY " DUE_SQL(
                      "d.") ", d.code) AS k,"
                            " count(*) OVER (PARTITION BY d.lead_agency) AS total"
                            " FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
                            " JOIN agencies g ON g.id = d.lead_agency"
                            " WHERE " AGENCY_UNDER_SQL(
                                "g.path",
                                "?") " AND d.parent_id IS NULL"
                                     " AND " STATUS_IN_SQL(
                                         "d.status",
                                         DOSSIERS_CLOCK_RUNS) " AND d.received_at IS NOT NULL "
                                                              "AND " DUE_SQL("d.") " >= ?"
                                                                                   " AND " DUE_SQL(
                                                                                       "d.") " < "
                                                                                             "?) "
                                                                                             "WHERE"
                                                                                             " k "
                                                                                             "<= ? "
                                                                                             "ORDER"
                                                                                             " BY "
                                                                                             "due, "
                                                                                             "code",
        "ttIII", path, path, now, until, (int64_t)per_agency);
}

static void read_officer(struct db_stmt *st, struct arena *a, void *out)
{
    struct late_officer *o = out;

    o->officer = db_col_dup(st, 0, a);
    o->unit = db_col_dup(st, 1, a);
    o->unit_name = db_col_dup(st, 2, a);
    o->steps = db_col_int(st, 3);
}

int late_officers(struct db *db, struct arena *a, const char *path, int64_t start, int64_t end,
                  struct late_officer **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_officer, sizeof(**out), out, n, e,
                  "SELECT coalesce(e.actor_name, ''), e.unit, g.name, count(*)"
                  " FROM dossier_events e JOIN agencies g ON g.id = e.unit"
                  " WHERE e.timeliness = 'late' AND e.at >= ? AND e.at < ?"
                  " AND " AGENCY_UNDER_SQL(
                      "g.path", "?") " GROUP BY e.actor_name, e.unit, g.name ORDER BY 4 DESC, 1",
                  "IItt", start, end, path, path);
}

#define RATING_COLUMNS                                                                             \
    "count(*), sum(CASE WHEN r.level = 1 THEN 1 ELSE 0 END),"                                      \
    " sum(CASE WHEN r.level = 2 THEN 1 ELSE 0 END), sum(CASE WHEN r.level = 3 THEN 1 ELSE 0 END)," \
    " sum(r.access), count(r.access), sum(r.procedure), count(r.procedure),"                       \
    " sum(r.officer), count(r.officer), sum(r.result), count(r.result),"                           \
    " sum(r.feedback), count(r.feedback)"                                                          \
    " FROM ratings r JOIN dossiers d ON d.id = r.dossier_id"                                       \
    " JOIN agencies g ON g.id = d.lead_agency"                                                     \
    " WHERE r.created_at >= ? AND r.created_at < ? AND " AGENCY_UNDER_SQL("g.path", "?")

static void read_sums(struct db_stmt *st, struct arena *a, void *out)
{
    struct rating_sums *s = out;
    int k = 0, c;

    s->agency = db_col_dup(st, k++, a);
    s->procedure_id = db_col_int(st, k++);
    s->count = db_col_int(st, k++);
    for (c = 0; c < 3; c++)
        s->level[c] = db_col_int(st, k++);
    for (c = 0; c < RATING_CRITERIA_N; c++) {
        s->sum[c] = db_col_int0(st, k++);
        s->scored[c] = db_col_int(st, k++);
    }
}

int rating_sums(struct db *db, struct arena *a, const char *path, int by_procedure, int64_t start,
                int64_t end, struct rating_sums **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_sums, sizeof(**out), out, n, e,
                  by_procedure
                      ? "SELECT '', d.procedure_id, " RATING_COLUMNS " GROUP BY d.procedure_id"
                      : "SELECT d.lead_agency, 0, " RATING_COLUMNS " GROUP BY d.lead_agency",
                  "IItt", start, end, path, path);
}
