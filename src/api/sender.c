/* Outbox delivery over SMTP with libcurl. */
#include "api/sender.h"
#include "api/app.h"
#include "api/plans.h"
#include "core/date.h"
#include "lib/log.h"
#include "lib/worker.h"
#include "lib/strbuf.h"
#include "lib/xalloc.h"
#include "store/outbox.h"

#include <curl/curl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BATCH 20

struct sender {
    struct sender_config cfg;
    struct worker w;
};

/* RFC 2047: a header value in UTF-8, base64 encoded. */
static void add_encoded(struct strbuf *sb, const char *text)
{
    size_t n = strlen(text), cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = xmalloc(cap);

    sodium_bin2base64(b64, cap, (const unsigned char *)text, n, sodium_base64_VARIANT_ORIGINAL);
    strbuf_addf(sb, "=?UTF-8?B?%s?=", b64);
    free(b64);
}

/* The bare address of "Name <a@b>". */
static void address_of(const char *from, char *out, size_t n)
{
    const char *lt = strchr(from, '<'), *gt = lt ? strchr(lt, '>') : NULL;

    if (lt && gt)
        snprintf(out, n, "%.*s", (int)(gt - lt - 1), lt + 1);
    else
        snprintf(out, n, "%s", from);
}

static void build_message(const struct sender *s, const struct outbox_msg *m, struct strbuf *sb)
{
    size_t n = strlen(m->body), cap = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    char *b64 = xmalloc(cap), date[64], host[128];
    time_t now = time(NULL);
    struct tm tm;
    size_t i;

    gmtime_r(&now, &tm);
    strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm);
    address_of(s->cfg.from, host, sizeof(host));
    strbuf_addf(sb, "Date: %s\r\nFrom: %s\r\nTo: %s\r\nSubject: ", date, s->cfg.from, m->recipient);
    add_encoded(sb, m->subject);
    strbuf_addf(sb,
                "\r\nMessage-ID: <motcua.%lld.%lld.%s>\r\nMIME-Version: 1.0\r\n"
                "Content-Type: text/plain; charset=UTF-8\r\n"
                "Content-Transfer-Encoding: base64\r\n\r\n",
                (long long)m->id, (long long)m->created_at,
                strchr(host, '@') ? strchr(host, '@') + 1 : "motcua");
    sodium_bin2base64(b64, cap, (const unsigned char *)m->body, n, sodium_base64_VARIANT_ORIGINAL);
    n = strlen(b64);
    for (i = 0; i < n; i += 76) {
        strbuf_add(sb, b64 + i, n - i < 76 ? n - i : 76);
        strbuf_addstr(sb, "\r\n");
    }
    free(b64);
}

struct reader {
    const char *data;
    size_t len, off;
};

static size_t read_cb(char *buf, size_t size, size_t nitems, void *p)
{
    struct reader *r = p;
    size_t n = size * nitems;

    if (n > r->len - r->off)
        n = r->len - r->off;
    memcpy(buf, r->data + r->off, n);
    r->off += n;
    return n;
}

/* One delivery attempt: 0, or -1 with the reason in error. */
static int deliver(const struct sender *s, const struct outbox_msg *m, char *error, size_t n)
{
    struct strbuf msg = STRBUF_INIT;
    struct curl_slist *rcpt = NULL;
    struct reader rd;
    char from[256], errbuf[CURL_ERROR_SIZE] = "";
    CURLcode rc;
    CURL *c = curl_easy_init();

    if (!c) {
        snprintf(error, n, "libcurl could not start");
        return -1;
    }
    build_message(s, m, &msg);
    address_of(s->cfg.from, from, sizeof(from));
    rcpt = curl_slist_append(rcpt, m->recipient);
    rd = (struct reader){msg.buf, msg.len, 0};
    curl_easy_setopt(c, CURLOPT_URL, s->cfg.smtp_url);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
    curl_easy_setopt(c, CURLOPT_READDATA, &rd);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    if (s->cfg.user) {
        curl_easy_setopt(c, CURLOPT_USERNAME, s->cfg.user);
        curl_easy_setopt(c, CURLOPT_PASSWORD, s->cfg.password ? s->cfg.password : "");
        curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
    }
    rc = curl_easy_perform(c);
    if (rc != CURLE_OK)
        snprintf(error, n, "%s", *errbuf ? errbuf : curl_easy_strerror(rc));
    curl_slist_free_all(rcpt);
    curl_easy_cleanup(c);
    strbuf_release(&msg);
    return rc == CURLE_OK ? 0 : -1;
}

