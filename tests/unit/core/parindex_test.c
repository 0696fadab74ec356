/* Tests for src/core/parindex.c */
#include <math.h>

#include "../test.h"
#include "core/parindex.h"

#define near(x, y) assert_true(fabs((x) - (y)) < 1e-9)

static void codes_are_numbers_separated_by_dots_at_most_three_levels(void **state)
{
    (void)state;
    assert_int_equal(par_code_depth("1"), 1);
    assert_int_equal(par_code_depth("1.2"), 2);
    assert_int_equal(par_code_depth("8.10.3"), 3);
    assert_int_equal(par_code_depth("1.2.3.4"), -1);
    assert_int_equal(par_code_depth("0"), -1);
    assert_int_equal(par_code_depth("01"), -1);
    assert_int_equal(par_code_depth("1."), -1);
    assert_int_equal(par_code_depth(".1"), -1);
    assert_int_equal(par_code_depth("1..2"), -1);
    assert_int_equal(par_code_depth("1a"), -1);
    assert_int_equal(par_code_depth("1000"), -1);
    assert_int_equal(par_code_depth(""), -1);
    assert_int_equal(par_code_depth(NULL), -1);
    assert_true(par_code_cmp("1.2", "1.10") < 0);
    assert_true(par_code_cmp("1.10", "2") < 0);
    assert_true(par_code_cmp("1", "1.1") < 0);
    assert_true(par_code_cmp("2.1.1", "2.1") > 0);
    assert_int_equal(par_code_cmp("3.2.1", "3.2.1"), 0);
}

static void numbers_take_a_decimal_point_or_comma_and_bands_read_back(void **state)
{
    struct arena a = ARENA_INIT;
    struct par_band b[PAR_BANDS_MAX];
    const char *why = NULL;
    double x;
    int n;

    (void)state;
    assert_int_equal(par_number_parse("0,5", &x), 0);
    near(x, 0.5);
    assert_int_equal(par_number_parse(" 12.25 ", &x), 0);
    near(x, 12.25);
    assert_int_equal(par_number_parse("1,000.5", &x), -1);
    assert_int_equal(par_number_parse("abc", &x), -1);
    assert_int_equal(par_number_parse("inf", &x), -1);
    assert_int_equal(par_number_parse("1 2", &x), -1);
    assert_int_equal(par_number_parse("", &x), -1);

    assert_int_equal(par_bands_parse("0:0; 80:0,5; 100:1", b, &n, &why), 0);
    assert_int_equal(n, 3);
    near(b[1].from, 80);
    near(b[1].points, 0.5);
    assert_string_equal(par_bands_text(&a, b, n), "0:0; 80:0.5; 100:1");
    assert_int_equal(par_bands_parse("80:1; 50:0", b, &n, &why), -1);
    assert_non_null(strstr(why, "increasing"));
    assert_int_equal(par_bands_parse("80", b, &n, &why), -1);
    assert_int_equal(par_bands_parse("0:-1", b, &n, &why), -1);
    assert_int_equal(par_bands_parse(NULL, b, &n, &why), 0);
    assert_int_equal(n, 0);
    arena_release(&a);
}

/* Rows as a spreadsheet or a structure file gives them: in any order, with a blank row. */
static const struct par_row good[] = {
    {2, {"1", "Công tác chỉ đạo, điều hành", "3"}},
    {3, {"1.1", "Kế hoạch cải cách hành chính", "1", "yes_no"}},
    {4, {"1.2", "Mức độ hoàn thành kế hoạch", "2", "proportion", "100"}},
    {5, {NULL, " ", NULL}},
    {6, {"2.1.1", "Tỷ lệ hồ sơ đúng hạn", "4", "proportion", "100", NULL, "on_time"}},
    {7, {"2", "Cải cách thủ tục hành chính", "7"}},
    {8, {"2.1", "Một cửa, một cửa liên thông", "7"}},
    {9, {"2.1.2", "Số hóa hồ sơ", "3", "scale", NULL, "0:0; 50:1,5; 90:3"}},
};

