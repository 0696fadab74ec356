/* Tests for src/core/stats.c */
#include <stdio.h>

#include "../test.h"
#include "core/dossier.h"
#include "core/stats.h"

/* The hits of a dossier, summed per (day, column), as "YYYY-MM-DD col n" lines. */
static const char *counted(const struct stat_facts *f)
{
    static char buf[1024];
    struct stat_hit h[STAT_HITS_MAX];
    size_t n = stats_of(f, h), i, len = 0;

    buf[0] = '\0';
    for (i = 0; i < n; i++) {
        char day[DATE_ISO_MAX];
        date_format_ymd(h[i].day, day);
        len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%s %s %d", i ? "; " : "", day,
                                stat_col_name(h[i].col), h[i].n);
    }
    return buf;
}

static void counter_dossier_early(void **state)
{
    struct stat_facts f = {0};

    (void)state;
    f.channel = CHANNEL_COUNTER;
    f.status = DOSSIER_RETURNED;
    f.received_at = T("2026-03-02 08:00");
    f.due_at = T("2026-03-06 08:00");
    f.finished_at = T("2026-03-05 16:00");
    f.returned_at = T("2026-03-06 09:00");
    f.components = 3;
    f.digitised = 2;
    f.e_result = 1;
    f.rating = 2;
    f.rated_at = T("2026-03-07 10:00");
    assert_string_equal(counted(&f), "2026-03-02 recv_counter 1; 2026-03-02 components 3; "
                                     "2026-03-02 digitised 2; 2026-03-05 done_early 1; "
                                     "2026-03-05 e_result 1; 2026-03-06 returned 1; "
                                     "2026-03-07 rating_2 1");
}

static void late_and_overdue(void **state)
{
    struct stat_facts f = {0};

    (void)state;
    f.channel = CHANNEL_ONLINE;
    f.status = DOSSIER_PROCESSED;
    f.received_at = T("2026-03-02 08:00");
    f.due_at = T("2026-03-06 08:00");
    f.finished_at = T("2026-03-06 08:01");
    assert_string_equal(counted(&f), "2026-03-02 recv_online 1; 2026-03-06 done_late 1; "
                                     "2026-03-06 overdue_from 1; 2026-03-06 ended_late 1");
    /* exactly at the due time is on time */
    f.finished_at = f.due_at;
    assert_string_equal(counted(&f), "2026-03-02 recv_online 1; 2026-03-06 done_on_time 1");
    /* still open: overdue from its due day on */
    f.status = DOSSIER_PROCESSING;
    f.finished_at = 0;
    assert_string_equal(counted(&f), "2026-03-02 recv_online 1; 2026-03-06 overdue_from 1");
    /* waiting for a supplement asked before the due time: the clock stands, not overdue */
    f.status = DOSSIER_SUPPLEMENT;
    f.paused_at = T("2026-03-05 10:00");
    assert_string_equal(counted(&f), "2026-03-02 recv_online 1");
    /* asked after the due time: overdue already */
    f.paused_at = T("2026-03-06 09:00");
    assert_string_equal(counted(&f), "2026-03-02 recv_online 1; 2026-03-06 overdue_from 1");
    f.status = DOSSIER_PROCESSING;
    f.paused_at = 0;
    /* a child of a consultation counts for nothing */
    f.child = 1;
    assert_string_equal(counted(&f), "");
}

