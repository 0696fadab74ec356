/* The dossier's lifecycle: one action applied, as a pure function. */
#include "core/lifecycle.h"
#include "core/date.h"
#include "core/workflow.h"
#include "core/worktime.h"
#include "lib/strbuf.h"

#include <string.h>

/* A move being made: the facts, the input, the result. */
struct ctx {
    const struct move_facts *f;
    const struct action_input *in;
    struct move *m;
    struct arena *a;
    int from; /* the status before the move */
};

static const struct office_hours *hours_of(const struct ctx *c, const char *unit)
{
    return workcal_hours(c->f->cal, unit);
}

static int duration_kind(const char *kind)
{
    return kind && !strcmp(kind, "calendar") ? DURATION_CALENDAR : DURATION_WORKING;
}

/* Marks a step to be updated (a handover inserts them all instead). */
static void changed(struct move *m, const struct dossier_step *s)
{
    if (!m->steps_new && m->nchanged < sizeof(m->changed) / sizeof(m->changed[0]))
        m->changed[m->nchanged++] = s->position;
}

/* Starts a step now: due at `due`, or when 0 after its hours over its unit's office hours. */
static int start_step(struct ctx *c, struct dossier_step *s, int64_t due, struct err *e)
{
    s->due_at = due;
    if (!due && worktime_add(c->f->cal, hours_of(c, s->unit), c->f->now, (int64_t)(s->hours * 60),
                             &s->due_at, e) < 0)
        return -1;
    s->started_at = c->f->now;
    s->finished_at = 0;
    changed(c->m, s);
    return 0;
}

/* Finishes a step now; its timeliness goes on the control-sheet row. */
static void finish_step(struct ctx *c, struct dossier_step *s)
{
    s->finished_at = c->f->now;
    c->m->ev[0].step = s->position;
    c->m->ev[0].timeliness =
        s->due_at ? timeliness_name(dossier_timeliness(s->finished_at, s->due_at)) : NULL;
    changed(c->m, s);
}

static struct dossier_step *current_step(struct ctx *c, struct err *e)
{
    struct move *m = c->m;

    if (m->d.step >= 1 && (size_t)m->d.step <= m->nsteps)
        return &m->steps[m->d.step - 1];
    err_set(e, 500, "internal", "dossier %s has no current step", m->d.code);
    return NULL;
}

int dossier_receive(struct dossier *d, const struct workcal *cal, int64_t now, int64_t by,
                    struct err *e)
{
    d->received_at = now;
    d->received_by = by;
    if (worktime_due(cal, workcal_hours(cal, d->agency), now, duration_kind(d->duration_kind),
                     d->duration_days, &d->due_at, e) < 0)
        return -1;
    d->original_due_at = d->due_at;
    return 0;
}

/* Received now: the due time counts from now. */
static int receive_now(struct ctx *c, struct err *e)
{
    struct dossier *d = &c->m->d;

    if (dossier_receive(d, c->f->cal, c->f->now, c->f->actor_id, e) < 0)
        return -1;
    c->m->ev[0].step_due_at = d->due_at;
    c->m->notice = NOTICE_RECEIVED;
    return 0;
}

/* The variant's process copied into the dossier, units resolved; step 1 starts. */
static int handover(struct ctx *c, struct err *e)
{
    const struct move_facts *f = c->f;
    struct move *m = c->m;
    struct dossier *d = &m->d;
    const char *processing =
        workflow_processed_where_received(f->owner.path, f->unit.path, f->unit.level) ? d->agency
                                                                                      : f->owner.id;
    size_t n = f->nprocess ? f->nprocess : 1, i;
    int64_t left;

    m->steps = arena_calloc(c->a, n, sizeof(*m->steps));
    m->nsteps = n;
    m->steps_new = 1;
    if (!f->nprocess) {
        /* no process defined: one step for the whole time left, ending with the dossier */
        if (worktime_between(f->cal, hours_of(c, d->agency), f->now, d->due_at, &left, e) < 0)
            return -1;
        m->steps[0] = (struct dossier_step){.position = 1,
                                            .name = "Thụ lý, giải quyết hồ sơ",
                                            .unit = processing,
                                            .role = "process",
                                            .hours = left > 60 ? (double)left / 60 : 1};
    }
    for (i = 0; i < f->nprocess; i++) {
        const struct process_step *ps = &f->process[i];
        m->steps[i] = (struct dossier_step){.position = (int)i + 1,
                                            .name = ps->name,
                                            .unit = ps->unit                      ? ps->unit
                                                    : !strcmp(ps->role, "return") ? d->agency
                                                                                  : processing,
                                            .role = ps->role,
                                            .hours = ps->hours};
    }
    if (start_step(c, &m->steps[0], f->nprocess ? 0 : d->due_at, e) < 0)
        return -1;
    d->step = 1;
    d->current_unit = m->steps[0].unit;
    m->ev[0].to_unit = m->steps[0].unit;
    m->ev[0].step_due_at = m->steps[0].due_at;
    return 0;
}

