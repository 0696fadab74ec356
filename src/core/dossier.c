/* Dossier statuses, transitions, codes and classification. */
#include "core/dossier.h"
#include "core/agency.h"
#include "core/date.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const struct {
    const char *name, *label;
} statuses[DOSSIER_STATUS_MAX + 1] = {
    [DOSSIER_NEW] = {"new", "Mới đăng ký"},
    [DOSSIER_RECEIVED] = {"received", "Đã tiếp nhận"},
    [DOSSIER_REFUSED] = {"refused", "Không được tiếp nhận"},
    [DOSSIER_PROCESSING] = {"processing", "Đang xử lý"},
    [DOSSIER_SUPPLEMENT] = {"supplement", "Yêu cầu bổ sung"},
    [DOSSIER_FINANCIAL] = {"financial", "Chờ thực hiện nghĩa vụ tài chính"},
    [DOSSIER_WITHDRAWN] = {"withdrawn", "Rút hồ sơ theo yêu cầu"},
    [DOSSIER_STOPPED] = {"stopped", "Dừng xử lý"},
    [DOSSIER_PROCESSED] = {"processed", "Đã có kết quả"},
    [DOSSIER_RETURNED] = {"returned", "Đã trả kết quả"},
};

/* The sets that are another's complement or subset, held to it by the compiler. */
_Static_assert(DOSSIER_SET(DOSSIERS_OPEN) == (DOSSIER_STATUSES_ALL & ~DOSSIER_SET(DOSSIERS_FINAL)),
               "open is every status but the final ones");
_Static_assert((DOSSIER_SET(DOSSIERS_CLOSED) & ~DOSSIER_SET(DOSSIERS_FINAL)) == 0,
               "closed statuses are final");
_Static_assert((DOSSIER_SET(DOSSIERS_IN_PROGRESS) & ~DOSSIER_SET(DOSSIERS_OPEN)) == 0,
               "in progress is open");

/*
 * transitions[from] is a bit set of the statuses reachable from `from`.
 * A supplement can be asked at intake (1, 2) or during processing (4, 6); once
 * supplied the dossier goes back to received or processing. Refusal happens at
 * intake; stopping, during processing.
 */
#define S(x) (1u << (x))
static const unsigned transitions[DOSSIER_STATUS_MAX + 1] = {
    [DOSSIER_NEW] = S(2) | S(3) | S(5) | S(7),
    [DOSSIER_RECEIVED] = S(3) | S(4) | S(5) | S(7),
    [DOSSIER_PROCESSING] = S(5) | S(6) | S(7) | S(8) | S(9),
    [DOSSIER_SUPPLEMENT] = S(2) | S(3) | S(4) | S(7) | S(8),
    [DOSSIER_FINANCIAL] = S(4) | S(5) | S(7) | S(8) | S(9),
    [DOSSIER_PROCESSED] = S(10),
};
#undef S

int dossier_status_valid(int status)
{
    return status >= DOSSIER_STATUS_MIN && status <= DOSSIER_STATUS_MAX;
}

const char *dossier_status_name(int status)
{
    return dossier_status_valid(status) ? statuses[status].name : NULL;
}

const char *dossier_status_label(int status)
{
    return dossier_status_valid(status) ? statuses[status].label : NULL;
}

int dossier_status_parse(const char *name)
{
    int s;

    for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++)
        if (!strcmp(name, statuses[s].name))
            return s;
    return -1;
}

int dossier_status_in(int status, unsigned set)
{
    return dossier_status_valid(status) && (set >> status & 1u);
}

int dossier_status_final(int status)
{
    return dossier_status_in(status, DOSSIER_SET(DOSSIERS_FINAL));
}

int dossier_status_clock_runs(int status)
{
    return dossier_status_in(status, DOSSIER_SET(DOSSIERS_CLOCK_RUNS));
}

int dossier_transition_allowed(int from, int to)
{
    return dossier_status_valid(from) && dossier_status_valid(to) && (transitions[from] >> to & 1u);
}

size_t dossier_transitions_from(int from, int out[DOSSIER_STATUS_MAX])
{
    size_t n = 0;
    int to;

    for (to = DOSSIER_STATUS_MIN; to <= DOSSIER_STATUS_MAX; to++)
        if (dossier_transition_allowed(from, to))
            out[n++] = to;
    return n;
}

static const char *const channel_names[] = {NULL, "counter", "online", "post"};

const char *dossier_channel_name(int channel)
{
    return channel >= CHANNEL_COUNTER && channel <= CHANNEL_POST ? channel_names[channel] : NULL;
}

int dossier_channel_parse(const char *name)
{
    int c;

    for (c = CHANNEL_COUNTER; c <= CHANNEL_POST; c++)
        if (!strcmp(name, channel_names[c]))
            return c;
    return -1;
}

int dossier_initial_status(int channel)
{
    return channel == CHANNEL_ONLINE ? DOSSIER_NEW : DOSSIER_RECEIVED;
}

