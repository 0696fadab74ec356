/* The demo province's fixed data: agencies, procedures, people's names. */
#ifndef CMD_DEMO_DATA_H
#define CMD_DEMO_DATA_H

#include <stddef.h>
#include <stdint.h>

struct demo_agency {
    const char *id, *name, *parent, *level;
};

struct demo_procedure {
    const char *name;
    const char *field;
    const char *owner; /* agency id; the province for commune-level procedures */
    const char *level;
    double days;
    int calendar_days;
    int online;             /* 0 none, 1 partial, 2 full */
    long fee;               /* VND, 0 for none */
    const char *components; /* '|'-separated "kind:name" */
};

extern const struct demo_agency demo_agencies[];
extern const size_t demo_agencies_len;
extern const struct demo_procedure demo_procedures[];
extern const size_t demo_procedures_len;
extern const char *const demo_surnames[], *const demo_middle[], *const demo_given[],
                                                                    *const demo_streets[];
extern const size_t demo_surnames_len, demo_middle_len, demo_given_len, demo_streets_len;

#define DEMO_PROCEDURES_MAX 128

/*
 * Inserts the demo province's agencies, then extra_communes more communes
 * (000.MM.NN.H99, MM from 01), then its procedures (their ids in procedure_ids).
 */
struct db;
struct arena;
struct err;
struct process_step;
int demo_add_catalog(struct db *db, struct arena *a, int64_t now, int extra_communes,
                     int64_t procedure_ids[], int64_t variant_ids[], struct err *e);

/*
 * The internal process of a procedure counted in working days (none for
 * calendar days: 0): the specialist at the department or commune examines
 * it, its leader approves, and the result is issued and sent to the one-stop
 * desk that returns it; the steps' hours add up to the statutory time less
 * an hour for the reception at the desk. Fills out[DEMO_PROCESS_STEPS] and
 * returns the number of steps. demo_add_catalog gives each such procedure
 * one variant with it (its id in variant_ids, 0 for none; variant_ids may be
 * NULL).
 */
#define DEMO_PROCESS_STEPS 3
size_t demo_process_of(const struct demo_procedure *dp, struct process_step *out);

/*
 * Stores the sample scan (a one-page PDF) in the files directory data_dir:
 * what every demo or generated file row points to. Sets its SHA-256 and size.
 */
int demo_sample_scan(const char *data_dir, char sha[65], int64_t *size, struct err *e);
/*
 * Gives each demo procedure (ids from demo_add_catalog) whose components hold
 * a declaration or an application "theo mẫu" that form to download, a sample
 * PDF stored in data_dir.
 */
int demo_add_forms(struct db *db, struct arena *a, const char *data_dir, int64_t now,
                   const int64_t ids[], struct err *e);

#endif
