/*
 * POST /api/v1/dossiers/{code}/{action}: every transition of the workflow (its
 * body is read by workflow_input.c; the control sheet is served by history.c).
 *
 * A transition is one write transaction: the dossier row (under its version),
 * its process steps, the control-sheet row, the outbox and the audit row. The
 * action table of core/workflow.h decides what may happen from which status;
 * the checks run in the order 404 (no such dossier, or not the caller's),
 * 409 (version or status), 403 (role at the unit), 422 (fields).
 */
#include "api/app.h"
#include "api/deadline.h"
#include "api/handlers.h"
#include "api/notify.h"
#include "api/views.h"
#include "api/workflow_input.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/roles.h"
#include "core/workflow.h"
#include "core/worktime.h"
#include "lib/json.h"
#include "lib/strbuf.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/procedures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The state of a transition being applied. */
struct move {
    struct req *r;
    struct dossier *d;
    const struct input *in;
    struct agency unit;      /* the receiving unit */
    struct dossier_event ev; /* the control-sheet row this move writes */
    int notice;              /* a notification to send, or -1 */
    int action;
    int from; /* the status before the move */
    /* a second row after it: a consultation's result handed back (processed → returned) */
    struct dossier_event then;
};

static const char *actor_name(struct req *r)
{
    const struct user *u = req_user(r);
    return u->full_name && *u->full_name ? u->full_name : u->username;
}

static int load_unit(struct move *m, const char *id, struct agency *out, struct err *e)
{
    return agency_get(m->r->db, &m->r->arena, id, out, e);
}

/*
 * Starts a process step now: due at `due`, or when 0 after its hours over its
 * unit's office hours.
 */
static int start_step(struct move *m, struct dossier_step *s, int64_t due, struct err *e)
{
    struct agency ag;

    s->due_at = due;
    if (!due && (load_unit(m, s->unit, &ag, e) < 0 ||
                 deadline_add(m->r->cal, ag.office_hours, m->r->now, (int64_t)(s->hours * 60),
                              &s->due_at, e) < 0))
        return -1;
    s->started_at = m->r->now;
    s->finished_at = 0;
    return dossier_step_update(m->r->db, m->d->id, s, e);
}

/* Finishes the current step now; records its timeliness on the control-sheet row. */
static int finish_step(struct move *m, struct dossier_step *s, struct err *e)
{
    s->finished_at = m->r->now;
    m->ev.step = s->position;
    m->ev.timeliness =
        s->due_at ? timeliness_name(dossier_timeliness(s->finished_at, s->due_at)) : NULL;
    return dossier_step_update(m->r->db, m->d->id, s, e);
}

/* The dossier's steps, and the current one. */
static int current_step(struct move *m, struct dossier_step **steps, size_t *n,
                        struct dossier_step **cur, struct err *e)
{
    if (dossier_steps(m->r->db, &m->r->arena, m->d->id, steps, n, e) < 0)
        return -1;
    *cur = m->d->step >= 1 && (size_t)m->d->step <= *n ? &(*steps)[m->d->step - 1] : NULL;
    if (!*cur)
        return err_set(e, 500, "internal", "dossier %s has no current step", m->d->code);
    return 0;
}

/* The receiving time is now: the due time from the duration. */
static int receive_now(struct move *m, struct err *e)
{
    struct dossier *d = m->d;

    d->received_at = m->r->now;
    d->received_by = req_user_id(m->r);
    if (deadline_due(m->r->cal, m->unit.office_hours, d->received_at, d->duration_kind,
                     d->duration_days, &d->due_at, e) < 0)
        return -1;
    d->original_due_at = d->due_at;
    m->ev.step_due_at = d->due_at;
    m->notice = NOTICE_RECEIVED;
    return 0;
}

