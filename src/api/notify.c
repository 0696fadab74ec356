/* The texts of notifications and their place in the outbox. */
#include "api/notify.h"
#include "api/app.h"
#include "core/date.h"
#include "lib/strbuf.h"
#include "store/outbox.h"

#include <jansson.h>

static const char *local_time(struct req *r, int64_t t)
{
    int y, m, d;

    if (!t)
        return "chưa xác định";
    date_civil_from_days(date_local_day(t), &y, &m, &d);
    return arena_printf(&r->arena, "%02d giờ %02d phút, ngày %02d/%02d/%04d",
                        date_local_minute(t) / 60, date_local_minute(t) % 60, d, m, y);
}

/* The missing items of a supplement request, one per line. */
static void add_items(struct strbuf *sb, const char *request_json)
{
    json_t *j = request_json ? json_loads(request_json, 0, NULL) : NULL, *item;
    size_t i;

    json_array_foreach(json_object_get(j, "items"), i, item)
        strbuf_addf(sb, "  %zu. %s\n", i + 1, json_string_value(item));
    if (json_string_value(json_object_get(j, "reason")))
        strbuf_addf(sb, "Lý do: %s\n", json_string_value(json_object_get(j, "reason")));
    json_decref(j);
}

int notify(struct req *r, const struct dossier *d, int notice, struct err *e)
{
    struct app *app = r->app;
    struct strbuf body = STRBUF_INIT;
    const char *subject = "";
    int rc;

    if (!d->applicant_email || d->parent_id)
        return 0;
    strbuf_addf(&body, "Kính gửi %s,\n\n", d->applicant_name);
    switch (notice) {
    case NOTICE_RECEIVED:
        subject = arena_printf(&r->arena, "Hồ sơ %s đã được tiếp nhận", d->code);
        strbuf_addf(&body,
                    "%s đã tiếp nhận hồ sơ của Ông/Bà.\n\nMã hồ sơ: %s\nThủ tục: %s\n"
                    "Thời gian tiếp nhận: %s\nThời gian hẹn trả kết quả: %s\n",
                    d->agency_name, d->code, d->procedure_name, local_time(r, d->received_at),
                    local_time(r, d->due_at));
        break;
    case NOTICE_SUPPLEMENT:
        subject = arena_printf(&r->arena, "Yêu cầu bổ sung hồ sơ %s", d->code);
        strbuf_addf(&body, "Hồ sơ %s (thủ tục %s) cần được bổ sung, hoàn thiện các giấy tờ sau:\n",
                    d->code, d->procedure_name);
        add_items(&body, d->supplement_request);
        strbuf_addstr(&body, "\nThời hạn giải quyết tạm dừng cho đến khi Ông/Bà nộp đủ hồ sơ bổ "
                             "sung.\n");
        break;
    case NOTICE_APOLOGY:
        subject =
            arena_printf(&r->arena, "Thư xin lỗi và hẹn lại ngày trả kết quả hồ sơ %s", d->code);
        strbuf_addf(&body,
                    "%s thành thật xin lỗi Ông/Bà vì hồ sơ %s (thủ tục %s) chưa thể trả kết "
                    "quả đúng hẹn.\n\nLý do: %s\nThời gian hẹn trước: %s\n"
                    "Thời gian hẹn trả kết quả mới: %s\n\nMong Ông/Bà thông cảm.\n",
                    d->agency_name, d->code, d->procedure_name,
                    d->apology_reason ? d->apology_reason : "",
                    local_time(r, d->apology_previous_due_at), local_time(r, d->due_at));
        break;
    case NOTICE_RESULT:
        subject = arena_printf(&r->arena, "Hồ sơ %s đã có kết quả", d->code);
        strbuf_addf(&body,
                    "Hồ sơ %s (thủ tục %s) đã có kết quả giải quyết%s%s.\n"
                    "Mời Ông/Bà nhận kết quả tại %s.\n",
                    d->code, d->procedure_name, d->result_number ? ", số " : "",
                    d->result_number ? d->result_number : "", d->agency_name);
        break;
    }
    strbuf_addf(&body, "\nTra cứu hồ sơ: %s/?code=%s\n\nĐây là thư tự động, xin không trả lời.\n",
                app->public_url ? app->public_url : "", d->code);
    rc = outbox_add(r->db, d->id, d->applicant_email, subject, body.buf, r->now, e);
    strbuf_release(&body);
    return rc;
}
