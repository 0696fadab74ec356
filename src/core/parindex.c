/* The PAR INDEX's scoring kinds, scores, losses and rankings (reading a structure:
 * parindex_read.c). */
#include "core/parindex.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EPS 1e-9

static const struct {
    const char *name, *label;
} scorings[PAR_SCORING_COUNT] = {
    [PAR_YES_NO] = {"yes_no", "Đạt / không đạt"},
    [PAR_PROPORTION] = {"proportion", "Tỷ lệ so với chỉ tiêu"},
    [PAR_SCALE] = {"scale", "Thang điểm theo mức"},
    [PAR_SURVEY] = {"survey", "Điều tra xã hội học"},
};

const char *par_scoring_name(int scoring)
{
    return scoring > PAR_SCORING_NONE && scoring < PAR_SCORING_COUNT ? scorings[scoring].name
                                                                     : NULL;
}

const char *par_scoring_label(int scoring)
{
    return scoring > PAR_SCORING_NONE && scoring < PAR_SCORING_COUNT ? scorings[scoring].label
                                                                     : NULL;
}

int par_scoring_parse(const char *name)
{
    int k;

    for (k = PAR_YES_NO; name && k < PAR_SCORING_COUNT; k++)
        if (!strcmp(name, scorings[k].name))
            return k;
    return -1;
}

int par_figure_parse(const char *code)
{
    int p = code ? sindex_part_parse(code) : -1;

    if (code && !strcmp(code, "plan_completion"))
        return PAR_FIGURE_PLAN_COMPLETION;
    return p >= 0 && sindex_part_recorded(p) ? p : -1;
}

const char *par_figure_code(int figure)
{
    return figure == PAR_FIGURE_PLAN_COMPLETION ? "plan_completion" : sindex_part_code(figure);
}

const char *par_figure_source(int figure)
{
    return figure == PAR_FIGURE_PLAN_COMPLETION ? "plans" : sindex_part_source(figure);
}

double par_figure_value(const struct sindex_measure *m)
{
    return m->den > 0 ? 100.0 * (double)m->num / (double)m->den : -1;
}

int par_scored_by_value(const struct par_item *it)
{
    return it->scoring == PAR_PROPORTION || it->scoring == PAR_SCALE;
}

double par_score_of_value(const struct par_item *it, double value)
{
    double points = 0;
    int i;

    if (it->scoring == PAR_PROPORTION) {
        if (it->target <= 0 || value <= 0)
            return 0;
        return it->max_points * fmin(1.0, value / it->target);
    }
    if (it->scoring != PAR_SCALE)
        return -1;
    for (i = 0; i < it->nbands; i++)
        if (value >= it->bands[i].from - EPS)
            points = it->bands[i].points;
    return fmin(points, it->max_points);
}

int par_score_valid(const struct par_item *it, double score)
{
    int i;

    if (score < -EPS || score > it->max_points + EPS)
        return 0;
    if (it->scoring == PAR_YES_NO)
        return fabs(score) < EPS || fabs(score - it->max_points) < EPS;
    if (it->scoring == PAR_SCALE) {
        if (fabs(score) < EPS)
            return 1;
        for (i = 0; i < it->nbands; i++)
            if (fabs(score - it->bands[i].points) < EPS)
                return 1;
        return 0;
    }
    return 1;
}

void par_tree_sum(const struct par_item *items, size_t n, const struct par_mark *marks,
                  struct par_sum *sums, struct par_sum *total)
{
    size_t i;

    memset(total, 0, sizeof(*total));
    for (i = 0; i < n; i++) {
        memset(&sums[i], 0, sizeof(sums[i]));
        sums[i].max = items[i].max_points;
    }
    for (i = n; i-- > 0;) {
        const struct par_item *it = &items[i];
        struct par_sum *s = &sums[i];
        if (it->leaf) {
            const struct par_mark *m = &marks[i];
            double self = m->self >= 0 ? fmin(m->self, it->max_points) : 0;
            s->self = self;
            s->score = m->appraised >= 0 ? fmin(m->appraised, it->max_points) : self;
            s->leaves = 1;
            s->assessed = m->self >= 0 || m->appraised >= 0;
        }
        s->loss = s->max - s->score;
        if (it->parent >= 0) {
            struct par_sum *p = &sums[it->parent];
            p->self += s->self;
            p->score += s->score;
            p->leaves += s->leaves;
            p->assessed += s->assessed;
        } else if (it->depth == 1) {
            total->max += s->max;
            total->self += s->self;
            total->score += s->score;
            total->leaves += s->leaves;
            total->assessed += s->assessed;
        }
    }
    total->loss = total->max - total->score;
}

