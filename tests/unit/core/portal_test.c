/* Tests for src/core/portal.c */
#include "../test.h"
#include "core/portal.h"

#include <stdlib.h>

static void times(void **state)
{
    char s[PORTAL_TIME_MAX];

    (void)state;
    portal_time(T("2024-03-15 07:30"), s);
    assert_string_equal(s, "20240315073000");
    portal_time(T("2024-03-15 07:30") + 59, s);
    assert_string_equal(s, "20240315073059");
    portal_time(T("2024-12-31 23:59") + 59, s);
    assert_string_equal(s, "20241231235959");
    portal_time(0, s);
    assert_string_equal(s, "");
}

static void statuses(void **state)
{
    struct portal_status_map m;

    (void)state;
    portal_status_map_default(&m);
    assert_int_equal(portal_status_of(&m, DOSSIER_NEW), 1);
    assert_int_equal(portal_status_of(&m, DOSSIER_RETURNED), 10);
    assert_int_equal(portal_status_of(&m, 0), 0);
    assert_int_equal(portal_status_of(&m, 11), 0);
    m.to[DOSSIER_FINANCIAL] = 4; /* a portal without "awaiting financial obligation" */
    assert_int_equal(portal_status_of(&m, DOSSIER_FINANCIAL), 4);
    assert_int_equal(portal_applicant_kind(APPLICANT_CITIZEN), 1);
    assert_int_equal(portal_applicant_kind(APPLICANT_BUSINESS), 2);
    assert_int_equal(portal_applicant_kind(APPLICANT_OTHER), 2);
}

static const char *str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);

    assert_true(json_is_string(v));
    return json_string_value(v);
}

/* A dossier received, sent for a supplement, supplied, with a fee, a scan and a result. */
static void facts_of(struct portal_facts *f, struct dossier *d, struct dossier_event *ev,
                     size_t nev, struct portal_status_map *map)
{
    static const struct portal_fee fees[] = {{"Lệ phí hộ tịch", 8000}, {"Phí sao lục", 3000}};
    static const struct portal_file files[] = {{7, "to-khai.pdf", 0, 1}, {9, "ket-qua.pdf", 1, 0}};

    memset(d, 0, sizeof(*d));
    d->code = "000.00.31.H88-240315-0001";
    d->procedure_code = "1.001193";
    d->procedure_name = "Đăng ký khai sinh";
    d->agency_name = "Phường Đông Hà";
    d->applicant_kind = APPLICANT_CITIZEN;
    d->applicant_name = "Nguyễn Thị Hoa";
    d->applicant_id_number = "001190012345";
    d->applicant_phone = "0912345678";
    d->summary = "Đăng ký khai sinh cho con";
    d->channel = CHANNEL_ONLINE;
    d->status = DOSSIER_PROCESSED;
    d->submitted_at = T("2024-03-15 07:00");
    d->received_at = T("2024-03-15 07:30");
    d->due_at = T("2024-03-19 16:00");
    d->finished_at = T("2024-03-18 10:00");
    d->fee_method = "online";
    portal_status_map_default(map);
    *f = (struct portal_facts){.d = d,
                               .field_code = "HT",
                               .field_name = "Hộ tịch",
                               .fees = fees,
                               .nfees = 2,
                               .files = files,
                               .nfiles = 2,
                               .events = ev,
                               .nevents = nev,
                               .files_url = "https://motcua.example.vn/api/v1/files",
                               .map = map,
                               .updating = 1};
}

