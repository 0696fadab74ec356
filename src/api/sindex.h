/* What the service index's handlers (sindex.c, sindex_parts.c) share. */
#ifndef API_SINDEX_H
#define API_SINDEX_H

#include <jansson.h>

#include "core/sindex.h"
#include "core/sindex_measures.h"
#include "store/agencies.h"
#include "store/sindex.h"

/* The index's parts (in their order) and grades as stored. */
struct sindex_catalog {
    struct index_part_row *parts;
    size_t nparts;
    struct index_grade_row *grades;
    size_t ngrades;
};

/* Points, rates and weights as JSON numbers rounded to two decimals. */
json_t *sindex_points_json(double x);

/*
 * A unit's score by group (in the parts' order) with its grade and sample;
 * with every part's measure and score when detailed.
 */
json_t *sindex_unit_json(const struct sindex_catalog *in, const struct agency *ag,
                         const struct sindex_measures *m, const struct sindex_result *s,
                         int detailed);

struct report_scope;
struct req;
/* The index of the scope's agency over its period (GET /api/v1/index's first line). */
int sindex_score_of(struct req *r, const struct report_scope *s, struct sindex_result *out,
                    struct err *e);

#endif
