/*
 * The reference for intake throughput (bench/http.sh): raw SQLite writing
 * the rows one intake writes, with the server's settings (WAL, synchronous
 * FULL, foreign keys on), in transactions of BATCH intakes. The rows are
 * copied from a dossier the server took in (its template): the dossier with
 * a new code from the code counter, its components, its control-sheet row
 * and its notice in the outbox, the statistics counters of its day, due day
 * and month (by agency and by procedure), and one audit row chained to the
 * last one.
 *
 *   intake_ref DB TEMPLATE_DOSSIER_ID COUNT
 *
 * Prints "<intakes> <seconds> <intakes per second>".
 */
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 1000

/* The rows of a table that belong to the template, ready to insert again with another key. */
struct rows {
    sqlite3_stmt *insert;
    int ncols, key; /* the column that takes the new dossier's id; -1: none */
    int code;       /* the dossiers' code column; -1: none */
    size_t n;
    sqlite3_value **v; /* n * ncols values */
};

static void die(sqlite3 *db, const char *what)
{
    fprintf(stderr, "intake_ref: %s: %s\n", what, sqlite3_errmsg(db));
    exit(1);
}

static sqlite3_stmt *prepare(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *s;

    if (sqlite3_prepare_v2(db, sql, -1, &s, NULL) != SQLITE_OK)
        die(db, sql);
    return s;
}

/* Reads the template's rows of table (where col = id), leaving out the table's own id column. */
static void load(sqlite3 *db, const char *table, const char *col, long long id, struct rows *r)
{
    char sql[4096], cols[2048] = "", marks[1024] = "";
    sqlite3_stmt *s;
    int i, j, skip = -1;

    snprintf(sql, sizeof(sql), "SELECT * FROM %s WHERE %s = %lld", table, col, id);
    s = prepare(db, sql);
    memset(r, 0, sizeof(*r));
    r->key = r->code = -1;
    for (i = 0, j = 0; i < sqlite3_column_count(s); i++) {
        const char *name = sqlite3_column_name(s, i);
        if (!strcmp(name, "id")) {
            skip = i;
            continue;
        }
        if (!strcmp(name, "dossier_id"))
            r->key = j;
        if (!strcmp(table, "dossiers") && !strcmp(name, "code"))
            r->code = j;
        snprintf(cols + strlen(cols), sizeof(cols) - strlen(cols), "%s%s", j ? ", " : "", name);
        snprintf(marks + strlen(marks), sizeof(marks) - strlen(marks), "%s?", j ? ", " : "");
        j++;
    }
    r->ncols = j;
    while (sqlite3_step(s) == SQLITE_ROW) {
        r->v = realloc(r->v, (r->n + 1) * (size_t)r->ncols * sizeof(*r->v));
        for (i = 0, j = 0; i < sqlite3_column_count(s); i++)
            if (i != skip)
                r->v[r->n * (size_t)r->ncols + (size_t)j++] =
                    sqlite3_value_dup(sqlite3_column_value(s, i));
        r->n++;
    }
    sqlite3_finalize(s);
    snprintf(sql, sizeof(sql), "INSERT INTO %s (%s) VALUES (%s)", table, cols, marks);
    r->insert = prepare(db, sql);
}

/* Inserts the template's rows again for the dossier new_id (and, for the dossier, its code). */
static void copy(sqlite3 *db, struct rows *r, long long new_id, const char *code)
{
    size_t k;
    int i;

    for (k = 0; k < r->n; k++) {
        for (i = 0; i < r->ncols; i++) {
            if (i == r->key)
                sqlite3_bind_int64(r->insert, i + 1, new_id);
            else if (i == r->code)
                sqlite3_bind_text(r->insert, i + 1, code, -1, SQLITE_STATIC);
            else
                sqlite3_bind_value(r->insert, i + 1, r->v[k * (size_t)r->ncols + (size_t)i]);
        }
        if (sqlite3_step(r->insert) != SQLITE_DONE)
            die(db, "insert");
        sqlite3_reset(r->insert);
    }
}

static void run(sqlite3_stmt *s)
{
    while (sqlite3_step(s) == SQLITE_ROW)
        ;
    sqlite3_reset(s);
}

/* The local (UTC+7) day or month of a moment, as the counters name periods. */
static void period(long long t, const char *fmt, char *out, size_t size)
{
    time_t local = (time_t)(t + 7 * 3600);
    struct tm tm;

    gmtime_r(&local, &tm);
    strftime(out, size, fmt, &tm);
}

