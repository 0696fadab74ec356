/*
 * The demo's dossiers (see demo.h): a life planned forward over the working
 * calendar from its receipt, and placed so that the demo's moment cuts it
 * where a wish says (demo_write.c writes it).
 */
#include "cmd/demo_life.h"
#include "core/worktime.h"

#include <string.h>

#define SPAN (510 * WORKDAY_MINUTES) /* how long before now a life may start: two years */

const int demo_kind_to[] = {
    [EV_SUBMIT] = DOSSIER_NEW,
    [EV_ACCEPT] = DOSSIER_RECEIVED,
    [EV_RECEIVE] = DOSSIER_RECEIVED,
    [EV_REFUSE] = DOSSIER_REFUSED,
    [EV_HANDOVER] = DOSSIER_PROCESSING,
    [EV_SUPPLEMENT_REQUEST] = DOSSIER_SUPPLEMENT,
    [EV_SUPPLEMENT] = DOSSIER_PROCESSING,
    [EV_PAYMENT_REQUEST] = DOSSIER_FINANCIAL,
    [EV_PAY] = DOSSIER_PROCESSING,
    [EV_FINISH] = DOSSIER_PROCESSED,
    [EV_RETURN] = DOSSIER_RETURNED,
    [EV_WITHDRAW] = DOSSIER_WITHDRAWN,
    [EV_STOP] = DOSSIER_STOPPED,
    [MARK_DUE] = 0,
};

const char *const demo_kind_action[] = {
    [EV_SUBMIT] = "submit",
    [EV_ACCEPT] = "accept",
    [EV_RECEIVE] = "receive",
    [EV_REFUSE] = "refuse",
    [EV_HANDOVER] = "handover",
    [EV_CONSULT] = "consult",
    [EV_CONSULT_DONE] = "consult_done",
    [EV_SUPPLEMENT_REQUEST] = "request-supplement",
    [EV_SUPPLEMENT] = "supplement",
    [EV_PAYMENT_REQUEST] = "request-payment",
    [EV_PAY] = "pay",
    [EV_APOLOGY] = "apologize",
    [EV_FINISH] = "finish",
    [EV_RETURN] = "return",
    [EV_WITHDRAW] = "withdraw",
    [EV_STOP] = "stop",
    [EV_FORWARD] = "forward",
    [EV_APPROVE] = "approve",
    [MARK_DUE] = NULL,
};

static int64_t work(struct demo *c, int64_t t, int64_t minutes)
{
    int64_t out = t;
    if (worktime_add(&c->cal, &office_hours_default, t, minutes, &out, &c->e) < 0)
        err_clear(&c->e); /* a life beyond the calendar's years is cut by now anyway */
    return out;
}

static void at(struct life *l, int kind, int64_t t)
{
    l->m[l->n].at = t;
    l->m[l->n++].kind = kind;
}

/* The life of a wish whose receipt lies `x` working minutes before now. */
static void plan(struct demo *c, const struct demo_wish *w, int64_t x, uint64_t seed,
                 struct life *l)
{
    const struct demo_procedure *dp = l->dp;
    double span = dp->days * WORKDAY_MINUTES * (dp->calendar_days ? 5.0 / 7 : 1);
    struct process_step steps[DEMO_PROCESS_STEPS];
    int64_t start, cur, due;
    int i, j;