static void closed_without_result(void **state)
{
    struct stat_facts f = {0};

    (void)state;
    /* refused before being accepted online */
    f.channel = CHANNEL_ONLINE;
    f.status = DOSSIER_REFUSED;
    f.closed_at = T("2026-03-02 09:00");
    assert_string_equal(counted(&f), "2026-03-02 not_accepted 1");
    /* withdrawn after its due time: resolved, late (DOMAIN.md) */
    f.channel = CHANNEL_POST;
    f.status = DOSSIER_WITHDRAWN;
    f.received_at = T("2026-03-02 08:00");
    f.due_at = T("2026-03-03 08:00");
    f.closed_at = T("2026-03-04 09:00");
    assert_string_equal(counted(&f), "2026-03-02 recv_post 1; 2026-03-04 withdrawn 1; "
                                     "2026-03-04 done_late 1; 2026-03-03 overdue_from 1; "
                                     "2026-03-04 ended_late 1");
    /* stopped the day before its due day: early */
    f.status = DOSSIER_STOPPED;
    f.closed_at = T("2026-03-02 10:00");
    assert_string_equal(counted(&f), "2026-03-02 recv_post 1; 2026-03-02 stopped 1; "
                                     "2026-03-02 done_early 1");
    /* refused on its due day, before the due time: on time */
    f.status = DOSSIER_REFUSED;
    f.due_at = T("2026-03-02 17:00");
    assert_string_equal(counted(&f), "2026-03-02 recv_post 1; 2026-03-02 refused 1; "
                                     "2026-03-02 done_on_time 1");
}

static void fees_and_supplements(void **state)
{
    struct stat_facts f = {0};

    (void)state;
    f.channel = CHANNEL_COUNTER;
    f.status = DOSSIER_PROCESSED;
    f.received_at = T("2026-03-02 08:00");
    f.due_at = T("2026-03-06 08:00");
    f.finished_at = T("2026-03-06 07:59");
    f.fee_amount = 50000;
    f.paid_online = 1;
    f.supplement_count = 2;
    assert_string_equal(counted(&f), "2026-03-02 recv_counter 1; 2026-03-02 fee_bearing 1; "
                                     "2026-03-02 paid_online 1; 2026-03-06 done_on_time 1; "
                                     "2026-03-06 done_index_late 1");
    /* one supplement is allowed */
    f.supplement_count = 1;
    f.paid_online = 0;
    assert_string_equal(counted(&f), "2026-03-02 recv_counter 1; 2026-03-02 fee_bearing 1; "
                                     "2026-03-06 done_on_time 1");
}

static void rates(void **state)
{
    (void)state;
    /* the seed district: 361,869 of 363,424 early or on time */
    assert_int_equal(rate_bp(361869, 363424), 9957);
    assert_int_equal(rate_bp(1, 3), 3333);
    assert_int_equal(rate_bp(2, 3), 6667);
    assert_int_equal(rate_bp(0, 5), 0);
    assert_int_equal(rate_bp(5, 5), 10000);
    assert_int_equal(rate_bp(1, 0), -1);
}

/* A worked example: 10 carried over, 6 new, and what became of them. */
static void resolution(void **state)
{
    struct stat_sums before = {0}, during = {0};
    struct resolution r;

    (void)state;
    before.v[ST_RECV_COUNTER] = 20;
    before.v[ST_RECV_ONLINE] = 5;
    before.v[ST_DONE_EARLY] = 11;
    before.v[ST_DONE_LATE] = 4;
    before.v[ST_REFUSED] = 2; /* of the 15 resolved: 25 - 15 = 10 carried over */
    before.v[ST_OVERDUE_FROM] = 6;
    before.v[ST_ENDED_LATE] = 3; /* 3 of the carried-over were already late */
    during.v[ST_RECV_COUNTER] = 3;
    during.v[ST_RECV_ONLINE] = 2;
    during.v[ST_RECV_POST] = 1;
    during.v[ST_DONE_EARLY] = 5; /* one of them withdrawn */
    during.v[ST_DONE_ON_TIME] = 3;
    during.v[ST_DONE_LATE] = 2;
    during.v[ST_WITHDRAWN] = 1;
    during.v[ST_OVERDUE_FROM] = 1;
    during.v[ST_ENDED_LATE] = 2;
    during.v[ST_RETURNED] = 5;
    resolution_of(&before, &during, -1, &r);
    assert_int_equal(r.carried, 10);
    assert_int_equal(r.received, 16);
    assert_int_equal(r.new_counter, 3);
    assert_int_equal(r.new_online, 2);
    assert_int_equal(r.new_post, 1);
    assert_int_equal(r.resolved, 10);
    assert_int_equal(r.withdrawn, 1);
    assert_int_equal(r.in_progress, 6); /* 16 - 10 resolved */
    assert_int_equal(r.overdue, 2);     /* 7 went overdue, 5 of them ended */
    assert_int_equal(r.within_time, 4);
    assert_int_equal(r.on_time_rate, 8000);
    assert_int_equal(r.returned, 5);
    /* known directly when the period runs to now */
    resolution_of(&before, &during, 1, &r);
    assert_int_equal(r.overdue, 1);
    assert_int_equal(r.within_time, 5);
    memset(&during, 0, sizeof(during));
    resolution_of(&before, &during, -1, &r);
    assert_int_equal(r.on_time_rate, -1);
}