static void dossier_record(void **state)
{
    struct dossier_event ev[] = {
        {.id = 1,
         .at = T("2024-03-15 07:30"),
         .action = "receive",
         .to_status = 2,
         .actor_name = "An",
         .step_due_at = T("2024-03-18 16:00")},
        {.id = 2,
         .at = T("2024-03-15 09:00"),
         .action = "request-supplement",
         .from_status = 2,
         .to_status = 5,
         .actor_name = "Bình",
         .note = "Thiếu giấy chứng sinh"},
        {.id = 3,
         .at = T("2024-03-16 08:00"),
         .action = "supplement",
         .from_status = 5,
         .to_status = 2,
         .actor_name = "An",
         .step_due_at = T("2024-03-19 16:00")},
    };
    struct portal_status_map map;
    struct portal_facts f;
    struct dossier d;
    json_t *rec, *x, *list;

    (void)state;
    facts_of(&f, &d, ev, 3, &map);
    rec = portal_dossier_record(&f);
    assert_string_equal(str(rec, "service"), "DongBoHoSoMC");
    assert_string_equal(str(rec, "isUpdating"), "true");
    x = json_array_get(json_object_get(rec, "data"), 0);
    assert_int_equal(json_object_size(x), 27);
    assert_string_equal(str(x, "MaHoSo"), d.code);
    assert_string_equal(str(x, "SoBienNhan"), d.code);
    assert_string_equal(str(x, "MaTTHC"), "1.001193");
    assert_string_equal(str(x, "MaLinhVuc"), "HT");
    assert_string_equal(str(x, "TenLinhVuc"), "Hộ tịch");
    assert_string_equal(str(x, "LoaiDoiTuong"), "1");
    assert_string_equal(str(x, "Email"), "");
    assert_string_equal(str(x, "NgayTiepNhan"), "20240315073000");
    assert_string_equal(str(x, "NgayHenTra"), "20240319160000");
    assert_string_equal(str(x, "TrangThaiHoSo"), "9");
    assert_string_equal(str(x, "HinhThuc"), "2");
    assert_string_equal(str(x, "NgayKetThucXuLy"), "20240318100000");
    assert_string_equal(str(x, "NgayTra"), "");
    assert_string_equal(str(x, "DonViXuLy"), "Phường Đông Hà");
    list = json_object_get(x, "TaiLieuNop");
    assert_int_equal(json_array_size(list), 1);
    assert_string_equal(str(json_array_get(list, 0), "TepDinhKemId"), "7");
    assert_string_equal(str(json_array_get(list, 0), "MaThanhPhanHoSo"), "1");
    assert_string_equal(str(json_array_get(list, 0), "DuongDanTaiTepTin"),
                        "https://motcua.example.vn/api/v1/files/7");
    list = json_object_get(x, "DanhSachGiayToKetQua");
    assert_int_equal(json_array_size(list), 1);
    assert_string_equal(str(json_array_get(list, 0), "GiayToId"), "9");
    list = json_object_get(x, "DanhSachLePhi");
    assert_int_equal(json_array_size(list), 2);
    assert_string_equal(str(json_array_get(list, 0), "Gia"), "8000");
    assert_string_equal(str(json_array_get(list, 0), "LoaiPhiLePhi"), "2");
    assert_string_equal(str(json_array_get(list, 1), "LoaiPhiLePhi"), "1");
    assert_string_equal(str(json_array_get(list, 1), "HinhThucThu"), "online");
    list = json_object_get(x, "DanhSachHoSoBoSung");
    assert_int_equal(json_array_size(list), 1);
    x = json_array_get(list, 0);
    assert_string_equal(str(x, "HoSoBoSungId"), "2");
    assert_string_equal(str(x, "NguoiYeuCauBoSung"), "Bình");
    assert_string_equal(str(x, "NoiDungBoSung"), "Thiếu giấy chứng sinh");
    assert_string_equal(str(x, "NgayBoSung"), "20240315090000");
    assert_string_equal(str(x, "NguoiTiepNhanBoSung"), "An");
    assert_string_equal(str(x, "NgayTiepNhanBoSung"), "20240316080000");
    assert_string_equal(str(x, "TrangThaiBoSung"), "1");
    assert_string_equal(str(x, "NgayHenTraTruoc"), "20240318160000");
    assert_string_equal(str(x, "NgayHenTraMoi"), "20240319160000");
    json_decref(rec);
    /* mapped statuses; a first record is no update */
    map.to[DOSSIER_PROCESSED] = 10;
    f.updating = 0;
    rec = portal_dossier_record(&f);
    assert_string_equal(str(rec, "isUpdating"), "false");
    x = json_array_get(json_object_get(rec, "data"), 0);
    assert_string_equal(str(x, "TrangThaiHoSo"), "10");
    json_decref(rec);
}