    rng_seed(&l->rng, seed);
    l->n = 0;
    l->new_due = l->consult_at = l->paused = 0;
    if (worktime_sub(&c->cal, &office_hours_default, c->now, x, &start, &c->e) < 0)
        start = c->now - x * 60;
    if (l->channel == CHANNEL_ONLINE) {
        l->submitted = start - rng_pick(&l->rng, 16 * 3600);
        at(l, EV_SUBMIT, l->submitted);
        if (w->end == END_REFUSED) {
            at(l, EV_REFUSE, work(c, l->submitted, 30 + rng_pick(&l->rng, 200)));
            return;
        }
        l->received = work(c, l->submitted, 30 + rng_pick(&l->rng, 450));
        at(l, EV_ACCEPT, l->received);
    } else {
        l->submitted = l->received = start;
        at(l, EV_RECEIVE, l->received);
    }
    if (worktime_due(&c->cal, &office_hours_default, l->received, l->duration_kind, dp->days, &due,
                     &c->e) < 0)
        due = l->received + (int64_t)(dp->days * 86400);
    l->due = l->due_final = due;
    if (w->end == END_REFUSED) { /* at the counter, while the applicant waits */
        at(l, EV_REFUSE, work(c, l->received, 5 + rng_pick(&l->rng, 60)));
        return;
    }
    cur = l->handover = work(c, l->received, 15 + rng_pick(&l->rng, (int)(span / 5) + 1));
    at(l, EV_HANDOVER, cur);
    if (w->consult) {
        l->consult_at = work(c, cur, 30 + rng_pick(&l->rng, (int)(span / 10) + 1));
        l->consulted_due = work(c, l->consult_at, 3 * WORKDAY_MINUTES);
        at(l, EV_CONSULT, l->consult_at);
        l->answered_at = cur = work(c, l->consult_at, 60 + rng_pick(&l->rng, (int)(span / 3) + 1));
        at(l, EV_CONSULT_DONE, cur);
    }
    if (w->supplement) {
        l->paused = work(c, cur, 60 + rng_pick(&l->rng, 480));
        l->resumed = work(c, l->paused, 480 + rng_pick(&l->rng, 2400));
        worktime_resume(&c->cal, &office_hours_default, l->due, l->paused, l->resumed,
                        &l->due_final, &c->e);
        at(l, EV_SUPPLEMENT_REQUEST, l->paused);
        at(l, EV_SUPPLEMENT, cur = l->resumed);
    }
    if (w->end == END_WITHDRAWN || w->end == END_STOPPED) {
        at(l, w->end == END_WITHDRAWN ? EV_WITHDRAW : EV_STOP,
           work(c, cur, 240 + rng_pick(&l->rng, 960)));
        return;
    }
    if (w->fee && dp->fee) {
        at(l, EV_PAYMENT_REQUEST, cur = work(c, cur, 30 + rng_pick(&l->rng, (int)(span / 8) + 1)));
        at(l, EV_PAY, cur = work(c, cur, 30 + rng_pick(&l->rng, (int)(span / 8) + 1)));
    }
    due = l->due_final;
    if (w->late) {
        l->finish = work(c, due > cur ? due : cur, 60 + rng_pick(&l->rng, 2400));
    } else { /* somewhere in the working time left, most well before the due time */
        int64_t left = 0;
        double f = rng_uniform(&l->rng) < 0.6 ? 0.1 + 0.6 * rng_uniform(&l->rng)
                                              : 0.8 + 0.2 * rng_uniform(&l->rng);
        worktime_between(&c->cal, &office_hours_default, cur, due, &left, &c->e);
        l->finish = work(c, cur, left > 30 ? 30 + (int64_t)(f * (double)(left - 30)) : 30);
    }
    if (demo_process_of(dp, steps) && l->finish > cur) { /* through the process's steps */
        int64_t left = 0;
        worktime_between(&c->cal, &office_hours_default, cur, l->finish, &left, &c->e);
        if (left >= 3) {
            at(l, EV_FORWARD, work(c, cur, left * 6 / 10));
            at(l, EV_APPROVE, work(c, cur, left * 85 / 100));
        }
    }
    /* the head of the agency apologises one or two working days before the due time: inside the
       window of three working days (core/workflow.h) */
    if (w->apology && l->finish > due) {
        int64_t apology = 0;
        worktime_sub(&c->cal, &office_hours_default, due, 480 + rng_pick(&l->rng, 480), &apology,
                     &c->e);
        if (apology > cur) {
            l->new_due = work(c, l->finish, rng_pick(&l->rng, 960));
            at(l, EV_APOLOGY, apology);
        }
    }
    at(l, EV_FINISH, l->finish);
    at(l, EV_RETURN, work(c, l->finish, 1 + rng_pick(&l->rng, 1440)));
    if (worktime_sub(&c->cal, &office_hours_default, due, WORKDAY_MINUTES, &start, &c->e) == 0)
        at(l, MARK_DUE_SOON, start);
    at(l, MARK_DUE, due);
    for (i = 1; i < l->n; i++) /* in time order; stable */
        for (j = i; j > 0 && l->m[j].at < l->m[j - 1].at; j--) {
            struct moment t = l->m[j];
            l->m[j] = l->m[j - 1];
            l->m[j - 1] = t;
        }
    err_clear(&c->e); /* a time beyond the calendar's years only falls after now */
}

/* How many moments of the life have happened by now. */
int demo_reached(const struct demo *c, const struct life *l)
{
    int n = 0;
    while (n < l->n && l->m[n].at <= c->now)
        n++;
    return n;
}

/* The status the life has reached by now. */
static int status_at(const struct demo *c, const struct life *l)
{
    int i, n = demo_reached(c, l), status = 0;

    for (i = 0; i < n; i++)
        if (demo_kind_to[l->m[i].kind])
            status = demo_kind_to[l->m[i].kind];
    return status;
}

/* The moment where the wish wants the cut: the last one leading to its status, or a mark. */
static int target(const struct demo_wish *w, const struct life *l)
{
    static const int moment_of[] = {-1,         MARK_DUE,   MARK_DUE_SOON,
                                    EV_APOLOGY, EV_CONSULT, EV_FORWARD};
    int i, want = moment_of[w->at];

    for (i = l->n - 1; i >= 0; i--)
        if (want >= 0 ? l->m[i].kind == want : demo_kind_to[l->m[i].kind] == w->status)
            return i;
    return -1;
}

