/* What a caller may do to a dossier now. */
#include "core/actions.h"
#include "core/date.h"
#include "core/roles.h"
#include "lib/strbuf.h"

#include <stdio.h>
#include <string.h>

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
    [BLOCK_EARLY] = {"too_early", "Chỉ được xin lỗi và hẹn lại từ 3 ngày làm việc trước hạn trả "
                                  "kết quả"},
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
    if (action == ACT_APOLOGIZE && c->apology_opens && c->now < c->apology_opens)
        return BLOCK_EARLY;
    return BLOCK_NONE;
}

void action_context_of(const struct dossier *d, const struct dossier_step *steps, size_t nsteps,
                       struct action_context *c)
{
    c->status = d->status;
    c->step = d->step;
    c->nsteps = (int)nsteps;
    c->approval_step =
        d->step >= 1 && (size_t)d->step <= nsteps && !strcmp(steps[d->step - 1].role, "approve");
    c->open_children = d->open_children;
    c->apologized = d->apology_at != 0;
}

static int refuse_status(const struct dossier *d, int action, struct err *e)
{
    struct strbuf allowed = STRBUF_INIT;
    int list[ACT_COUNT];
    size_t n = actions_from(d->status, list), i;

    for (i = 0; i < n; i++)
        strbuf_addf(&allowed, "%s%s", i ? ", " : "", action_get(list[i])->name);
    err_set(e, 409, "invalid_transition", "a dossier in status %s cannot %s; allowed now: %s",
            dossier_status_name(d->status), action_get(action)->name,
            n ? allowed.buf : "none (the dossier is closed)");
    strbuf_release(&allowed);
    return -1;
}

static int refuse_role(const struct dossier *d, int action, struct err *e)
{
    int actor = action_actor(action, d->status);

    return err_set(e, 403, "forbidden", "%s of dossier %s is not yours to do: it needs %s of %s",
                   action_get(action)->label, d->code,
                   actor == ACTOR_DESK        ? "the one-stop desk"
                   : actor == ACTOR_PROCESSOR ? "a processing officer"
                                              : "a leader",
                   actor == ACTOR_DESK ? d->agency : d->current_unit);
}

static int refuse(int block, int action, const struct action_context *c, const struct dossier *d,
                  const struct dossier_step *steps, struct err *e)
{
    switch (block) {
    case BLOCK_NONE: return 0;
    case BLOCK_STATUS: return refuse_status(d, action, e);
    case BLOCK_ROLE: return refuse_role(d, action, e);
    case BLOCK_WAITING:
        return err_set(e, 409, "waiting", "dossier %s waits for %d consulted agencies to answer",
                       d->code, d->open_children);
    case BLOCK_FIRST_STEP:
        return err_set(e, 409, "invalid_transition",
                       "the dossier is at its first step; there is no step to send it back to");
    case BLOCK_LAST_STEP:
        return err_set(e, 409, "invalid_transition",
                       "the dossier is at its last step; finish it with the result");
    case BLOCK_APPROVAL:
        return err_set(e, 403, "forbidden", "step %d (%s) is a leader's approval: approve it",
                       d->step, steps[d->step - 1].name);
    case BLOCK_NO_APPROVAL:
        return err_set(e, 409, "invalid_transition", "step %d (%s) is not an approval; forward it",
                       d->step, steps[d->step - 1].name);
    case BLOCK_APOLOGIZED:
        return err_set(e, 409, "already_apologized", "the appointment was already re-set once");
    case BLOCK_EARLY: {
        char opens[DATE_ISO_MAX];
        date_format_local(c->apology_opens, opens);
        return err_set(e, 409, "too_early",
                       "an apology may be issued from three working days before the appointment: "
                       "from %s",
                       opens);
    }
    }
    return err_set(e, 500, "internal", "unknown reason to refuse %s", action_get(action)->name);
}

int action_refuse(int action, const struct action_context *c, const struct dossier *d,
                  const struct dossier_step *steps, struct err *e)
{
    int block = action_block(action, c);

    if (block == BLOCK_NONE)
        return 0;
    refuse(block, action, c, d, steps, e);
    action_block_text(block, c, e->label, sizeof(e->label));
    snprintf(e->reason, sizeof(e->reason), "%s", action_block_name(block));
    return -1;
}

const char *action_block_name(int block)
{
    return block >= 0 && block < BLOCK_COUNT ? names[block][0] : "";
}

const char *action_block_label(int block)
{
    return block >= 0 && block < BLOCK_COUNT ? names[block][1] : "";
}

void action_block_text(int block, const struct action_context *c, char *out, size_t size)
{
    char opens[DATE_VN_MAX];

    if (block == BLOCK_EARLY && c->apology_opens) {
        date_format_vn(c->apology_opens, opens);
        snprintf(out, size, "%s: từ %s", action_block_label(block), opens);
    } else {
        snprintf(out, size, "%s", action_block_label(block));
    }
}

const char *action_fields(int action)
{
    return action >= 0 && action < ACT_COUNT ? fields[action] : "";
}
