/* The National Public Service Portal's records (docs/portal-sync.md). */
#include "core/portal.h"
#include "core/date.h"
#include "core/workflow.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void portal_time(int64_t utc, char out[PORTAL_TIME_MAX])
{
    int y, m, d, minute;
    int64_t local = utc + DATE_TZ_OFFSET;
    char buf[64];

    if (!utc) {
        out[0] = 0;
        return;
    }
    date_civil_from_days(date_local_day(utc), &y, &m, &d);
    minute = date_local_minute(utc);
    snprintf(buf, sizeof(buf), "%04d%02d%02d%02d%02d%02d", y, m, d, minute / 60, minute % 60,
             (int)(((local % 60) + 60) % 60));
    snprintf(out, PORTAL_TIME_MAX, "%.14s", buf);
}

void portal_status_map_default(struct portal_status_map *m)
{
    int s;

    for (s = 0; s <= DOSSIER_STATUS_MAX; s++)
        m->to[s] = s;
}

int portal_status_of(const struct portal_status_map *m, int status)
{
    return dossier_status_valid(status) ? m->to[status] : 0;
}

int portal_applicant_kind(int kind)
{
    return kind == APPLICANT_CITIZEN ? 1 : 2;
}

/* Every value is a string: "" for none. */
static void put(json_t *o, const char *key, const char *value)
{
    json_object_set_new(o, key, json_string(value ? value : ""));
}

static void put_int(json_t *o, const char *key, int64_t v)
{
    char buf[24];

    snprintf(buf, sizeof(buf), "%" PRId64, v);
    put(o, key, buf);
}

static void put_time(json_t *o, const char *key, int64_t t)
{
    char buf[PORTAL_TIME_MAX];

    portal_time(t, buf);
    put(o, key, buf);
}

static void put_url(json_t *o, const char *key, const struct portal_facts *f, int64_t id)
{
    char buf[600];

    snprintf(buf, sizeof(buf), "%s/%" PRId64, f->files_url ? f->files_url : "", id);
    put(o, key, buf);
}

static const char *return_text(const struct dossier *d)
{
    static const char *const ways[][2] = {
        {"counter", "Trả kết quả tại bộ phận một cửa"},
        {"post", "Trả kết quả qua dịch vụ bưu chính công ích"},
        {"online", "Trả kết quả trực tuyến"},
    };
    size_t i;

    for (i = 0; d->return_method && i < sizeof(ways) / sizeof(ways[0]); i++)
        if (!strcmp(d->return_method, ways[i][0]))
            return ways[i][1];
    return "";
}

static json_t *files_json(const struct portal_facts *f, int result)
{
    json_t *list = json_array();
    size_t i;

    for (i = 0; i < f->nfiles; i++) {
        const struct portal_file *x = &f->files[i];
        json_t *o = json_object();
        if (!x->result != !result) {
            json_decref(o);
            continue;
        }
        if (result) {
            put(o, "TenGiayTo", x->name);
            put(o, "MaThanhPhanHoSo", "");
            put_int(o, "GiayToId", x->id);
            put_url(o, "DuongDanTepTinKetQua", f, x->id);
        } else {
            put_int(o, "TepDinhKemId", x->id);
            put(o, "TenTepDinhKem", x->name);
            put(o, "IsDeleted", "false");
            put_int(o, "MaThanhPhanHoSo", x->component);
            put_url(o, "DuongDanTaiTepTin", f, x->id);
        }
        json_array_append_new(list, o);
    }
    return list;
}

static json_t *fees_json(const struct portal_facts *f)
{
    json_t *list = json_array();
    size_t i;

    for (i = 0; i < f->nfees; i++) {
        json_t *o = json_object();
        const char *name = f->fees[i].name ? f->fees[i].name : "";
        put(o, "TenPhiLePhi", name);
        put_int(o, "MaPhiLePhi", (int64_t)i + 1);
        put(o, "HinhThucThu", f->d->fee_method);
        put_int(o, "Gia", f->fees[i].amount);
        /* 2 a charge (lệ phí), 1 a fee (phí) */
        put(o, "LoaiPhiLePhi", !strncmp(name, "Lệ phí", strlen("Lệ phí")) ? "2" : "1");
        json_array_append_new(list, o);
    }
    return list;
}

