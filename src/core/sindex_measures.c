/* The service index's measures: each part's numerator and denominator for a unit. */
#include "core/sindex_measures.h"

#include <string.h>

#include "core/agency.h"
#include "core/date.h"

int sindex_offered_online(const char *online_class)
{
    return online_class != NULL;
}

int sindex_fee_bearing(const int64_t *amounts, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (amounts[i] > 0)
            return 1;
    return 0;
}

int sindex_content_complete(const char *legal_basis, const char *result_name, double duration_days,
                            size_t ncomponents)
{
    return legal_basis && *legal_basis && result_name && *result_name && duration_days > 0 &&
           ncomponents > 0;
}

int sindex_published_on_time(const struct sindex_proc *p)
{
    int64_t effective, published;

    if (!p->effective_date || date_parse_ymd(p->effective_date, &effective) < 0)
        return -1;
    published = date_local_day(p->created_at);
    if (p->decision_date && date_parse_ymd(p->decision_date, &published) < 0)
        published = date_local_day(p->created_at);
    return published <= effective;
}

int sindex_procedure_of(const struct sindex_proc *p, const char *unit_path,
                        const struct sindex_place *places, size_t nplaces)
{
    size_t i;

    if (agency_under(p->agency_path, unit_path))
        return 1;
    for (i = 0; i < nplaces; i++)
        if (agency_under(places[i].path, unit_path) && !strcmp(places[i].level, p->level) &&
            agency_under(places[i].path, p->agency_path))
            return 1;
    return 0;
}

void sindex_counts_hit(struct sindex_counts *c, size_t proc, const struct stat_sums *s)
{
    c->online_hit[proc] |= s->v[ST_RECV_ONLINE] > 0;
    c->paid_hit[proc] |= s->v[ST_PAID_ONLINE] > 0;
}

static struct sindex_measure ratio(int64_t num, int64_t den)
{
    return (struct sindex_measure){num, den};
}

void sindex_measure_counters(const struct sindex_counts *c, struct sindex_measures *out)
{
    const int64_t *p = c->during.v;
    const struct resolution *r = &out->res;
    struct sindex_measure *m = out->m;

    resolution_of(&c->before, &c->during, c->overdue_now, &out->res);
    out->received = p[ST_RECV_COUNTER] + p[ST_RECV_ONLINE] + p[ST_RECV_POST];
    m[SI_ON_TIME] = ratio(r->early + r->on_time - p[ST_DONE_INDEX_LATE], r->resolved + r->overdue);
    m[SI_DOSSIERS_ONLINE] = ratio(p[ST_RECV_ONLINE], out->received);
    m[SI_PAID_ONLINE] = ratio(p[ST_PAID_ONLINE], p[ST_FEE_BEARING]);
    m[SI_E_RESULTS] =
        ratio(p[ST_E_RESULT], r->resolved - r->refused - r->withdrawn - r->stopped); /* results */
    m[SI_DIGITISED] = ratio(p[ST_DIGITISED], p[ST_COMPONENTS]);
    m[SI_SATISFIED] =
        ratio(p[ST_RATING_1] + p[ST_RATING_2], p[ST_RATING_1] + p[ST_RATING_2] + p[ST_RATING_3]);
    m[SI_FEEDBACK_ON_TIME] = ratio(c->fb_on_time, c->fb_handled);
    m[SI_FEEDBACK_SATISFIED] = ratio(c->fb_satisfied, c->fb_rated);
    m[SI_SYNCED_PORTAL] = ratio(c->sync_on_time, c->sync_dossiers);
}

static int hit(const unsigned char *hits, size_t i)
{
    return hits && hits[i];
}

void sindex_measure_procedures(const struct sindex_counts *c, const char *unit_path,
                               const struct sindex_proc *procs, size_t nprocs,
                               const struct sindex_place *places, size_t nplaces,
                               struct sindex_measures *out)
{
    struct sindex_measure *m = out->m;
    size_t i;

    for (i = 0; i < nprocs; i++) {
        const struct sindex_proc *b = &procs[i];
        int on_time;
        if (!sindex_procedure_of(b, unit_path, places, nplaces))
            continue;
        if ((on_time = sindex_published_on_time(b)) >= 0) {
            m[SI_PUBLISHED_ON_TIME].den++;
            m[SI_PUBLISHED_ON_TIME].num += on_time;
        }
        m[SI_COMPLETE_CONTENT].den++;
        m[SI_COMPLETE_CONTENT].num += b->complete;
        m[SI_PROCEDURES_ONLINE].den++;
        m[SI_PROCEDURES_ONLINE].num += b->online;
        m[SI_ONLINE_USED].den += b->online;
        m[SI_ONLINE_USED].num += b->online && hit(c->online_hit, i);
        m[SI_PROCEDURES_PAID_ONLINE].den += b->fee;
        m[SI_PROCEDURES_PAID_ONLINE].num += b->fee && hit(c->paid_hit, i);
    }
    m[SI_PAYMENT_INTEGRATED].den = m[SI_PROCEDURES_PAID_ONLINE].den > 0 ? 0 : -1;
}

void sindex_measure_unit(const struct sindex_counts *c, const char *unit_path,
                         const struct sindex_proc *procs, size_t nprocs,
                         const struct sindex_place *places, size_t nplaces,
                         struct sindex_measures *out)
{
    memset(out, 0, sizeof(*out));
    sindex_measure_counters(c, out);
    sindex_measure_procedures(c, unit_path, procs, nprocs, places, nplaces, out);
}

int sindex_rank_cmp(const struct sindex_result *x, const struct sindex_result *y)
{
    if (!x->measured != !y->measured)
        return x->measured ? -1 : 1;
    if (x->total != y->total)
        return x->total > y->total ? -1 : 1;
    return 0;
}
