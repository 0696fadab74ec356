/* The input a workflow action may carry, read from its JSON body before the transaction. */
#ifndef API_WORKFLOW_INPUT_H
#define API_WORKFLOW_INPUT_H

#include <jansson.h>
#include <stdint.h>

#include "lib/err.h"
#include "store/dossiers.h"

/* What a request may carry, read before the transaction. */
struct input {
    const char *reason, *note, *method, *receipt, *tracking, *result_number, *result_date, *signer,
        *agency, *cause;
    json_t *items;
    int64_t amount, version, new_due;
    double days;
};

/* Reads what the action needs (core/workflow.h's NEED_*); field errors go to e. */
void workflow_read_input(json_t *body, int action, struct input *in, struct err *e);

/* The result's date, from the day the dossier was received to today (`now`): 0, or a field error.
 */
int workflow_check_result_date(const struct input *in, const struct dossier *d, int64_t now,
                               struct err *e);
/* The payment's amount against the amount due (in full): 0, or a field error. */
int workflow_check_payment(const struct input *in, const struct dossier *d, struct err *e);

#endif
