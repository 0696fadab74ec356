/* The statistics counters: keeping, verifying and rebuilding them (stats_sum.c sums them). */
#include "store/stats.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "lib/strbuf.h"

/* Everything a dossier's counters depend on; the dossier is `d`. */
#define FACTS_SELECT                                                                               \
    "SELECT d.id, coalesce(d.lead_agency, d.agency), d.procedure_id, CASE WHEN d.parent_id IS "    \
    "NULL THEN 0 ELSE 1 END,"                                                                      \
    " d.channel, d.status, coalesce(d.received_at, 0), coalesce(d.original_due_at, d.due_at, 0),"  \
    " coalesce(d.finished_at, 0), coalesce(d.returned_at, 0), coalesce(d.closed_at, 0),"           \
    " coalesce(d.paused_at, 0),"                                                                   \
    " d.supplement_count, coalesce(d.fee_amount, 0),"                                              \
    " CASE WHEN d.fee_method = 'online' AND d.fee_paid_at IS NOT NULL THEN 1 ELSE 0 END,"          \
    " d.result_electronic,"                                                                        \
    " (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = d.id AND c.received = 1),"   \
    " (SELECT count(*) FROM dossier_components c WHERE c.dossier_id = d.id AND c.received = 1"     \
    "   AND c.digitized = 1),"                                                                     \
    " coalesce(r.level, 0), coalesce(r.created_at, 0)"                                             \
    " FROM dossiers d LEFT JOIN ratings r ON r.dossier_id = d.id"

static void read_facts(struct db_stmt *st, struct stat_mark *m)
{
    struct stat_facts *f = &m->facts;
    const char *agency = db_col_text(st, 1);
    int k = 3;

    m->dossier_id = db_col_int(st, 0);
    snprintf(m->agency, sizeof(m->agency), "%s", agency ? agency : "");
    m->procedure_id = db_col_int(st, 2);
    f->child = (int)db_col_int(st, k++);
    f->channel = (int)db_col_int(st, k++);
    f->status = (int)db_col_int(st, k++);
    f->received_at = db_col_int(st, k++);
    f->due_at = db_col_int(st, k++);
    f->finished_at = db_col_int(st, k++);
    f->returned_at = db_col_int(st, k++);
    f->closed_at = db_col_int(st, k++);
    f->paused_at = db_col_int(st, k++);
    f->supplement_count = (int)db_col_int(st, k++);
    f->fee_amount = db_col_int(st, k++);
    f->paid_online = (int)db_col_int(st, k++);
    f->e_result = (int)db_col_int(st, k++);
    f->components = (int)db_col_int(st, k++);
    f->digitised = (int)db_col_int(st, k++);
    f->rating = (int)db_col_int(st, k++);
    f->rated_at = db_col_int(st, k++);
}

