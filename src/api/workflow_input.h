/* The input a workflow action may carry, read from its JSON body before the transaction. */
#ifndef API_WORKFLOW_INPUT_H
#define API_WORKFLOW_INPUT_H

#include <jansson.h>
#include <stdint.h>

#include "lib/err.h"
#include "core/lifecycle.h"
#include "lib/arena.h"

/*
 * Reads what the action needs (core/workflow.h's NEED_*) into in, each field
 * checked for its form; field errors go to e. Strings point into body or a.
 */
void workflow_read_input(json_t *body, int action, struct action_input *in, struct arena *a,
                         struct err *e);

#endif
