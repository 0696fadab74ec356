/* What procedures.c and procedure_variants.c both check in a procedure's body. */
#ifndef API_PROCEDURE_INPUT_H
#define API_PROCEDURE_INPUT_H

#include "lib/arena.h"
#include "lib/err.h"
#include "lib/json.h"

struct procedure;

/* "working", "calendar" (NULL-terminated, for jv_choice). */
extern const char *const procedure_duration_kinds[];
/* A duration in days: positive, whole hours for working days, whole days for calendar days. */
void procedure_check_duration(const char *field, double days, const char *kind, struct err *e);

/* A procedure as the API shows it, in full (what its history records). */
json_t *procedure_view(const struct procedure *p);
/* The folded text the search index holds for a procedure (code, name, field). */
const char *procedure_search_text(struct arena *a, const struct procedure *p);

#endif