static void split_of(const char *first, const char *last, const char *want)
{
    struct period_split s;
    char out[200] = "", a[DATE_ISO_MAX], b[DATE_ISO_MAX];
    const struct day_span *spans[3];
    const char *names[3] = {"head", "months", "tail"};
    int has[3], i;

    period_split(D(first), D(last), &s);
    spans[0] = &s.head, spans[1] = &s.months, spans[2] = &s.tail;
    has[0] = s.has_head, has[1] = s.has_months, has[2] = s.has_tail;
    for (i = 0; i < 3; i++) {
        if (!has[i])
            continue;
        date_format_ymd(spans[i]->first, a);
        date_format_ymd(spans[i]->last, b);
        snprintf(out + strlen(out), sizeof(out) - strlen(out), "%s%s %s..%s", out[0] ? " " : "",
                 names[i], a, b);
    }
    if (strcmp(out, want))
        fail_msg("%s..%s: got \"%s\", want \"%s\"", first, last, out, want);
}

static void splits(void **state)
{
    (void)state;
    split_of("2026-01-01", "2026-12-31", "months 2026-01-01..2026-12-01");
    split_of(
        "2026-01-15", "2026-03-10",
        "head 2026-01-15..2026-01-31 months 2026-02-01..2026-02-01 tail 2026-03-01..2026-03-10");
    split_of("2026-01-15", "2026-02-20", "head 2026-01-15..2026-02-20");
    split_of("2026-02-01", "2026-02-28", "months 2026-02-01..2026-02-01");
    split_of("2024-02-01", "2024-02-28", "head 2024-02-01..2024-02-28");
    split_of("2026-12-05", "2027-01-31",
             "head 2026-12-05..2026-12-31 months 2027-01-01..2027-01-01");
    split_of("2026-03-03", "2026-03-03", "head 2026-03-03..2026-03-03");
    split_of("2026-03-03", "2026-03-02", "");
}

/* In progress past the due time at a moment: the rule OVERDUE_SQL repeats. */
static void overdue_at(void **state)
{
    struct stat_facts f = {0};
    int64_t now = T("2026-03-10 08:00");
    int s;

    (void)state;
    f.received_at = T("2026-03-02 08:00");
    f.due_at = T("2026-03-09 17:00");
    for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++) {
        f.status = s;
        assert_int_equal(stat_overdue_at(&f, now),
                         s == DOSSIER_RECEIVED || s == DOSSIER_PROCESSING ||
                             s == DOSSIER_FINANCIAL || s == DOSSIER_SUPPLEMENT);
    }
    f.status = DOSSIER_PROCESSING;
    assert_false(stat_overdue_at(&f, f.due_at)); /* at the due time: not yet */
    assert_true(stat_overdue_at(&f, f.due_at + 1));
    f.status = DOSSIER_SUPPLEMENT;
    f.paused_at = f.due_at; /* asked in time: the clock stands */
    assert_false(stat_overdue_at(&f, now));
    f.paused_at = f.due_at + 1; /* asked too late */
    assert_true(stat_overdue_at(&f, now));
    f.received_at = 0; /* never received */
    assert_false(stat_overdue_at(&f, now));
    f.received_at = T("2026-03-02 08:00");
    f.due_at = 0; /* no due time */
    assert_false(stat_overdue_at(&f, now));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(counter_dossier_early),
        cmocka_unit_test(late_and_overdue),
        cmocka_unit_test(overdue_at),
        cmocka_unit_test(closed_without_result),
        cmocka_unit_test(fees_and_supplements),
        cmocka_unit_test(rates),
        cmocka_unit_test(resolution),
        cmocka_unit_test(splits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