int main(int argc, char **argv)
{
    struct rows dossier, components, events, outbox;
    sqlite3 *db;
    sqlite3_stmt *s, *counter, *stat, *last, *audit;
    char agency[64], lead[64], day[16], code[64], days[3][16], prev[65], hash[65];
    unsigned char digest[32];
    long long template_id, procedure, received, due, id, n, i, at;
    struct timespec t0, t1;
    double secs;
    int k;

    if (argc != 4 || sodium_init() < 0) {
        fprintf(stderr, "usage: intake_ref DB TEMPLATE_DOSSIER_ID COUNT\n");
        return 2;
    }
    template_id = atoll(argv[2]);
    n = atoll(argv[3]);
    if (sqlite3_open(argv[1], &db) != SQLITE_OK)
        die(db, "open");
    sqlite3_busy_timeout(db, 10000);
    if (sqlite3_exec(db,
                     "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                     "PRAGMA temp_store=MEMORY;",
                     NULL, NULL, NULL) != SQLITE_OK)
        die(db, "settings");

    s = prepare(db, "SELECT agency, lead_agency, procedure_id, received_at, due_at, code"
                    " FROM dossiers WHERE id = ?");
    sqlite3_bind_int64(s, 1, template_id);
    if (sqlite3_step(s) != SQLITE_ROW)
        die(db, "no such template dossier");
    snprintf(agency, sizeof(agency), "%s", (const char *)sqlite3_column_text(s, 0));
    snprintf(lead, sizeof(lead), "%s", (const char *)sqlite3_column_text(s, 1));
    procedure = sqlite3_column_int64(s, 2);
    received = sqlite3_column_int64(s, 3);
    due = sqlite3_column_int64(s, 4);
    /* the code's day part: AGENCY-YYMMDD-NNNN */
    snprintf(day, sizeof(day), "%.6s",
             (const char *)sqlite3_column_text(s, 5) + strlen(agency) + 1);
    sqlite3_finalize(s);
    period(received, "%Y-%m-%d", days[0], sizeof(days[0]));
    period(due, "%Y-%m-%d", days[1], sizeof(days[1]));
    period(received, "%Y-%m", days[2], sizeof(days[2]));

    load(db, "dossiers", "id", template_id, &dossier);
    load(db, "dossier_components", "dossier_id", template_id, &components);
    load(db, "dossier_events", "dossier_id", template_id, &events);
    load(db, "outbox", "dossier_id", template_id, &outbox);
    counter =
        prepare(db, "INSERT INTO code_counters (agency, day, last) VALUES (?, ?, 1)"
                    " ON CONFLICT (agency, day) DO UPDATE SET last = last + 1 RETURNING last");
    stat = prepare(db,
                   "INSERT INTO stats (agency, procedure_id, grain, period, recv_counter,"
                   " overdue_from, components) VALUES (?, ?, ?, ?, ?, ?, ?)"
                   " ON CONFLICT DO UPDATE SET recv_counter = recv_counter + excluded.recv_counter,"
                   " overdue_from = overdue_from + excluded.overdue_from,"
                   " components = components + excluded.components");
    last = prepare(db, "SELECT id, hash, at FROM audit_log ORDER BY id DESC LIMIT 1");
    audit = prepare(db, "INSERT INTO audit_log (at, actor_id, action, object, detail, prev_hash,"
                        " hash) VALUES (?, 1, 'dossier.create', ?, 'counter', ?, ?)");

    clock_gettime(CLOCK_MONOTONIC, &t0);
    for (i = 0; i < n; i++) {
        if (i % BATCH == 0 && sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
            die(db, "begin");
        sqlite3_bind_text(counter, 1, agency, -1, SQLITE_STATIC);
        sqlite3_bind_text(counter, 2, day, -1, SQLITE_STATIC);
        if (sqlite3_step(counter) != SQLITE_ROW)
            die(db, "code counter");
        snprintf(code, sizeof(code), "%s-%s-%04lld", agency, day, sqlite3_column_int64(counter, 0));
        sqlite3_reset(counter);
        copy(db, &dossier, 0, code);
        id = sqlite3_last_insert_rowid(db);
        copy(db, &components, id, NULL);
        copy(db, &events, id, NULL);
        copy(db, &outbox, id, NULL);
        for (k = 0; k < 6;
             k++) { /* by agency (procedure 0) and by procedure: day, due day, month */
            int by_proc = k >= 3, which = k % 3;
            sqlite3_bind_text(stat, 1, lead, -1, SQLITE_STATIC);
            sqlite3_bind_int64(stat, 2, by_proc ? procedure : 0);
            sqlite3_bind_int(stat, 3, (which == 2 ? 2 : 1) + (by_proc ? 2 : 0));
            sqlite3_bind_text(stat, 4, days[which], -1, SQLITE_STATIC);
            sqlite3_bind_int(stat, 5, which != 1);
            sqlite3_bind_int(stat, 6, 1);
            sqlite3_bind_int(stat, 7, which != 1 ? (int)components.n : 0);
            run(stat);
        }
        at = received;
        prev[0] = '\0';
        if (sqlite3_step(last) == SQLITE_ROW)
            snprintf(prev, sizeof(prev), "%s", (const char *)sqlite3_column_text(last, 1));
        sqlite3_reset(last);
        crypto_hash_sha256(digest, (const unsigned char *)code, strlen(code));
        sodium_bin2hex(hash, sizeof(hash), digest, sizeof(digest));
        sqlite3_bind_int64(audit, 1, at);
        sqlite3_bind_text(audit, 2, code, -1, SQLITE_STATIC);
        sqlite3_bind_text(audit, 3, prev, -1, SQLITE_STATIC);
        sqlite3_bind_text(audit, 4, hash, -1, SQLITE_STATIC);
        run(audit);
        if ((i % BATCH == BATCH - 1 || i == n - 1) &&
            sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
            die(db, "commit");
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("%lld %.3f %.0f\n", n, secs, (double)n / secs);
    sqlite3_close(db);
    return 0;
}
