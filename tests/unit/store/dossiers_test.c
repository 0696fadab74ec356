/* Tests for src/store/dossiers.c: code counters, rows, events, queue filters and pages. */
#include "../test.h"
#include "fixture.h"
#include "core/personal.h"
#include "core/roles.h"
#include "store/agencies.h"
#include "store/dossiers.h"
#include "store/procedures.h"

static int64_t proc_id;

static void seed(struct db *db)
{
    static const char *const ids[][2] = {{"000.00.00.H43", NULL},
                                         {"000.00.31.H43", "000.00.00.H43"},
                                         {"000.00.32.H43", "000.00.00.H43"}};
    struct procedure p = {0};
    struct err e = ERR_INIT;
    size_t i;

    for (i = 0; i < 3; i++) {
        struct agency ag = {0};
        ag.id = ag.name = ids[i][0];
        ag.parent = ids[i][1];
        ag.level = "commune";
        ag.office_hours = "07:30-11:30,13:00-17:00";
        ag.active = 1;
        assert_int_equal(agency_insert(db, &ag, 1, &e), 0);
    }
    p.code = "1.000001";
    p.name = "Đăng ký khai sinh";
    p.field = "Hộ tịch";
    p.level = "commune";
    p.agency = "000.00.00.H43";
    p.duration_days = 1;
    p.duration_kind = "working";
    p.online_duration_days = -1;
    assert_int_equal(procedure_insert(db, &p, "dang ky khai sinh", 1, &e), 0);
    proc_id = p.id;
}

static int64_t add(struct db *db, const char *agency, const char *code, int status, int64_t at,
                   int64_t by)
{
    struct dossier_component comp = {"Tờ khai", "original", 1, 1, 0};
    struct dossier d = {0};
    struct dossier_event ev = {0};
    struct err e = ERR_INIT;

    d.code = code;
    d.procedure_id = proc_id;
    d.agency = agency;
    d.channel = 1;
    d.status = status;
    d.applicant_kind = 1;
    d.applicant_name = "Nguyễn Văn A";
    d.applicant_phone = "0912345678";
    d.phone_last4 = "5678";
    d.summary = "x";
    d.sets = 1;
    d.duration_days = 1;
    d.duration_kind = "working";
    d.submitted_at = d.received_at = d.created_at = d.updated_at = at;
    d.due_at = at + 3600;
    d.submitted_by = by;
    d.components = &comp;
    d.ncomponents = 1;
    assert_int_equal(dossier_insert(db, &d, &e), 0);
    ev.at = at;
    ev.action = "receive";
    ev.to_status = status;
    ev.unit = agency;
    ev.step_due_at = d.due_at;
    assert_int_equal(dossier_add_event(db, d.id, &ev, &e), 0);
    return d.id;
}

static void counters(void **state)
{
    struct fixture *f = *state;
    struct err e = ERR_INIT;
    char code[DOSSIER_CODE_MAX], want[DOSSIER_CODE_MAX];
    int i;

    for (i = 1; i <= 3; i++) {
        assert_int_equal(dossier_next_code(f->db, "000.00.31.H43", T("2024-03-15 09:00"), code, &e),
                         0);
        snprintf(want, sizeof(want), "000.00.31.H43-240315-%04d", i);
        assert_string_equal(code, want);
    }
    assert_int_equal(dossier_next_code(f->db, "000.00.32.H43", T("2024-03-15 16:00"), code, &e), 0);
    assert_string_equal(code, "000.00.32.H43-240315-0001");
    /* the local day: 06:00 on the 16th is still the 15th in UTC */
    assert_int_equal(dossier_next_code(f->db, "000.00.31.H43", T("2024-03-16 06:00"), code, &e), 0);
    assert_string_equal(code, "000.00.31.H43-240316-0001");
    /* a day's numbers spent */
    assert_int_equal(db_run(f->db, &e,
                            "UPDATE code_counters SET last = 999999 WHERE agency = '000.00.32.H43'",
                            ""),
                     1);
    assert_int_equal(dossier_next_code(f->db, "000.00.32.H43", T("2024-03-15 17:00"), code, &e),
                     -1);
    assert_int_equal(e.http, 503);
    assert_string_equal(e.code, "counter_full");
}

