/* Reading a catalog annex: columns, headings, processing times and fees as provinces write them. */
#include "../test.h"
#include "core/catalog_sheet.h"

#include <string.h>

static void header_cells_name_their_columns(void **state)
{
    (void)state;
    assert_int_equal(catalog_sheet_column("STT"), CCOL_NO);
    assert_int_equal(catalog_sheet_column("Mã TTHC"), CCOL_CODE);
    assert_int_equal(catalog_sheet_column("Mã số TTHC"), CCOL_CODE);
    assert_int_equal(catalog_sheet_column("Ma thu tuc"), CCOL_CODE);
    assert_int_equal(catalog_sheet_column("Tên thủ tục hành chính"), CCOL_NAME);
    assert_int_equal(catalog_sheet_column("TÊN TTHC"), CCOL_NAME);
    assert_int_equal(catalog_sheet_column("Thời hạn giải quyết"), CCOL_TIME);
    assert_int_equal(catalog_sheet_column("Thoi gian giai quyet"), CCOL_TIME);
    assert_int_equal(catalog_sheet_column("Địa điểm thực hiện"), CCOL_PLACE);
    assert_int_equal(catalog_sheet_column("Cách thức thực hiện"), CCOL_PLACE);
    assert_int_equal(catalog_sheet_column("Phí, lệ phí (nếu có)"), CCOL_FEE);
    assert_int_equal(catalog_sheet_column("Căn cứ pháp lý"), CCOL_LEGAL);
    assert_int_equal(catalog_sheet_column("Cơ quan thực hiện"), CCOL_AGENCY);
    assert_int_equal(catalog_sheet_column("Lĩnh vực"), CCOL_FIELD);
    assert_int_equal(catalog_sheet_column("Cấp thực hiện"), CCOL_LEVEL);
    assert_int_equal(catalog_sheet_column("Ghi chú"), -1);
}

static void headings_name_sections_levels_and_fields(void **state)
{
    const char *t;
    struct catalog_heading h;

    (void)state;
    catalog_sheet_heading("A. THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH", &h);
    assert_int_equal(h.section, CSEC_NEW);
    assert_null(h.level);
    assert_int_equal(h.field_at, -1);
    catalog_sheet_heading("B. Danh mục thủ tục hành chính được sửa đổi, bổ sung", &h);
    assert_int_equal(h.section, CSEC_AMENDED);
    catalog_sheet_heading("C. Thủ tục hành chính bị bãi bỏ", &h);
    assert_int_equal(h.section, CSEC_REPEALED);
    catalog_sheet_heading("Thủ tục hành chính cấp xã", &h);
    assert_int_equal(h.section, CSEC_NONE);
    assert_string_equal(h.level, "commune");
    catalog_sheet_heading("I. THỦ TỤC HÀNH CHÍNH CẤP TỈNH", &h);
    assert_string_equal(h.level, "province");
    catalog_sheet_heading("Thu tuc hanh chinh cap huyen", &h);
    assert_string_equal(h.level, "district");
    t = "I. Lĩnh vực Hộ tịch";
    catalog_sheet_heading(t, &h);
    assert_int_equal(h.section, CSEC_NONE);
    assert_string_equal(t + h.field_at, "Hộ tịch");
    t = "LĨNH VỰC: ĐẤT ĐAI";
    catalog_sheet_heading(t, &h);
    assert_string_equal(t + h.field_at, "ĐẤT ĐAI");
    t = "2. Linh vuc Chung thuc";
    catalog_sheet_heading(t, &h);
    assert_string_equal(t + h.field_at, "Chung thuc");
    catalog_sheet_heading(
        "DANH MỤC THỦ TỤC HÀNH CHÍNH MỚI BAN HÀNH, ĐƯỢC SỬA ĐỔI, BỔ SUNG VÀ BỊ BÃI "
        "BỎ LĨNH VỰC TƯ PHÁP",
        &h);
    assert_int_equal(h.section, CSEC_NONE);
    assert_int_equal(h.field_at, -1);
    catalog_sheet_heading("Phần I. DANH MỤC THỦ TỤC HÀNH CHÍNH", &h);
    assert_int_equal(h.section, CSEC_NONE);
    assert_null(h.level);
    assert_int_equal(h.field_at, -1);
}