static void rows_are_read_into_a_tree_in_code_order(void **state)
{
    struct arena a = ARENA_INIT;
    struct par_report rep;
    struct par_item *it;
    size_t n;

    (void)state;
    par_report_init(&rep, &a);
    assert_int_equal(par_rows_read(good, sizeof(good) / sizeof(good[0]), &a, &it, &n, &rep), 0);
    assert_int_equal(rep.n, 0);
    assert_int_equal(n, 7); /* the blank row is skipped */
    assert_string_equal(it[0].code, "1");
    assert_string_equal(it[2].code, "1.2");
    assert_string_equal(it[3].code, "2");
    assert_string_equal(it[5].code, "2.1.1");
    assert_int_equal(it[5].parent, 4);
    assert_int_equal(it[4].parent, 3);
    assert_int_equal(it[3].parent, -1);
    assert_false(it[0].leaf);
    assert_true(it[1].leaf);
    assert_int_equal(it[5].depth, 3);
    assert_int_equal(it[5].scoring, PAR_PROPORTION);
    near(it[5].target, 100);
    assert_string_equal(it[5].figure, "on_time");
    assert_int_equal(it[6].scoring, PAR_SCALE);
    assert_int_equal(it[6].nbands, 3);
    near(it[6].bands[1].points, 1.5);
    assert_int_equal(it[6].line, 9);
    /* as the store gives them back, without depth and parents */
    it[5].parent = 99;
    it[5].depth = 0;
    par_tree_link(it, n);
    assert_int_equal(it[5].parent, 4);
    assert_int_equal(it[5].depth, 3);
    arena_release(&a);
}

/* The problem of the report on a line and column, or NULL. */
static const struct par_problem *problem(const struct par_report *rep, int line, const char *col)
{
    size_t i;

    for (i = 0; i < rep->n; i++)
        if (rep->p[i].line == line &&
            (!col || (rep->p[i].column && !strcmp(rep->p[i].column, col))))
            return &rep->p[i];
    return NULL;
}

static void what_cannot_be_read_is_reported_by_line_and_column(void **state)
{
    static const struct par_row bad[] = {
        {2, {"1", "Lĩnh vực", "5"}},
        {3, {"1.1", "Tiêu chí", "3", "yes_no"}},
        {4, {"1.2", "Tiêu chí", "3", "yes_no"}}, /* 3 + 3 > 5 */
        {5, {"1.1", "Lại 1.1", "1", "yes_no"}},
        {6, {"3.1", "Không có lĩnh vực 3", "1", "yes_no"}},
        {7, {"1.x", "Mã sai", "1", "yes_no"}},
        {8, {"2", "Lĩnh vực 2", "10", "survey"}}, /* scoring on a parent: ignored */
        {9, {"2.1", "Không cách chấm", "2"}},
        {10, {"2.2", "Tỷ lệ không chỉ tiêu", "2", "proportion"}},
        {11, {"2.3", "Thang vượt điểm", "2", "scale", NULL, "0:0; 50:3"}},
        {12, {"2.4", "Số liệu lạ", "2", "proportion", "100", NULL, "weather"}},
        {13, {"2.5", "Không phải số", "hai", "checkbox"}},
        {14, {"2.6", NULL, "1", "survey", "50"}}, /* no name; the target is ignored */
    };
    struct arena a = ARENA_INIT;
    struct par_report rep;
    struct par_item *it;
    size_t n;

    (void)state;
    par_report_init(&rep, &a);
    assert_int_equal(par_rows_read(bad, sizeof(bad) / sizeof(bad[0]), &a, &it, &n, &rep), -1);
    assert_true(problem(&rep, 2, "max_points")->fatal);
    assert_non_null(strstr(problem(&rep, 2, "max_points")->message, "add up to 6"));
    assert_non_null(strstr(problem(&rep, 5, "code")->message, "twice (also on line 3)"));
    assert_non_null(strstr(problem(&rep, 6, "code")->message, "no item 3 above it"));
    assert_non_null(strstr(problem(&rep, 7, "code")->message, "is not a code"));
    assert_false(problem(&rep, 8, "scoring")->fatal);
    /* 2's sub-items give 2 + 2 + 2 + 2 + 1 (2.5's points cannot be read) of its 10: a warning */
    assert_false(problem(&rep, 8, "max_points")->fatal);
    assert_true(problem(&rep, 9, "scoring")->fatal);
    assert_true(problem(&rep, 10, "target")->fatal);
    assert_true(problem(&rep, 11, "bands")->fatal);
    assert_true(problem(&rep, 12, "figure")->fatal);
    assert_non_null(strstr(problem(&rep, 13, "max_points")->message, "\"hai\" is not a number"));
    assert_non_null(strstr(problem(&rep, 13, "scoring")->message, "\"checkbox\""));
    assert_true(problem(&rep, 14, "name")->fatal);
    assert_false(problem(&rep, 14, "target")->fatal);
    assert_int_equal(rep.fatal, 11);
    assert_int_equal(rep.n, 14);
    arena_release(&a);

    par_report_init(&rep, &a);
    assert_int_equal(par_rows_read(NULL, 0, &a, &it, &n, &rep), -1);
    assert_int_equal(rep.p[0].line, 0);
    arena_release(&a);
}

