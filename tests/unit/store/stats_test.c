/*
 * Tests for the SQL of src/store/stats.h: the status sets (STATUS_IN_SQL),
 * "overdue now" (OVERDUE_SQL) and "finished late" (LATE_SQL) select exactly
 * the dossiers core's sets and predicates name, on the same rows.
 */
#include <stdio.h>
#include <stdlib.h>

#include "../test.h"
#include "core/dossier.h"
#include "core/stats.h"
#include "fixture.h"
#include "store/agencies.h"
#include "store/dossiers.h"
#include "store/procedures.h"
#include "store/stats.h"

#define ROOT "000.00.00.H43"
#define T0   INT64_C(1710470000)
#define NOW  (T0 + 10 * 86400)

static int64_t seed(struct db *db)
{
    struct agency ag = {0};
    struct procedure p = {0};
    struct err e = ERR_INIT;

    ag.id = ag.name = ROOT;
    ag.level = "province";
    ag.office_hours = "07:30-11:30,13:00-17:00";
    ag.active = 1;
    assert_int_equal(agency_insert(db, &ag, 1, &e), 0);
    p.code = "1.000001";
    p.name = p.field = "x";
    p.level = "province";
    p.agency = ROOT;
    p.duration_days = 1;
    p.duration_kind = "working";
    p.online_duration_days = -1;
    assert_int_equal(procedure_insert(db, &p, "x", 1, &e), 0);
    return p.id;
}

/*
 * Every status with every mix of: received or not, due before or after now,
 * an apology's later appointment or none, a supplement asked before or after
 * the due time or none, finished before or after the due time or not.
 */
static size_t fill(struct db *db, int64_t proc)
{
    struct err e = ERR_INIT;
    size_t n = 0;
    int s, v;

    assert_int_equal(db_begin(db, DB_WRITE, &e), 0);
    for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++)
        for (v = 0; v < 2 * 2 * 2 * 3 * 3; v++) {
            struct dossier d = {0};
            char code[40];
            int64_t due = v & 1 ? NOW - 3600 : NOW + 3600;

            snprintf(code, sizeof(code), ROOT "-240315-%04zu", ++n);
            d.code = code;
            d.procedure_id = proc;
            d.agency = d.lead_agency = ROOT;
            d.channel = 1;
            d.status = s;
            d.applicant_kind = 1;
            d.applicant_name = d.summary = d.phone_last4 = "x";
            d.sets = 1;
            d.duration_days = 1;
            d.duration_kind = "working";
            d.submitted_at = d.created_at = d.updated_at = T0;
            d.received_at = v >> 1 & 1 ? T0 : 0;
            d.original_due_at = due;
            d.due_at = v >> 2 & 1 ? due + 5 * 86400 : due; /* an apology's appointment */
            d.paused_at = (v / 8) % 3 == 0 ? 0 : (v / 8) % 3 == 1 ? due - 60 : due + 60;
            d.finished_at = (v / 24) % 3 == 0 ? 0 : (v / 24) % 3 == 1 ? due - 60 : due + 60;
            assert_int_equal(dossier_insert(db, &d, &e), 0);
        }
    assert_int_equal(db_commit(db, &e), 0);
    return n;
}

/* The ids a filter selects, as a 0/1 array indexed by id. */
static char *selected(struct db *db, struct arena *a, struct dossier_filter *flt, size_t n)
{
    char *hit = arena_calloc(a, n + 1, 1);
    struct dossier *list;
    struct err e = ERR_INIT;
    size_t k, i;
    int more;

    flt->limit = (int)n + 1;
    assert_int_equal(dossier_list(db, a, flt, &list, &k, &more, &e), 0);
    assert_false(more);
    for (i = 0; i < k; i++) {
        assert_true(list[i].id >= 1 && (size_t)list[i].id <= n);
        hit[list[i].id] = 1;
    }
    return hit;
}