static int all_digits(const char *s, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return 1;
}

#define AGENCY_ID_LEN 13

size_t agency_parent_path_len(const char *path)
{
    size_t n = strlen(path);

    if (n && path[n - 1] == '/')
        n--;
    while (n && path[n - 1] != '/')
        n--;
    return n;
}

int agency_id_valid(const char *s)
{
    return strlen(s) == AGENCY_ID_LEN && all_digits(s, 3) && s[3] == '.' && all_digits(s + 4, 2) &&
           s[6] == '.' && all_digits(s + 7, 2) && s[9] == '.' && s[10] >= 'A' && s[10] <= 'Z' &&
           all_digits(s + 11, 2);
}

int dossier_code_day(int64_t local_day, char out[DOSSIER_CODE_DAY_MAX])
{
    int y, m, d;

    date_civil_from_days(local_day, &y, &m, &d);
    if (y < 2000 || y > 2099)
        return -1;
    snprintf(out, DOSSIER_CODE_DAY_MAX, "%02d%02d%02d", y % 100, m, d);
    return 0;
}

int dossier_code_format(const char *agency_id, int64_t local_day, int counter,
                        char out[DOSSIER_CODE_MAX])
{
    char day[DOSSIER_CODE_DAY_MAX];

    if (!agency_id_valid(agency_id) || counter < 1 || counter > DOSSIER_COUNTER_MAX ||
        dossier_code_day(local_day, day) < 0)
        return -1;
    snprintf(out, DOSSIER_CODE_MAX, "%s-%s-%04d", agency_id, day, counter);
    return 0;
}

int dossier_code_valid(const char *s)
{
    size_t len = strlen(s), nlen;
    int yy, mm, dd;

    if (len < AGENCY_ID_LEN + 1 + 6 + 1 + 4 || len > AGENCY_ID_LEN + 1 + 6 + 1 + 6)
        return 0;
    {
        char id[AGENCY_ID_LEN + 1];
        memcpy(id, s, AGENCY_ID_LEN);
        id[AGENCY_ID_LEN] = '\0';
        if (!agency_id_valid(id))
            return 0;
    }
    s += AGENCY_ID_LEN;
    if (s[0] != '-' || !all_digits(s + 1, 6) || s[7] != '-')
        return 0;
    yy = (s[1] - '0') * 10 + (s[2] - '0');
    mm = (s[3] - '0') * 10 + (s[4] - '0');
    dd = (s[5] - '0') * 10 + (s[6] - '0');
    if (!date_is_valid(2000 + yy, mm, dd))
        return 0;
    nlen = strlen(s + 8);
    return nlen >= 4 && nlen <= 6 && all_digits(s + 8, nlen) && !(nlen > 4 && s[8] == '0') &&
           strspn(s + 8, "0") < nlen;
}

int dossier_timeliness(int64_t finished, int64_t due)
{
    if (finished > due)
        return TIMELY_LATE;
    if (date_local_day(finished) < date_local_day(due))
        return TIMELY_EARLY;
    return TIMELY_ON_TIME;
}

const char *timeliness_name(int t)
{
    switch (t) {
    case TIMELY_EARLY: return "early";
    case TIMELY_ON_TIME: return "on_time";
    case TIMELY_LATE: return "late";
    }
    return NULL;
}

int dossier_index_late(int timeliness, int supplement_requests)
{
    return timeliness == TIMELY_LATE || supplement_requests > 1;
}

int dossier_receivable(const char *procedure_agency_path, const char *unit_path,
                       const char *unit_level, int any_place)
{
    if (agency_under(unit_path, procedure_agency_path))
        return 1;
    if (!agency_same_root(unit_path, procedure_agency_path))
        return 0; /* another province */
    return any_place || !strcmp(unit_level, "centre");
}

int phone_last4(const char *phone, char out[5])
{
    int n = 0;
    const char *p;

    out[4] = '\0';
    for (p = phone + strlen(phone); p > phone && n < 4;) {
        p--;
        if (isdigit((unsigned char)*p))
            out[3 - n++] = *p;
    }
    return n == 4 ? 0 : -1;
}

int citizen_id_valid(const char *s)
{
    size_t n = strlen(s);
    return (n == 12 || n == 9) && all_digits(s, n);
}

int phone_valid(const char *s)
{
    int n = 0;
    const char *p = s;

    if (*p == '+')
        p++;
    for (; *p; p++) {
        if (isdigit((unsigned char)*p))
            n++;
        else if (*p != ' ' && *p != '.' && *p != '-')
            return 0;
    }
    return n >= 8 && n <= 15;
}

int email_valid(const char *s)
{
    const char *at = strchr(s, '@'), *dot;
    const char *p;

    if (!at || at == s || strchr(at + 1, '@') || strlen(s) > 254)
        return 0;
    for (p = s; *p; p++)
        if ((unsigned char)*p <= ' ')
            return 0;
    dot = strrchr(at + 1, '.');
    return dot && dot > at + 1 && dot[1];
}
