/* The points lost on the service index and what would win them back. */
#include "core/sindex_recover.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/dossier.h"

/* Points closer than this to the maximum are full (the scores are shown to two decimals). */
#define FULL_EPS 1e-9

static int full(int64_t num, int64_t den, const struct sindex_weight *w)
{
    return sindex_part_points(num, den, w) >= w->max_points - FULL_EPS;
}

/* The least k ≥ 0 scoring in full, moved from a first guess by the same scoring that scores the
   part (the guess is off by rounding at most). */
static int64_t settle(int growth, int64_t num, int64_t den, const struct sindex_weight *w,
                      int64_t k)
{
    int both = growth == SI_GROWS_BOTH;

    if (k < 0)
        k = 0;
    while (k > 0 && full(num + k - 1, den + (both ? k - 1 : 0), w))
        k--;
    while (!full(num + k, den + (both ? k : 0), w)) {
        if (!both && num + k >= den)
            return SI_UNREACHABLE;
        k++;
    }
    return k;
}

void sindex_recover(int part, const struct sindex_measure *m, const struct sindex_weight *w,
                    struct sindex_recovery *out)
{
    double f = w->full_at;

    memset(out, 0, sizeof(*out));
    out->recorded = sindex_part_recorded(part);
    out->shortfall = SI_UNMEASURED;
    if (!out->recorded) {
        out->applicable = m->den >= 0;
        out->lost = out->applicable ? w->max_points : 0;
        return;
    }
    if (m->den <= 0)
        return;
    out->applicable = 1;
    out->points = sindex_part_points(m->num, m->den, w);
    out->lost = w->max_points - out->points;
    out->failures = m->den - m->num;
    if (out->lost <= FULL_EPS) {
        out->lost = 0;
        out->shortfall = 0;
    } else if (sindex_part_growth(part) == SI_GROWS_NUMERATOR) {
        out->shortfall = settle(SI_GROWS_NUMERATOR, m->num, m->den, w,
                                (int64_t)ceil(f * (double)m->den - FULL_EPS) - m->num);
    } else if (f >= 1) {
        out->shortfall = SI_UNREACHABLE; /* (num + k) / (den + k) < 1 while num < den */
    } else {
        out->shortfall =
            settle(SI_GROWS_BOTH, m->num, m->den, w,
                   (int64_t)ceil((f * (double)m->den - (double)m->num) / (1 - f) - FULL_EPS));
    }
}

double sindex_points_won(int part, const struct sindex_measure *m, const struct sindex_weight *w,
                         int64_t k)
{
    int64_t num = m->num + (k > 0 ? k : 0), den = m->den;

    if (!sindex_part_recorded(part) || m->den <= 0)
        return 0;
    if (sindex_part_growth(part) == SI_GROWS_BOTH)
        den += k > 0 ? k : 0;
    else if (num > den)
        num = den;
    return sindex_part_points(num, den, w) - sindex_part_points(m->num, m->den, w);
}

void sindex_points_text(double points, char out[SINDEX_POINTS_TEXT_MAX])
{
    long long hundredths = llround(points * 100);
    char *p;

    if (hundredths % 100 == 0)
        snprintf(out, SINDEX_POINTS_TEXT_MAX, "%lld", hundredths / 100);
    else
        snprintf(out, SINDEX_POINTS_TEXT_MAX, "%lld,%02lld", hundredths / 100,
                 (hundredths < 0 ? -hundredths : hundredths) % 100);
    p = out + strlen(out) - 1;
    if (strchr(out, ',') && *p == '0')
        *p = '\0';
}

/* A count as Vietnamese write it: "1.234.567". */
static void count_text(int64_t n, char out[32])
{
    char digits[24];
    size_t len, i, k = 0;

    snprintf(digits, sizeof(digits), "%lld", (long long)(n < 0 ? -n : n));
    len = strlen(digits);
    if (n < 0)
        out[k++] = '-';
    for (i = 0; i < len; i++) {
        if (i && (len - i) % 3 == 0)
            out[k++] = '.';
        out[k++] = digits[i];
    }
    out[k] = '\0';
}

/* Copies `tpl` into out with {n}, {p}, {f}, {u} and {g} replaced by their texts. */
static void fill(const char *tpl, const char *const vals[5], char out[SINDEX_ADVICE_MAX])
{
    static const char keys[] = "npfug";
    size_t k = 0;

    while (*tpl && k + 1 < SINDEX_ADVICE_MAX) {
        const char *key = tpl[0] == '{' && tpl[1] && tpl[2] == '}' ? strchr(keys, tpl[1]) : NULL;
        if (key && vals[key - keys]) {
            size_t len = strlen(vals[key - keys]);
            if (k + len + 1 > SINDEX_ADVICE_MAX)
                break;
            memcpy(out + k, vals[key - keys], len);
            k += len;
            tpl += 3;
        } else {
            out[k++] = *tpl++;
        }
    }
    out[k] = '\0';
}