/* Copies the variant's process into the dossier, units resolved; starts step 1. */
static int handover(struct move *m, struct err *e)
{
    struct dossier *d = m->d;
    struct procedure_variant *variants, *v = NULL;
    struct dossier_step *steps;
    struct procedure p;
    struct agency owner;
    const char *processing;
    size_t n, i;
    int64_t left;

    if (procedure_get(m->r->db, &m->r->arena, d->procedure_id, &p, e) < 0 ||
        procedure_variants(m->r->db, &m->r->arena, p.id, &variants, &n, e) < 0 ||
        load_unit(m, p.agency, &owner, e) < 0)
        return -1;
    for (i = 0; i < n; i++)
        if (variants[i].id == d->variant_id)
            v = &variants[i];
    processing = workflow_processed_where_received(owner.path, m->unit.path, m->unit.level)
                     ? d->agency
                     : p.agency;
    n = v && v->nsteps ? v->nsteps : 1;
    steps = arena_calloc(&m->r->arena, n, sizeof(*steps));
    if (!v || !v->nsteps) {
        /* no process defined: one step for the whole time left */
        if (deadline_between(m->r->cal, m->unit.office_hours, m->r->now, d->due_at, &left, e) < 0)
            return -1;
        steps[0] =
            (struct dossier_step){1,         "Thụ lý, giải quyết hồ sơ",        processing, NULL,
                                  "process", left > 60 ? (double)left / 60 : 1, 0,          0,
                                  0};
    } else {
        for (i = 0; i < n; i++) {
            const struct process_step *ps = &v->steps[i];
            steps[i] = (struct dossier_step){(int)i + 1, ps->name, NULL, NULL, ps->role,
                                             ps->hours,  0,        0,    0};
            steps[i].unit = ps->unit                      ? ps->unit
                            : !strcmp(ps->role, "return") ? d->agency
                                                          : processing;
        }
    }
    /* a single step ends with the dossier, not a minute after it (counted again from now) */
    if (dossier_steps_insert(m->r->db, d->id, steps, n, e) < 0 ||
        start_step(m, &steps[0], v && v->nsteps ? 0 : d->due_at, e) < 0)
        return -1;
    d->step = 1;
    d->current_unit = steps[0].unit;
    m->ev.to_unit = steps[0].unit;
    m->ev.step_due_at = steps[0].due_at;
    return 0;
}

static int forward(struct move *m, int back, struct err *e)
{
    struct dossier_step *steps, *cur, *next;
    size_t n;

    /* where the process allows the move was checked before (dossier_action_check) */
    if (current_step(m, &steps, &n, &cur, e) < 0)
        return -1;
    next = back ? cur - 1 : cur + 1;
    if (finish_step(m, cur, e) < 0 || start_step(m, next, 0, e) < 0)
        return -1;
    m->d->step = next->position;
    m->d->current_unit = next->unit;
    m->ev.to_unit = next->unit;
    m->ev.step_due_at = next->due_at;
    return 0;
}

/* Another agency works on a linked child dossier with its own deadline; the parent waits. */
static int consult(struct move *m, struct err *e)
{
    struct dossier *d = m->d, child;
    struct agency ag;
    struct dossier_step step = {
        1, "Cho ý kiến, phối hợp giải quyết", NULL, NULL, "consult", 0, 0, 0, 0};
    struct dossier_event ev = {0};
    char code[DOSSIER_CODE_MAX];

    if (agency_get(m->r->db, &m->r->arena, m->in->agency, &ag, e) < 0 || !ag.active) {
        if (e->http && e->http != 404)
            return -1;
        err_clear(e);
        return err_field(e, "agency", "no active agency with identifier %s", m->in->agency);
    }
    if (!strcmp(ag.id, d->current_unit))
        return err_field(e, "agency", "a dossier is not sent for consultation to its own unit");
    if (dossier_next_code(m->r->db, ag.id, m->r->now, code, e) < 0)
        return -1;
    child = *d;
    child.id = 0;
    child.code = arena_strdup(&m->r->arena, code);
    child.agency = child.current_unit = ag.id;
    child.parent_id = d->id;
    child.status = DOSSIER_PROCESSING;
    child.submitted_by = 0;
    child.summary = arena_printf(&m->r->arena, "Lấy ý kiến cho hồ sơ %s%s%s", d->code,
                                 m->in->note ? ": " : "", m->in->note ? m->in->note : "");
    child.duration_kind = "working";
    child.duration_days = m->in->days;
    child.submitted_at = child.received_at = child.created_at = child.updated_at = m->r->now;
    child.received_by = req_user_id(m->r);
    child.finished_at = child.returned_at = child.closed_at = child.paused_at = 0;
    child.step = 1;
    child.supplement_count = child.open_children = 0;
    child.components = NULL;
    child.ncomponents = 0;
    if (deadline_due(m->r->cal, ag.office_hours, m->r->now, "working", m->in->days, &child.due_at,
                     e) < 0)
        return -1;
    child.original_due_at = child.due_at;
    if (dossier_insert(m->r->db, &child, e) < 0)
        return -1;
    step.unit = ag.id;
    step.hours = m->in->days * WORKDAY_HOURS;
    step.started_at = m->r->now;
    step.due_at = child.due_at;
    ev.at = m->r->now;
    ev.action = "receive";
    ev.to_status = DOSSIER_PROCESSING;
    ev.actor_id = req_user_id(m->r);
    ev.actor_name = actor_name(m->r);
    ev.unit = d->current_unit;
    ev.to_unit = ag.id;
    ev.note = arena_printf(&m->r->arena, "Liên thông từ hồ sơ %s", d->code);
    ev.step_due_at = child.due_at;
    if (dossier_steps_insert(m->r->db, child.id, &step, 1, e) < 0 ||
        dossier_add_event(m->r->db, child.id, &ev, e) < 0)
        return -1;
    d->open_children++;
    m->ev.to_unit = ag.id;
    m->ev.step_due_at = child.due_at;
    m->ev.note = arena_printf(&m->r->arena, "Hồ sơ liên thông %s%s%s", child.code,
                              m->in->note ? ": " : "", m->in->note ? m->in->note : "");
    return 0;
}