static void progress_batches(void **state)
{
    struct dossier_event ev[23];
    struct portal_status_map map;
    struct portal_facts f;
    struct dossier d;
    json_t *rec, *data, *x;
    size_t i;

    (void)state;
    for (i = 0; i < 23; i++)
        ev[i] = (struct dossier_event){.id = (int64_t)i + 1,
                                       .at = T("2024-03-15 08:00") + (int64_t)i * 600,
                                       .action = i ? "forward" : "receive",
                                       .from_status = 4,
                                       .to_status = i ? 4 : 2,
                                       .actor_name = "Cường",
                                       .unit = "000.00.31.H88",
                                       .unit_name = i ? "Phòng Tư pháp" : NULL,
                                       .note = i == 5 ? "Đã thẩm định" : NULL,
                                       .step_due_at = i ? T("2024-03-18 16:00") : 0};
    facts_of(&f, &d, ev, 23, &map);
    assert_int_equal(portal_progress_batches(0), 0);
    assert_int_equal(portal_progress_batches(10), 1);
    assert_int_equal(portal_progress_batches(23), 3);
    rec = portal_progress_record(&f, 0);
    assert_string_equal(str(rec, "service"), "CapNhatTienDoHoSoMC");
    assert_null(json_object_get(rec, "isUpdating"));
    data = json_object_get(rec, "data");
    assert_int_equal(json_array_size(data), 10);
    x = json_array_get(data, 0);
    assert_int_equal(json_object_size(x), 9);
    assert_string_equal(str(x, "MaHoSo"), d.code);
    assert_string_equal(str(x, "NguoiXuLy"), "Cường");
    assert_string_equal(str(x, "ChucDanh"), "Cán bộ một cửa");
    assert_string_equal(str(x, "ThoiDiemXuLy"), "20240315080000");
    assert_string_equal(str(x, "NgayBatDau"), "20240315080000");
    assert_string_equal(str(x, "PhongBanXuLy"), "000.00.31.H88"); /* no name: the identifier */
    assert_string_equal(str(x, "NoiDungXuLy"), "Tiếp nhận hồ sơ");
    assert_string_equal(str(x, "TrangThai"), "2");
    assert_string_equal(str(x, "NgayKetThucTheoQuyDinh"), "");
    x = json_array_get(data, 5);
    assert_string_equal(str(x, "NoiDungXuLy"), "Chuyển bước tiếp theo: Đã thẩm định");
    assert_string_equal(str(x, "ChucDanh"), "Chuyên viên xử lý");
    assert_string_equal(str(x, "PhongBanXuLy"), "Phòng Tư pháp");
    assert_string_equal(str(x, "NgayBatDau"), "20240315084000");
    assert_string_equal(str(x, "ThoiDiemXuLy"), "20240315085000");
    assert_string_equal(str(x, "NgayKetThucTheoQuyDinh"), "20240318160000");
    json_decref(rec);
    rec = portal_progress_record(&f, 2);
    data = json_object_get(rec, "data");
    assert_int_equal(json_array_size(data), 3);
    assert_string_equal(str(json_array_get(data, 2), "ThoiDiemXuLy"), "20240315114000");
    json_decref(rec);
}

static void envelope_and_answers(void **state)
{
    char *body, *s;
    json_t *o;

    (void)state;
    body = portal_envelope("{\"service\":\"DongBoHoSoMC\",\"data\":[]}", "phien-1", "H88");
    o = json_loads(body, 0, NULL);
    assert_string_equal(str(o, "session"), "phien-1");
    assert_string_equal(str(o, "madonvi"), "H88");
    assert_string_equal(str(o, "service"), "DongBoHoSoMC");
    json_decref(o);
    free(body);
    assert_null(portal_envelope("[1]", "s", "u"));
    assert_null(portal_envelope("not json", "s", "u"));
    assert_true(portal_answer_ok(200, "{\"error_code\":\"0\",\"message\":\"ok\"}"));
    assert_true(portal_answer_ok(200, "{\"error_code\":0}"));
    assert_true(portal_answer_ok(204, NULL));
    assert_false(portal_answer_ok(200, "{\"error_code\":\"-1\",\"message\":\"sai\"}"));
    assert_false(portal_answer_ok(500, "{\"error_code\":\"0\"}"));
    assert_false(portal_answer_ok(0, NULL));
    s = portal_session_of("{\"session\":\"abc\"}");
    assert_string_equal(s, "abc");
    free(s);
    assert_null(portal_session_of("{\"session\":\"\"}"));
    assert_null(portal_session_of("{\"token\":\"abc\"}"));
    assert_null(portal_session_of(NULL));
}

static void on_time(void **state)
{
    (void)state;
    assert_true(portal_on_time(1000, 1000 + 24 * 3600));
    assert_false(portal_on_time(1000, 1001 + 24 * 3600));
    assert_false(portal_on_time(1000, 0)); /* still waiting: not synchronised */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(times),
        cmocka_unit_test(statuses),
        cmocka_unit_test(dossier_record),
        cmocka_unit_test(progress_batches),
        cmocka_unit_test(envelope_and_answers),
        cmocka_unit_test(on_time),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