static void status_sets_in_sql(void **state)
{
    static const struct {
        const char *sql;
        unsigned set;
    } sets[] = {
        {"SELECT " STATUS_IN_SQL("?1", DOSSIERS_FINAL), DOSSIER_SET(DOSSIERS_FINAL)},
        {"SELECT " STATUS_IN_SQL("?1", DOSSIERS_OPEN), DOSSIER_SET(DOSSIERS_OPEN)},
        {"SELECT " STATUS_IN_SQL("?1", DOSSIERS_CLOCK_RUNS), DOSSIER_SET(DOSSIERS_CLOCK_RUNS)},
        {"SELECT " STATUS_IN_SQL("?1", DOSSIERS_WAITING), DOSSIER_SET(DOSSIERS_WAITING)},
        {"SELECT " STATUS_IN_SQL("?1", DOSSIERS_IN_PROGRESS), DOSSIER_SET(DOSSIERS_IN_PROGRESS)},
        {"SELECT " STATUS_IN_SQL("?1", DOSSIERS_CLOSED), DOSSIER_SET(DOSSIERS_CLOSED)},
    };
    struct fixture *f = *state;
    struct err e = ERR_INIT;
    size_t i;
    int s;
    int64_t v;

    /* every status the column holds (its CHECK: 1..10); the 0 that starts each list is none */
    for (i = 0; i < sizeof(sets) / sizeof(sets[0]); i++)
        for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++) {
            assert_int_equal(db_int(f->db, &v, &e, sets[i].sql, "i", s), 1);
            assert_int_equal(v, dossier_status_in(s, sets[i].set));
        }
}

/* The partial index of migration 004 covers the dossiers in progress, as core names them. */
static void migration_index_is_in_progress(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct db_stmt *st = NULL;
    const char *sql, *p;
    unsigned set = 0;

    assert_int_equal(
        db_query(f->db, &st, &e, "SELECT sql FROM sqlite_master WHERE name = 'dossiers_open'", ""),
        0);
    assert_int_equal(db_step(st, &e), DB_ROW);
    sql = arena_strdup(&a, db_col_text(st, 0));
    db_finalize(st);
    p = strstr(sql, "status IN (");
    assert_non_null(p);
    for (p += strlen("status IN ("); *p && *p != ')';) {
        char *end;
        long s = strtol(p, &end, 10);
        assert_true(end > p && s > 0 && s <= DOSSIER_STATUS_MAX);
        set |= DOSSIER_BIT(s);
        p = end + strspn(end, ", ");
    }
    assert_int_equal(set, DOSSIER_SET(DOSSIERS_IN_PROGRESS));
    arena_release(&a);
}

static void filters_agree_with_core(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct dossier_filter flt = {0};
    struct stat_row *rows;
    size_t n = fill(f->db, seed(f->db)), nrows, i;
    char *active, *overdue;
    int64_t want_overdue = 0, late;

    active = selected(f->db, &a, &flt, n);
    flt.active = 0;
    flt.overdue_at = NOW;
    overdue = selected(f->db, &a, &flt, n);
    for (i = 1; i <= n; i++) {
        struct stat_mark m;
        assert_int_equal(stats_track_begin(f->db, (int64_t)i, &m, &e), 0);
        assert_true(m.known);
        assert_int_equal(active[i], 1); /* no filter yet */
        assert_int_equal(overdue[i], stat_overdue_at(&m.facts, NOW));
        want_overdue += overdue[i];
        assert_int_equal(db_int(f->db, &late, &e,
                                "SELECT " LATE_SQL("d.") " FROM dossiers d WHERE d.id = ?", "I",
                                (int64_t)i),
                         1);
        assert_int_equal(late, m.facts.finished_at &&
                                   dossier_timeliness(m.facts.finished_at, m.facts.due_at) ==
                                       TIMELY_LATE);
    }
    assert_true(want_overdue > 0 && (size_t)want_overdue < n);
    memset(&flt, 0, sizeof(flt));
    flt.active = 1;
    active = selected(f->db, &a, &flt, n);
    for (i = 1; i <= n; i++) {
        struct stat_mark m;
        assert_int_equal(stats_track_begin(f->db, (int64_t)i, &m, &e), 0);
        assert_int_equal(active[i], dossier_status_in(m.facts.status, DOSSIER_SET(DOSSIERS_OPEN)));
    }
    assert_int_equal(stats_overdue_now(f->db, &a, ROOT "/", STAT_BY_AGENCY, NOW, &rows, &nrows, &e),
                     0);
    assert_int_equal(nrows, 1);
    assert_int_equal(rows[0].s.v[ST_OVERDUE_FROM], want_overdue);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(status_sets_in_sql, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(migration_index_is_in_progress, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(filters_agree_with_core, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests_name("store/stats", tests, NULL, NULL);
}