/* -1 before the wished moment, 0 at it (it happened, the next has not), 1 past it. */
static int where(struct demo *c, const struct demo_wish *w, int64_t x, uint64_t seed,
                 struct life *l)
{
    int t, n;

    plan(c, w, x, seed, l);
    t = target(w, l);
    n = demo_reached(c, l);
    if (t < 0)
        return 2;
    return n <= t ? -1 : n == t + 1 ? 0 : 1;
}

/* The least x in [lo, SPAN] at which where() reaches `side`, or SPAN + 1. */
static int64_t bisect(struct demo *c, const struct demo_wish *w, uint64_t seed, int side,
                      int64_t lo, struct life *l)
{
    int64_t hi = SPAN + 1;

    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (where(c, w, mid, seed, l) >= side)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

/* The procedure, the units and the channel of a wish. */
static void choose(struct demo *c, const struct demo_wish *w, struct life *l)
{
    const struct demo_procedure *dp;
    int i;

    for (i = 0;; i++) { /* commune procedures are filed most */
        l->pidx = rng_pick(&c->rng, (int)demo_procedures_len);
        dp = &demo_procedures[l->pidx];
        int commune = !strcmp(dp->level, "commune");
        if ((w->commune >= 0 && commune != w->commune) ||
            (w->owner && strcmp(dp->owner, w->owner)) || (w->fee && !dp->fee) ||
            (w->channel == CHANNEL_ONLINE && !dp->online))
            continue;
        if (w->commune >= 0 || commune || !rng_pick(&c->rng, 3) || i > 100)
            break;
    }
    l->dp = dp;
    l->duration_kind = dp->calendar_days ? DURATION_CALENDAR : DURATION_WORKING;
    l->unit = w->unit ? w->unit
              : strcmp(dp->level, "commune")
                  ? CENTRE
                  : demo_agencies[COMMUNE_FIRST +
                                  rng_pick(&c->rng, (int)demo_agencies_len - COMMUNE_FIRST)]
                        .id;
    l->proc_unit = !strcmp(dp->level, "commune") ? l->unit : dp->owner;
    /* a department asks another department; a commune asks the land office */
    l->consulted = strcmp(l->proc_unit, "000.00.02.H99") ? "000.00.02.H99" : "000.00.04.H99";
    l->channel = w->channel                                  ? w->channel
                 : dp->online && rng_uniform(&c->rng) < 0.55 ? CHANNEL_ONLINE
                 : rng_uniform(&c->rng) < 0.06               ? CHANNEL_POST
                                                             : CHANNEL_COUNTER;
}

int demo_dossier_random(struct demo *c)
{
    struct demo_wish w = {0};
    struct life l;
    double roll = rng_uniform(&c->rng);

    w.commune = -1;
    choose(c, &w, &l);
    w.end = roll < 0.02   ? END_REFUSED
            : roll < 0.03 ? END_WITHDRAWN
            : roll < 0.04 ? END_STOPPED
                          : END_RESULT;
    w.supplement = roll > 0.06 && rng_uniform(&c->rng) < 0.08;
    w.consult = strcmp(l.proc_unit, l.unit) && rng_uniform(&c->rng) < 0.05;
    w.fee = 1;
    w.late = rng_uniform(&c->rng) < 0.02;
    w.apology = rng_uniform(&c->rng) < 0.7;
    w.rated = rng_uniform(&c->rng) < 0.15;
    plan(c, &w, 1 + (int64_t)rng_pick(&c->rng, SPAN), rng_next(&c->rng), &l);
    return demo_write_life(c, &w, &l);
}

int demo_dossier_wished(struct demo *c, const struct demo_wish *w)
{
    struct life l;
    int64_t lo, hi, x = 1;
    uint64_t seed = 0;
    int tries;

    choose(c, w, &l);
    for (tries = 0; tries < 20; tries++) {
        seed = rng_next(&c->rng);
        lo = bisect(c, w, seed, 0, 1, &l);
        if (lo > SPAN)
            continue;
        hi = bisect(c, w, seed, 1, lo, &l);
        if (hi > SPAN) /* the wished moment is the last: a recent one */
            hi = lo + 20 * WORKDAY_MINUTES;
        if (hi <= lo)
            continue;
        x = lo + rng_pick(&c->rng, (int)(hi - lo));
        if (where(c, w, x, seed, &l) == 0 && (!w->status || status_at(c, &l) == w->status))
            break; /* (a mark's cut may find the result already given: draw again) */
    }
    plan(c, w, x, seed, &l);
    return demo_write_life(c, w, &l);
}