/* A consulted agency's result goes back to the parent dossier, which resumes. */
static int answer_parent(struct move *m, struct err *e)
{
    struct dossier *d = m->d, parent;
    struct dossier_event ev = {0};

    /* processed, then handed back to the asking agency: two moves of the status table */
    d->returned_at = m->r->now;
    d->return_method = "inter-agency";
    m->then.at = m->r->now;
    m->then.action = action_get(ACT_RETURN)->name;
    m->then.from_status = DOSSIER_PROCESSED;
    m->then.to_status = DOSSIER_RETURNED;
    m->then.actor_id = req_user_id(m->r);
    m->then.actor_name = actor_name(m->r);
    m->then.unit = d->agency;
    m->then.note = "Trả kết quả cho cơ quan đề nghị lấy ý kiến";
    if (dossier_by_id(m->r->db, &m->r->arena, d->parent_id, &parent, e) < 0)
        return -1;
    if (parent.open_children > 0)
        parent.open_children--;
    parent.updated_at = m->r->now;
    ev.at = m->r->now;
    ev.action = "consult_done";
    ev.from_status = ev.to_status = parent.status;
    ev.actor_id = req_user_id(m->r);
    ev.actor_name = actor_name(m->r);
    ev.unit = d->agency;
    ev.to_unit = parent.current_unit;
    ev.note =
        arena_printf(&m->r->arena, "Hồ sơ liên thông %s: kết quả số %s", d->code, d->result_number);
    return dossier_update(m->r->db, &parent, e) < 0 ||
                   dossier_add_event(m->r->db, parent.id, &ev, e) < 0
               ? -1
               : 0;
}

static int finish(struct move *m, struct err *e)
{
    struct dossier_step *steps, *cur;
    struct dossier *d = m->d;
    size_t n;

    if (workflow_check_result_date(m->in, d, m->r->now, e) < 0)
        return -1;
    if (current_step(m, &steps, &n, &cur, e) < 0 || finish_step(m, cur, e) < 0)
        return -1;
    d->finished_at = m->r->now;
    d->result_number = m->in->result_number;
    d->result_date = m->in->result_date;
    d->result_signer = m->in->signer;
    m->ev.timeliness = timeliness_name(dossier_timeliness(d->finished_at, d->original_due_at));
    m->ev.note = arena_printf(&m->r->arena, "Kết quả số %s ngày %s, người ký: %s", d->result_number,
                              d->result_date, d->result_signer);
    if (d->parent_id)
        return answer_parent(m, e);
    d->current_unit = d->agency; /* the result goes back to the desk that returns it */
    m->ev.to_unit = d->agency;
    m->notice = NOTICE_RESULT;
    return 0;
}

static int request_supplement(struct move *m, struct err *e)
{
    struct dossier *d = m->d;
    struct strbuf note = STRBUF_INIT;
    json_t *req = json_pack("{s:O, s:s}", "items", m->in->items, "reason", m->in->reason), *it;
    char *text = json_dumps(req, JSON_COMPACT);
    size_t i;

    d->supplement_request = arena_strdup(&m->r->arena, text);
    free(text);
    strbuf_addf(&note, "%s. Cần bổ sung:", m->in->reason);
    json_array_foreach(m->in->items, i, it)
        strbuf_addf(&note, " %s%s", i ? "; " : "", json_string_value(it));
    m->ev.note = arena_strdup(&m->r->arena, note.buf);
    strbuf_release(&note);
    json_decref(req);
    d->resume_status = m->from;                    /* apply() has already set the new status */
    d->paused_at = d->received_at ? m->r->now : 0; /* the clock runs once received */
    d->supplement_count++;
    m->notice = NOTICE_SUPPLEMENT;
    (void)e;
    return 0;
}