static void processing_times_as_annexes_write_them(void **state)
{
    const char *kind, *why;
    double d;
    int flags;

    (void)state;
    assert_int_equal(catalog_sheet_duration("15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", &d,
                                            &kind, &flags, &why),
                     0);
    assert_true(d == 15);
    assert_string_equal(kind, "working");
    assert_int_equal(flags, 0);
    assert_int_equal(catalog_sheet_duration("Không quá 05 ngày làm việc", &d, &kind, &flags, &why),
                     0);
    assert_true(d == 5);
    assert_int_equal(catalog_sheet_duration("Năm (05) ngày làm việc", &d, &kind, &flags, &why), 0);
    assert_true(d == 5);
    assert_string_equal(kind, "working");
    assert_int_equal(catalog_sheet_duration("03 (ba) ngay lam viec", &d, &kind, &flags, &why), 0);
    assert_true(d == 3);
    assert_int_equal(catalog_sheet_duration("30 ngày", &d, &kind, &flags, &why), 0);
    assert_true(d == 30);
    assert_string_equal(kind, "calendar");
    assert_int_equal(flags, CDUR_CALENDAR_ASSUMED);
    assert_int_equal(catalog_sheet_duration("04 giờ làm việc", &d, &kind, &flags, &why), 0);
    assert_true(d == 0.5);
    assert_string_equal(kind, "working");
    assert_int_equal(catalog_sheet_duration("Trong ngày; sau 15 giờ trả trong ngày làm việc tiếp "
                                            "theo",
                                            &d, &kind, &flags, &why),
                     0);
    assert_true(d == 1);
    assert_int_equal(catalog_sheet_duration("0,5 ngày làm việc", &d, &kind, &flags, &why), 0);
    assert_true(d == 0.5);
    assert_int_equal(catalog_sheet_duration("15 ngày làm việc; trường hợp phải xác minh không quá "
                                            "20 ngày",
                                            &d, &kind, &flags, &why),
                     0);
    assert_true(d == 15);
    assert_int_equal(catalog_sheet_duration("03 tháng", &d, &kind, &flags, &why), -1);
    assert_non_null(strstr(why, "months"));
    assert_int_equal(catalog_sheet_duration("Theo quy định", &d, &kind, &flags, &why), -1);
    assert_non_null(strstr(why, "no number"));
    assert_int_equal(catalog_sheet_duration("", &d, &kind, &flags, &why), -1);
    assert_int_equal(catalog_sheet_duration("0 ngày", &d, &kind, &flags, &why), -1);
    assert_int_equal(catalog_sheet_duration("1,5 ngày", &d, &kind, &flags, &why), -1);
    assert_int_equal(catalog_sheet_duration("0,1 ngày làm việc", &d, &kind, &flags, &why), -1);
    assert_int_equal(catalog_sheet_duration("15", &d, &kind, &flags, &why), -1);
    assert_int_equal(catalog_sheet_duration("5000 ngày", &d, &kind, &flags, &why), -1);
}

static void fees_as_annexes_write_them(void **state)
{
    struct catalog_fee f[4];
    const char *why, *cell;
    size_t n;

    (void)state;
    assert_int_equal(catalog_sheet_fees("Không", f, 4, &n, &why), 0);
    assert_int_equal(n, 0);
    assert_int_equal(catalog_sheet_fees("Miễn phí", f, 4, &n, &why), 0);
    assert_int_equal(n, 0);
    assert_int_equal(catalog_sheet_fees("", f, 4, &n, &why), 0);
    assert_int_equal(n, 0);
    assert_int_equal(catalog_sheet_fees("Không thu phí", f, 4, &n, &why), 0);
    assert_int_equal(n, 0);
    cell = "50.000 đồng/bản";
    assert_int_equal(catalog_sheet_fees(cell, f, 4, &n, &why), 0);
    assert_int_equal(n, 1);
    assert_int_equal(f[0].amount, 50000);
    assert_int_equal(f[0].start, 0);
    assert_int_equal(f[0].len, strlen(cell));
    cell = "Lệ phí: 8.000 đồng/bản;\nPhí: 1.000.000đ; Miễn phí đối với trẻ em dưới 6 tuổi";
    assert_int_equal(catalog_sheet_fees(cell, f, 4, &n, &why), 0);
    assert_int_equal(n, 2);
    assert_int_equal(f[0].amount, 8000);
    assert_int_equal(f[1].amount, 1000000);
    assert_memory_equal(cell + f[1].start, "Phí: 1.000.000đ", f[1].len);
    assert_int_equal(catalog_sheet_fees("1,5 triệu đồng", f, 4, &n, &why), 0);
    assert_int_equal(f[0].amount, 1500000);
    assert_int_equal(catalog_sheet_fees("20 nghìn đồng", f, 4, &n, &why), 0);
    assert_int_equal(f[0].amount, 20000);
    assert_int_equal(catalog_sheet_fees("50 000 VNĐ", f, 4, &n, &why), 0);
    assert_int_equal(f[0].amount, 50000);
    assert_int_equal(catalog_sheet_fees("0,15% giá trị hợp đồng", f, 4, &n, &why), -1);
    assert_int_equal(catalog_sheet_fees("Theo quy định của Bộ Tài chính", f, 4, &n, &why), -1);
    assert_non_null(strstr(why, "no amount"));
    assert_int_equal(catalog_sheet_fees("1 đồng; 2 đồng; 3 đồng", f, 2, &n, &why), -1);
}

static void agencies_named_by_their_level(void **state)
{
    (void)state;
    assert_string_equal(catalog_sheet_generic_agency("UBND cấp xã"), "commune");
    assert_string_equal(catalog_sheet_generic_agency("Ủy ban nhân dân cấp huyện"), "district");
    assert_string_equal(catalog_sheet_generic_agency("Chủ tịch UBND tỉnh"), "province");
    assert_string_equal(catalog_sheet_generic_agency("Ủy ban nhân dân tỉnh"), "province");
    assert_null(catalog_sheet_generic_agency("Sở Tư pháp"));
    assert_null(catalog_sheet_generic_agency("UBND tỉnh Sơn Hà"));
    assert_string_equal(catalog_sheet_online_class("Trực tuyến toàn trình"), "full");
    assert_string_equal(catalog_sheet_online_class("Dịch vụ công trực tuyến một phần"), "partial");
    assert_null(catalog_sheet_online_class("Bộ phận một cửa"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(header_cells_name_their_columns),
        cmocka_unit_test(headings_name_sections_levels_and_fields),
        cmocka_unit_test(processing_times_as_annexes_write_them),
        cmocka_unit_test(fees_as_annexes_write_them),
        cmocka_unit_test(agencies_named_by_their_level),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
