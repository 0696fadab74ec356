/*
 * One generated dossier: what chance gives it (procedure, unit, channel,
 * outcome, applicant; the draws in a fixed order so that a seed gives the same
 * dossiers), then its control sheet laid out deterministically between its
 * receipt and its end, all written through the store functions the server's
 * intake and transitions use.
 */
#include "cmd/gen.h"
#include "core/date.h"
#include "core/worktime.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/ratings.h"

#include <stdio.h>
#include <string.h>

/* What chance gives a dossier. */
struct draw {
    const struct demo_procedure *dp;
    int pidx, unit, channel, status, late, supplements, e_result;
    const char *lead, *reason, *fee_method;
    int64_t received, due, finish, returned, closed, fee, paid_at;
    char name[96], idn[16], phone[16];
};

static int64_t add_work(struct gen *g, int64_t t, int64_t minutes)
{
    int64_t out = t;

    worktime_add(&g->cal, &office_hours_default, t, minutes, &out, &g->e);
    return out;
}

/* A commune by weight: some communes are much busier than others. */
static int pick_commune(struct gen *g)
{
    double x = rng_uniform(&g->rng) * g->weight[g->nunits - 1];
    int lo = 1, hi = g->nunits - 1;

    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (g->weight[mid] < x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether the next resolved dossier is late: exactly late_left of the left ones are. */
static int next_late(struct gen *g)
{
    int late = g->resolved ? (double)g->late_left > rng_uniform(&g->rng) * (double)g->left
                           : rng_uniform(&g->rng) < 0.03;

    if (g->resolved) {
        g->left--;
        g->late_left -= late;
    }
    return late;
}

/* The procedure, the receiving unit, the channel, the receipt and the due time. */
static int draw_place(struct gen *g, int64_t day, struct draw *x)
{
    int kind;

    do
        x->pidx = rng_pick(&g->rng, (int)demo_procedures_len);
    while (strcmp(demo_procedures[x->pidx].level, "commune") && rng_pick(&g->rng, 3));
    x->dp = &demo_procedures[x->pidx];
    x->unit = !strcmp(x->dp->level, "commune") ? pick_commune(g) : 0;
    x->lead = x->unit ? g->units[x->unit] : x->dp->owner;
    x->channel = x->dp->online && rng_uniform(&g->rng) < 0.55 ? CHANNEL_ONLINE
                 : rng_uniform(&g->rng) < 0.06                ? CHANNEL_POST
                                                              : CHANNEL_COUNTER;
    kind = x->dp->calendar_days ? DURATION_CALENDAR : DURATION_WORKING;
    x->received = date_utc_of_local(day, 450 + rng_pick(&g->rng, 570));
    if (x->received >= date_utc_of_local(day, 690) && x->received < date_utc_of_local(day, 780))
        x->received += 90 * 60; /* not over lunch */
    return worktime_due(&g->cal, &office_hours_default, x->received, kind, x->dp->days, &x->due,
                        &g->e);
}

/* A result given (early, on time or late) and returned, as far as the period's end allows. */
static void draw_result(struct gen *g, struct draw *x, double work)
{
    x->late = next_late(g);
    x->finish =
        x->late ? add_work(g, x->due, 30 + rng_pick(&g->rng, 1440))
                : add_work(g, x->received, (int64_t)(work * (0.15 + 0.8 * rng_uniform(&g->rng))));
    if (!x->late && x->finish > x->due)
        x->finish = x->due - 60 * rng_pick(&g->rng, 60);
    x->returned = add_work(g, x->finish, rng_pick(&g->rng, 960));
    if (x->finish > g->end) {
        x->status = rng_uniform(&g->rng) < 0.1 ? DOSSIER_SUPPLEMENT : DOSSIER_PROCESSING;
        x->finish = x->returned = 0;
    } else if (x->returned > g->end) {
        x->status = DOSSIER_PROCESSED;
        x->returned = 0;
    }
    x->e_result = x->finish && rng_uniform(&g->rng) < 0.5;
}

/* How the dossier ends (or where it stands at the end), its fee. */
static void draw_outcome(struct gen *g, struct draw *x)
{
    double work = x->dp->days * WORKDAY_MINUTES * (x->dp->calendar_days ? 5.0 / 7 : 1);

    x->status = DOSSIER_RETURNED;
    if (!g->resolved) {
        double roll = rng_uniform(&g->rng);
        x->status = roll < 0.015   ? DOSSIER_REFUSED
                    : roll < 0.025 ? DOSSIER_WITHDRAWN
                    : roll < 0.03  ? DOSSIER_STOPPED
                                   : DOSSIER_RETURNED;
        x->supplements = rng_uniform(&g->rng) < 0.08 ? 1 + (rng_uniform(&g->rng) < 0.1) : 0;
    }
    if (x->status == DOSSIER_RETURNED) {
        draw_result(g, x, work);
    } else {
        x->closed = add_work(g, x->received, 30 + rng_pick(&g->rng, (int)work / 2 + 1));
        x->reason = x->status == DOSSIER_REFUSED ? "Hồ sơ không đủ điều kiện giải quyết"
                    : x->status == DOSSIER_WITHDRAWN ? "Người nộp đề nghị rút hồ sơ"
                                                     : "Dừng xử lý theo quy định";
        if (x->closed > g->end) {
            x->status = DOSSIER_PROCESSING;
            x->closed = 0;
            x->reason = NULL;
        }
    }
    if (x->dp->fee && (x->finish || x->status == DOSSIER_PROCESSING)) {
        x->fee = x->dp->fee;
        if (x->finish) {
            x->paid_at = add_work(g, x->received, 60);
            x->fee_method = rng_uniform(&g->rng) < 0.3 ? "online" : "cash";
        }
    }
    if (x->status == DOSSIER_SUPPLEMENT && !x->supplements)
        x->supplements = 1; /* the request it waits on */
}

static void draw_applicant(struct gen *g, struct draw *x)
{
    struct rng *r = &g->rng;

    snprintf(x->name, sizeof(x->name), "%s %s %s",
             demo_surnames[rng_pick(r, (int)demo_surnames_len)],
             demo_middle[rng_pick(r, (int)demo_middle_len)],
             demo_given[rng_pick(r, (int)demo_given_len)]);
    snprintf(x->idn, sizeof(x->idn), "0%02d%d%02d%06d", rng_pick(r, 96) + 1, rng_pick(r, 4),
             50 + rng_pick(r, 50), rng_pick(r, 1000000));
    snprintf(x->phone, sizeof(x->phone), "09%08d", rng_pick(r, 100000000));
}

/* The code from the unit's counter for the day, as intake takes it. */
static int take_code(struct gen *g, const char *unit, int64_t day, const char **code)
{
    char buf[DOSSIER_CODE_MAX];

    if (dossier_next_code(g->db, unit, date_utc_of_local(day, 12 * 60), buf, &g->e) < 0)
        return -1;
    *code = arena_strdup(&g->d, buf);
    return 0;
}

/* The dossier row as it stands at the end. */
static void fill(struct gen *g, const struct draw *x, struct dossier *d)
{
    int64_t last = x->returned ? x->returned : x->finish ? x->finish : x->closed;

    d->procedure_id = g->procedure_ids[x->pidx];
    d->agency = g->units[x->unit];
    d->lead_agency = d->current_unit = x->lead;
    d->channel = x->channel;
    d->status = x->status;
    d->applicant_kind = APPLICANT_CITIZEN;
    d->applicant_name = x->name;
    d->applicant_id_number = x->idn;
    d->applicant_phone = x->phone;
    d->phone_last4 = x->phone + 6;
    d->summary = x->dp->name;
    d->sets = 1;
    d->duration_days = x->dp->days;
    d->duration_kind = x->dp->calendar_days ? "calendar" : "working";
    d->submitted_at = d->received_at = d->created_at = x->received;
    d->due_at = d->original_due_at = x->due;
    d->finished_at = x->finish;
    d->returned_at = x->returned;
    d->closed_at = x->closed;
    d->step = x->status != DOSSIER_REFUSED; /* the desk refuses before any step */
    d->supplement_count = x->supplements;
    d->result_electronic = x->e_result;
    d->result_number =
        x->finish ? arena_printf(&g->d, "%lld/KQ", (long long)x->received % 9973) : NULL;
    d->fee_amount = x->fee;
    d->fee_paid_amount = x->paid_at ? x->fee : 0;
    d->fee_method = x->fee_method;
    d->fee_paid_at = x->paid_at;
    d->close_reason = x->reason;
    d->updated_at = last ? last : x->received;
}

#define EVENTS_MAX 12

struct sheet {
    struct dossier_event ev[EVENTS_MAX];
    int n;
};

static struct dossier_event *row(struct sheet *s, int64_t at, const char *action, int from, int to,
                                 const char *unit)
{
    struct dossier_event *ev = &s->ev[s->n++];

    memset(ev, 0, sizeof(*ev));
    ev->at = at;
    ev->action = action;
    ev->from_status = from;
    ev->to_status = to;
    ev->unit = unit;
    ev->actor_name = "Cán bộ một cửa";
    return ev;
}

/*
 * The control sheet from the dossier's receipt to its end (or the period's):
 * receipt, handover an eighth of the way (not for a refusal, the desk's), the
 * supplement requests and answers evenly after it, then the end. Sets the
 * handover time (0: none) and, for a dossier still waiting, paused_at.
 */
static void lay_out(struct gen *g, struct dossier *d, struct sheet *s, int64_t *handover)
{
    int64_t t0 = d->received_at, end = d->finished_at ? d->finished_at
                                       : d->closed_at ? d->closed_at
                                                      : g->end;
    int i, k = d->supplement_count, from = DOSSIER_RECEIVED;
    struct dossier_event *ev;

    if (d->channel == CHANNEL_ONLINE) {
        row(s, t0, "submit", 0, DOSSIER_NEW, d->agency)->actor_name = d->applicant_name;
        ev = row(s, t0, "accept", DOSSIER_NEW, DOSSIER_RECEIVED, d->agency);
    } else {
        ev = row(s, t0, "receive", 0, DOSSIER_RECEIVED, d->agency);
    }
    ev->step_due_at = d->due_at;
    *handover = 0;
    if (d->status != DOSSIER_REFUSED) { /* a refusal is the desk's: never handed over */
        *handover = t0 + (end - t0) / 8;
        ev = row(s, *handover, "handover", from, DOSSIER_PROCESSING, d->agency);
        ev->to_unit = d->current_unit;
        ev->step_due_at = d->due_at;
        from = DOSSIER_PROCESSING;
        t0 = *handover;
    }
    for (i = 0; i < k; i++) {
        ev = row(s, t0 + (end - t0) * (2 * i + 1) / (2 * k + 1), "request-supplement", from,
                 DOSSIER_SUPPLEMENT, from == DOSSIER_RECEIVED ? d->agency : d->current_unit);
        ev->note = "Hồ sơ chưa đủ thành phần";
        if (d->status == DOSSIER_SUPPLEMENT && i == k - 1) {
            d->paused_at = ev->at;
            d->resume_status = from;
            return;
        }
        row(s, t0 + (end - t0) * (2 * i + 2) / (2 * k + 1), "supplement", DOSSIER_SUPPLEMENT, from,
            d->agency);
    }
    if (d->status == DOSSIER_REFUSED) {
        row(s, end, "refuse", from, d->status, d->agency)->note = d->close_reason;
        return;
    }
    if (d->closed_at) {
        ev = row(s, end, d->status == DOSSIER_WITHDRAWN ? "withdraw" : "stop", from, d->status,
                 d->current_unit);
        ev->note = d->close_reason;
        ev->actor_name = "Cán bộ xử lý";
    }
    if (!d->finished_at)
        return;
    ev = row(s, end, "finish", from, DOSSIER_PROCESSED, d->current_unit);
    ev->to_unit = d->agency;
    ev->timeliness = timeliness_name(dossier_timeliness(end, d->original_due_at));
    ev->note = d->result_number;
    ev->actor_name = "Lãnh đạo đơn vị";
    if (d->returned_at)
        row(s, d->returned_at, "return", DOSSIER_PROCESSED, DOSSIER_RETURNED, d->agency);
}

/* The control sheet, the process step and the result file of an inserted dossier. */
static int write_history(struct gen *g, struct dossier *d, const struct sheet *s, int64_t handover,
                         double days)
{
    struct dossier_step step = {1, "Thụ lý, giải quyết hồ sơ", NULL, NULL, "process", 0, 0, 0, 0};
    struct stored_file f = {0};
    int i;

    for (i = 0; i < s->n; i++)
        if (dossier_add_event(g->db, d->id, &s->ev[i], &g->e) < 0)
            return -1;
    if (handover) {
        step.unit = d->current_unit;
        step.hours = days * 8;
        step.started_at = handover;
        step.due_at = d->due_at;
        step.finished_at = d->finished_at;
        if (dossier_steps_insert(g->db, d->id, &step, 1, &g->e) < 0)
            return -1;
    }
    if (!d->result_electronic)
        return 0;
    f.dossier_id = d->id;
    f.kind = "result";
    f.name = arena_printf(&g->d, "Kết quả %s.pdf", d->result_number);
    f.content_type = "application/pdf";
    f.sha256 = g->scan_sha;
    f.size = g->scan_size;
    f.uploaded_at = d->finished_at;
    return file_insert(g->db, &f, &g->e);
}

/* Some applicants rate the service an hour after the result is returned. */
static int maybe_rate(struct gen *g, const struct dossier *d)
{
    struct rating rt = {0};
    double r;
    int k;

    if (!d->returned_at || rng_uniform(&g->rng) >= 0.08)
        return 0;
    r = rng_uniform(&g->rng);
    rt.dossier_id = d->id;
    rt.level = r < 0.7 ? 1 : r < 0.95 ? 2 : 3;
    for (k = 0; k < 4; k++) /* access, procedure, officer, result */
        rt.criteria[k] = rng_uniform(&g->rng) < 0.5 ? 3 + rng_pick(&g->rng, 3) : 0;
    rt.created_at = d->returned_at + 3600;
    return rating_insert(g->db, &rt, &g->e);
}

int gen_dossier(struct gen *g, int64_t day)
{
    struct draw x = {0};
    struct dossier d = {0};
    struct sheet s;
    int64_t handover;

    if (draw_place(g, day, &x) < 0)
        return -1;
    draw_outcome(g, &x);
    g->counts[x.status]++;
    g->late += x.late && x.finish;
    if (take_code(g, g->units[x.unit], day, &d.code) < 0)
        return -1;
    draw_applicant(g, &x);
    fill(g, &x, &d);
    s.n = 0;
    lay_out(g, &d, &s, &handover);
    if (dossier_insert(g->db, &d, &g->e) < 0 || write_history(g, &d, &s, handover, x.dp->days) < 0)
        return -1;
    return maybe_rate(g, &d);
}
