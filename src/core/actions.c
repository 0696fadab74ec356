/* What a caller may do to a dossier now. */
#include "core/actions.h"
#include "core/roles.h"

static const char *const fields[ACT_COUNT] = {
    [ACT_ACCEPT] = "",
    [ACT_REFUSE] = "reason",
    [ACT_HANDOVER] = "",
    [ACT_REQUEST_SUPPLEMENT] = "items reason",
    [ACT_SUPPLEMENT] = "note?",
    [ACT_FORWARD] = "note?",
    [ACT_APPROVE] = "note?",
    [ACT_SEND_BACK] = "reason",
    [ACT_CONSULT] = "agency days? note?",
    [ACT_REQUEST_PAYMENT] = "amount note?",
    [ACT_PAY] = "amount method receipt",
    [ACT_FINISH] = "result_number result_date signer",
    [ACT_RETURN] = "method tracking?",
    [ACT_WITHDRAW] = "reason",
    [ACT_STOP] = "reason",
    [ACT_APOLOGIZE] = "reason new_due_at",
};

static const char *const names[BLOCK_COUNT][2] = {
    [BLOCK_NONE] = {"", ""},
    [BLOCK_STATUS] = {"status", "Trạng thái hiện tại của hồ sơ không cho phép thao tác này"},
    [BLOCK_ROLE] = {"role", "Thao tác này thuộc về cán bộ khác hoặc đơn vị khác"},
    [BLOCK_WAITING] = {"waiting", "Đang chờ cơ quan được lấy ý kiến trả lời"},
    [BLOCK_FIRST_STEP] = {"first_step",
                          "Hồ sơ đang ở bước đầu tiên, không có bước trước để trả lại"},
    [BLOCK_LAST_STEP] = {"last_step", "Hồ sơ đang ở bước cuối cùng: cập nhật kết quả giải quyết"},
    [BLOCK_APPROVAL] = {"approval_step", "Bước hiện tại do lãnh đạo phê duyệt"},
    [BLOCK_NO_APPROVAL] = {"not_approval_step", "Bước hiện tại không phải bước phê duyệt"},
    [BLOCK_APOLOGIZED] = {"apologized", "Đã xin lỗi và hẹn lại một lần"},
};

/* An action the applicant who filed the dossier may take as well. */
static int applicant_may(int action)
{
    return action == ACT_WITHDRAW;
}

/* Whether the caller is the one the action belongs to. */
static int actor_ok(int action, const struct action_context *c)
{
    if (applicant_may(action) && c->filer)
        return 1;
    switch (action_actor(action, c->status)) {
    case ACTOR_DESK: return c->desk;
    case ACTOR_PROCESSOR: return c->processor;
    default: return c->leader;
    }
}

int actor_capability(int actor)
{
    switch (actor) {
    case ACTOR_DESK: return CAP_RECEIVE;
    case ACTOR_PROCESSOR: return CAP_PROCESS;
    default: return CAP_APPROVE;
    }
}

unsigned action_roles(int action)
{
    unsigned mask = 0;
    int s;

    for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++)
        if (action_allowed_from(action, s))
            mask |= roles_with(actor_capability(action_actor(action, s)));
    if (mask && applicant_may(action))
        mask |= roles_with(CAP_SUBMIT_ONLINE);
    return mask;
}

int action_block(int action, const struct action_context *c)
{
    int moves = action == ACT_FORWARD || action == ACT_APPROVE || action == ACT_SEND_BACK;

    if (!action_allowed_from(action, c->status))
        return BLOCK_STATUS;
    if (!actor_ok(action, c))
        return BLOCK_ROLE;
    if ((moves || action == ACT_FINISH) && c->open_children)
        return BLOCK_WAITING;
    if (action == ACT_SEND_BACK && c->step <= 1)
        return BLOCK_FIRST_STEP;
    if ((action == ACT_FORWARD || action == ACT_APPROVE) && c->step >= c->nsteps)
        return BLOCK_LAST_STEP;
    if (action == ACT_FORWARD && c->approval_step)
        return BLOCK_APPROVAL;
    if (action == ACT_APPROVE && !c->approval_step)
        return BLOCK_NO_APPROVAL;
    if (action == ACT_APOLOGIZE && c->apologized)
        return BLOCK_APOLOGIZED;
    return BLOCK_NONE;
}

const char *action_block_name(int block)
{
    return block >= 0 && block < BLOCK_COUNT ? names[block][0] : "";
}

const char *action_block_label(int block)
{
    return block >= 0 && block < BLOCK_COUNT ? names[block][1] : "";
}

const char *action_fields(int action)
{
    return action >= 0 && action < ACT_COUNT ? fields[action] : "";
}