int stats_track_begin(struct db *db, int64_t dossier_id, struct stat_mark *m, struct err *e)
{
    struct db_stmt *st = NULL;
    int rc;

    memset(m, 0, sizeof(*m));
    m->dossier_id = dossier_id;
    if (db_query(db, &st, e, FACTS_SELECT " WHERE d.id = ?", "I", dossier_id) < 0)
        return -1;
    rc = db_step(st, e);
    if (rc == DB_ROW) {
        read_facts(st, m);
        m->known = 1;
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

/* A counter row's key: grain, period (a day, or a month's first day) and procedure. */
struct stat_key {
    int64_t grain, period, procedure_id;
    int64_t owner; /* in a batch: its agency's index + 1; else 0 */
};

static int key_equal(const struct stat_key *x, const struct stat_key *y)
{
    return x->grain == y->grain && x->period == y->period && x->procedure_id == y->procedure_id &&
           x->owner == y->owner;
}

struct delta {
    struct stat_key k;
    int64_t v[ST_COUNT];
};

int64_t stats_month_of(int64_t day)
{
    int y, m, d;

    date_civil_from_days(day, &y, &m, &d);
    return day - d + 1;
}

void stats_period_text(int64_t grain, int64_t period, char out[DATE_ISO_MAX])
{
    date_format_ymd(period, out);
    if (grain == GRAIN_MONTH || grain == GRAIN_PROC_MONTH)
        out[7] = '\0';
}

/* Adds sign × each hit to the four rows it belongs to. */
static size_t add_hits(struct delta *d, size_t nd, int64_t procedure_id, const struct stat_hit *h,
                       size_t nh, int sign)
{
    size_t i, j;
    int g;

    for (i = 0; i < nh; i++)
        for (g = GRAIN_DAY; g <= GRAIN_PROC_MONTH; g++) {
            struct stat_key k = {
                g, g == GRAIN_DAY || g == GRAIN_PROC_DAY ? h[i].day : stats_month_of(h[i].day),
                g >= GRAIN_PROC_DAY ? procedure_id : 0, 0};
            for (j = 0; j < nd; j++)
                if (key_equal(&d[j].k, &k))
                    break;
            if (j == nd)
                memset(&d[nd++], 0, sizeof(*d)), d[j].k = k;
            d[j].v[h[i].col] += sign * h[i].n;
        }
    return nd;
}

static struct strbuf upsert = STRBUF_INIT; /* built once: it is run for every change */
static pthread_once_t upsert_once = PTHREAD_ONCE_INIT;

static void build_upsert(void)
{
    struct strbuf *sql = &upsert;
    int c;

    strbuf_addstr(sql, "INSERT INTO stats (agency, grain, period, procedure_id");
    for (c = 0; c < ST_COUNT; c++)
        strbuf_addf(sql, ", %s", stat_col_name(c));
    strbuf_addstr(sql, ") VALUES (?, ?, ?, ?");
    for (c = 0; c < ST_COUNT; c++)
        strbuf_addstr(sql, ", ?");
    strbuf_addstr(sql, ") ON CONFLICT (agency, grain, period, procedure_id) DO UPDATE SET ");
    for (c = 0; c < ST_COUNT; c++)
        strbuf_addf(sql, "%s%s = stats.%s + excluded.%s", c ? ", " : "", stat_col_name(c),
                    stat_col_name(c), stat_col_name(c));
}

static int batch_add(struct db *db, const char *agency, const struct delta *d, size_t n);

/*
 * Adds the rows' values to the counters (skipping rows of zeros): of the
 * agency, or with names, of the agency names[k.owner - 1] of each row.
 */
static int upsert_rows(struct db *db, const char *agency, const char (*names)[16],
                       const struct delta *d, size_t n, struct err *e)
{
    struct db_stmt *st = NULL;
    size_t i;
    int c, rc = -1;

    pthread_once(&upsert_once, build_upsert);
    if (db_prepare(db, upsert.buf, &st, e) < 0)
        goto out;
    for (i = 0; i < n; i++) {
        char period[DATE_ISO_MAX];
        int zero = 1;
        for (c = 0; c < ST_COUNT; c++)
            zero &= d[i].v[c] == 0;
        if (zero)
            continue;
        stats_period_text(d[i].k.grain, d[i].k.period, period);
        db_reset(st);
        db_bind_text(st, 1, names ? names[d[i].k.owner - 1] : agency);
        db_bind_int(st, 2, d[i].k.grain);
        db_bind_text(st, 3, period);
        db_bind_int(st, 4, d[i].k.procedure_id);
        for (c = 0; c < ST_COUNT; c++)
            db_bind_int(st, 5 + c, d[i].v[c]);
        if (db_step(st, e) < 0)
            goto out;
    }
    rc = 0;
out:
    db_finalize(st);
    return rc;
}

/* The agency's rows: into the open batch, else into the counters. */
static int write_rows(struct db *db, const char *agency, const struct delta *d, size_t n,
                      struct err *e)
{
    return batch_add(db, agency, d, n) ? 0 : upsert_rows(db, agency, NULL, d, n, e);
}

static int apply(struct db *db, const struct stat_mark *m, int sign, struct err *e)
{
    struct stat_hit h[STAT_HITS_MAX];
    struct delta d[4 * STAT_HITS_MAX];
    size_t nh = stats_of(&m->facts, h);

    return write_rows(db, m->agency, d, add_hits(d, 0, m->procedure_id, h, nh, sign), e);
}

int stats_track_end(struct db *db, const struct stat_mark *before, struct err *e)
{
    struct stat_mark now;
    struct stat_hit h[STAT_HITS_MAX];
    struct delta d[8 * STAT_HITS_MAX];
    size_t nd = 0;

    if (stats_track_begin(db, before->dossier_id, &now, e) < 0)
        return -1;
    if (!before->known || !now.known || strcmp(before->agency, now.agency) ||
        before->procedure_id != now.procedure_id)
        return (before->known ? apply(db, before, -1, e) : 0) < 0 ||
                       (now.known ? apply(db, &now, 1, e) : 0) < 0
                   ? -1
                   : 0;
    /* the usual case: one dossier, one set of rows; what did not change cancels out */
    nd = add_hits(d, nd, now.procedure_id, h, stats_of(&before->facts, h), -1);
    nd = add_hits(d, nd, now.procedure_id, h, stats_of(&now.facts, h), 1);
    return write_rows(db, now.agency, d, nd, e);
}

/* ---- recomputing from the dossiers ---- */

/* An agency's recomputed rows: an open-addressing table of deltas. */
struct table {
    struct delta *slots;
    size_t cap, used;
};

static uint64_t key_hash(const struct stat_key *k)
{
    uint64_t h = (uint64_t)k->grain * 0x9E3779B97F4A7C15u;
    h ^= (uint64_t)k->period + 0x632BE59BD9B4E019u + (h << 6) + (h >> 2);
    h ^= (uint64_t)k->procedure_id + 0x8CB92BA72F3D8DD7u + (h << 6) + (h >> 2);
    h ^= (uint64_t)k->owner + 0x2545F4914F6CDD1Du + (h << 6) + (h >> 2);
    h *= 0xFF51AFD7ED558CCDu;
    return h ^ (h >> 32); /* the table uses the low bits: fold the high ones in */
}

static struct delta *table_slot(struct table *t, const struct stat_key *k)
{
    size_t i;

    if ((t->used + 1) * 2 > t->cap) {
        struct table bigger = {calloc(t->cap ? t->cap * 2 : 1024, sizeof(struct delta)),
                               t->cap ? t->cap * 2 : 1024, 0};
        if (!bigger.slots)
            abort();
        for (i = 0; i < t->cap; i++)
            if (t->slots[i].k.grain)
                *table_slot(&bigger, &t->slots[i].k) = t->slots[i];
        free(t->slots);
        *t = bigger;
    }
    for (i = key_hash(k) & (t->cap - 1); t->slots[i].k.grain; i = (i + 1) & (t->cap - 1))
        if (key_equal(&t->slots[i].k, k))
            return &t->slots[i];
    t->slots[i].k = *k;
    t->used++;
    return &t->slots[i];
}

static int key_cmp(const void *a, const void *b)
{
    const struct stat_key *x = &((const struct delta *)a)->k, *y = &((const struct delta *)b)->k;

    if (x->grain != y->grain)
        return x->grain < y->grain ? -1 : 1;
    if (x->period != y->period)
        return x->period < y->period ? -1 : 1;
    return x->procedure_id < y->procedure_id ? -1 : x->procedure_id > y->procedure_id;
}

/* The agency's counters recomputed from its dossiers, sorted as the table's key. */
static int recompute(struct db *db, const char *agency, struct table *t, struct err *e)
{
    struct db_stmt *st = NULL;
    struct stat_mark m;
    struct stat_hit h[STAT_HITS_MAX];
    struct delta d[4 * STAT_HITS_MAX];
    size_t i, j, nd, k = 0;
    int rc;

    if (db_query(db, &st, e, FACTS_SELECT " WHERE d.lead_agency = ?", "t", agency) < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW) {
        memset(&m, 0, sizeof(m));
        read_facts(st, &m);
        nd = add_hits(d, 0, m.procedure_id, h, stats_of(&m.facts, h), 1);
        for (i = 0; i < nd; i++) {
            struct delta *slot = table_slot(t, &d[i].k);
            for (j = 0; j < ST_COUNT; j++)
                slot->v[j] += d[i].v[j];
        }
    }
    db_finalize(st);
    if (rc < 0)
        return -1;
    /* compact and sort */
    for (i = 0; i < t->cap; i++)
        if (t->slots[i].k.grain)
            t->slots[k++] = t->slots[i];
    t->used = k;
    if (k)
        qsort(t->slots, k, sizeof(*t->slots), key_cmp);
    return 0;
}

static void table_release(struct table *t)
{
    free(t->slots);
    memset(t, 0, sizeof(*t));
}

/* ---- batching the changes of many dossiers ---- */

/*
 * The batch of this thread's connection `db`, when one is open: the rows of
 * every agency appended in `rows`, found through a small open-addressing
 * index of (hash tag << 32 | row + 1), so that adding touches little memory.
 */
static _Thread_local struct {
    struct db *db;
    char (*names)[16]; /* the agencies, by index */
    size_t nnames, capnames;
    struct delta *rows;
    size_t n, cap;
    uint64_t *index;
    size_t icap; /* a power of two, at least twice n */
} batch;

static void batch_grow(void)
{
    size_t icap = batch.icap ? 2 * batch.icap : 4096, i, j;
    uint64_t *index = calloc(icap, sizeof(*index));

    if (!index)
        abort();
    for (i = 0; i < batch.n; i++) {
        uint64_t h = key_hash(&batch.rows[i].k);
        for (j = h & (icap - 1); index[j]; j = (j + 1) & (icap - 1))
            ;
        index[j] = (h >> 32 << 32) | (i + 1);
    }
    free(batch.index);
    batch.index = index;
    batch.icap = icap;
}

/* The batch's row of a key, added (zero) when missing. */
static struct delta *batch_row(const struct stat_key *k)
{
    uint64_t h, tag;
    size_t j;

    if ((batch.n + 1) * 2 > batch.icap)
        batch_grow();
    h = key_hash(k);
    tag = h >> 32 << 32;
    for (j = h & (batch.icap - 1); batch.index[j]; j = (j + 1) & (batch.icap - 1)) {
        struct delta *d = &batch.rows[(batch.index[j] & 0xffffffffu) - 1];
        if ((batch.index[j] & ~(uint64_t)0xffffffffu) == tag && key_equal(&d->k, k))
            return d;
    }
    if (batch.n == batch.cap) {
        batch.cap = batch.cap ? 2 * batch.cap : 4096;
        batch.rows = realloc(batch.rows, batch.cap * sizeof(*batch.rows));
        if (!batch.rows)
            abort();
    }
    batch.index[j] = tag | (batch.n + 1);
    memset(&batch.rows[batch.n], 0, sizeof(*batch.rows));
    batch.rows[batch.n].k = *k;
    return &batch.rows[batch.n++];
}

/* 1 when the rows went into the open batch of db, 0 when there is none. */
static int batch_add(struct db *db, const char *agency, const struct delta *d, size_t n)
{
    size_t i, j, owner = 0;

    if (!batch.db || batch.db != db)
        return 0;
    for (i = batch.nnames; i > 0 && !owner; i--) /* the newest first: a dossier's own */
        if (!strcmp(batch.names[i - 1], agency))
            owner = i;
    if (!owner) {
        if (batch.nnames == batch.capnames) {
            batch.capnames = batch.capnames ? 2 * batch.capnames : 64;
            batch.names = realloc(batch.names, batch.capnames * sizeof(*batch.names));
            if (!batch.names)
                abort();
        }
        snprintf(batch.names[batch.nnames], sizeof(batch.names[0]), "%s", agency);
        owner = ++batch.nnames;
    }
    for (i = 0; i < n; i++) {
        struct stat_key k = d[i].k;
        struct delta *row;
        k.owner = (int64_t)owner;
        row = batch_row(&k);
        for (j = 0; j < ST_COUNT; j++)
            row->v[j] += d[i].v[j];
    }
    return 1;
}

/* The order of the counters' primary key: agency, grain, period, procedure. */
static int batch_cmp(const void *a, const void *b)
{
    const struct stat_key *x = &((const struct delta *)a)->k, *y = &((const struct delta *)b)->k;
    int c = x->owner == y->owner ? 0 : strcmp(batch.names[x->owner - 1], batch.names[y->owner - 1]);

    return c ? c : key_cmp(a, b);
}

void stats_batch_begin(struct db *db)
{
    stats_batch_end(db);
    batch.db = db;
}

int stats_batch_flush(struct db *db, struct err *e)
{
    int rc;

    if (batch.db != db || !batch.n)
        return 0;
    qsort(batch.rows, batch.n, sizeof(*batch.rows), batch_cmp); /* the counters' order */
    rc = upsert_rows(db, NULL, (const char(*)[16])batch.names, batch.rows, batch.n, e);
    memset(batch.index, 0, batch.icap * sizeof(*batch.index));
    batch.n = 0;
    return rc;
}

void stats_batch_end(struct db *db)
{
    if (batch.db != db)
        return;
    free(batch.names);
    free(batch.rows);
    free(batch.index);
    memset(&batch, 0, sizeof(batch));
}

/* The agencies that have dossiers or counters. */
static int agencies_counted(struct db *db, struct arena *a, const char ***out, size_t *n,
                            struct err *e)
{
    struct db_stmt *st = NULL;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    if (db_query(db, &st, e,
                 "SELECT id FROM agencies UNION SELECT DISTINCT agency FROM stats ORDER BY 1",
                 "") < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW)
        *(const char **)arena_push(a, (void **)out, n, &cap, sizeof(**out)) = db_col_dup(st, 0, a);
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int64_t stats_parse_period(const char *s)
{
    char buf[DATE_ISO_MAX];
    int64_t day = 0;

    snprintf(buf, sizeof(buf), strlen(s) == 7 ? "%s-01" : "%s", s);
    return date_parse_ymd(buf, &day) < 0 ? INT64_MIN : day;
}

static void report_difference(FILE *out, const char *agency, const struct delta *want,
                              const struct delta *have)
{
    const struct stat_key *k = want ? &want->k : &have->k;
    char period[DATE_ISO_MAX];
    int c;

    stats_period_text(k->grain, k->period, period);
    for (c = 0; c < ST_COUNT; c++) {
        int64_t w = want ? want->v[c] : 0, h = have ? have->v[c] : 0;
        if (w != h)
            fprintf(out,
                    "agency %s grain %" PRId64 " period %s procedure %" PRId64 ": %s is %" PRId64
                    ", recomputed %" PRId64 "\n",
                    agency, k->grain, period, k->procedure_id, stat_col_name(c), h, w);
    }
}

static int compare_agency(struct db *db, const char *agency, const struct table *t, FILE *out,
                          size_t max_report, int64_t *differences, struct err *e)
{
    struct db_stmt *st = NULL;
    struct strbuf sql = STRBUF_INIT;
    size_t i = 0;
    int rc, c;

    strbuf_addstr(&sql, "SELECT grain, period, procedure_id");
    for (c = 0; c < ST_COUNT; c++)
        strbuf_addf(&sql, ", %s", stat_col_name(c));
    strbuf_addstr(&sql, " FROM stats WHERE agency = ? ORDER BY grain, period, procedure_id");
    rc = db_query(db, &st, e, sql.buf, "t", agency);
    strbuf_release(&sql);
    if (rc < 0)
        return -1;
    for (;;) {
        struct delta have = {0};
        const struct delta *want = i < t->used ? &t->slots[i] : NULL;
        int cmp;
        rc = db_step(st, e);
        if (rc < 0)
            break;
        if (rc == DB_ROW) {
            have.k.grain = db_col_int(st, 0);
            have.k.period = stats_parse_period(db_col_text(st, 1));
            have.k.procedure_id = db_col_int(st, 2);
            for (c = 0; c < ST_COUNT; c++)
                have.v[c] = db_col_int(st, 3 + c);
        }
        /* every recomputed row before this stored one is missing from the table */
        while (want && (rc == DB_DONE || key_cmp(want, &have) < 0)) {
            if ((*differences)++ < (int64_t)max_report)
                report_difference(out, agency, want, NULL);
            want = ++i < t->used ? &t->slots[i] : NULL;
        }
        if (rc == DB_DONE)
            break;
        cmp = want ? key_cmp(want, &have) : 1;
        if (cmp == 0)
            i++;
        if (memcmp(cmp == 0 ? want->v : (const int64_t[ST_COUNT]){0}, have.v, sizeof(have.v)) &&
            (*differences)++ < (int64_t)max_report)
            report_difference(out, agency, cmp == 0 ? want : NULL, &have);
    }
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}

int stats_verify(struct db *db, FILE *out, size_t max_report, int64_t *differences, struct err *e)
{
    struct arena a = ARENA_INIT;
    const char **agencies;
    size_t n, i;
    int rc = -1;

    *differences = 0;
    if (agencies_counted(db, &a, &agencies, &n, e) < 0)
        goto out;
    for (i = 0; i < n; i++) {
        struct table t = {0};
        int failed = recompute(db, agencies[i], &t, e) < 0 ||
                     compare_agency(db, agencies[i], &t, out, max_report, differences, e) < 0;
        table_release(&t);
        if (failed)
            goto out;
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

int stats_rebuild(struct db *db, struct err *e)
{
    struct arena a = ARENA_INIT;
    const char **agencies;
    size_t n, i;
    int rc = -1;

    if (db_exec(db, "DELETE FROM stats", e) < 0 || agencies_counted(db, &a, &agencies, &n, e) < 0)
        goto out;
    for (i = 0; i < n; i++) {
        struct table t = {0};
        int failed = recompute(db, agencies[i], &t, e) < 0 ||
                     write_rows(db, agencies[i], t.slots, t.used, e) < 0;
        table_release(&t);
        if (failed)
            goto out;
    }
    rc = 0;
out:
    arena_release(&a);
    return rc;
}
