/*
 * The process's working calendar as one immutable value, replaced whole.
 *
 * A cell holds the current calendar. Readers take a reference (a lock held
 * only to copy the pointer and count it) and keep that calendar until they put
 * it back, so a reader never sees two calendars. A writer publishes a new
 * calendar with a higher version; readers holding the old one keep it, and it
 * is freed when the last of them puts it back.
 */
#ifndef CORE_CALCELL_H
#define CORE_CALCELL_H

#include <pthread.h>
#include <stdint.h>

#include "core/holidays.h"

struct calcell_value;

struct calcell {
    pthread_mutex_t lock;
    struct calcell_value *cur; /* NULL until the first publish */
};

void calcell_init(struct calcell *c);
/* Drops the cell's reference; readers still holding the calendar keep it until they put it. */
void calcell_release(struct calcell *c);

/*
 * Publishes *cal (moved in: *cal is left empty) with the version cal->version.
 * 1 when it became the current calendar; 0 when the cell already holds this
 * version or a newer one (then the calendar is freed).
 */
int calcell_publish(struct calcell *c, struct workcal *cal);

/* A reference to the current calendar, or NULL when none was published. */
const struct workcal *calcell_get(struct calcell *c);
/* Gives back a reference from calcell_get (a no-op for NULL). */
void calcell_put(const struct workcal *cal);

/* The current calendar's version, or -1 when none was published. */
int64_t calcell_version(struct calcell *c);

#endif
