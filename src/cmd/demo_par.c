/*
 * The demo's PAR INDEX: the example structure (docs/examples, marked as an
 * example, never the official table) for the demo's year, the province's
 * self-assessment of part of it (the linked figures score themselves from the
 * dossiers), and the external indices of the last five years, marked as
 * illustrative figures.
 */
#include "api/par.h"
#include "cmd/demo.h"
#include "core/date.h"
#include "core/parindex.h"
#include "lib/rng.h"
#include "store/parindex.h"

#include <jansson.h>
#include <string.h>

extern const char *const par_examples[];

#define PROVINCE "000.00.00.H99"
#define SOURCE   "Số liệu minh họa của bản demo"

static int assess(struct demo *c, const struct par_load *l)
{
    size_t i;

    for (i = 0; i < l->n; i++) {
        const struct par_item *it = &l->items[i];
        struct par_assessment x = {.item_id = it->id,
                                   .subject = PROVINCE,
                                   .value = -1,
                                   .self_score = -1,
                                   .appraised_score = -1,
                                   .updated_at = c->now};
        double luck = rng_uniform(&c->rng);

        if (!it->leaf || it->figure || (luck < 0.2 && strcmp(it->code, "1.1.2")))
            continue; /* a linked figure scores itself; a fifth not assessed yet */
        if (!strcmp(it->code, "1.1.2")) { /* the yearly plan's completion: the demo's own plan */
            x.figure = "plan_completion";
            if (par_assessment_put(c->db, &x, &c->e) < 0)
                return -1;
            continue;
        }
        if (it->scoring == PAR_PROPORTION)
            x.value = it->target * (0.6 + 0.4 * rng_uniform(&c->rng));
        else if (it->scoring == PAR_SCALE && it->nbands)
            x.value = it->bands[it->nbands - 1].from * (0.7 + 0.3 * rng_uniform(&c->rng));
        else
            x.self_score = it->scoring == PAR_YES_NO ? (luck < 0.85 ? it->max_points : 0)
                                                     : it->max_points * (0.5 + 0.4 * luck);
        if (x.value >= 0)
            x.self_score = par_score_of_value(it, x.value);
        if (par_assessment_put(c->db, &x, &c->e) < 0)
            return -1;
    }
    return 0;
}

/* The external indices: the province's score and rank of each of the last five years. */
static int indices(struct demo *c, int year)
{
    static const struct {
        const char *kind;
        double base, step;
    } kinds[] = {
        {"par_index", 82.5, 1.4}, {"sipas", 79.0, 1.8}, {"papi", 41.2, 0.6}, {"pci", 64.1, 0.9}};
    size_t k;
    int y;

    for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
        for (y = year - 5; y < year; y++) {
            struct index_value v = {.kind = kinds[k].kind,
                                    .year = y,
                                    .subject = PROVINCE,
                                    .score = kinds[k].base + kinds[k].step * (y - year + 5) +
                                             rng_uniform(&c->rng),
                                    .rank = 10 + (int64_t)(rng_uniform(&c->rng) * 40),
                                    .source = SOURCE,
                                    .updated_at = c->now};

            if (index_value_put(c->db, &v, &c->e) < 0)
                return -1;
        }
    return 0;
}

int demo_par(struct demo *c)
{
    json_t *doc = json_loads(par_examples[0], 0, NULL);
    struct par_load l;
    int year, m, d, rc = -1;

    if (!doc)
        return err_set(&c->e, 500, "internal", "the example PAR INDEX structure is not JSON");
    date_civil_from_days(date_local_day(c->now), &year, &m, &d);
    json_object_set_new(doc, "year", json_integer(year));
    if (par_load_document(c->db, &c->a, doc, c->now, 0, &l, &c->e) < 0)
        goto out;
    if (!l.stored) {
        err_set(&c->e, 500, "internal", "the example PAR INDEX structure does not load");
        goto out;
    }
    if (db_begin(c->db, DB_WRITE, &c->e) < 0 || assess(c, &l) < 0 || indices(c, year) < 0 ||
        db_commit(c->db, &c->e) < 0)
        goto out;
    rc = 0;
out:
    json_decref(doc);
    return rc;
}