/* The current step is done and the next (or, back, the previous) one starts. */
static int move_step(struct ctx *c, int back, struct err *e)
{
    struct dossier_step *cur = current_step(c, e), *next;

    if (!cur)
        return -1;
    next = back ? cur - 1 : cur + 1;
    finish_step(c, cur);
    if (start_step(c, next, 0, e) < 0)
        return -1;
    c->m->d.step = next->position;
    c->m->d.current_unit = next->unit;
    c->m->ev[0].to_unit = next->unit;
    c->m->ev[0].step_due_at = next->due_at;
    return 0;
}

static const char *with_note(struct ctx *c, const char *text)
{
    return c->in->note ? arena_printf(c->a, "%s: %s", text, c->in->note) : text;
}

/* Another agency works on a linked child dossier with its own deadline; this one waits. */
static int consult(struct ctx *c, struct err *e)
{
    const struct move_facts *f = c->f;
    struct move *m = c->m;
    struct dossier *d = &m->d, *ch = &m->child;
    const char *agency = f->consulted.id;

    if (!agency)
        return err_field(e, "agency", "no active agency with identifier %s", c->in->agency);
    if (!strcmp(agency, d->current_unit))
        return err_field(e, "agency", "a dossier is not sent for consultation to its own unit");
    *ch = (struct dossier){0};
    ch->code = f->child_code;
    ch->procedure_id = d->procedure_id;
    ch->variant_id = d->variant_id;
    ch->agency = ch->current_unit = agency;
    ch->lead_agency = d->lead_agency;
    ch->parent_id = d->id;
    ch->channel = d->channel;
    ch->status = DOSSIER_PROCESSING;
    ch->applicant_kind = d->applicant_kind;
    ch->sets = d->sets;
    ch->applicant_name = d->applicant_name;
    ch->applicant_id_number = d->applicant_id_number;
    ch->applicant_phone = d->applicant_phone;
    ch->applicant_email = d->applicant_email;
    ch->applicant_address = d->applicant_address;
    ch->delegate_name = d->delegate_name;
    ch->delegate_id_number = d->delegate_id_number;
    ch->delegate_phone = d->delegate_phone;
    ch->phone_last4 = d->phone_last4;
    ch->summary = arena_printf(c->a, "Lấy ý kiến cho hồ sơ %s%s%s", d->code,
                               c->in->note ? ": " : "", c->in->note ? c->in->note : "");
    ch->duration_kind = "working";
    ch->duration_days = c->in->days;
    ch->submitted_at = ch->received_at = ch->created_at = ch->updated_at = f->now;
    ch->received_by = f->actor_id;
    ch->step = 1;
    if (worktime_due(f->cal, hours_of(c, agency), f->now, DURATION_WORKING, c->in->days,
                     &ch->due_at, e) < 0)
        return -1;
    ch->original_due_at = ch->due_at;
    m->child_step = (struct dossier_step){.position = 1,
                                          .name = "Cho ý kiến, phối hợp giải quyết",
                                          .unit = agency,
                                          .role = "consult",
                                          .hours = c->in->days * WORKDAY_HOURS,
                                          .started_at = f->now,
                                          .due_at = ch->due_at};
    m->child_ev =
        (struct dossier_event){.at = f->now,
                               .action = "receive",
                               .to_status = DOSSIER_PROCESSING,
                               .actor_id = f->actor_id,
                               .actor_name = f->actor_name,
                               .unit = d->current_unit,
                               .to_unit = agency,
                               .note = arena_printf(c->a, "Liên thông từ hồ sơ %s", d->code),
                               .step_due_at = ch->due_at};
    m->has_child = 1;
    d->open_children++;
    m->ev[0].to_unit = agency;
    m->ev[0].step_due_at = ch->due_at;
    m->ev[0].note = with_note(c, arena_printf(c->a, "Hồ sơ liên thông %s", ch->code));
    return 0;
}

