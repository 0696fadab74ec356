/* Reading a plan's sheet: columns, deadlines as plans write them, parents, units. */
#include "../test.h"
#include "core/date.h"
#include "core/plan_sheet.h"

#include <string.h>

static void header_cells_name_their_columns(void **state)
{
    (void)state;
    assert_int_equal(plan_sheet_column("STT"), PCOL_NO);
    assert_int_equal(plan_sheet_column("TT"), PCOL_NO);
    assert_int_equal(plan_sheet_column("Nội dung nhiệm vụ"), PCOL_TASK);
    assert_int_equal(plan_sheet_column("Đơn vị chủ trì"), PCOL_LEAD);
    assert_int_equal(plan_sheet_column("Cơ quan phối hợp"), PCOL_UNITS);
    assert_int_equal(plan_sheet_column("Thời gian hoàn thành"), PCOL_DEADLINE);
    assert_int_equal(plan_sheet_column("Thời gian thực hiện"), PCOL_DEADLINE);
    assert_int_equal(plan_sheet_column("Sản phẩm dự kiến"), PCOL_PRODUCT);
    assert_int_equal(plan_sheet_column("Ghi chú"), -1);
}

static void deadlines_as_plans_write_them(void **state)
{
    int64_t day;

    (void)state;
    assert_int_equal(plan_sheet_deadline("30/06/2026", 0, 2026, &day), 1);
    assert_int_equal(day, date_days_from_civil(2026, 6, 30));
    assert_int_equal(plan_sheet_deadline("46022", 0, 2025, &day), 1); /* a serial */
    assert_int_equal(day, date_days_from_civil(2025, 12, 31));
    assert_int_equal(plan_sheet_deadline("Trước ngày 15/9/2026", 0, 2026, &day), 1);
    assert_int_equal(day, date_days_from_civil(2026, 9, 15));
    assert_int_equal(plan_sheet_deadline("Tháng 6/2026", 0, 2026, &day), 1);
    assert_int_equal(day, date_days_from_civil(2026, 6, 30));
    assert_int_equal(plan_sheet_deadline("tháng 2 năm 2028", 0, 2028, &day), 1);
    assert_int_equal(day, date_days_from_civil(2028, 2, 29));
    assert_int_equal(plan_sheet_deadline("Quý II/2026", 0, 2026, &day), 1);
    assert_int_equal(day, date_days_from_civil(2026, 6, 30));
    assert_int_equal(plan_sheet_deadline("Quý 3", 0, 2026, &day), 1);
    assert_int_equal(day, date_days_from_civil(2026, 9, 30));
    assert_int_equal(plan_sheet_deadline("Năm 2026", 0, 2026, &day), 1);
    assert_int_equal(day, date_days_from_civil(2026, 12, 31));
    assert_int_equal(plan_sheet_deadline("Thường xuyên", 0, 2026, &day), 0);
    assert_int_equal(plan_sheet_deadline("", 0, 2026, &day), 0);
    assert_int_equal(plan_sheet_deadline("sớm nhất có thể", 0, 2026, &day), -1);
    assert_int_equal(plan_sheet_deadline("Tháng 13/2026", 0, 2026, &day), -1);
    assert_int_equal(plan_sheet_deadline("Quý V/2026", 0, 2026, &day), -1);
    assert_int_equal(plan_sheet_deadline("2026", 0, 2026, &day), -1); /* serial 2026 is 1905 */
    assert_int_equal(plan_sheet_deadline("30/06/1990", 0, 2026, &day), -1);
}

static void a_number_names_its_parent(void **state)
{
    char p[16];

    (void)state;
    assert_true(plan_sheet_parent_no("1.2", p, sizeof(p)));
    assert_string_equal(p, "1");
    assert_true(plan_sheet_parent_no("II.3.1", p, sizeof(p)));
    assert_string_equal(p, "II.3");
    assert_false(plan_sheet_parent_no("1", p, sizeof(p)));
    assert_false(plan_sheet_parent_no("1.", p, sizeof(p)));
    assert_true(plan_sheet_parent_no("2.1.", p, sizeof(p)));
    assert_string_equal(p, "2");
}

static void units_are_found_by_name_without_diacritics(void **state)
{
    const char *names[] = {"xa duc pho", "phuong dong ha", "so tu phap", "uy ban nhan dan tinh"};
    const char *twins[] = {"phong tu phap", "phong noi vu", "phong tu phap"};

    (void)state;
    assert_int_equal(plan_sheet_unit("Xã Đức Phổ", names, 4), 0);
    assert_int_equal(plan_sheet_unit("XA DUC PHO", names, 4), 0);
    assert_int_equal(plan_sheet_unit("UBND phường Đông Hà", names, 4), 1);
    assert_int_equal(plan_sheet_unit("Ủy ban nhân dân xã Đức Phổ", names, 4), 0);
    assert_int_equal(plan_sheet_unit("Sở Tư pháp tỉnh", names, 4), -1);
    assert_int_equal(plan_sheet_unit("Sở Nội vụ", names, 4), -1);
    /* not a unit whose name merely ends the given one */
    assert_int_equal(plan_sheet_unit("Văn phòng Ủy ban nhân dân tỉnh", names, 4), -1);
    /* two units of one name: the full name is needed */
    assert_int_equal(plan_sheet_unit("Phòng Tư pháp", twins, 3), -2);
    assert_int_equal(plan_sheet_unit("Phòng Nội vụ", twins, 3), 1);
}

static void a_heading_is_numbered_in_roman_numerals_or_letters(void **state)
{
    (void)state;
    assert_true(plan_sheet_heading_no(""));
    assert_true(plan_sheet_heading_no("II"));
    assert_true(plan_sheet_heading_no("IV."));
    assert_true(plan_sheet_heading_no("A"));
    assert_true(plan_sheet_heading_no("b."));
    assert_false(plan_sheet_heading_no("3"));
    assert_false(plan_sheet_heading_no("1.2"));
    assert_false(plan_sheet_heading_no("II.3"));
}

static void cooperating_units_split_at_commas_semicolons_and_lines(void **state)
{
    const char *cell = " Sở Nội vụ, Sở Tư pháp;\nUBND các xã ,, ";
    char buf[64];
    const char *names[8];

    (void)state;
    assert_int_equal(plan_sheet_names(cell, buf, names, 8), 3);
    assert_string_equal(names[0], "Sở Nội vụ");
    assert_string_equal(names[1], "Sở Tư pháp");
    assert_string_equal(names[2], "UBND các xã");
    assert_int_equal(plan_sheet_names(cell, buf, names, 2), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_cells_name_their_columns),
        cmocka_unit_test(deadlines_as_plans_write_them),
        cmocka_unit_test(a_number_names_its_parent),
        cmocka_unit_test(units_are_found_by_name_without_diacritics),
        cmocka_unit_test(a_heading_is_numbered_in_roman_numerals_or_letters),
        cmocka_unit_test(cooperating_units_split_at_commas_semicolons_and_lines),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
