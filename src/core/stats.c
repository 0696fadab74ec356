/* What a dossier counts for, and the resolution report's arithmetic. */
#include "core/stats.h"

#include "core/date.h"
#include "core/dossier.h"

static const char *const col_names[ST_COUNT] = {
    [ST_RECV_COUNTER] = "recv_counter",
    [ST_RECV_ONLINE] = "recv_online",
    [ST_RECV_POST] = "recv_post",
    [ST_DONE_EARLY] = "done_early",
    [ST_DONE_ON_TIME] = "done_on_time",
    [ST_DONE_LATE] = "done_late",
    [ST_DONE_INDEX_LATE] = "done_index_late",
    [ST_REFUSED] = "refused",
    [ST_WITHDRAWN] = "withdrawn",
    [ST_STOPPED] = "stopped",
    [ST_NOT_ACCEPTED] = "not_accepted",
    [ST_OVERDUE_FROM] = "overdue_from",
    [ST_ENDED_LATE] = "ended_late",
    [ST_RETURNED] = "returned",
    [ST_FEE_BEARING] = "fee_bearing",
    [ST_PAID_ONLINE] = "paid_online",
    [ST_COMPONENTS] = "components",
    [ST_DIGITISED] = "digitised",
    [ST_E_RESULT] = "e_result",
    [ST_RATING_1] = "rating_1",
    [ST_RATING_2] = "rating_2",
    [ST_RATING_3] = "rating_3",
};

const char *stat_col_name(int col)
{
    return col >= 0 && col < ST_COUNT ? col_names[col] : NULL;
}

static void hit(struct stat_hit *out, size_t *n, int64_t at, int col, int count)
{
    if (count <= 0)
        return;
    out[*n].day = date_local_day(at);
    out[*n].col = col;
    out[*n].n = count;
    (*n)++;
}

/*
 * A received dossier ended at `at`, with its result or refused, withdrawn or
 * stopped (DOMAIN.md: each is resolved, early, on time or late against its
 * due time; more than one supplement request makes it late for the index).
 */
static void resolved(const struct stat_facts *f, int64_t at, struct stat_hit *out, size_t *n)
{
    int t = dossier_timeliness(at, f->due_at);

    hit(out, n, at,
        t == TIMELY_EARLY     ? ST_DONE_EARLY
        : t == TIMELY_ON_TIME ? ST_DONE_ON_TIME
                              : ST_DONE_LATE,
        1);
    hit(out, n, at, ST_DONE_INDEX_LATE,
        t != TIMELY_LATE && dossier_index_late(t, f->supplement_count));
}

/* Waiting for a supplement asked at or before the due time: the clock stood in time. */
static int paused_in_time(const struct stat_facts *f)
{
    return dossier_status_in(f->status, DOSSIER_SET(DOSSIERS_WAITING)) && f->paused_at &&
           f->paused_at <= f->due_at;
}

int stat_overdue_at(const struct stat_facts *f, int64_t now)
{
    return f->received_at && f->due_at && f->due_at < now &&
           dossier_status_in(f->status, DOSSIER_SET(DOSSIERS_IN_PROGRESS)) && !paused_in_time(f);
}

size_t stats_of(const struct stat_facts *f, struct stat_hit out[STAT_HITS_MAX])
{
    size_t n = 0;
    int64_t ended = 0;
    int received = f->received_at != 0, finished = f->finished_at != 0;

    if (f->child)
        return 0;
    if (received) {
        int col = f->channel == CHANNEL_ONLINE ? ST_RECV_ONLINE
                  : f->channel == CHANNEL_POST ? ST_RECV_POST
                                               : ST_RECV_COUNTER;
        hit(out, &n, f->received_at, col, 1);
        if (f->fee_amount > 0) {
            hit(out, &n, f->received_at, ST_FEE_BEARING, 1);
            hit(out, &n, f->received_at, ST_PAID_ONLINE, f->paid_online != 0);
        }
        hit(out, &n, f->received_at, ST_COMPONENTS, f->components);
        hit(out, &n, f->received_at, ST_DIGITISED, f->digitised);
    }
    if (received && finished) {
        resolved(f, f->finished_at, out, &n);
        hit(out, &n, f->finished_at, ST_E_RESULT, f->e_result != 0);
        ended = f->finished_at;
    }
    if (received && f->status == DOSSIER_RETURNED && f->returned_at)
        hit(out, &n, f->returned_at, ST_RETURNED, 1);
    if (f->closed_at && !finished && dossier_status_in(f->status, DOSSIER_SET(DOSSIERS_CLOSED))) {
        if (received) {
            hit(out, &n, f->closed_at,
                f->status == DOSSIER_REFUSED     ? ST_REFUSED
                : f->status == DOSSIER_WITHDRAWN ? ST_WITHDRAWN
                                                 : ST_STOPPED,
                1);
            resolved(f, f->closed_at, out, &n);
            ended = f->closed_at;
        } else {
            hit(out, &n, f->closed_at, ST_NOT_ACCEPTED, 1);
        }
    }
    /* overdue unless ended in time, or waiting for a supplement asked before the due time */
    if (received && f->due_at && (!ended || ended > f->due_at) && !paused_in_time(f)) {
        hit(out, &n, f->due_at, ST_OVERDUE_FROM, 1);
        if (ended)
            hit(out, &n, ended, ST_ENDED_LATE, 1);
    }
    if (f->rating >= 1 && f->rating <= 3 && f->rated_at)
        hit(out, &n, f->rated_at, ST_RATING_1 + f->rating - 1, 1);
    return n;
}