/* A consulted agency's result goes back to the asking dossier: processed, then returned. */
static int answer_parent(struct ctx *c, struct err *e)
{
    const struct move_facts *f = c->f;
    struct move *m = c->m;
    struct dossier *d = &m->d, *p = &m->parent;

    if (!f->parent)
        return err_set(e, 500, "internal", "dossier %s answers no dossier", d->code);
    d->returned_at = f->now;
    d->return_method = "inter-agency";
    m->ev[1] = (struct dossier_event){.at = f->now,
                                      .action = action_get(ACT_RETURN)->name,
                                      .from_status = DOSSIER_PROCESSED,
                                      .to_status = DOSSIER_RETURNED,
                                      .actor_id = f->actor_id,
                                      .actor_name = f->actor_name,
                                      .unit = d->agency,
                                      .note = "Trả kết quả cho cơ quan đề nghị lấy ý kiến"};
    m->nev = 2;
    *p = *f->parent;
    if (p->open_children > 0)
        p->open_children--;
    p->updated_at = f->now;
    m->parent_ev =
        (struct dossier_event){.at = f->now,
                               .action = "consult_done",
                               .from_status = p->status,
                               .to_status = p->status,
                               .actor_id = f->actor_id,
                               .actor_name = f->actor_name,
                               .unit = d->agency,
                               .to_unit = p->current_unit,
                               .note = arena_printf(c->a, "Hồ sơ liên thông %s: kết quả số %s",
                                                    d->code, d->result_number)};
    m->has_parent = 1;
    return 0;
}

/* The result's date lies between the day the dossier was received and today. */
static int check_result_date(struct ctx *c, struct err *e)
{
    const struct dossier *d = &c->m->d;
    int64_t day, received = d->received_at ? d->received_at : d->submitted_at;
    char from[DATE_ISO_MAX];

    if (!c->in->result_date || date_parse_ymd(c->in->result_date, &day) < 0)
        return err_field_as(e, "result_date", "date", "", "must be a date YYYY-MM-DD");
    date_format_ymd(date_local_day(received), from);
    switch (workflow_result_date_check(day, date_local_day(received), date_local_day(c->f->now))) {
    case 1:
        return err_field(e, "result_date", "must not be before the dossier was received (%s)",
                         from);
    case 2: return err_field(e, "result_date", "must not be after today");
    }
    return 0;
}

static int finish(struct ctx *c, struct err *e)
{
    struct move *m = c->m;
    struct dossier *d = &m->d;
    struct dossier_step *cur;

    if (check_result_date(c, e) < 0 || !(cur = current_step(c, e)))
        return -1;
    finish_step(c, cur);
    d->finished_at = c->f->now;
    d->result_number = c->in->result_number;
    d->result_date = c->in->result_date;
    d->result_signer = c->in->signer;
    m->ev[0].timeliness = timeliness_name(dossier_timeliness(d->finished_at, d->original_due_at));
    m->ev[0].note = arena_printf(c->a, "Kết quả số %s ngày %s, người ký: %s", d->result_number,
                                 d->result_date, d->result_signer);
    if (d->parent_id)
        return answer_parent(c, e);
    d->current_unit = d->agency; /* the result goes back to the desk that returns it */
    m->ev[0].to_unit = d->agency;
    m->notice = NOTICE_RESULT;
    return 0;
}

