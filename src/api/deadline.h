/*
 * Deadlines over a working calendar and an agency's office hours: the glue
 * between core/worktime (the arithmetic) and the handlers. The calendar is the
 * request's (r->cal, api/app.h): nothing here reads the database. Office hours
 * are the agency row's text; unreadable text counts as the default hours.
 */
#ifndef API_DEADLINE_H
#define API_DEADLINE_H

#include <stdint.h>

#include "core/holidays.h"
#include "lib/err.h"

/* The due time of a statutory duration ("working" or "calendar" days) counted from start. */
int deadline_due(const struct workcal *cal, const char *office_hours, int64_t start,
                 const char *kind, double days, int64_t *out, struct err *e);
/* t plus a number of working minutes. */
int deadline_add(const struct workcal *cal, const char *office_hours, int64_t t, int64_t minutes,
                 int64_t *out, struct err *e);
/* Working minutes between a and b (0 when b <= a). */
int deadline_between(const struct workcal *cal, const char *office_hours, int64_t a, int64_t b,
                     int64_t *out, struct err *e);
/* A due time moved by the working time between paused and resumed (a supplement). */
int deadline_resume(const struct workcal *cal, const char *office_hours, int64_t due,
                    int64_t paused, int64_t resumed, int64_t *out, struct err *e);
/* 1 when t lies inside office hours on a working day (closing times included), 0 if not. */
int deadline_in_office_hours(const struct workcal *cal, const char *office_hours, int64_t t,
                             struct err *e);

#endif
