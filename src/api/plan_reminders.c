/*
 * Reminders of reform tasks' deadlines and monthly reports, written to the
 * notification outbox (delivered by the sender); run every hour by the
 * sender's thread and by `motcua plans remind`.
 */
#include "api/plans.h"
#include "core/date.h"
#include "core/plans.h"
#include "core/roles.h"
#include "lib/strbuf.h"
#include "store/outbox.h"
#include "store/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void day_text(int64_t day, char out[DATE_ISO_MAX])
{
    int y, m, d;

    date_civil_from_days(day, &y, &m, &d);
    snprintf(out, DATE_ISO_MAX, "%02d/%02d/%04d", d, m, y);
}

/* " 30/11/2026, còn 3 ngày." or " 30/11/2026, đã quá hạn." */
static void when(struct strbuf *sb, int64_t due, int64_t today)
{
    char s[DATE_ISO_MAX];

    day_text(due, s);
    if (due >= today)
        strbuf_addf(sb, " %s, còn %lld ngày.\n", s, (long long)(due - today));
    else
        strbuf_addf(sb, " %s, đã quá hạn.\n", s);
}

/* Adds an address to the list unless it is there already (compared without case). */
static void add_address(const char **list, size_t *n, const char *addr)
{
    size_t i;

    if (!addr || !*addr)
        return;
    for (i = 0; i < *n; i++)
        if (!strcasecmp(list[i], addr))
            return;
    list[(*n)++] = addr;
}

/*
 * The unit's address and its reporting officers' (bound to the unit itself),
 * each once: at most 1 + the unit's users.
 */
static int recipients(struct db *db, struct arena *a, const struct agency *ag, const char ***out,
                      size_t *nout, struct err *e)
{
    struct user *users;
    const char **list;
    size_t n, i, k;

    *nout = 0;
    if (user_list(db, a, ag->path, &users, &n, e) < 0)
        return -1;
    *out = list = arena_alloc(a, (n + 1) * sizeof(char *));
    add_address(list, nout, ag->email);
    for (i = 0; i < n; i++) {
        int reports = 0;

        for (k = 0; k < users[i].nroles; k++)
            reports |= users[i].roles[k].agency && !strcmp(users[i].roles[k].agency, ag->id) &&
                       role_can(role_parse(users[i].roles[k].role), CAP_REPORT_TASKS);
        if (reports && users[i].active)
            add_address(list, nout, users[i].email);
    }
    return 0;
}

int plan_remind(struct db *db, const struct workcal *cal, int64_t now, int *messages, struct err *e)
{
    struct arena a = ARENA_INIT;
    struct task_filter f = {0};
    struct strbuf *lines = NULL;
    struct task_report *reps[2];
    size_t nreps[2], n = 0, i, k;
    struct task_view *v;
    struct plan_ctx c;
    struct task *t;
    int64_t today = date_local_day(now);
    int months[2], rc = -1;

    *messages = 0;
    months[1] = month_of_day(today);
    months[0] = month_of_day(month_first_day(months[1]) - 1);
    if (plan_ctx_init(db, &a, cal, today, &c, e) < 0 || task_list(db, &a, &f, &t, &n, e) < 0 ||
        task_reports_month(db, &a, months[0], &reps[0], &nreps[0], e) < 0 ||
        task_reports_month(db, &a, months[1], &reps[1], &nreps[1], e) < 0)
        goto out;
    v = arena_alloc(&a, (n ? n : 1) * sizeof(*v));
    plan_task_views(&c, t, n, v);
    lines = calloc(c.nagencies ? c.nagencies : 1, sizeof(*lines));
    if (!lines)
        abort();
    if (db_begin(db, DB_WRITE, e) < 0)
        goto out;
    for (i = 0; i < n; i++) {
        const struct agency *ag = plan_agency(&c, t[i].lead);
        struct strbuf *sb;
        int stage, m, isnew;

        if (!ag || v[i].nsubs)
            continue;
        sb = &lines[ag - c.agencies];
        if (!task_state_done(v[i].state) && v[i].deadline &&
            (stage = plan_reminder_stage(v[i].deadline, today)) >= 0) {
            /* keyed on the deadline as set: the working day it falls on may move with the calendar
             */
            if ((isnew = plan_reminder_record(db, "task", t[i].id, t[i].deadline, stage, now, e)) <
                0)
                goto out;
            if (isnew) {
                strbuf_addf(sb, "- Nhiệm vụ %s «%s»: hạn hoàn thành", t[i].no, t[i].title);
                when(sb, v[i].deadline, today);
            }
        }
        for (m = 0; m < 2; m++) {
            const struct task_report *rep = NULL;
            struct month_report mr;

            for (k = 0; k < nreps[m] && !rep; k++)
                if (reps[m][k].task_id == t[i].id)
                    rep = &reps[m][k];
            plan_month_report(&c, &t[i], &v[i], months[m], rep, &mr);
            if (!mr.owed || (rep && rep->submitted_at) ||
                (stage = plan_reminder_stage(mr.due, today)) < 0)
                continue;
            if ((isnew = plan_reminder_record(db, "report", t[i].id, mr.due, stage, now, e)) < 0)
                goto out;
            if (isnew) {
                strbuf_addf(sb, "- Báo cáo tháng %02d/%04d về nhiệm vụ %s «%s»: hạn nộp",
                            months[m] % 100, months[m] / 100, t[i].no, t[i].title);
                when(sb, mr.due, today);
            }
        }
    }
    /* one message per unit and address: the outbox holds one recipient a row */
    for (i = 0; i < c.nagencies; i++) {
        const char **to, *subject, *body;
        size_t nto, x;

        if (!lines[i].len)
            continue;
        if (recipients(db, &a, &c.agencies[i], &to, &nto, e) < 0)
            goto out;
        subject = arena_printf(&a, "Nhắc việc cải cách hành chính: %s", c.agencies[i].name);
        body = arena_printf(&a,
                            "Kính gửi %s,\n\nHệ thống một cửa điện tử nhắc các việc cải cách "
                            "hành chính đơn vị đang phụ trách:\n\n%s\nĐề nghị đơn vị hoàn thành và "
                            "cập nhật báo cáo trên hệ thống.\n",
                            c.agencies[i].name, lines[i].buf);
        for (x = 0; x < nto; x++) {
            if (outbox_add(db, 0, to[x], subject, body, now, e) < 0)
                goto out;
            ++*messages;
        }
    }
    rc = db_commit(db, e);
out:
    db_rollback(db);
    for (i = 0; lines && i < c.nagencies; i++)
        strbuf_release(&lines[i]);
    free(lines);
    arena_release(&a);
    return rc < 0 ? -1 : 0;
}