/* The actions after which the event's step_due_at is the dossier's appointment. */
static int sets_appointment(const char *action)
{
    return !strcmp(action, "receive") || !strcmp(action, "accept") ||
           !strcmp(action, "supplement") || !strcmp(action, "apologize");
}

/* Each supplement request, with its completion when it came. */
static json_t *supplements_json(const struct portal_facts *f)
{
    json_t *list = json_array(), *cur = NULL;
    int64_t due = 0;
    size_t i;

    for (i = 0; i < f->nevents; i++) {
        const struct dossier_event *ev = &f->events[i];
        if (!strcmp(ev->action, "request-supplement")) {
            cur = json_object();
            put_int(cur, "HoSoBoSungId", ev->id);
            put(cur, "NguoiYeuCauBoSung", ev->actor_name);
            put(cur, "NoiDungBoSung", ev->note);
            put_time(cur, "NgayBoSung", ev->at);
            put(cur, "NguoiTiepNhanBoSung", "");
            put(cur, "ThongTinTiepNhan", "");
            put(cur, "NgayTiepNhanBoSung", "");
            put(cur, "TrangThaiBoSung", "0");
            put_time(cur, "NgayHenTraTruoc", due);
            put(cur, "NgayHenTraMoi", "");
            json_array_append_new(list, cur);
        } else if (!strcmp(ev->action, "supplement") && cur) {
            put(cur, "NguoiTiepNhanBoSung", ev->actor_name);
            put(cur, "ThongTinTiepNhan", ev->note);
            put_time(cur, "NgayTiepNhanBoSung", ev->at);
            put(cur, "TrangThaiBoSung", "1");
            put_time(cur, "NgayHenTraMoi", ev->step_due_at ? ev->step_due_at : due);
            cur = NULL;
        }
        if (sets_appointment(ev->action) && ev->step_due_at)
            due = ev->step_due_at;
    }
    return list;
}

json_t *portal_dossier_record(const struct portal_facts *f)
{
    const struct dossier *d = f->d;
    json_t *o = json_object(), *rec;
    const char *note = d->close_reason ? d->close_reason : d->apology_reason;

    put(o, "MaHoSo", d->code);
    put(o, "MaTTHC", d->procedure_code);
    put(o, "TenTTHC", d->procedure_name);
    put(o, "MaLinhVuc", f->field_code);
    put(o, "TenLinhVuc", f->field_name);
    put(o, "SoBienNhan", d->code);
    put(o, "ChuHoSo", d->applicant_name);
    put_int(o, "LoaiDoiTuong", portal_applicant_kind(d->applicant_kind));
    put(o, "MaDoiTuong", d->applicant_id_number);
    put(o, "ThongTinKhac", d->applicant_address);
    put(o, "Email", d->applicant_email);
    put(o, "Fax", "");
    put(o, "SoDienThoai", d->applicant_phone);
    put(o, "TrichYeuHoSo", d->summary);
    put_time(o, "NgayTiepNhan", d->received_at ? d->received_at : d->submitted_at);
    put_time(o, "NgayHenTra", d->due_at);
    put_int(o, "TrangThaiHoSo", portal_status_of(f->map, d->status));
    put_time(o, "NgayTra", d->returned_at);
    put(o, "ThongTinTra", return_text(d));
    put_int(o, "HinhThuc", d->channel);
    put_time(o, "NgayKetThucXuLy", d->finished_at ? d->finished_at : d->closed_at);
    put(o, "DonViXuLy", f->unit_name ? f->unit_name : d->agency_name);
    put(o, "GhiChu", note);
    json_object_set_new(o, "TaiLieuNop", files_json(f, 0));
    json_object_set_new(o, "DanhSachLePhi", fees_json(f));
    json_object_set_new(o, "DanhSachHoSoBoSung", supplements_json(f));
    json_object_set_new(o, "DanhSachGiayToKetQua", files_json(f, 1));
    rec = json_pack("{s:s, s:s, s:[o]}", "service", PORTAL_SERVICE_DOSSIER, "isUpdating",
                    f->updating ? "true" : "false", "data", o);
    return rec;
}

