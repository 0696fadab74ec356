/* Tests for src/store/parindex.c */
#include <math.h>

#include "../test.h"
#include "fixture.h"
#include "store/agencies.h"
#include "store/parindex.h"

#define ROOT  "000.00.00.H43"
#define DEPT  "000.00.04.H43"
#define COMM  "000.00.31.H43"
#define OTHER "000.00.00.H01"

static void add(struct db *db, const char *id, const char *parent)
{
    struct agency ag = {0};
    struct err e = ERR_INIT;

    ag.id = ag.name = id;
    ag.parent = parent;
    ag.level = "other";
    ag.office_hours = "07:30-11:30,13:00-17:00";
    ag.active = 1;
    if (agency_insert(db, &ag, 1700000000, &e) < 0)
        fail_msg("%s: %s", id, e.msg);
}

static const struct par_row rows[] = {
    {1, {"1", "Lĩnh vực một", "6"}},
    {2, {"1.1", "Có hay không", "2", "yes_no"}},
    {3, {"1.2", "Thang", "4", "scale", NULL, "0:0; 80:2; 100:4", "digitised"}},
    {4, {"2", "Lĩnh vực hai", "4", "proportion", NULL}}, /* scoring ignored: a warning */
    {5, {"2.1", "Tỷ lệ", "4", "proportion", "50", NULL, "on_time"}},
};

/* A structure stored and read back is the same tree, with its bands and figures. */
static void a_structure_reads_back_as_stored(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct par_report rep;
    struct par_item *items, *back;
    struct par_structure s = {0, 2025, "province", "Thử", "Ví dụ", 1, 10, 0, 1700000000, 0};
    struct par_structure *list, got;
    size_t n, nb;

    par_report_init(&rep, &a);
    assert_int_equal(par_rows_read(rows, 5, &a, &items, &n, &rep), 0);
    assert_int_equal(rep.n, 1);
    assert_int_equal(par_structure_insert(f->db, &s, items, n, &e), 0);
    assert_true(s.id > 0 && items[4].id > 0);
    assert_int_equal(par_structure_items(f->db, &a, s.id, &back, &nb, &e), 0);
    assert_int_equal(nb, 5);
    assert_string_equal(back[2].code, "1.2");
    assert_int_equal(back[2].scoring, PAR_SCALE);
    assert_int_equal(back[2].nbands, 3);
    assert_true(fabs(back[2].bands[1].points - 2) < 1e-9);
    assert_string_equal(back[2].figure, "digitised");
    assert_int_equal(back[3].scoring, PAR_SCORING_NONE);
    assert_int_equal(back[4].parent, 3);
    assert_true(fabs(back[4].target - 50) < 1e-9);
    assert_true(back[4].leaf && !back[3].leaf);
    assert_int_equal(par_structure_get(f->db, &a, s.id, &got, &e), 0);
    assert_int_equal(got.items, 5);
    assert_int_equal(got.example, 1);
    assert_int_equal(par_structure_list(f->db, &a, 2024, &list, &n, &e), 0);
    assert_int_equal(n, 0);
    assert_int_equal(par_structure_list(f->db, &a, 0, &list, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(par_structure_get(f->db, &a, s.id + 1, &got, &e), -1);
    assert_int_equal(e.http, 404);
    arena_release(&a);
}

/* An assessment is one row per (item, subject), replaced whole; absent numbers are NULL. */
static void assessments_are_put_and_subjects_found_under_a_root(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct par_report rep;
    struct par_item *items;
    struct par_structure s = {0, 2025, "unit", "Nội bộ", NULL, 0, 10, 0, 1700000000, 0};
    struct par_assessment x = {0, 0, DEPT, NULL, -1, 1.5, -1, NULL, "Tự chấm", 1700000001, 0};
    struct par_assessment *got;
    struct par_file file = {0}, *files, one;
    struct index_value v = {0, "pci", 2024, ROOT, 65.5, 12, "VCCI", NULL, 1700000002, 0}, *vals;
    const char **subjects;
    size_t n;

    add(f->db, ROOT, NULL);
    add(f->db, DEPT, ROOT);
    add(f->db, COMM, ROOT);
    add(f->db, OTHER, NULL);
    par_report_init(&rep, &a);
    assert_int_equal(par_rows_read(rows, 5, &a, &items, &n, &rep), 0);
    assert_int_equal(par_structure_insert(f->db, &s, items, n, &e), 0);
    x.item_id = items[1].id;
    assert_int_equal(par_assessment_put(f->db, &x, &e), 0);
    x.self_score = -1;
    x.appraised_score = 0;
    x.responsible = COMM;
    assert_int_equal(par_assessment_put(f->db, &x, &e), 0); /* the same row, replaced */
    x = (struct par_assessment){0, items[4].id, COMM, NULL, 72.5, -1, -1, "none", NULL, 1, 0};
    assert_int_equal(par_assessment_put(f->db, &x, &e), 0);
    x = (struct par_assessment){0, items[4].id, OTHER, NULL, -1, 1, -1, NULL, NULL, 1, 0};
    assert_int_equal(par_assessment_put(f->db, &x, &e), 0);

    assert_int_equal(par_assessments_of(f->db, &a, s.id, DEPT, &got, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_true(got[0].self_score < 0);
    assert_true(fabs(got[0].appraised_score) < 1e-9);
    assert_string_equal(got[0].responsible, COMM);
    assert_string_equal(got[0].note, "Tự chấm");
    assert_int_equal(par_assessments_of(f->db, &a, s.id, COMM, &got, &n, &e), 0);
    assert_true(fabs(got[0].value - 72.5) < 1e-9);
    assert_string_equal(got[0].figure, PAR_FIGURE_NONE);
    /* under the province: the department and the commune, not the province itself or another */
    assert_int_equal(par_assessed_subjects(f->db, &a, s.id, ROOT "/", &subjects, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_string_equal(subjects[0], DEPT);
    assert_string_equal(subjects[1], COMM);

    file = (struct par_file){0, got[0].id, "a.pdf", "application/pdf", "ab", 3, 1, 0, 0,
                             0, NULL,      NULL};
    assert_int_equal(par_file_insert(f->db, &file, &e), 0);
    assert_int_equal(par_files_of(f->db, &a, s.id, COMM, &files, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_int_equal(files[0].item_id, items[4].id);
    assert_int_equal(par_file_get(f->db, &a, file.id, &one, &e), 0);
    assert_string_equal(one.subject, COMM);
    assert_int_equal(one.structure_id, s.id);

    assert_int_equal(index_value_put(f->db, &v, &e), 0);
    v.score = 66;
    v.rank = 0;
    assert_int_equal(index_value_put(f->db, &v, &e), 0);
    v = (struct index_value){0, "pci", 2025, ROOT, 68, 9, "VCCI", "Tăng 3 bậc", 1, 0};
    assert_int_equal(index_value_put(f->db, &v, &e), 0);
    assert_int_equal(index_values_list(f->db, &a, "pci", ROOT, 0, 0, &vals, &n, &e), 0);
    assert_int_equal(n, 2);
    assert_int_equal(vals[0].year, 2024);
    assert_true(fabs(vals[0].score - 66) < 1e-9);
    assert_int_equal(vals[0].rank, 0);
    assert_int_equal(index_values_list(f->db, &a, NULL, NULL, 2025, 2025, &vals, &n, &e), 0);
    assert_int_equal(n, 1);
    assert_string_equal(vals[0].note, "Tăng 3 bậc");
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(a_structure_reads_back_as_stored, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(assessments_are_put_and_subjects_found_under_a_root,
                                        fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests_name("store/parindex", tests, NULL, NULL);
}
