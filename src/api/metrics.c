/*
 * GET /metrics in Prometheus' text format, for the operators' monitoring:
 * requests by route and status with their latency (http/metrics.c), the
 * write batches and the time in COMMIT (store/db.h), the notification and
 * national portal backlogs, dossiers by status, feedback open and overdue.
 * Only with --metrics-token, to a scraper that sends it as a bearer token:
 * otherwise 404, as for a route that does not exist.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "core/dossier.h"
#include "http/metrics.h"
#include "lib/crypto.h"
#include "store/metrics.h"

#include <string.h>

static void gauge(struct strbuf *out, const char *name, const char *help, int64_t value)
{
    strbuf_addf(out, "# HELP %s %s\n# TYPE %s gauge\n%s %lld\n", name, help, name, name,
                (long long)value);
}

static void database(struct strbuf *out)
{
    static const double le[DB_BATCH_BOUNDS] = {1, 2, 4, 8, 16, 32, 64, 128, 256};
    struct db_commit_stats c;

    db_commit_stats(&c);
    strbuf_addf(out,
                "# HELP motcua_db_write_transactions_total Write transactions committed.\n"
                "# TYPE motcua_db_write_transactions_total counter\n"
                "motcua_db_write_transactions_total %llu\n"
                "# HELP motcua_db_commit_seconds_total Time spent committing (the fsync).\n"
                "# TYPE motcua_db_commit_seconds_total counter\n"
                "motcua_db_commit_seconds_total %.6f\n"
                "# HELP motcua_db_write_batch_size Write transactions committed together.\n"
                "# TYPE motcua_db_write_batch_size histogram\n",
                c.transactions, c.seconds);
    metrics_histogram(out, "motcua_db_write_batch_size", "", le, c.size_le, DB_BATCH_BOUNDS,
                      (double)c.transactions);
}

int metrics_get(struct req *r, struct err *e)
{
    struct app *app = r->app;
    const char *auth = req_header(r, "Authorization");
    struct metric_counts k;
    struct strbuf out = STRBUF_INIT;
    char *body;
    size_t len;
    int s;

    if (!app->metrics_token || !auth || strncmp(auth, "Bearer ", 7) ||
        !crypto_streq(auth + 7, app->metrics_token))
        return err_set(e, 404, "not_found", "no such route");
    if (metrics_counts(r->db, r->now, &k, e) < 0)
        return -1;
    metrics_render(&out);
    database(&out);
    strbuf_addf(&out, "# HELP motcua_dossiers Dossiers by status.\n# TYPE motcua_dossiers gauge\n");
    for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++)
        strbuf_addf(&out, "motcua_dossiers{status=\"%s\"} %lld\n", dossier_status_name(s),
                    (long long)k.dossiers[s]);
    gauge(&out, "motcua_outbox_pending", "Notifications waiting to be sent.", k.outbox_pending);
    gauge(&out, "motcua_outbox_failed", "Notifications given up on.", k.outbox_failed);
    gauge(&out, "motcua_portal_pending", "National portal records waiting to be sent.",
          k.portal_pending);
    gauge(&out, "motcua_portal_failed", "National portal records given up on.", k.portal_failed);
    gauge(&out, "motcua_feedback_open", "Feedback items not closed.", k.feedback_open);
    gauge(&out, "motcua_feedback_overdue", "Open feedback items past the answer's due time.",
          k.feedback_overdue);
    body = strbuf_detach(&out, &len);
    s = resp_body(r, 200, "text/plain; version=0.0.4; charset=utf-8", body, len);
    free(body);
    return s;
}