static void a_value_scores_by_proportion_or_by_band(void **state)
{
    struct par_item prop = {.max_points = 3, .scoring = PAR_PROPORTION, .target = 80};
    struct par_item scale = {
        .max_points = 2, .scoring = PAR_SCALE, .bands = {{0, 0}, {80, 1}, {95, 2}}, .nbands = 3};
    struct par_item yes = {.max_points = 1.5, .scoring = PAR_YES_NO};
    struct par_item survey = {.max_points = 5, .scoring = PAR_SURVEY};

    (void)state;
    near(par_score_of_value(&prop, 60), 2.25); /* 3 × 60 / 80 */
    near(par_score_of_value(&prop, 80), 3);
    near(par_score_of_value(&prop, 100), 3); /* above the target: full, no more */
    near(par_score_of_value(&prop, -5), 0);
    near(par_score_of_value(&scale, 79.9), 0);
    near(par_score_of_value(&scale, 80), 1);
    near(par_score_of_value(&scale, 99), 2);
    assert_true(par_score_of_value(&yes, 1) < 0);
    assert_true(par_scored_by_value(&prop) && par_scored_by_value(&scale));
    assert_false(par_scored_by_value(&yes) || par_scored_by_value(&survey));
    assert_true(par_score_valid(&yes, 0) && par_score_valid(&yes, 1.5));
    assert_false(par_score_valid(&yes, 1));
    assert_true(par_score_valid(&scale, 1) && par_score_valid(&scale, 0));
    assert_false(par_score_valid(&scale, 1.5));
    assert_true(par_score_valid(&survey, 3.75));
    assert_false(par_score_valid(&survey, 5.5));
    assert_false(par_score_valid(&prop, -1));
}

/*
 * A structure of two areas, scored by hand:
 *   1 (10)   1.1 (4) yes/no: self 4, appraised 0 → 0, loses 4 (unit A)
 *            1.2 (6) 1.2.1 (2) survey: none → loses 2 (unit B)
 *                    1.2.2 (4) proportion: self 3 → loses 1 (unit A)
 *   2 (5)    2.1 (5) scale: self 2.5 → loses 2.5 (no unit)
 * Area 1 scores 3 of 10 (loses 7), area 2 scores 2.5 of 5; in all 5.5 of 15.
 */