static void rows_and_events(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct dossier d;
    struct dossier_event *ev;
    size_t n;

    seed(f->db);
    add(f->db, "000.00.31.H43", "000.00.31.H43-240315-0001", 2, 1710470000, 0);
    assert_int_equal(dossier_by_code(f->db, &a, "000.00.31.H43-240315-0001", &d, &e), 0);
    assert_string_equal(d.procedure_name, "Đăng ký khai sinh");
    assert_int_equal(d.received_at, 1710470000);
    assert_int_equal(d.finished_at, 0);
    assert_int_equal(d.ncomponents, 1);
    assert_string_equal(d.components[0].name, "Tờ khai");
    assert_int_equal(dossier_events(f->db, &a, d.id, &ev, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(ev[0].from_status, 0);
    assert_int_equal(ev[0].to_status, 2);
    assert_string_equal(ev[0].unit_name, "000.00.31.H43");
    assert_int_equal(dossier_by_code(f->db, &a, "000.00.31.H43-240315-0002", &d, &e), -1);
    assert_int_equal(e.http, 404);
    err_clear(&e);
    /* codes are unique */
    assert_int_equal(db_run(f->db, &e, "INSERT INTO dossiers SELECT * FROM dossiers", ""), -1);
    assert_int_equal(e.http, 409);
    arena_release(&a);
}

static void queue(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct dossier_filter flt = {0};
    struct dossier *list;
    const char *scope[] = {"000.00.00.H43/000.00.31.H43/"};
    size_t n, total = 0;
    int more, i;
    char code[32];

    seed(f->db);
    assert_int_equal(db_run(f->db, &e,
                            "INSERT INTO users (id, username, password_hash, created_at)"
                            " VALUES (77, 'c', 'x', 0)",
                            ""),
                     1);
    for (i = 1; i <= 25; i++) {
        snprintf(code, sizeof(code), "000.00.3%d.H43-240315-%04d", 1 + i % 2, i);
        add(f->db, i % 2 ? "000.00.32.H43" : "000.00.31.H43", code, i % 5 ? 2 : 4,
            1710470000 + i * 86400, i == 3 ? 77 : 0);
    }
    flt.limit = 5;
    do {
        assert_int_equal(dossier_list(f->db, &a, &flt, &list, &n, &more, &e), 0);
        total += n;
        if (n > 1)
            assert_true(list[0].id > list[1].id);
        flt.before_id = n ? list[n - 1].id : 0;
    } while (more);
    assert_int_equal(total, 25);
    memset(&flt, 0, sizeof(flt));
    flt.scope_paths = scope;
    flt.nscopes = 1;
    flt.limit = 100;
    dossier_list(f->db, &a, &flt, &list, &n, &more, &e);
    assert_int_equal(n, 12);
    flt.nscopes = 0; /* a scope list with nothing in it sees nothing */
    dossier_list(f->db, &a, &flt, &list, &n, &more, &e);
    assert_int_equal(n, 0);
    memset(&flt, 0, sizeof(flt));
    flt.status = 4;
    dossier_list(f->db, &a, &flt, &list, &n, &more, &e);
    assert_int_equal(n, 5);
    flt.status = 0;
    flt.from = 1710470000 + 10 * 86400;
    flt.to = 1710470000 + 15 * 86400;
    dossier_list(f->db, &a, &flt, &list, &n, &more, &e);
    assert_int_equal(n, 5);
    memset(&flt, 0, sizeof(flt));
    flt.submitted_by = 77;
    dossier_list(f->db, &a, &flt, &list, &n, &more, &e);
    assert_int_equal(n, 1);
    arena_release(&a);
}

/*
 * The list's scope (dossier_filter.scope_paths) selects exactly the dossiers
 * core's dossier_sight shows a caller whose viewing role is held over that
 * path: received or held there, or worked on there by a step.
 */
static void list_scope_agrees_with_dossier_sight(void **state)
{
    static const char *const units[] = {"000.00.00.H43/", "000.00.00.H43/000.00.31.H43/",
                                        "000.00.00.H43/000.00.32.H43/"};
    /* receiving unit, current unit, a step's unit (NULL: none) */
    static const char *const where[][3] = {
        {"000.00.31.H43", "000.00.31.H43", NULL},
        {"000.00.31.H43", "000.00.32.H43", "000.00.32.H43"},
        {"000.00.32.H43", "000.00.32.H43", "000.00.31.H43"}, /* passed through 31 */
        {"000.00.32.H43", "000.00.32.H43", NULL},
        {"000.00.00.H43", "000.00.00.H43", NULL},
    };
    const unsigned view = ROLE_BIT(ROLE_PROCESSOR);
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    int64_t ids[5];
    size_t u, i, k, n;
    char code[32];
    int more, full;

    seed(f->db);
    for (i = 0; i < 5; i++) {
        struct dossier_step step = {1, "Thẩm định", where[i][2], NULL, "process", 8, 0, 0, 0};
        snprintf(code, sizeof(code), "%s-240315-%04zu", where[i][0], i + 1);
        ids[i] = add(f->db, where[i][0], code, DOSSIER_PROCESSING, 1710470000, 0);
        assert_int_equal(db_run(f->db, &e, "UPDATE dossiers SET current_unit = ? WHERE id = ?",
                                "tI", where[i][1], ids[i]),
                         1);
        if (where[i][2])
            assert_int_equal(dossier_steps_insert(f->db, ids[i], &step, 1, &e), 0);
    }
    for (u = 0; u < 3; u++) {
        struct dossier_filter flt = {.scope_paths = &units[u], .nscopes = 1, .limit = 100};
        struct dossier *list;

        assert_int_equal(dossier_list(f->db, &a, &flt, &list, &n, &more, &e), 0);
        for (i = 0; i < 5; i++) {
            unsigned here = 0, passed = 0;
            int listed = 0;
            for (k = 0; k < 3; k++) {
                const char *path = where[i][k]
                                       ? (!strcmp(where[i][k], "000.00.00.H43")   ? units[0]
                                          : !strcmp(where[i][k], "000.00.31.H43") ? units[1]
                                                                                  : units[2])
                                       : NULL;
                if (path && !strncmp(path, units[u], strlen(units[u])))
                    *(k < 2 ? &here : &passed) |= view;
            }
            for (k = 0; k < n; k++)
                listed |= list[k].id == ids[i];
            assert_int_equal(listed, dossier_sight(0, here, passed, &full));
        }
    }
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(counters, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(rows_and_events, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(queue, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(list_scope_agrees_with_dossier_sight, fixture_setup,
                                        fixture_teardown),
    };
    return cmocka_run_group_tests_name("store/dossiers", tests, NULL, NULL);
}
