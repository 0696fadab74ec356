/*
 * The server's own measures for GET /metrics (Prometheus' text format):
 * requests by route and status, and their latency as histograms. Counted
 * with atomics at each request's completion; read while they change.
 */
#ifndef HTTP_METRICS_H
#define HTTP_METRICS_H

#include <stddef.h>

#include "http/router.h"
#include "lib/strbuf.h"

/* Room for the routes of the table (once, before serving). */
void metrics_init(const struct route *routes, size_t nroutes);
/*
 * A request completed: its route (NULL: none matched: a static file, or an
 * API path that names no route when api), its status and duration.
 */
void metrics_observe(const struct route *route, int api, int status, double seconds);
/* Appends the families motcua_http_requests_total and motcua_http_request_duration_seconds. */
void metrics_render(struct strbuf *out);
/* Appends one histogram's lines (name{labels,le="…"}, _sum, _count) from its counts. */
void metrics_histogram(struct strbuf *out, const char *name, const char *labels,
                       const double *bounds, const unsigned long long *counts, size_t nbounds,
                       double sum);

#endif