static void losses_are_summed_up_the_tree_and_sorted(void **state)
{
    static const struct par_row rows[] = {
        {1, {"1", "Một", "10"}},
        {2, {"1.1", "Một một", "4", "yes_no"}},
        {3, {"1.2", "Một hai", "6"}},
        {4, {"1.2.1", "Khảo sát", "2", "survey"}},
        {5, {"1.2.2", "Tỷ lệ", "4", "proportion", "100"}},
        {6, {"2", "Hai", "5"}},
        {7, {"2.1", "Thang", "5", "scale", NULL, "0:0; 50:2,5; 100:5"}},
    };
    struct arena a = ARENA_INIT;
    struct par_report rep;
    struct par_item *it;
    struct par_mark m[7] = {
        {-1, -1, NULL}, {4, 0, "A"},    {-1, -1, NULL},  {-1, -1, "B"},
        {3, -1, "A"},   {-1, -1, NULL}, {2.5, -1, NULL},
    };
    struct par_sum s[7], total;
    struct par_loss l[7];
    struct par_unit_loss u[7];
    size_t n, k;

    (void)state;
    par_report_init(&rep, &a);
    assert_int_equal(par_rows_read(rows, 7, &a, &it, &n, &rep), 0);
    par_tree_sum(it, n, m, s, &total);
    near(s[0].score, 3);
    near(s[0].self, 7); /* without the appraisal: 4 + 3 */
    near(s[0].loss, 7);
    near(s[2].score, 3);
    assert_int_equal(s[0].leaves, 3);
    assert_int_equal(s[0].assessed, 2);
    near(total.max, 15);
    near(total.score, 5.5);
    near(total.loss, 9.5);
    assert_int_equal(total.leaves, 4);

    k = par_losses(it, n, s, 0, l);
    assert_int_equal(k, 4);
    assert_string_equal(it[l[0].item].code, "1.1");
    near(l[0].loss, 4);
    assert_string_equal(it[l[1].item].code, "2.1");
    assert_string_equal(it[l[2].item].code, "1.2.1");
    assert_string_equal(it[l[3].item].code, "1.2.2");
    k = par_losses(it, n, s, 1, l);
    assert_int_equal(k, 2);
    assert_string_equal(it[l[0].item].code, "1");
    near(l[1].loss, 2.5);

    k = par_losses_by_unit(it, n, m, s, u);
    assert_int_equal(k, 3);
    assert_string_equal(u[0].unit, "A");
    near(u[0].loss, 5);
    near(u[0].max, 8);
    assert_int_equal(u[0].items, 2);
    assert_null(u[1].unit); /* 2.5 lost, ahead of B's 2 */
    near(u[1].loss, 2.5);
    assert_string_equal(u[2].unit, "B");

    /* scores above an item's maximum count as its maximum; nothing lost, nothing listed */
    m[1] = (struct par_mark){9, -1, "A"};
    m[3].self = 2;
    m[4].self = 4;
    m[6].self = 5;
    par_tree_sum(it, n, m, s, &total);
    near(total.score, 15);
    assert_int_equal(par_losses(it, n, s, 0, l), 0);
    arena_release(&a);
}

static void units_are_ranked_and_ties_share_a_rank(void **state)
{
    struct par_standing s[] = {
        {"000.00.32.H88", 71.5, 0, 0}, {"000.00.31.H88", 80.25, 0, 1},
        {"000.00.03.H88", 71.5, 0, 2}, {"000.00.02.H88", 71.504, 0, 3}, /* 71.50 shown: tied */
        {"000.00.04.H88", 60, 0, 4},
    };

    (void)state;
    par_rank(s, 5);
    assert_string_equal(s[0].subject, "000.00.31.H88");
    assert_int_equal(s[0].rank, 1);
    assert_int_equal(s[1].rank, 2);
    assert_int_equal(s[2].rank, 2);
    assert_int_equal(s[3].rank, 2);
    assert_string_equal(s[1].subject, "000.00.02.H88"); /* ties in identifier order */
    assert_int_equal(s[4].rank, 5);
    assert_int_equal(s[4].index, 4);
}