void stat_sums_add(struct stat_sums *to, const struct stat_sums *x)
{
    int i;

    for (i = 0; i < ST_COUNT; i++)
        to->v[i] += x->v[i];
}

int rate_bp(int64_t num, int64_t den)
{
    if (den <= 0)
        return -1;
    return (int)((num * 20000 + den) / (2 * den));
}

static int64_t received_sum(const struct stat_sums *s)
{
    return s->v[ST_RECV_COUNTER] + s->v[ST_RECV_ONLINE] + s->v[ST_RECV_POST];
}

/* Ended after receipt: with a result, or refused, withdrawn or stopped (all resolved). */
static int64_t ended_sum(const struct stat_sums *s)
{
    return s->v[ST_DONE_EARLY] + s->v[ST_DONE_ON_TIME] + s->v[ST_DONE_LATE];
}

void resolution_of(const struct stat_sums *before, const struct stat_sums *during,
                   int64_t overdue_now, struct resolution *r)
{
    const int64_t *p = during->v;

    r->carried = received_sum(before) - ended_sum(before);
    r->new_online = p[ST_RECV_ONLINE];
    r->new_counter = p[ST_RECV_COUNTER];
    r->new_post = p[ST_RECV_POST];
    r->received = r->carried + received_sum(during);
    r->early = p[ST_DONE_EARLY];
    r->on_time = p[ST_DONE_ON_TIME];
    r->late = p[ST_DONE_LATE];
    r->resolved = r->early + r->on_time + r->late;
    r->refused = p[ST_REFUSED];
    r->withdrawn = p[ST_WITHDRAWN];
    r->stopped = p[ST_STOPPED];
    r->in_progress = r->received - ended_sum(during);
    r->overdue = overdue_now >= 0 ? overdue_now
                                  : before->v[ST_OVERDUE_FROM] + p[ST_OVERDUE_FROM] -
                                        before->v[ST_ENDED_LATE] - p[ST_ENDED_LATE];
    r->within_time = r->in_progress - r->overdue;
    r->returned = p[ST_RETURNED];
    r->not_accepted = p[ST_NOT_ACCEPTED];
    r->on_time_rate = rate_bp(r->early + r->on_time, r->resolved);
}

void period_split(int64_t first, int64_t last, struct period_split *s)
{
    int y, m, d, ly, lm, ld;
    int64_t whole_first, whole_end; /* whole months: [whole_first, whole_end) */

    *s = (struct period_split){0};
    if (last < first)
        return;
    date_civil_from_days(first, &y, &m, &d);
    date_civil_from_days(last, &ly, &lm, &ld);
    whole_first = d == 1 ? first : first - d + 1 + date_days_in_month(y, m);
    whole_end = ld == date_days_in_month(ly, lm) ? last + 1 : last - ld + 1;
    if (whole_first >= whole_end) {
        s->has_head = 1;
        s->head = (struct day_span){first, last};
        return;
    }
    date_civil_from_days(whole_end - 1, &ly, &lm, &ld);
    s->has_months = 1;
    s->months = (struct day_span){whole_first, whole_end - ld};
    if (first < whole_first) {
        s->has_head = 1;
        s->head = (struct day_span){first, whole_first - 1};
    }
    if (whole_end <= last) {
        s->has_tail = 1;
        s->tail = (struct day_span){whole_end, last};
    }
}
