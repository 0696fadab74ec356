/*
 * motcua gen's parts: gen.c reads the options and walks the period's working
 * days; gen_dossier.c draws each dossier and writes it through the store.
 */
#ifndef CMD_GEN_H
#define CMD_GEN_H

#include "cmd/demo_data.h"
#include "core/dossier.h"
#include "core/holidays.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/rng.h"
#include "store/agencies.h"

struct db;

#define GEN_UNITS_MAX 1200

struct gen {
    struct db *db;
    struct arena a; /* the run's: unit ids */
    struct arena d; /* the current batch's dossiers */
    struct workcal cal;
    struct err e;
    struct rng rng;   /* reproducible from --seed */
    int64_t now, end; /* nothing happens after end (the period's end, or now) */
    int64_t procedure_ids[DEMO_PROCEDURES_MAX];
    /* the receiving units: the centre, then the communes, with cumulative weights */
    const char *units[GEN_UNITS_MAX];
    double weight[GEN_UNITS_MAX];
    int nunits;
    struct agency *agencies; /* every agency, by id: where each sits, for handovers */
    size_t nagencies;
    int resolved;
    long late_left, left; /* --resolved: late dossiers still to make, of how many */
    long counts[DOSSIER_STATUS_MAX + 1], late;
    char scan_sha[65]; /* the sample scan behind every electronic result */
    int64_t scan_size;
};

/*
 * Draws one dossier received on a local day, lives its actions through core's
 * lifecycle (core/lifecycle.h) as far as the end, and writes it as the
 * server would have: its code from the unit's counter, the dossier, its
 * control sheet, its process step, its result file and its rating, the
 * statistics counters moving with them. Inside the caller's write transaction.
 */
int gen_dossier(struct gen *g, int64_t day);

#endif