/* Delivers what is due; returns how many messages it handled. */
static size_t run_once(struct sender *s, struct db *db)
{
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct outbox_msg *msgs;
    size_t n, i;
    int64_t now = time(NULL);

    if (outbox_due(db, &a, now, BATCH, &msgs, &n, &e) < 0) {
        log_error("outbox: %s", e.msg);
        n = 0;
    }
    for (i = 0; i < n && !worker_stopping(&s->w); i++) {
        char error[256];
        int rc = deliver(s, &msgs[i], error, sizeof(error));

        now = time(NULL);
        if (rc == 0) {
            rc = outbox_sent(db, msgs[i].id, now, &e);
            log_info("outbox: message %lld sent", (long long)msgs[i].id);
        } else {
            int attempt = msgs[i].attempts + 1;
            int64_t next = worker_retry_at(now, attempt, s->cfg.retry_seconds, s->cfg.max_attempts);
            rc = outbox_retry(db, msgs[i].id, error, next, &e);
            log_warn("outbox: message %lld, attempt %d: %s%s", (long long)msgs[i].id, attempt,
                     error, next ? "" : "; giving up");
        }
        if (rc < 0)
            log_error("outbox: %s", e.msg);
    }
    arena_release(&a);
    return n;
}

/* The reform plans' reminders due now (written once each). */
static void remind(struct db *db)
{
    struct err e = ERR_INIT;
    struct workcal cal = {0};
    int64_t now = time(NULL);
    int y, m, d, messages;

    date_civil_from_days(date_local_day(now), &y, &m, &d);
    if (app_workcal(db, y - 1, y + 1, &cal, &e) < 0 ||
        plan_remind(db, &cal, now, &messages, &e) < 0)
        log_error("reminders: %s", e.msg);
    else if (messages)
        log_info("reminders: %d messages written to the outbox", messages);
    workcal_release(&cal);
}

static void *loop(void *p)
{
    struct sender *s = p;
    struct err e = ERR_INIT;
    struct db *db = NULL;
    int64_t next_remind = 0;

    if (db_open(s->cfg.db_path, &db, &e) < 0) {
        log_error("outbox: %s", e.msg);
        return NULL;
    }
    while (!worker_stopping(&s->w)) {
        if (s->cfg.remind_seconds && time(NULL) >= next_remind) {
            remind(db);
            next_remind = time(NULL) + s->cfg.remind_seconds;
        }
        if (run_once(s, db) < BATCH) /* a full batch: more may be waiting */
            worker_sleep(&s->w, (unsigned)s->cfg.poll_ms);
    }
    db_close(db);
    return NULL;
}

int sender_start(const struct sender_config *cfg, struct sender **out, struct err *e)
{
    struct sender *s = xcalloc(1, sizeof(*s));

    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        free(s);
        return err_set(e, 500, "internal", "libcurl could not be initialised");
    }
    s->cfg = *cfg;
    if (worker_start(&s->w, loop, s, "the mail sender", e) < 0) {
        free(s);
        return -1;
    }
    *out = s;
    return 0;
}

void sender_stop(struct sender *s)
{
    if (!s)
        return;
    worker_stop(&s->w);
    curl_global_cleanup();
    free(s);
}
