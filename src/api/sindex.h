/* What the service index's handlers (sindex.c, sindex_parts.c) share. */
#ifndef API_SINDEX_H
#define API_SINDEX_H

#include <jansson.h>

#include "api/reports.h"
#include "core/sindex.h"
#include "core/sindex_measures.h"
#include "store/agencies.h"
#include "store/procedures.h"
#include "store/sindex.h"

/* The index's parts (in their order) and grades as stored. */
struct sindex_catalog {
    struct index_part_row *parts;
    size_t nparts;
    struct index_grade_row *grades;
    size_t ngrades;
};

/* One unit the index is computed for: the agency asked about or one of its children. */
struct sindex_unit {
    const struct agency *ag;
    struct sindex_counts c;
    struct sindex_measures m;
    struct sindex_result score;
};

/* An agency of the subtree and the unit (0: the agency asked about; 1..: a child) it counts for. */
struct sindex_member {
    const char *id;
    size_t unit;
};

/*
 * The index of an agency and, with children, of each child unit, for the
 * period of a request; everything in the request's arena.
 */
struct sindex_run {
    struct report_scope s;
    struct sindex_catalog cat;
    struct sindex_weight w[SI_COUNT];
    struct procedure_brief *briefs; /* the catalog, by id */
    struct sindex_proc *procs;      /* the briefs as core reads them, in the same order */
    size_t nprocs;
    struct agency *agencies; /* the subtree */
    struct sindex_place *places;
    size_t nagencies;
    const struct sindex_member *members; /* by id */
    struct sindex_unit *units;           /* [0]: the agency; then its children, in tree order */
    size_t n;
    int children; /* children were asked for */
};

/*
 * Reads the agency and period (report_scope) and children=0|1 (default
 * `children`), and measures and scores each unit. 400 for a bad parameter.
 */
int sindex_run(struct req *r, int children, struct sindex_run *out, struct err *e);
/* The same for an agency and period the caller has set (e.g. a month of a compiled report). */
int sindex_run_for(struct req *r, const struct report_scope *s, int children,
                   struct sindex_run *out, struct err *e);

/* The unit an agency of the subtree counts for besides unit 0, or 0 when none. */
size_t sindex_unit_of(const struct sindex_run *run, const char *agency);

/* Points, rates and weights as JSON numbers rounded to two decimals. */
json_t *sindex_points_json(double x);

/*
 * A unit's score by group (in the parts' order) with its grade and sample;
 * with every part's measure and score when detailed.
 */
json_t *sindex_unit_json(const struct sindex_catalog *in, const struct agency *ag,
                         const struct sindex_measures *m, const struct sindex_result *s,
                         int detailed);

/*
 * The measures of one agency (its subtree) over the local days [first, last],
 * as GET /api/v1/index computes them for the agency asked about: the PAR
 * INDEX's linked figures come from here (api/par.c).
 */
struct req;
int sindex_measure_agency(struct req *r, const struct agency *ag, int64_t first, int64_t last,
                          struct sindex_measures *out, struct err *e);

#endif