static int request_supplement(struct ctx *c)
{
    struct dossier *d = &c->m->d;
    struct strbuf note = STRBUF_INIT;
    size_t i;

    d->supplement_request = c->in->request_json;
    strbuf_addf(&note, "%s. Cần bổ sung:", c->in->reason);
    for (i = 0; i < c->in->nitems; i++)
        strbuf_addf(&note, " %s%s", i ? "; " : "", c->in->items[i]);
    c->m->ev[0].note = arena_strdup(c->a, note.buf);
    strbuf_release(&note);
    d->resume_status = c->from;
    d->paused_at = d->received_at ? c->f->now : 0; /* the clock runs once received */
    d->supplement_count++;
    c->m->notice = NOTICE_SUPPLEMENT;
    return 0;
}

/* The clock stood since paused_at: every due time moves by the pause, and it runs again. */
static int restart_clock(struct ctx *c, struct err *e)
{
    const struct move_facts *f = c->f;
    struct dossier *d = &c->m->d;
    struct dossier_step *cur;

    if (d->paused_at) {
        const struct office_hours *oh = hours_of(c, d->agency);
        if (worktime_resume(f->cal, oh, d->due_at, d->paused_at, f->now, &d->due_at, e) < 0 ||
            worktime_resume(f->cal, oh, d->original_due_at, d->paused_at, f->now,
                            &d->original_due_at, e) < 0)
            return -1;
        if (d->step) {
            if (!(cur = current_step(c, e)) ||
                worktime_resume(f->cal, hours_of(c, cur->unit), cur->due_at, d->paused_at, f->now,
                                &cur->due_at, e) < 0)
                return -1;
            changed(c->m, cur);
        }
        c->m->ev[0].step_due_at = d->due_at;
    }
    d->paused_at = 0;
    d->resume_status = 0;
    return 0;
}

/* The supplement arrived: an intake request is received now; otherwise the clock resumes. */
static int supplement(struct ctx *c, struct err *e)
{
    struct dossier *d = &c->m->d;

    d->status = workflow_resume_status(d->resume_status);
    if (d->resume_status == DOSSIER_NEW) {
        d->resume_status = 0;
        return receive_now(c, e);
    }
    return restart_clock(c, e);
}

static int apologize(struct ctx *c, struct err *e)
{
    struct dossier *d = &c->m->d;
    const struct office_hours *oh = hours_of(c, d->agency);
    char text[OFFICE_HOURS_TEXT_MAX];

    switch (workflow_apology_check(c->f->now, d->due_at, c->in->new_due)) {
    case 1: return err_field(e, "new_due_at", "must be later than now");
    case 2: return err_field(e, "new_due_at", "must be later than the current appointment");
    case 3:
        return err_field(e, "new_due_at", "must be at most a year after the current appointment");
    }
    if (!worktime_open_at(c->f->cal, oh, c->in->new_due)) {
        office_hours_format(oh, text);
        return err_field(e, "new_due_at", "must fall within office hours on a working day (%s)",
                         text);
    }
    d->apology_previous_due_at = d->due_at;
    d->due_at = c->in->new_due;
    d->apology_at = c->f->now;
    d->apology_reason = c->in->reason;
    d->apology_cause = c->in->cause;
    c->m->ev[0].step_due_at = d->due_at;
    c->m->notice = NOTICE_APOLOGY;
    return 0;
}

static int pay(struct ctx *c, struct err *e)
{
    struct dossier *d = &c->m->d;
    const struct action_input *in = c->in;

    if (workflow_payment_check(d->fee_amount, in->amount))
        return err_field(e, "amount", "must be the amount due, %lld đồng, paid in full",
                         (long long)d->fee_amount);
    d->fee_paid_amount = in->amount;
    d->fee_method = in->method;
    d->fee_receipt = in->receipt;
    d->fee_paid_at = c->f->now;
    c->m->ev[0].note = arena_printf(c->a, "Đã nộp %lld đồng (%s), biên lai %s",
                                    (long long)in->amount, in->method, in->receipt);
    return 0;
}

