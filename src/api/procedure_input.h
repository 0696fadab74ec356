/* What procedures.c and procedure_variants.c both check in a procedure's body. */
#ifndef API_PROCEDURE_INPUT_H
#define API_PROCEDURE_INPUT_H

#include "lib/err.h"

/* "working", "calendar" (NULL-terminated, for jv_choice). */
extern const char *const procedure_duration_kinds[];
/* A duration in days: positive, whole hours for working days, whole days for calendar days. */
void procedure_check_duration(const char *field, double days, const char *kind, struct err *e);

#endif
