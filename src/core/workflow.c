/* The action table. */
#include "core/workflow.h"
#include "core/worktime.h"
#include "core/agency.h"

#include <string.h>

#define S(x) (1u << (x))

static const struct action_def actions[ACT_COUNT] = {
    [ACT_ACCEPT] = {"accept", "Tiếp nhận hồ sơ trực tuyến", S(1), 2, ACTOR_DESK, 0},
    [ACT_REFUSE] = {"refuse", "Từ chối tiếp nhận", S(1) | S(2) | S(5), 3, ACTOR_DESK, NEED_REASON},
    [ACT_HANDOVER] = {"handover", "Chuyển xử lý", S(2), 4, ACTOR_DESK, 0},
    [ACT_REQUEST_SUPPLEMENT] = {"request-supplement", "Yêu cầu bổ sung hồ sơ",
                                S(1) | S(2) | S(4) | S(6), 5, ACTOR_PROCESSOR,
                                NEED_REASON | NEED_ITEMS},
    [ACT_SUPPLEMENT] = {"supplement", "Nhận hồ sơ bổ sung", S(5), 0, ACTOR_DESK, 0},
    [ACT_FORWARD] = {"forward", "Chuyển bước tiếp theo", S(4), 4, ACTOR_PROCESSOR, 0},
    [ACT_APPROVE] = {"approve", "Phê duyệt, chuyển bước tiếp theo", S(4), 4, ACTOR_LEADER, 0},
    [ACT_SEND_BACK] = {"send-back", "Trả lại bước trước", S(4), 4, ACTOR_PROCESSOR, NEED_REASON},
    [ACT_CONSULT] = {"consult", "Lấy ý kiến, liên thông cơ quan khác", S(4), 4, ACTOR_PROCESSOR,
                     NEED_AGENCY},
    [ACT_REQUEST_PAYMENT] = {"request-payment", "Yêu cầu thực hiện nghĩa vụ tài chính", S(4), 6,
                             ACTOR_PROCESSOR, NEED_AMOUNT},
    [ACT_PAY] = {"pay", "Ghi nhận đã nộp nghĩa vụ tài chính", S(6), 4, ACTOR_DESK,
                 NEED_AMOUNT | NEED_PAYMENT},
    [ACT_FINISH] = {"finish", "Có kết quả giải quyết", S(4), 9, ACTOR_LEADER, NEED_RESULT},
    [ACT_RETURN] = {"return", "Trả kết quả", S(9), 10, ACTOR_DESK, NEED_RETURN},
    [ACT_WITHDRAW] = {"withdraw", "Rút hồ sơ theo yêu cầu", S(1) | S(2) | S(4) | S(5) | S(6), 7,
                      ACTOR_DESK, NEED_REASON},
    [ACT_STOP] = {"stop", "Dừng xử lý", S(4) | S(5) | S(6), 8, ACTOR_LEADER, NEED_REASON},
    [ACT_APOLOGIZE] = {"apologize", "Xin lỗi và hẹn lại ngày trả kết quả",
                       S(2) | S(4) | S(5) | S(6), 0, ACTOR_LEADER, NEED_REASON | NEED_NEW_DUE},
};

#undef S

const struct action_def *action_get(int action)
{
    return action >= 0 && action < ACT_COUNT ? &actions[action] : NULL;
}

int action_parse(const char *name)
{
    int a;

    for (a = 0; a < ACT_COUNT; a++)
        if (!strcmp(name, actions[a].name))
            return a;
    return -1;
}

int action_allowed_from(int action, int status)
{
    return action >= 0 && action < ACT_COUNT && dossier_status_valid(status) &&
           (actions[action].from >> status & 1u);
}

size_t actions_from(int status, int out[ACT_COUNT])
{
    size_t n = 0;
    int a;

    for (a = 0; a < ACT_COUNT; a++)
        if (action_allowed_from(a, status))
            out[n++] = a;
    return n;
}

int action_actor(int action, int status)
{
    if (action == ACT_REQUEST_SUPPLEMENT && (status == DOSSIER_NEW || status == DOSSIER_RECEIVED))
        return ACTOR_DESK;
    return action >= 0 && action < ACT_COUNT ? actions[action].actor : ACTOR_LEADER;
}

int workflow_processed_where_received(const char *procedure_agency_path, const char *unit_path,
                                      const char *unit_level)
{
    return agency_under(unit_path, procedure_agency_path) && strcmp(unit_level, "centre");
}

int workflow_resume_status(int before_request)
{
    return before_request == DOSSIER_NEW || before_request == DOSSIER_RECEIVED ? DOSSIER_RECEIVED
                                                                               : DOSSIER_PROCESSING;
}

int workflow_apology_opens(const struct workcal *cal, const struct office_hours *oh, int64_t due,
                           int64_t *opens, struct err *e)
{
    return worktime_sub(cal, oh, due, WORKFLOW_APOLOGY_WINDOW_MINUTES, opens, e);
}

int workflow_apology_check(int64_t now, int64_t due, int64_t new_due)
{
    if (new_due <= now)
        return 1;
    if (new_due <= due)
        return 2;
    if (new_due - due > WORKFLOW_APOLOGY_MAX_SECONDS)
        return 3;
    return 0;
}

int workflow_result_date_check(int64_t result_day, int64_t received_day, int64_t today)
{
    if (result_day < received_day)
        return 1;
    if (result_day > today)
        return 2;
    return 0;
}

int workflow_payment_check(int64_t due, int64_t paid)
{
    return paid < due ? 1 : paid > due ? 2 : 0;
}

const char *event_label(const char *action)
{
    static const char *const other[][2] = {
        {"receive", "Tiếp nhận hồ sơ"},
        {"submit", "Nộp hồ sơ trực tuyến"},
        {"consult_done", "Cơ quan phối hợp trả kết quả"},
        {"supplement-sent", "Người nộp gửi hồ sơ bổ sung trực tuyến"},
    };
    size_t i;
    int a = action_parse(action);

    if (a >= 0)
        return actions[a].label;
    for (i = 0; i < sizeof(other) / sizeof(other[0]); i++)
        if (!strcmp(action, other[i][0]))
            return other[i][1];
    return action;
}