/* What the action does to the dossier, its status already moved by the action table. */
static int effect(struct ctx *c, int action, struct err *e)
{
    struct dossier *d = &c->m->d;
    const struct action_input *in = c->in;

    switch (action) {
    case ACT_ACCEPT: return receive_now(c, e);
    case ACT_REFUSE:
    case ACT_WITHDRAW:
    case ACT_STOP: /* closed while waiting for a supplement: the clock stood until now */
        d->closed_at = c->f->now;
        d->close_reason = in->reason;
        return restart_clock(c, e);
    case ACT_HANDOVER: return handover(c, e);
    case ACT_REQUEST_SUPPLEMENT: return request_supplement(c);
    case ACT_SUPPLEMENT: return supplement(c, e);
    case ACT_FORWARD:
    case ACT_APPROVE: return move_step(c, 0, e);
    case ACT_SEND_BACK: return move_step(c, 1, e);
    case ACT_CONSULT: return consult(c, e);
    case ACT_REQUEST_PAYMENT:
        d->fee_amount = in->amount;
        c->m->ev[0].note = arena_printf(c->a, "Số tiền phải nộp: %lld đồng", (long long)in->amount);
        return 0;
    case ACT_PAY: return pay(c, e);
    case ACT_FINISH: return finish(c, e);
    case ACT_RETURN:
        d->returned_at = c->f->now;
        d->return_method = in->method;
        d->return_tracking = in->tracking;
        return 0;
    case ACT_APOLOGIZE: return apologize(c, e);
    }
    return err_set(e, 500, "internal", "action %d has no effect defined", action);
}

int dossier_may(int action, int64_t version, const struct action_context *who,
                const struct dossier *d, const struct dossier_step *steps, size_t nsteps,
                struct err *e)
{
    struct action_context c = *who;

    if (!action_get(action))
        return err_set(e, 404, "not_found", "no action %d", action);
    if (version && version != d->version) {
        err_reason(e, "stale",
                   "Hồ sơ %s vừa được cập nhật sau khi bạn mở; vui lòng tải lại trang và "
                   "thực hiện lại",
                   d->code);
        return err_set(e, 409, "conflict",
                       "dossier %s changed since you read it (version %d, yours %lld); reload it",
                       d->code, d->version, (long long)version);
    }
    action_context_of(d, steps, nsteps, &c);
    return action_refuse(action, &c, d, steps, e);
}

int dossier_apply(int action, const struct action_input *in, const struct move_facts *f,
                  const struct dossier *d, const struct dossier_step *steps, size_t nsteps,
                  struct move *out, struct arena *a, struct err *e)
{
    struct ctx c = {f, in, out, a, d->status};
    const struct action_def *def = action_get(action);
    struct action_context who = *f->who;
    size_t i;

    who.now = f->now;
    if (action == ACT_APOLOGIZE && d->due_at &&
        workflow_apology_opens(f->cal, workcal_hours(f->cal, d->agency), d->due_at,
                               &who.apology_opens, e) < 0)
        return -1;
    if (dossier_may(action, in->version, &who, d, steps, nsteps, e) < 0)
        return -1;
    memset(out, 0, sizeof(*out));
    out->d = *d;
    out->notice = NOTICE_NONE;
    out->nsteps = nsteps;
    out->steps = arena_calloc(a, nsteps + 1, sizeof(*out->steps));
    for (i = 0; i < nsteps; i++)
        out->steps[i] = steps[i];
    out->nev = 1;
    out->ev[0] = (struct dossier_event){.at = f->now,
                                        .action = def->name,
                                        .from_status = d->status,
                                        .actor_id = f->actor_id,
                                        .actor_name = f->actor_name,
                                        .unit = d->current_unit ? d->current_unit : d->agency,
                                        .note = in->reason ? in->reason : in->note};
    if (def->to)
        out->d.status = def->to;
    if (effect(&c, action, e) < 0)
        return -1;
    if (!out->ev[0].note)
        out->ev[0].note = in->note;
    out->ev[0].to_status = out->d.status;
    if (out->nev == 2)
        out->d.status = out->ev[1].to_status;
    /* every move is one the status table allows: the action table cannot go around it */
    for (i = 0; i < out->nev; i++)
        if (out->ev[i].to_status != out->ev[i].from_status &&
            !dossier_transition_allowed(out->ev[i].from_status, out->ev[i].to_status))
            return err_set(e, 500, "internal", "%s from %s breaks the status table", def->name,
                           dossier_status_name(out->ev[i].from_status));
    out->d.updated_at = f->now;
    out->d.version = d->version;
    return 0;
}