/* The clock stood since paused_at: every due time moves by the pause, and it runs again. */
static int restart_clock(struct move *m, struct err *e)
{
    struct dossier *d = m->d;
    struct dossier_step *steps, *cur;
    struct agency ag;
    size_t n;

    if (d->paused_at) {
        if (deadline_resume(m->r->cal, m->unit.office_hours, d->due_at, d->paused_at, m->r->now,
                            &d->due_at, e) < 0 ||
            deadline_resume(m->r->cal, m->unit.office_hours, d->original_due_at, d->paused_at,
                            m->r->now, &d->original_due_at, e) < 0)
            return -1;
        if (d->step) {
            if (current_step(m, &steps, &n, &cur, e) < 0 || load_unit(m, cur->unit, &ag, e) < 0 ||
                deadline_resume(m->r->cal, ag.office_hours, cur->due_at, d->paused_at, m->r->now,
                                &cur->due_at, e) < 0 ||
                dossier_step_update(m->r->db, d->id, cur, e) < 0)
                return -1;
        }
        m->ev.step_due_at = d->due_at;
    }
    d->paused_at = 0;
    d->resume_status = 0;
    return 0;
}

/* The supplement arrived: the clock resumes and every due time moves by the pause. */
static int supplement(struct move *m, struct err *e)
{
    struct dossier *d = m->d;

    d->status = workflow_resume_status(d->resume_status);
    if (d->resume_status == DOSSIER_NEW) {
        d->resume_status = 0;
        return receive_now(m, e);
    }
    return restart_clock(m, e);
}

static int apologize(struct move *m, struct err *e)
{
    struct dossier *d = m->d;
    int in_hours;

    switch (workflow_apology_check(m->r->now, d->due_at, m->in->new_due, d->apology_at != 0)) {
    case 1:
        return err_set(e, 409, "too_late",
                       "the appointment has passed; an apology must come before it");
    case 2: return err_set(e, 409, "already_apologized", "the appointment was already re-set once");
    case 3: return err_field(e, "new_due_at", "must be later than the current appointment");
    case 4:
        return err_field(e, "new_due_at", "must be at most a year after the current appointment");
    }
    in_hours = deadline_in_office_hours(m->r->cal, m->unit.office_hours, m->in->new_due, e);
    if (in_hours < 0)
        return -1;
    if (!in_hours)
        return err_field(e, "new_due_at", "must fall within office hours on a working day (%s)",
                         m->unit.office_hours);
    d->apology_previous_due_at = d->due_at;
    d->due_at = m->in->new_due;
    d->apology_at = m->r->now;
    d->apology_reason = m->in->reason;
    d->apology_cause = m->in->cause;
    m->ev.step_due_at = d->due_at;
    m->notice = NOTICE_APOLOGY;
    return 0;
}

/* Applies an allowed action to the dossier read in the transaction. */
static int apply(struct move *m, int action, struct err *e)
{
    struct dossier *d = m->d;
    const struct input *in = m->in;
    const struct action_def *def = action_get(action);

    if (def->to)
        d->status = def->to;
    switch (action) {
    case ACT_ACCEPT: return receive_now(m, e);
    case ACT_REFUSE:
    case ACT_WITHDRAW:
    case ACT_STOP: /* closed while waiting for a supplement: the clock stood until now */
        d->closed_at = m->r->now;
        d->close_reason = in->reason;
        return restart_clock(m, e);
    case ACT_HANDOVER: return handover(m, e);
    case ACT_REQUEST_SUPPLEMENT: return request_supplement(m, e);
    case ACT_SUPPLEMENT: return supplement(m, e);
    case ACT_FORWARD:
    case ACT_APPROVE: return forward(m, 0, e);
    case ACT_SEND_BACK: return forward(m, 1, e);
    case ACT_CONSULT: return consult(m, e);
    case ACT_REQUEST_PAYMENT:
        d->fee_amount = in->amount;
        m->ev.note =
            arena_printf(&m->r->arena, "Số tiền phải nộp: %lld đồng", (long long)in->amount);
        return 0;
    case ACT_PAY:
        if (workflow_check_payment(in, d, e) < 0)
            return -1;
        d->fee_paid_amount = in->amount;
        d->fee_method = in->method;
        d->fee_receipt = in->receipt;
        d->fee_paid_at = m->r->now;
        m->ev.note = arena_printf(&m->r->arena, "Đã nộp %lld đồng (%s), biên lai %s",
                                  (long long)in->amount, in->method, in->receipt);
        return 0;
    case ACT_FINISH: return finish(m, e);
    case ACT_RETURN:
        d->returned_at = m->r->now;
        d->return_method = in->method;
        d->return_tracking = in->tracking;
        return 0;
    case ACT_APOLOGIZE: return apologize(m, e);
    }
    return err_set(e, 500, "internal", "action %d has no effect defined", action);
}

