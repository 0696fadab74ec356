/* Requests by route and status, and their latency, for GET /metrics. */
#include "http/metrics.h"
#include "lib/xalloc.h"

#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

/* The statuses counted by name; any other is counted as its class ("2xx"…). */
static const int statuses[] = {200, 201, 202, 204, 206, 304, 400, 401, 403, 404,
                               405, 409, 410, 413, 415, 422, 429, 431, 500, 503};
#define NSTATUS (sizeof(statuses) / sizeof(statuses[0]) + 5) /* + 1xx…5xx */
static const double bounds[] = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5};
#define NBOUNDS (sizeof(bounds) / sizeof(bounds[0]))

struct series {
    atomic_ullong by_status[NSTATUS];
    atomic_ullong le[NBOUNDS + 1]; /* the last: above every bound */
    atomic_ullong micros;          /* the durations' sum */
};

static const struct route *table;
static size_t ntable;
static struct series *series; /* one per route, then static files, then no route */

void metrics_init(const struct route *routes, size_t nroutes)
{
    table = routes;
    ntable = nroutes;
    series = xcalloc(nroutes + 2, sizeof(*series));
}

static size_t status_slot(int status)
{
    size_t i;

    for (i = 0; i < NSTATUS - 5; i++)
        if (statuses[i] == status)
            return i;
    return NSTATUS - 5 + (size_t)(status >= 100 && status < 600 ? status / 100 - 1 : 4);
}

void metrics_observe(const struct route *route, int api, int status, double seconds)
{
    struct series *s;
    size_t b;

    if (!series)
        return;
    s = &series[route ? (size_t)(route - table) : api ? ntable + 1 : ntable];
    atomic_fetch_add(&s->by_status[status_slot(status)], 1);
    for (b = 0; b < NBOUNDS && seconds > bounds[b]; b++)
        ;
    atomic_fetch_add(&s->le[b], 1);
    atomic_fetch_add(&s->micros, (unsigned long long)(seconds * 1e6));
}

void metrics_histogram(struct strbuf *out, const char *name, const char *labels, const double *le,
                       const unsigned long long *counts, size_t nbounds, double sum)
{
    unsigned long long total = 0;
    size_t b;

    for (b = 0; b <= nbounds; b++) {
        total += counts[b];
        if (b < nbounds)
            strbuf_addf(out, "%s_bucket{%s%sle=\"%g\"} %llu\n", name, labels, *labels ? "," : "",
                        le[b], total);
        else
            strbuf_addf(out, "%s_bucket{%s%sle=\"+Inf\"} %llu\n", name, labels, *labels ? "," : "",
                        total);
    }
    if (*labels)
        strbuf_addf(out, "%s_sum{%s} %.6f\n%s_count{%s} %llu\n", name, labels, sum, name, labels,
                    total);
    else
        strbuf_addf(out, "%s_sum %.6f\n%s_count %llu\n", name, sum, name, total);
}

/* The labels of series i: method and route pattern, or the static files, or no route. */
static void labels_of(size_t i, char *out, size_t n)
{
    if (i < ntable)
        snprintf(out, n, "method=\"%s\",route=\"%s\"", table[i].method, table[i].pattern);
    else
        snprintf(out, n, "method=\"\",route=\"%s\"", i == ntable ? "static" : "none");
}

static int used(const struct series *s)
{
    size_t b;

    for (b = 0; b <= NBOUNDS; b++)
        if (atomic_load(&s->le[b]))
            return 1;
    return 0;
}

void metrics_render(struct strbuf *out)
{
    char labels[300];
    size_t i, k;

    strbuf_addf(out, "# HELP motcua_http_requests_total Requests answered, by route and status.\n"
                     "# TYPE motcua_http_requests_total counter\n");
    for (i = 0; series && i < ntable + 2; i++) {
        if (!used(&series[i]))
            continue;
        labels_of(i, labels, sizeof(labels));
        for (k = 0; k < NSTATUS; k++) {
            unsigned long long n = atomic_load(&series[i].by_status[k]);
            if (!n)
                continue;
            if (k < NSTATUS - 5)
                strbuf_addf(out, "motcua_http_requests_total{%s,status=\"%d\"} %llu\n", labels,
                            statuses[k], n);
            else
                strbuf_addf(out, "motcua_http_requests_total{%s,status=\"%zuxx\"} %llu\n", labels,
                            k - (NSTATUS - 5) + 1, n);
        }
    }
    strbuf_addf(out, "# HELP motcua_http_request_duration_seconds Time from a request's headers "
                     "to its answer, by route.\n"
                     "# TYPE motcua_http_request_duration_seconds histogram\n");
    for (i = 0; series && i < ntable + 2; i++) {
        unsigned long long counts[NBOUNDS + 1];

        if (!used(&series[i]))
            continue;
        labels_of(i, labels, sizeof(labels));
        for (k = 0; k <= NBOUNDS; k++)
            counts[k] = atomic_load(&series[i].le[k]);
        metrics_histogram(out, "motcua_http_request_duration_seconds", labels, bounds, counts,
                          NBOUNDS, (double)atomic_load(&series[i].micros) / 1e6);
    }
}
