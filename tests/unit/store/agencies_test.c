/* Tests for src/store/agencies.c */
#include "../test.h"
#include "fixture.h"
#include "core/agency.h"
#include "store/agencies.h"

static void add(struct db *db, const char *id, const char *parent)
{
    struct agency ag = {0};
    struct err e = ERR_INIT;

    ag.id = id;
    ag.name = id;
    ag.parent = parent;
    ag.level = "other";
    ag.office_hours = "07:30-11:30,13:00-17:00";
    ag.active = 1;
    if (agency_insert(db, &ag, 1700000000, &e) < 0)
        fail_msg("%s: %s", id, e.nfields ? e.fields[0].message : e.msg);
}

static void tree(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct agency *list, ag;
    size_t n;

    add(f->db, "000.00.00.H43", NULL);
    add(f->db, "000.00.04.H43", "000.00.00.H43");
    add(f->db, "000.01.04.H43", "000.00.04.H43");
    add(f->db, "000.00.31.H43", "000.00.00.H43");
    add(f->db, "000.00.00.H01", NULL);
    assert_int_equal(agency_get(f->db, &a, "000.01.04.H43", &ag, &e), 0);
    assert_string_equal(ag.path, "000.00.00.H43/000.00.04.H43/000.01.04.H43/");
    assert_int_equal(agency_list(f->db, &a, "000.00.04.H43", &list, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(agency_list(f->db, &a, NULL, &list, &n, &e), 0);
    assert_int_equal(n, 5);
    assert_int_equal(agency_within(f->db, "000.00.00.H43", "000.01.04.H43", &e), 1);
    assert_int_equal(agency_within(f->db, "000.00.04.H43", "000.00.31.H43", &e), 0);
    assert_int_equal(agency_within(f->db, "000.00.00.H01", "000.01.04.H43", &e), 0);
    assert_int_equal(agency_get(f->db, &a, "000.00.99.H43", &ag, &e), -1);
    assert_int_equal(e.http, 404);
    arena_release(&a);
}

static void insert_errors(void **state)
{
    struct fixture *f = *state;
    struct agency ag = {0};
    struct err e = ERR_INIT;

    add(f->db, "000.00.00.H43", NULL);
    ag.id = "000.00.00.H43";
    ag.name = "again";
    ag.level = "other";
    ag.office_hours = "07:30-11:30,13:00-17:00";
    assert_int_equal(agency_insert(f->db, &ag, 1, &e), -1);
    assert_int_equal(e.http, 409);
    err_clear(&e);
    ag.id = "000.00.05.H43";
    ag.parent = "000.00.77.H43";
    assert_int_equal(agency_insert(f->db, &ag, 1, &e), -1);
    assert_int_equal(e.http, 422);
    assert_string_equal(e.fields[0].field, "parent");
}

static void moving(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct agency ag;

    add(f->db, "000.00.00.H43", NULL);
    add(f->db, "000.00.04.H43", "000.00.00.H43");
    add(f->db, "000.01.04.H43", "000.00.04.H43");
    add(f->db, "000.02.04.H43", "000.01.04.H43");
    add(f->db, "000.00.05.H43", "000.00.00.H43");
    agency_get(f->db, &a, "000.00.04.H43", &ag, &e);
    ag.parent = "000.00.05.H43";
    assert_int_equal(agency_update(f->db, &a, &ag, 2, &e), 0);
    agency_get(f->db, &a, "000.02.04.H43", &ag, &e);
    assert_string_equal(ag.path,
                        "000.00.00.H43/000.00.05.H43/000.00.04.H43/000.01.04.H43/000.02.04.H43/");
    /* under its own descendant: refused */
    agency_get(f->db, &a, "000.00.04.H43", &ag, &e);
    ag.parent = "000.02.04.H43";
    assert_int_equal(agency_update(f->db, &a, &ag, 3, &e), -1);
    assert_int_equal(e.http, 422);
    err_clear(&e);
    /* a stale version */
    agency_get(f->db, &a, "000.00.04.H43", &ag, &e);
    assert_int_equal(ag.version, 2);
    ag.version = 1;
    assert_int_equal(agency_update(f->db, &a, &ag, 3, &e), -1);
    assert_int_equal(e.http, 409);
    arena_release(&a);
}

/*
 * The SQL of "the same as or under" (AGENCY_UNDER_SQL, through agency_list and
 * agency_within, and on its own) agrees with core's agency_under on every
 * pair of agencies of two trees.
 */
static void under_agrees_with_core(void **state)
{
    static const char *const tree_of[][2] = {
        {"000.00.00.H43", NULL},
        {"000.00.04.H43", "000.00.00.H43"},
        {"000.01.04.H43", "000.00.04.H43"},
        {"000.02.04.H43", "000.01.04.H43"},
        {"000.00.40.H43", "000.00.00.H43"},
        {"000.04.40.H43", "000.00.40.H43"},
        {"000.00.00.H01", NULL},
        {"000.00.04.H01", "000.00.00.H01"},
    };
    enum { N = sizeof(tree_of) / sizeof(tree_of[0]) };
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct agency ag[N], *list;
    size_t i, j, k, n;
    int64_t v;

    for (i = 0; i < N; i++)
        add(f->db, tree_of[i][0], tree_of[i][1]);
    for (i = 0; i < N; i++)
        assert_int_equal(agency_get(f->db, &a, tree_of[i][0], &ag[i], &e), 0);
    for (j = 0; j < N; j++) {
        assert_int_equal(agency_list(f->db, &a, ag[j].id, &list, &n, &e), 0);
        for (i = 0, k = 0; i < N; i++) {
            int want = agency_under(ag[i].path, ag[j].path);
            k += (size_t)want;
            assert_int_equal(agency_within(f->db, ag[j].id, ag[i].id, &e), want);
            assert_int_equal(db_int(f->db, &v, &e, "SELECT " AGENCY_UNDER_SQL("?1", "?2"), "tt",
                                    ag[i].path, ag[j].path),
                             1);
            assert_int_equal(v, want);
        }
        assert_int_equal(n, k);
        for (i = 0; i < n; i++)
            assert_true(agency_under(list[i].path, ag[j].path));
    }
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(tree, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(insert_errors, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(moving, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(under_agrees_with_core, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests_name("store/agencies", tests, NULL, NULL);
}
