/*
 * One generated dossier: what chance gives it (procedure, unit, channel,
 * outcome, applicant; the draws in a fixed order so that a seed gives the same
 * dossiers), then its life: each action at its time through core's lifecycle
 * (dossier_apply, as the server applies it) until the end, and all of it
 * written through the store functions the server's intake and transitions use.
 */
#include "cmd/gen.h"
#include "core/date.h"
#include "core/lifecycle.h"
#include "core/worktime.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/ratings.h"

#include <stdio.h>
#include <string.h>

/* What chance gives a dossier. */
struct draw {
    const struct demo_procedure *dp;
    int pidx, unit, channel, end, supplements;
    const char *lead;
    int64_t received;
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

/* The procedure, the receiving unit, the channel and the receipt. */
static void draw_place(struct gen *g, int64_t day, struct draw *x)
{
    do
        x->pidx = rng_pick(&g->rng, (int)demo_procedures_len);
    while (strcmp(demo_procedures[x->pidx].level, "commune") && rng_pick(&g->rng, 3));
    x->dp = &demo_procedures[x->pidx];
    x->unit = !strcmp(x->dp->level, "commune") ? pick_commune(g) : 0;
    x->lead = x->unit ? g->units[x->unit] : x->dp->owner;
    x->channel = x->dp->online && rng_uniform(&g->rng) < 0.55 ? CHANNEL_ONLINE
                 : rng_uniform(&g->rng) < 0.06                ? CHANNEL_POST
                                                              : CHANNEL_COUNTER;
    x->received = date_utc_of_local(day, 450 + rng_pick(&g->rng, 570));
    if (x->received >= date_utc_of_local(day, 690) && x->received < date_utc_of_local(day, 780))
        x->received += 90 * 60; /* not over lunch */
}

/* How the dossier ends when the period does not cut it short, and its supplement requests. */
static void draw_outcome(struct gen *g, struct draw *x)
{
    double roll;

    x->end = DOSSIER_RETURNED;
    if (g->resolved)
        return;
    roll = rng_uniform(&g->rng);
    x->end = roll < 0.015   ? DOSSIER_REFUSED
             : roll < 0.025 ? DOSSIER_WITHDRAWN
             : roll < 0.03  ? DOSSIER_STOPPED
                            : DOSSIER_RETURNED;
    x->supplements = rng_uniform(&g->rng) < 0.08 ? 1 + (rng_uniform(&g->rng) < 0.1) : 0;
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

/* The dossier as received: its applicant, procedure and units; not yet written. */
static void fill(struct gen *g, const struct draw *x, struct dossier *d)
{
    d->procedure_id = g->procedure_ids[x->pidx];
    d->agency = d->current_unit = g->units[x->unit];
    d->lead_agency = x->lead;
    d->channel = x->channel;
    d->status = x->channel == CHANNEL_ONLINE ? DOSSIER_NEW : DOSSIER_RECEIVED;
    d->applicant_kind = APPLICANT_CITIZEN;
    d->applicant_name = x->name;
    d->applicant_id_number = x->idn;
    d->applicant_phone = x->phone;
    d->phone_last4 = x->phone + 6;
    d->summary = x->dp->name;
    d->sets = 1;
    d->duration_days = x->dp->days;
    d->duration_kind = x->dp->calendar_days ? "calendar" : "working";
    d->submitted_at = d->created_at = d->updated_at = x->received;
}

#define EVENTS_MAX 16

/* A dossier living its actions: its state, its steps and its control sheet so far. */
struct life {
    struct gen *g;
    const struct draw *x;
    struct dossier d;
    struct dossier_step *steps;
    size_t nsteps;
    struct dossier_event ev[EVENTS_MAX];
    int nev;
};

/* Where an agency sits in the tree, for a handover. */
static struct move_unit unit_of(struct gen *g, const char *id)
{
    size_t lo = 0, hi = g->nagencies;

    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(g->agencies[mid].id, id);
        if (!c)
            return (struct move_unit){id, g->agencies[mid].path, g->agencies[mid].level};
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return (struct move_unit){id, "", "other"};
}

/*
 * Takes the action at time t through core's lifecycle, as an officer of the
 * unit would. 1 when taken, 0 when t lies after the end (nothing more
 * happens), -1 on a refusal (a generator's mistake: the message says which).
 */
static int act(struct life *l, int action, int64_t t, const struct action_input *in)
{
    static const struct action_context everyone = {.desk = 1, .processor = 1, .leader = 1};
    struct gen *g = l->g;
    int actor = action_actor(action, l->d.status);
    struct move_facts f = {.cal = &g->cal, .now = t, .who = &everyone};
    struct move m;

    if (t > g->end)
        return 0;
    f.actor_name = actor == ACTOR_DESK        ? "Cán bộ một cửa"
                   : actor == ACTOR_PROCESSOR ? "Cán bộ xử lý"
                                              : "Lãnh đạo đơn vị";
    if (action == ACT_HANDOVER) {
        f.unit = unit_of(g, l->d.agency);
        f.owner = unit_of(g, l->x->dp->owner);
    }
    if (dossier_apply(action, in, &f, &l->d, l->steps, l->nsteps, &m, &g->d, &g->e) < 0)
        return -1;
    l->d = m.d;
    l->steps = m.steps;
    l->nsteps = m.nsteps;
    for (size_t i = 0; i < m.nev && l->nev < EVENTS_MAX; i++)
        l->ev[l->nev++] = m.ev[i];
    return 1;
}

/* The dossier's first row: submitted online, or received at the desk (its due time set). */
static int receive(struct life *l)
{
    struct dossier_event *ev = &l->ev[l->nev++];
    struct dossier *d = &l->d;

    memset(ev, 0, sizeof(*ev));
    ev->at = d->submitted_at;
    ev->action = d->channel == CHANNEL_ONLINE ? "submit" : "receive";
    ev->to_status = d->status;
    ev->unit = d->agency;
    ev->actor_name = d->channel == CHANNEL_ONLINE ? d->applicant_name : "Cán bộ một cửa";
    if (d->channel == CHANNEL_ONLINE)
        return act(l, ACT_ACCEPT, d->submitted_at, &(struct action_input){0});
    if (dossier_receive(d, &l->g->cal, d->submitted_at, 0, &l->g->e) < 0)
        return -1;
    ev->step_due_at = d->due_at;
    return 1;
}

/* The result: late, or somewhere in the working time left before the due time. */
static int64_t finish_time(struct gen *g, int64_t cur, int64_t due, int late)
{
    int64_t left = 0;

    if (late)
        return add_work(g, due > cur ? due : cur, 30 + rng_pick(&g->rng, 1440));
    worktime_between(&g->cal, &office_hours_default, cur, due, &left, &g->e);
    return left > 1
               ? add_work(g, cur,
                          1 + (int64_t)((0.15 + 0.8 * rng_uniform(&g->rng)) * (double)(left - 1)))
               : cur;
}

/* The result with its fee paid between now and then, and its return. */
static int resolve(struct life *l, int64_t cur, int *late)
{
    struct gen *g = l->g;
    const struct demo_procedure *dp = l->x->dp;
    char *day = arena_alloc(&g->d, DATE_ISO_MAX);
    int64_t finish;
    int rc;

    *late = next_late(g);
    finish = finish_time(g, cur, l->d.due_at, *late);
    if (dp->fee) {
        struct action_input ask = {.amount = dp->fee}, pay = ask;
        pay.method = rng_uniform(&g->rng) < 0.3 ? "online" : "cash";
        pay.receipt = arena_printf(&g->d, "BL%lld", (long long)cur % 999983);
        if ((rc = act(l, ACT_REQUEST_PAYMENT, cur + (finish - cur) / 3, &ask)) <= 0 ||
            (rc = act(l, ACT_PAY, cur + (finish - cur) * 2 / 3, &pay)) <= 0)
            return rc;
    }
    date_format_ymd(date_local_day(finish), day);
    rc = act(l, ACT_FINISH, finish,
             &(struct action_input){
                 .result_number = arena_printf(&g->d, "%lld/KQ", (long long)l->x->received % 9973),
                 .result_date = day,
                 .signer = "Lãnh đạo đơn vị"});
    if (rc <= 0)
        return rc;
    l->d.result_electronic = rng_uniform(&g->rng) < 0.5;
    return act(l, ACT_RETURN, add_work(g, finish, rng_pick(&g->rng, 960)),
               &(struct action_input){.method = l->d.channel == CHANNEL_POST     ? "post"
                                                : l->d.channel == CHANNEL_ONLINE ? "online"
                                                                                 : "counter",
                                      .tracking = "EB000000000VN"});
}

/*
 * The dossier's life from its receipt: refused at the desk, or handed over an
 * eighth of the way, its supplement requests and answers, then closed or
 * resolved. Stops where the end cuts it. Sets *late for a late result.
 */
static int live(struct life *l, int *late)
{
    static const char *const missing[] = {"Bản sao giấy tờ còn thiếu"};
    struct gen *g = l->g;
    const struct draw *x = l->x;
    double work = x->dp->days * WORKDAY_MINUTES * (x->dp->calendar_days ? 5.0 / 7 : 1);
    struct action_input reason = {0}, ask = {.reason = "Hồ sơ chưa đủ thành phần",
                                             .items = missing,
                                             .nitems = 1,
                                             .request_json = "{\"items\":[\"Bản sao giấy tờ còn "
                                                             "thiếu\"],\"reason\":\"Hồ sơ chưa đủ "
                                                             "thành phần\"}"};
    int64_t cur = x->received;
    int i, rc;

    *late = 0;
    if ((rc = receive(l)) <= 0)
        return rc;
    if (x->end == DOSSIER_REFUSED) { /* the desk's, before any step */
        reason.reason = "Hồ sơ không đủ điều kiện giải quyết";
        return act(l, ACT_REFUSE, add_work(g, cur, 5 + rng_pick(&g->rng, 120)), &reason);
    }
    cur = add_work(g, cur, 15 + rng_pick(&g->rng, (int)(work / 8) + 1));
    if ((rc = act(l, ACT_HANDOVER, cur, &reason)) <= 0)
        return rc;
    for (i = 0; i < x->supplements; i++) {
        if ((rc = act(l, ACT_REQUEST_SUPPLEMENT,
                      cur = add_work(g, cur, 60 + rng_pick(&g->rng, 480)), &ask)) <= 0 ||
            (rc = act(l, ACT_SUPPLEMENT, cur = add_work(g, cur, 480 + rng_pick(&g->rng, 2400)),
                      &reason)) <= 0)
            return rc;
    }
    if (x->end == DOSSIER_WITHDRAWN || x->end == DOSSIER_STOPPED) {
        reason.reason = x->end == DOSSIER_WITHDRAWN ? "Người nộp đề nghị rút hồ sơ"
                                                    : "Dừng xử lý theo quy định";
        return act(l, x->end == DOSSIER_WITHDRAWN ? ACT_WITHDRAW : ACT_STOP,
                   add_work(g, cur, 30 + rng_pick(&g->rng, (int)(work / 2) + 1)), &reason);
    }
    return resolve(l, cur, late);
}

/* The dossier, its control sheet, its process steps and its result file. */
static int write_life(struct gen *g, struct life *l)
{
    struct dossier *d = &l->d;
    struct stored_file f = {0};
    int i;

    if (dossier_insert(g->db, d, &g->e) < 0 ||
        (l->nsteps && dossier_steps_insert(g->db, d->id, l->steps, l->nsteps, &g->e) < 0))
        return -1;
    for (i = 0; i < l->nev; i++)
        if (dossier_add_event(g->db, d->id, &l->ev[i], &g->e) < 0)
            return -1;
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
    struct life l = {0};
    int late;

    draw_place(g, day, &x);
    draw_outcome(g, &x);
    l.g = g;
    l.x = &x;
    if (take_code(g, g->units[x.unit], day, &l.d.code) < 0)
        return -1;
    draw_applicant(g, &x);
    fill(g, &x, &l.d);
    if (live(&l, &late) < 0 || write_life(g, &l) < 0)
        return -1;
    g->counts[l.d.status]++;
    g->late += late && l.d.finished_at;
    return maybe_rate(g, &l.d);
}
