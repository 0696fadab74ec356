/* Holiday rules and per-day calendar overrides (the data behind the working calendar). */
#ifndef STORE_CALENDAR_H
#define STORE_CALENDAR_H

#include <stddef.h>

#include "lib/arena.h"
#include "store/db.h"

struct holiday_rule_row {
    int64_t id;
    const char *name;
    const char *calendar; /* "solar" or "lunar" */
    int month, day, offset, length, adjacent, from_year, to_year;
};

struct override_row {
    const char *day; /* YYYY-MM-DD */
    int work;        /* 1 working day, 0 day off */
    const char *name;
};

/* Inserts rows into an empty rule table; does nothing when rules were seeded before. */
int calendar_seed_rules(struct db *db, const struct holiday_rule_row *rows, size_t n,
                        struct err *e);
int calendar_rules(struct db *db, struct arena *a, struct holiday_rule_row **out, size_t *n,
                   struct err *e);
/* Overrides with from <= day <= to (YYYY-MM-DD strings compare in date order). */
int calendar_overrides(struct db *db, struct arena *a, const char *from, const char *to,
                       struct override_row **out, size_t *n, struct err *e);
/*
 * The version of the calendar's data (meta "calendar_version", 0 until the
 * first change): every write below moves it in its own transaction, from any
 * process, so a server can tell that its calendar is out of date.
 */
int calendar_version(struct db *db, int64_t *out, struct err *e);
/* Sets (insert or replace) an override. */
int calendar_set_override(struct db *db, const struct override_row *o, int64_t now, int64_t user_id,
                          struct err *e);
/* Removes an override: 1 removed, 0 there was none, -1 error. */
int calendar_delete_override(struct db *db, const char *day, struct err *e);

#endif