size_t portal_progress_batches(size_t nevents)
{
    return (nevents + PORTAL_PROGRESS_BATCH - 1) / PORTAL_PROGRESS_BATCH;
}

/* What an event did, in the portal's words. */
static const char *event_text(const struct dossier_event *ev, char *buf, size_t n)
{
    int a = action_parse(ev->action);
    const char *label = a >= 0                                ? action_get(a)->label
                        : !strcmp(ev->action, "receive")      ? "Tiếp nhận hồ sơ"
                        : !strcmp(ev->action, "submit")       ? "Nộp hồ sơ trực tuyến"
                        : !strcmp(ev->action, "consult_done") ? "Hoàn thành lấy ý kiến"
                                                              : ev->action;

    snprintf(buf, n, "%s%s%s", label, ev->note && *ev->note ? ": " : "", ev->note ? ev->note : "");
    return buf;
}

/* The title of whoever takes the action (the desk, a processor, a leader). */
static const char *title_of(const struct dossier_event *ev)
{
    int a = action_parse(ev->action);

    if (a < 0)
        return !strcmp(ev->action, "submit") ? "Người nộp hồ sơ" : "Cán bộ một cửa";
    switch (action_actor(a, ev->from_status)) {
    case ACTOR_DESK: return "Cán bộ một cửa";
    case ACTOR_LEADER: return "Lãnh đạo";
    default: return "Chuyên viên xử lý";
    }
}

json_t *portal_progress_record(const struct portal_facts *f, size_t k)
{
    json_t *list = json_array();
    size_t i, first = k * PORTAL_PROGRESS_BATCH;
    char text[1200];

    for (i = first; i < f->nevents && i < first + PORTAL_PROGRESS_BATCH; i++) {
        const struct dossier_event *ev = &f->events[i];
        json_t *o = json_object();
        put(o, "MaHoSo", f->d->code);
        put(o, "NguoiXuLy", ev->actor_name);
        put(o, "ChucDanh", title_of(ev));
        put_time(o, "ThoiDiemXuLy", ev->at);
        put(o, "PhongBanXuLy", ev->unit_name ? ev->unit_name : ev->unit);
        put(o, "NoiDungXuLy", event_text(ev, text, sizeof(text)));
        put_int(o, "TrangThai", portal_status_of(f->map, ev->to_status));
        put_time(o, "NgayBatDau", i ? f->events[i - 1].at : ev->at);
        put_time(o, "NgayKetThucTheoQuyDinh", ev->step_due_at);
        json_array_append_new(list, o);
    }
    return json_pack("{s:s, s:o}", "service", PORTAL_SERVICE_PROGRESS, "data", list);
}

char *portal_envelope(const char *record, const char *session, const char *unit)
{
    json_t *o = json_loads(record, 0, NULL);
    char *out;

    if (!json_is_object(o)) {
        json_decref(o);
        return NULL;
    }
    json_object_set_new(o, "session", json_string(session ? session : ""));
    json_object_set_new(o, "madonvi", json_string(unit ? unit : ""));
    out = json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return out;
}

int portal_answer_ok(long http, const char *body)
{
    json_t *o, *code;
    int ok;

    if (http < 200 || http > 299)
        return 0;
    o = body ? json_loads(body, 0, NULL) : NULL;
    code = json_object_get(o, "error_code");
    ok = !code || (json_is_integer(code) && json_integer_value(code) == 0) ||
         (json_is_string(code) && !strcmp(json_string_value(code), "0"));
    json_decref(o);
    return ok;
}

char *portal_session_of(const char *body)
{
    json_t *o = body ? json_loads(body, 0, NULL) : NULL;
    const char *s = json_string_value(json_object_get(o, "session"));
    char *out = s && *s ? strdup(s) : NULL;

    json_decref(o);
    return out;
}

int portal_on_time(int64_t created, int64_t sent_at)
{
    return sent_at && sent_at - created <= PORTAL_ON_TIME_SECONDS;
}