void sindex_advice(int part, const struct sindex_measure *m, const struct sindex_weight *w,
                   const struct sindex_recovery *rc, char out[SINDEX_ADVICE_MAX])
{
    char n[32], f[32], p[SINDEX_POINTS_TEXT_MAX], g[SINDEX_POINTS_TEXT_MAX];
    const char *vals[5] = {n, p, f, sindex_part_noun(part), g};

    out[0] = '\0';
    if (rc->lost <= 0)
        return;
    if (!rc->recorded) {
        snprintf(out, SINDEX_ADVICE_MAX, "%s", sindex_part_source(part));
        return;
    }
    count_text(rc->shortfall, n);
    count_text(rc->failures, f);
    sindex_points_text(w->max_points, p);
    sindex_points_text(sindex_points_won(part, m, w, 1), g);
    fill(rc->shortfall == SI_UNREACHABLE
             ? "Không thể đạt đủ {p} điểm trong kỳ vì đã có {f} {u} không đạt; mỗi {u} đạt thêm "
               "được cộng {g} điểm"
             : sindex_part_todo(part),
         vals, out);
}

void sindex_recover_unit(const struct sindex_measure m[SI_COUNT],
                         const struct sindex_weight w[SI_COUNT],
                         struct sindex_recovery rc[SI_COUNT], struct sindex_recovery_sum *sum)
{
    int p;

    memset(sum, 0, sizeof(*sum));
    for (p = 0; p < SI_COUNT; p++) {
        sindex_recover(p, &m[p], &w[p], &rc[p]);
        if (!rc[p].applicable)
            continue;
        sum->max_points += w[p].max_points;
        if (rc[p].recorded)
            sum->recoverable += rc[p].lost;
        else
            sum->not_measured += rc[p].lost;
    }
    sum->recoverable_total = sum->max_points > 0 ? 100 * sum->recoverable / sum->max_points : 0;
}

int sindex_recover_order(const struct sindex_recovery rc[SI_COUNT], int order[SI_COUNT])
{
    int n = 0, p, i;

    for (p = 0; p < SI_COUNT; p++) {
        if (!rc[p].recorded || rc[p].lost <= 0)
            continue;
        for (i = n; i > 0 && rc[order[i - 1]].lost < rc[p].lost; i--)
            order[i] = order[i - 1];
        order[i] = p;
        n++;
    }
    return n;
}

int sindex_recover_cmp(const struct sindex_recovery_sum *x, const struct sindex_recovery_sum *y)
{
    if (x->recoverable_total != y->recoverable_total)
        return x->recoverable_total > y->recoverable_total ? -1 : 1;
    if (x->recoverable != y->recoverable)
        return x->recoverable > y->recoverable ? -1 : 1;
    return 0;
}

size_t sindex_unused_online(const struct sindex_counts *c, const char *unit_path,
                            const struct sindex_proc *procs, size_t nprocs,
                            const struct sindex_place *places, size_t nplaces, size_t *first,
                            size_t max)
{
    size_t i, n = 0;

    for (i = 0; i < nprocs; i++) {
        if (!procs[i].online || (c->online_hit && c->online_hit[i]) ||
            !sindex_procedure_of(&procs[i], unit_path, places, nplaces))
            continue;
        if (n < max)
            first[n] = i;
        n++;
    }
    return n;
}

int sindex_risk_until(const struct workcal *c, int64_t now, int days, int64_t *until, struct err *e)
{
    int64_t day = date_local_day(now);
    int left = days, off;

    for (; left > 0; day++) {
        if ((off = workcal_is_off(c, day)) < 0)
            return err_set(e, 422, "out_of_range",
                           "the next %d working days fall outside the working calendar (%d-%d)",
                           days, c->year_from, c->year_to);
        left -= !off;
    }
    *until = date_utc_of_local(day, 0);
    return 0;
}

int sindex_at_risk(const struct stat_facts *f, int64_t now, int64_t until)
{
    return !f->child && f->received_at &&
           dossier_status_in(f->status, DOSSIER_SET(DOSSIERS_CLOCK_RUNS)) && f->due_at >= now &&
           f->due_at < until;
}