static void figures_are_the_service_index_measures_motcua_records(void **state)
{
    struct sindex_measure m = {2, 3}, none = {0, 0};

    (void)state;
    assert_int_equal(par_figure_parse("on_time"), SI_ON_TIME);
    assert_int_equal(par_figure_parse("digitised"), SI_DIGITISED);
    assert_int_equal(par_figure_parse("dossiers_online"), SI_DOSSIERS_ONLINE);
    assert_int_equal(par_figure_parse("reuse"), -1); /* not recorded */
    assert_int_equal(par_figure_parse("weather"), -1);
    assert_int_equal(par_figure_parse(NULL), -1);
    near(par_figure_value(&m), 200.0 / 3);
    assert_true(par_figure_value(&none) < 0);
    assert_string_equal(par_scoring_name(PAR_SCALE), "scale");
    assert_int_equal(par_scoring_parse("survey"), PAR_SURVEY);
    assert_int_equal(par_scoring_parse("none"), -1);
    assert_null(par_scoring_name(PAR_SCORING_NONE));
    assert_string_equal(par_scoring_label(PAR_YES_NO), "Đạt / không đạt");
}

static void the_external_indices_have_names(void **state)
{
    (void)state;
    assert_int_equal(par_external_parse("par_index"), PAR_EXT_PAR_INDEX);
    assert_int_equal(par_external_parse("ddci"), PAR_EXT_DDCI);
    assert_int_equal(par_external_parse("gdp"), -1);
    assert_string_equal(par_external_name(PAR_EXT_PCI), "pci");
    assert_non_null(strstr(par_external_label(PAR_EXT_SIPAS), "SIPAS"));
    assert_null(par_external_name(PAR_EXT_COUNT));
}

static void a_point_tables_header_names_its_columns(void **state)
{
    (void)state;
    assert_int_equal(par_sheet_column("code"), PAR_COL_CODE);
    assert_int_equal(par_sheet_column("max_points"), PAR_COL_MAX_POINTS);
    assert_int_equal(par_sheet_column("Mã"), PAR_COL_CODE);
    assert_int_equal(par_sheet_column("STT"), PAR_COL_CODE);
    assert_int_equal(par_sheet_column("Lĩnh vực, tiêu chí, tiêu chí thành phần"), PAR_COL_NAME);
    assert_int_equal(par_sheet_column("Tên"), PAR_COL_NAME);
    assert_int_equal(par_sheet_column("Điểm tối đa"), PAR_COL_MAX_POINTS);
    assert_int_equal(par_sheet_column("Điểm"), PAR_COL_MAX_POINTS);
    assert_int_equal(par_sheet_column("Thang điểm"), PAR_COL_BANDS);
    assert_int_equal(par_sheet_column("Cách chấm"), PAR_COL_SCORING);
    assert_int_equal(par_sheet_column("Mục tiêu"), PAR_COL_TARGET);
    assert_int_equal(par_sheet_column("Số liệu liên kết"), PAR_COL_FIGURE);
    assert_int_equal(par_sheet_column("Ghi chú"), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(codes_are_numbers_separated_by_dots_at_most_three_levels),
        cmocka_unit_test(numbers_take_a_decimal_point_or_comma_and_bands_read_back),
        cmocka_unit_test(rows_are_read_into_a_tree_in_code_order),
        cmocka_unit_test(what_cannot_be_read_is_reported_by_line_and_column),
        cmocka_unit_test(a_value_scores_by_proportion_or_by_band),
        cmocka_unit_test(losses_are_summed_up_the_tree_and_sorted),
        cmocka_unit_test(units_are_ranked_and_ties_share_a_rank),
        cmocka_unit_test(figures_are_the_service_index_measures_motcua_records),
        cmocka_unit_test(the_external_indices_have_names),
        cmocka_unit_test(a_point_tables_header_names_its_columns),
    };
    return cmocka_run_group_tests_name("core/parindex", tests, NULL, NULL);
}