/* Points compared at a millionth, so that sums in a different order tie. */
static long long micro(double x)
{
    return llround(x * 1e6);
}

static int by_loss(const void *x, const void *y)
{
    const struct par_loss *a = x, *b = y;
    long long la = micro(a->loss), lb = micro(b->loss);

    if (la != lb)
        return la > lb ? -1 : 1;
    return a->item < b->item ? -1 : a->item > b->item;
}

size_t par_losses(const struct par_item *items, size_t n, const struct par_sum *sums, int depth,
                  struct par_loss *out)
{
    size_t i, k = 0;

    for (i = 0; i < n; i++) {
        if (depth == 0 ? !items[i].leaf || micro(sums[i].loss) <= 0 : items[i].depth != depth)
            continue;
        out[k].item = i;
        out[k++].loss = sums[i].loss;
    }
    qsort(out, k, sizeof(*out), by_loss);
    return k;
}

static int unit_by_loss(const void *x, const void *y)
{
    const struct par_unit_loss *a = x, *b = y;
    long long la = micro(a->loss), lb = micro(b->loss);

    if (la != lb)
        return la > lb ? -1 : 1;
    if (!a->unit || !b->unit)
        return !a->unit - !b->unit;
    return strcmp(a->unit, b->unit);
}

size_t par_losses_by_unit(const struct par_item *items, size_t n, const struct par_mark *marks,
                          const struct par_sum *sums, struct par_unit_loss *out)
{
    size_t i, k, units = 0;

    for (i = 0; i < n; i++) {
        const char *unit = marks[i].unit;
        if (!items[i].leaf)
            continue;
        for (k = 0; k < units; k++)
            if (out[k].unit == unit || (out[k].unit && unit && !strcmp(out[k].unit, unit)))
                break;
        if (k == units)
            out[units++] = (struct par_unit_loss){unit, 0, 0, 0, 0, 0};
        out[k].max += sums[i].max;
        out[k].score += sums[i].score;
        out[k].loss += sums[i].loss;
        out[k].items++;
        out[k].losing += micro(sums[i].loss) > 0;
    }
    qsort(out, units, sizeof(*out), unit_by_loss);
    return units;
}

/* Scores compared as they are shown: to two decimals. */
static long long cents(double x)
{
    return llround(x * 100);
}

static int by_score(const void *x, const void *y)
{
    const struct par_standing *a = x, *b = y;

    if (cents(a->score) != cents(b->score))
        return cents(a->score) > cents(b->score) ? -1 : 1;
    return strcmp(a->subject, b->subject);
}

void par_rank(struct par_standing *s, size_t n)
{
    size_t i;

    qsort(s, n, sizeof(*s), by_score);
    for (i = 0; i < n; i++)
        s[i].rank = i && cents(s[i].score) == cents(s[i - 1].score) ? s[i - 1].rank : (int)(i + 1);
}

static const struct {
    const char *name, *label;
} externals[PAR_EXT_COUNT] = {
    [PAR_EXT_PAR_INDEX] = {"par_index", "Chỉ số cải cách hành chính (PAR INDEX)"},
    [PAR_EXT_SIPAS] = {"sipas", "Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)"},
    [PAR_EXT_PAPI] = {"papi", "Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)"},
    [PAR_EXT_PCI] = {"pci", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)"},
    [PAR_EXT_DDCI] = {"ddci", "Chỉ số năng lực cạnh tranh cấp sở, ngành, địa phương (DDCI)"},
};

const char *par_external_name(int kind)
{
    return kind >= 0 && kind < PAR_EXT_COUNT ? externals[kind].name : NULL;
}

const char *par_external_label(int kind)
{
    return kind >= 0 && kind < PAR_EXT_COUNT ? externals[kind].label : NULL;
}

int par_external_parse(const char *name)
{
    int k;

    for (k = 0; name && k < PAR_EXT_COUNT; k++)
        if (!strcmp(name, externals[k].name))
            return k;
    return -1;
}