int dossiers_act(struct req *r, struct err *e)
{
    const char *name = strrchr(r->path, '/') + 1;
    int action = action_parse(name), from, full, rc = -1;
    struct err fields = ERR_INIT;
    struct input in;
    struct dossier d;
    struct move m;
    json_t *body = NULL, *j;

    if (action < 0)
        return err_set(e, 404, "not_found", "no action %s", name);
    if (!r->body.len)
        body = json_object();
    else if (req_json(r, &body, e) < 0)
        return -1;
    workflow_read_input(body, action, &in, &fields);
    if (db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (!dossier_code_valid(r->params[0])) {
        err_set(e, 404, "not_found", "%s is not a dossier code", r->params[0]);
        goto out;
    }
    if (dossier_by_code(r->db, &r->arena, r->params[0], &d, e) < 0 ||
        dossier_access(r, &d, &full, e) < 0)
        goto out;
    if (in.version && in.version != d.version) {
        err_set(e, 409, "conflict",
                "dossier %s changed since you read it (version %d, yours %lld); reload it", d.code,
                d.version, (long long)in.version);
        goto out;
    }
    if (dossier_action_check(r, &d, action, e) < 0)
        goto out;
    if (fields.http) {
        *e = fields;
        goto out;
    }
    memset(&m, 0, sizeof(m));
    m.r = r;
    m.d = &d;
    m.in = &in;
    m.notice = -1;
    m.action = action;
    if (agency_get(r->db, &r->arena, d.agency, &m.unit, e) < 0)
        goto out;
    m.from = from = d.status;
    m.ev.at = r->now;
    m.ev.action = action_get(action)->name;
    m.ev.from_status = from;
    m.ev.actor_id = req_user_id(r);
    m.ev.actor_name = actor_name(r);
    m.ev.unit = d.current_unit ? d.current_unit : d.agency;
    m.ev.note = in.reason ? in.reason : in.note;
    if (apply(&m, action, e) < 0)
        goto out;
    if (!m.ev.note)
        m.ev.note = in.note;
    m.ev.to_status = d.status;
    if (m.then.action)
        d.status = m.then.to_status;
    /* every move is one the status table allows: the action table cannot go around it */
    if ((m.ev.to_status != from && !dossier_transition_allowed(from, m.ev.to_status)) ||
        (m.then.action && !dossier_transition_allowed(m.then.from_status, m.then.to_status))) {
        err_set(e, 500, "internal", "%s from %s breaks the status table", action_get(action)->name,
                dossier_status_name(from));
        goto out;
    }
    d.updated_at = r->now;
    if (dossier_update(r->db, &d, e) < 0 || dossier_add_event(r->db, d.id, &m.ev, e) < 0 ||
        (m.then.action && dossier_add_event(r->db, d.id, &m.then, e) < 0) ||
        (m.notice >= 0 && notify(r, &d, m.notice, e) < 0) ||
        audit_append(r->db, r->now, req_user_id(r),
                     arena_printf(&r->arena, "dossier.%s", action_get(action)->name),
                     arena_printf(&r->arena, "dossier:%s", d.code),
                     arena_printf(&r->arena, "%s -> %s", dossier_status_name(from),
                                  dossier_status_name(d.status)),
                     e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    j = dossier_json(r, &d, full);
    if (dossier_add_details(r, &d, j, e) < 0) {
        json_decref(j);
        goto out;
    }
    rc = resp_json(r, 200, j);
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}
