/* The portal's queue posted with libcurl (docs/portal-sync.md). */
#include "api/portal_sender.h"
#include "core/portal.h"
#include "lib/log.h"
#include "lib/worker.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/portal.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH      20
#define ANSWER_MAX 1000 /* bytes of an answer kept */

struct portal_sender {
    struct portal_sender_config cfg;
    struct worker w;
    char *session; /* NULL until authenticated */
};

static size_t write_cb(char *data, size_t size, size_t nitems, void *p)
{
    struct strbuf *sb = p;
    size_t n = size * nitems;

    if (sb->len < 65536)
        strbuf_add(sb, data, n);
    return n;
}

/* POSTs a JSON body: the HTTP status (0 when nothing answered), the answer in `answer`. */
static long post(const char *url, const char *body, struct strbuf *answer)
{
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    char errbuf[CURL_ERROR_SIZE] = "";
    long status = 0;
    CURLcode rc;
    CURL *c = curl_easy_init();

    if (!c) {
        curl_slist_free_all(headers);
        strbuf_addstr(answer, "libcurl could not start");
        return 0;
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, write_cb);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, answer);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    rc = curl_easy_perform(c);
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    else
        strbuf_addstr(answer, *errbuf ? errbuf : curl_easy_strerror(rc));
    curl_slist_free_all(headers);
    curl_easy_cleanup(c);
    return status;
}

/* A session from the authentication endpoint: 0, or -1 with the reason in why. */
static int authenticate(struct portal_sender *s, char *why, size_t n)
{
    struct strbuf answer = STRBUF_INIT;
    json_t *req;
    char *body;
    long status;

    free(s->session);
    s->session = NULL;
    if (!s->cfg.auth_url) {
        s->session = xstrdup("");
        return 0;
    }
    req = json_pack("{s:s, s:s}", "username", s->cfg.user ? s->cfg.user : "", "password",
                    s->cfg.password ? s->cfg.password : "");
    body = json_dumps(req, JSON_COMPACT);
    json_decref(req);
    status = post(s->cfg.auth_url, body, &answer);
    free(body);
    if (status >= 200 && status <= 299)
        s->session = portal_session_of(answer.buf);
    if (!s->session)
        snprintf(why, n, "authentication: HTTP %ld %.*s", status, ANSWER_MAX,
                 answer.buf ? answer.buf : "no answer");
    strbuf_release(&answer);
    return s->session ? 0 : -1;
}

/* One attempt at a record: 1 taken, 0 refused, with the answer (the portal's or the reason). */
static int deliver(struct portal_sender *s, const struct portal_record *rec, char *answer, size_t n)
{
    struct strbuf got = STRBUF_INIT;
    long status = 0;
    int tries, ok = 0;

    for (tries = 0; tries < 2; tries++) {
        char *body;
        if (!s->session && authenticate(s, answer, n) < 0)
            return 0;
        if (!(body = portal_envelope(rec->payload, s->session, s->cfg.unit))) {
            snprintf(answer, n, "the record is not a JSON object");
            return 0;
        }
        strbuf_release(&got);
        status = post(s->cfg.url, body, &got);
        free(body);
        if (status != 401)
            break;
        free(s->session); /* the session ended: once more with a new one */
        s->session = NULL;
    }
    ok = portal_answer_ok(status, got.buf);
    if (status)
        snprintf(answer, n, "HTTP %ld %.*s", status, ANSWER_MAX, got.buf ? got.buf : "");
    else
        snprintf(answer, n, "%.*s", ANSWER_MAX, got.buf ? got.buf : "no answer");
    strbuf_release(&got);
    return ok;
}

/* Posts what is due; returns how many records the portal took. */
static size_t run_once(struct portal_sender *s, struct db *db)
{
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct portal_record *recs;
    size_t n, i, taken = 0;
    int64_t now = time(NULL);

    if (portal_due(db, &a, now, BATCH, &recs, &n, &e) < 0) {
        log_error("portal: %s", e.msg);
        n = 0;
    }
    for (i = 0; i < n && !worker_stopping(&s->w); i++) {
        char answer[ANSWER_MAX + 64];
        int rc, ok = deliver(s, &recs[i], answer, sizeof(answer));

        now = time(NULL);
        if (ok) {
            rc = portal_record_sent(db, recs[i].id, answer, now, &e);
            taken++;
            log_info("portal: %s record %lld of %s sent", recs[i].kind, (long long)recs[i].id,
                     recs[i].dossier_code);
        } else {
            int attempt = recs[i].attempts + 1;
            int64_t next = worker_retry_at(now, attempt, s->cfg.retry_seconds, s->cfg.max_attempts);
            rc = portal_record_retry(db, recs[i].id, answer, next, &e);
            log_warn("portal: record %lld of %s, attempt %d: %s%s", (long long)recs[i].id,
                     recs[i].dossier_code, attempt, answer, next ? "" : "; giving up");
        }
        if (rc < 0)
            log_error("portal: %s", e.msg);
    }
    arena_release(&a);
    return taken;
}

static void *loop(void *p)
{
    struct portal_sender *s = p;
    struct err e = ERR_INIT;
    struct db *db = NULL;

    if (db_open(s->cfg.db_path, &db, &e) < 0) {
        log_error("portal: %s", e.msg);
        return NULL;
    }
    while (!worker_stopping(&s->w)) {
        if (!run_once(s, db)) /* after one taken, a dossier's next record may be due now */
            worker_sleep(&s->w, (unsigned)s->cfg.poll_ms);
    }
    db_close(db);
    return NULL;
}

int portal_sender_start(const struct portal_sender_config *cfg, struct portal_sender **out,
                        struct err *e)
{
    struct portal_sender *s = xcalloc(1, sizeof(*s));

    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        free(s);
        return err_set(e, 500, "internal", "libcurl could not be initialised");
    }
    s->cfg = *cfg;
    if (worker_start(&s->w, loop, s, "the portal sender", e) < 0) {
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

void portal_sender_stop(struct portal_sender *s)
{
    if (!s)
        return;
    worker_stop(&s->w);
    curl_global_cleanup();
    free(s->session);
    free(s);
}
