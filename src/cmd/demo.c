/*
 * motcua demo: a database holding a realistic demo province — agencies,
 * procedures, users for every role and dossiers over two years in every
 * status, with control-sheet rows and due times from the real calendar.
 */
#include "api/app.h"
#include "cmd/cmd.h"
#include "cmd/demo_data.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/worktime.h"
#include "lib/crypto.h"
#include "lib/rng.h"
#include "lib/strbuf.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/dossiers.h"
#include "store/meta.h"
#include "store/procedures.h"
#include "store/ratings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char usage[] = "motcua demo --db PATH [--dossiers N] [--seed S]";

#define DEMO_PASSWORD "motcua2026"
#define CENTRE        "000.00.01.H99"
#define COMMUNE_FIRST 17 /* index of the first commune in demo_agencies */

static const struct {
    const char *username, *full_name, *role, *agency;
} demo_users[] = {
    {"admin", "Quản trị hệ thống", "admin", NULL},
    {"motcua.tinh", "Nguyễn Thị Lan", "receiver", CENTRE},
    {"motcua.bacson", "Trần Văn Hùng", "receiver", "000.00.31.H99"},
    {"motcua.hoabinh", "Lê Thị Hạnh", "receiver", "000.00.35.H99"},
    {"xuly.tuphap", "Phạm Minh Tuấn", "processor", "000.00.02.H99"},
    {"xuly.xaydung", "Hoàng Đức Long", "processor", "000.00.03.H99"},
    {"xuly.bacson", "Vũ Thị Mai", "processor", "000.00.31.H99"},
    {"lanhdao.xaydung", "Đặng Quang Hải", "leader", "000.00.03.H99"},
    {"lanhdao.bacson", "Bùi Văn Nam", "leader", "000.00.31.H99"},
    {"quantri.tuphap", "Đỗ Thanh Hà", "unit_admin", "000.00.02.H99"},
    {"bcd.cchc", "Ngô Xuân Sơn", "steering", NULL},
    {"kiemtra", "Dương Thu Trang", "auditor", NULL},
    {"congdan", "Nguyễn Văn An", "citizen", NULL},
};

static struct rng rng; /* reproducible from --seed */

struct ctx {
    struct db *db;
    struct arena a;
    struct workcal cal;
    struct err e;
    int64_t now;
    int64_t procedure_ids[DEMO_PROCEDURES_MAX];
    int64_t receivers[2]; /* centre, commune */
    int64_t citizen;
    int counts[DOSSIER_STATUS_MAX + 1];
};

static int add_users(struct ctx *c, struct strbuf *accounts)
{
    char hash[CRYPTO_HASH_MAX];
    size_t i;

    if (crypto_password_hash(DEMO_PASSWORD, hash, &c->e) < 0)
        return -1;
    for (i = 0; i < sizeof(demo_users) / sizeof(demo_users[0]); i++) {
        struct user u = {0};
        int64_t id;

        u.username = demo_users[i].username;
        u.full_name = demo_users[i].full_name;
        u.password_hash = hash;
        u.active = 1;
        if (user_create(c->db, &u, c->now, &id, &c->e) < 0 ||
            user_add_role(c->db, id, demo_users[i].role, demo_users[i].agency, &c->e) < 0)
            return -1;
        if (!strcmp(u.username, "motcua.tinh"))
            c->receivers[0] = id;
        if (!strcmp(u.username, "motcua.bacson"))
            c->receivers[1] = id;
        if (!strcmp(u.username, "congdan"))
            c->citizen = id;
        strbuf_addf(accounts, "  %-16s %-12s %s%s%s\n", u.username, DEMO_PASSWORD,
                    demo_users[i].role, demo_users[i].agency ? " of " : "",
                    demo_users[i].agency ? demo_users[i].agency : "");
    }
    return 0;
}

/* A random time in office hours on a working day, days_back days before now at most. */
static int64_t office_time(struct ctx *c, int days_back)
{
    for (;;) {
        int64_t day = date_local_day(c->now) - rng_pick(&rng, days_back + 1);
        int minute = 450 + rng_pick(&rng, 570);
        if (workcal_is_off(&c->cal, day) != 0 || (minute >= 690 && minute < 780))
            continue;
        if (date_utc_of_local(day, minute) < c->now)
            return date_utc_of_local(day, minute);
    }
}

static int64_t add_work(struct ctx *c, int64_t t, int64_t minutes)
{
    int64_t out = t;
    worktime_add(&c->cal, &office_hours_default, t, minutes, &out, &c->e);
    return out;
}

static int event_to(struct ctx *c, int64_t id, int64_t at, const char *action, int from, int to,
                    const char *unit, const char *to_unit, const char *actor, const char *note,
                    int64_t step_due)
{
    struct dossier_event ev = {0};

    ev.at = at;
    ev.action = action;
    ev.from_status = from;
    ev.to_status = to;
    ev.actor_name = actor;
    ev.unit = unit;
    ev.note = note;
    ev.step_due_at = step_due;
    ev.to_unit = to_unit;
    return dossier_add_event(c->db, id, &ev, &c->e);
}

static int event(struct ctx *c, int64_t id, int64_t at, const char *action, int from, int to,
                 const char *unit, const char *actor, const char *note, int64_t step_due)
{
    return event_to(c, id, at, action, from, to, unit, NULL, actor, note, step_due);
}

static const char *person(struct ctx *c)
{
    return arena_printf(&c->a, "%s %s %s", demo_surnames[rng_pick(&rng, (int)demo_surnames_len)],
                        demo_middle[rng_pick(&rng, (int)demo_middle_len)],
                        demo_given[rng_pick(&rng, (int)demo_given_len)]);
}

/* The procedure's components, all received; online ones (and most others) scanned. */
static int add_components(struct ctx *c, const struct demo_procedure *dp, struct dossier *d)
{
    char *parts = arena_strdup(&c->a, dp->components), *tok, *save = NULL;
    size_t cap = 0;
    int scanned = d->channel == CHANNEL_ONLINE || rng_uniform(&rng) < 0.7;

    d->components = arena_alloc(&c->a, 0);
    d->ncomponents = 0;
    for (tok = strtok_r(parts, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
        struct dossier_component *k =
            arena_push(&c->a, &d->components, &d->ncomponents, &cap, sizeof(*k));
        char *colon = strchr(tok, ':');
        *colon = '\0';
        k->kind = tok;
        k->name = colon + 1;
        k->count = 1;
        k->received = 1;
        k->digitized = scanned;
    }
    return 0;
}

/* One dossier and its history, consistent with the calendar and ending before now. */
static int add_dossier(struct ctx *c)
{
    const struct demo_procedure *dp;
    struct dossier d = {0};
    struct agency unit;
    char day[8], code[DOSSIER_CODE_MAX], *last4;
    int64_t submitted, received = 0, due = 0, finish, pidx, t;
    int number, y, m, dd, status, kind, from, supplement, late;
    double roll, work;
    const char *unit_id, *officer, *proc_unit;
    struct dossier_step step = {1, "Thụ lý, giải quyết hồ sơ", NULL, NULL, "process", 0, 0, 0, 0};

    /* procedures at the commune desks are filed most */
    do
        pidx = rng_pick(&rng, (int)demo_procedures_len);
    while (strcmp(demo_procedures[pidx].level, "commune") && rng_pick(&rng, 3));
    dp = &demo_procedures[pidx];
    unit_id =
        !strcmp(dp->level, "commune")
            ? demo_agencies[COMMUNE_FIRST + rng_pick(&rng, (int)demo_agencies_len - COMMUNE_FIRST)]
                  .id
            : CENTRE;
    if (agency_get(c->db, &c->a, unit_id, &unit, &c->e) < 0)
        return -1;
    officer = !strcmp(unit_id, CENTRE) ? "Nguyễn Thị Lan" : "Cán bộ một cửa";
    proc_unit = !strcmp(dp->level, "commune") ? unit_id : dp->owner;
    d.channel = dp->online && rng_uniform(&rng) < 0.55 ? CHANNEL_ONLINE
                : rng_uniform(&rng) < 0.06             ? CHANNEL_POST
                                                       : CHANNEL_COUNTER;
    kind = dp->calendar_days ? DURATION_CALENDAR : DURATION_WORKING;
    if (d.channel == CHANNEL_ONLINE) {
        submitted = c->now - (int64_t)(rng_uniform(&rng) * 730 * 86400);
        received = add_work(c, submitted, 60 + rng_pick(&rng, 420));
    } else {
        submitted = received = office_time(c, 730);
    }
    date_civil_from_days(date_local_day(submitted), &y, &m, &dd);
    snprintf(day, sizeof(day), "%02d%02d%02d", y % 100, m, dd);
    if (dossier_next_number(c->db, unit_id, day, &number, &c->e) < 0)
        return -1;
    dossier_code_format(unit_id, date_local_day(submitted), number, code);
    d.code = code;
    d.procedure_id = c->procedure_ids[pidx];
    d.agency = unit_id;
    d.lead_agency = proc_unit;
    d.applicant_kind = strstr(dp->field, "doanh nghiệp") ? APPLICANT_BUSINESS : APPLICANT_CITIZEN;
    d.applicant_name = d.applicant_kind == APPLICANT_BUSINESS
                           ? arena_printf(&c->a, "Công ty TNHH %s",
                                          demo_given[rng_pick(&rng, (int)demo_given_len)])
                           : person(c);
    d.applicant_id_number = d.applicant_kind == APPLICANT_BUSINESS
                                ? arena_printf(&c->a, "31%08d", rng_pick(&rng, 100000000))
                                : arena_printf(&c->a, "099%d%02d%06d", rng_pick(&rng, 4),
                                               50 + rng_pick(&rng, 50), rng_pick(&rng, 1000000));
    d.applicant_phone = arena_printf(&c->a, "09%08d", rng_pick(&rng, 100000000));
    last4 = arena_strdup(&c->a, "0000");
    phone_last4(d.applicant_phone, last4);
    d.phone_last4 = last4;
    d.applicant_email = d.channel == CHANNEL_ONLINE
                            ? arena_printf(&c->a, "nguoidan%d@example.vn", rng_pick(&rng, 100000))
                            : NULL;
    d.applicant_address =
        arena_printf(&c->a, "Số %d đường %s, %s", 1 + rng_pick(&rng, 300),
                     demo_streets[rng_pick(&rng, (int)demo_streets_len)], unit.name);
    d.summary = arena_printf(&c->a, "Đề nghị giải quyết thủ tục: %s", dp->name);
    d.sets = 1;
    d.duration_days = dp->days;
    d.duration_kind = dp->calendar_days ? "calendar" : "working";
    d.submitted_at = submitted;
    d.submitted_by = d.channel == CHANNEL_ONLINE ? c->citizen : 0;
    d.created_at = submitted;
    if (add_components(c, dp, &d) < 0)
        return -1;
    d.current_unit = unit_id;

    /* the outcome */
    roll = rng_uniform(&rng);
    supplement = roll > 0.06 && rng_uniform(&rng) < 0.08;
    late = rng_uniform(&rng) < 0.03;
    status = DOSSIER_RECEIVED;
    if (d.channel == CHANNEL_ONLINE && received > c->now - 2 * 86400 && rng_pick(&rng, 2)) {
        status = DOSSIER_NEW;
        received = 0;
    } else if (roll < 0.02) {
        status = DOSSIER_REFUSED;
    } else if (roll < 0.03) {
        status = DOSSIER_WITHDRAWN;
    } else if (roll < 0.04) {
        status = DOSSIER_STOPPED;
    }
    if (received) {
        if (worktime_due(&c->cal, &office_hours_default, received, kind, dp->days, &due, &c->e) < 0)
            return -1;
        d.received_at = received;
        d.received_by = c->receivers[strcmp(unit_id, CENTRE) != 0];
        d.due_at = d.original_due_at = due;
    }
    if (status == DOSSIER_NEW || status == DOSSIER_REFUSED) {
        if (status == DOSSIER_REFUSED) {
            d.closed_at = add_work(c, submitted, 30 + rng_pick(&rng, 200));
            d.received_at = d.due_at = d.original_due_at = 0;
            if (d.closed_at > c->now)
                status = DOSSIER_NEW, d.closed_at = 0;
        }
        d.status = status;
        d.updated_at = d.closed_at ? d.closed_at : submitted;
        if (dossier_insert(c->db, &d, &c->e) < 0 ||
            event(c, d.id, submitted, d.channel == CHANNEL_ONLINE ? "submit" : "receive", 0,
                  d.channel == CHANNEL_ONLINE ? DOSSIER_NEW : DOSSIER_RECEIVED, unit_id,
                  d.channel == CHANNEL_ONLINE ? d.applicant_name : officer, NULL, 0) < 0)
            return -1;
        c->counts[status]++;
        if (status == DOSSIER_REFUSED)
            return event(c, d.id, d.closed_at, "refuse",
                         d.channel == CHANNEL_ONLINE ? DOSSIER_NEW : DOSSIER_RECEIVED,
                         DOSSIER_REFUSED, unit_id, officer,
                         "Hồ sơ không thuộc thẩm quyền giải quyết", 0);
        return 0;
    }

    /* received, then handed over for processing, maybe a supplement, then the result */
    work = dp->days * WORKDAY_MINUTES * (dp->calendar_days ? 5.0 / 7 : 1);
    t = add_work(c, received, 15 + rng_pick(&rng, (int)(work / 5)));
    finish = late ? add_work(c, due, 60 + rng_pick(&rng, 2400))
             : rng_uniform(&rng) < 0.6
                 ? add_work(c, received, (int64_t)(work * (0.2 + 0.6 * rng_uniform(&rng))))
                 : due - 60 * rng_pick(&rng, 120);
    if (finish <= t)
        finish = add_work(c, t, 30);
    d.status = DOSSIER_PROCESSING;
    if (t > c->now) {
        status = DOSSIER_RECEIVED; /* not yet handed over */
    } else if (status == DOSSIER_WITHDRAWN || status == DOSSIER_STOPPED) {
        d.closed_at = add_work(c, t, 240 + rng_pick(&rng, 960));
        if (d.closed_at > c->now)
            d.closed_at = 0, status = DOSSIER_PROCESSING;
    } else if (finish <= c->now) {
        d.finished_at = finish;
        d.returned_at = add_work(c, finish, rng_pick(&rng, 1440));
        status = d.returned_at <= c->now ? DOSSIER_RETURNED : DOSSIER_PROCESSED;
        if (status == DOSSIER_PROCESSED)
            d.returned_at = 0;
    } else {
        status = supplement                          ? DOSSIER_SUPPLEMENT
                 : dp->fee && rng_pick(&rng, 5) == 0 ? DOSSIER_FINANCIAL
                                                     : DOSSIER_PROCESSING;
        supplement = 0;
    }
    d.status = status;
    d.closed_at = status == DOSSIER_WITHDRAWN || status == DOSSIER_STOPPED ? d.closed_at : 0;
    d.updated_at = c->now;
    if (status != DOSSIER_RECEIVED) {
        d.current_unit = proc_unit;
        d.step = 1;
    }
    if (status == DOSSIER_SUPPLEMENT) {
        d.resume_status = DOSSIER_PROCESSING;
        d.paused_at = add_work(c, t, 60);
        d.supplement_count = 1;
        d.supplement_request = "{\"items\":[\"Bản sao giấy tờ còn thiếu\"],"
                               "\"reason\":\"Hồ sơ chưa đủ thành phần\"}";
    }
    if (status == DOSSIER_FINANCIAL)
        d.fee_amount = dp->fee;
    if (status == DOSSIER_PROCESSED || status == DOSSIER_RETURNED) {
        d.result_number = arena_printf(&c->a, "%d/GCN", 100 + rng_pick(&rng, 9000));
        char *day_text = arena_alloc(&c->a, DATE_ISO_MAX);
        date_format_ymd(date_local_day(finish), day_text);
        d.result_date = day_text;
        d.result_signer = "Lãnh đạo đơn vị";
        d.result_electronic = rng_uniform(&rng) < 0.6;
        if (dp->fee) { /* paid before the result, a third of them online */
            d.fee_amount = d.fee_paid_amount = dp->fee;
            d.fee_method = rng_uniform(&rng) < 0.35 ? "online" : "cash";
            d.fee_receipt = arena_printf(&c->a, "BL%06d", rng_pick(&rng, 1000000));
            d.fee_paid_at = add_work(c, t, 60);
        }
    }
    if (dossier_insert(c->db, &d, &c->e) < 0)
        return -1;
    if (status == DOSSIER_RETURNED && rng_uniform(&rng) < 0.15) {
        double r = rng_uniform(&rng);
        struct rating rt = {d.id, r < 0.72 ? 1 : r < 0.95 ? 2 : 3, {0}, NULL, d.returned_at + 3600};
        for (int k = 0; k < RATING_CRITERIA; k++)
            rt.criteria[k] = rng_uniform(&rng) < 0.6 ? 3 + rng_pick(&rng, 3) : 0;
        if (rt.created_at <= c->now && rating_insert(c->db, &rt, &c->e) < 0)
            return -1;
    }
    if (status != DOSSIER_RECEIVED) {
        step.unit = proc_unit;
        step.hours = work / 60;
        step.started_at = t;
        step.due_at = due;
        step.finished_at = d.finished_at;
        if (dossier_steps_insert(c->db, d.id, &step, 1, &c->e) < 0)
            return -1;
    }
    c->counts[status]++;
    from = DOSSIER_RECEIVED;
    if (d.channel == CHANNEL_ONLINE) {
        if (event(c, d.id, submitted, "submit", 0, DOSSIER_NEW, unit_id, d.applicant_name, NULL,
                  0) < 0 ||
            event(c, d.id, received, "accept", DOSSIER_NEW, DOSSIER_RECEIVED, unit_id, officer,
                  NULL, due) < 0)
            return -1;
    } else if (event(c, d.id, received, "receive", 0, DOSSIER_RECEIVED, unit_id, officer, NULL,
                     due) < 0) {
        return -1;
    }
    if (status == DOSSIER_RECEIVED)
        return 0;
    if (event_to(c, d.id, t, "handover", from, DOSSIER_PROCESSING, unit_id, proc_unit, officer,
                 NULL, due) < 0)
        return -1;
    from = DOSSIER_PROCESSING;
    if (status == DOSSIER_SUPPLEMENT || status == DOSSIER_FINANCIAL)
        return event(
            c, d.id, add_work(c, t, 60),
            status == DOSSIER_SUPPLEMENT ? "request-supplement" : "request-payment", from, status,
            proc_unit, "Cán bộ xử lý",
            status == DOSSIER_SUPPLEMENT ? "Bổ sung bản sao giấy tờ còn thiếu" : "Nộp lệ phí", 0);
    if (status == DOSSIER_WITHDRAWN || status == DOSSIER_STOPPED)
        return event(c, d.id, d.closed_at, status == DOSSIER_WITHDRAWN ? "withdraw" : "stop", from,
                     status, proc_unit, "Cán bộ xử lý",
                     status == DOSSIER_WITHDRAWN ? "Người nộp đề nghị rút hồ sơ"
                                                 : "Dừng xử lý theo quy định",
                     0);
    if (status == DOSSIER_PROCESSING)
        return 0;
    if (event(c, d.id, finish, "finish", from, DOSSIER_PROCESSED, proc_unit, "Lãnh đạo", NULL, 0) <
        0)
        return -1;
    if (status == DOSSIER_RETURNED)
        return event(c, d.id, d.returned_at, "return", DOSSIER_PROCESSED, DOSSIER_RETURNED, unit_id,
                     officer, NULL, 0);
    return 0;
}

int cmd_demo(int argc, char **argv)
{
    static const struct option opts[] = {{"db", required_argument, 0, 'd'},
                                         {"dossiers", required_argument, 0, 'n'},
                                         {"seed", required_argument, 0, 's'},
                                         {0, 0, 0, 0}};
    struct strbuf accounts = STRBUF_INIT;
    struct ctx c = {0};
    const char *path = cmd_db_default();
    long dossiers = 6000, i;
    int opt, y, m, d, rc = 1;
    char *end;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nCreates a new database at PATH with the demo province tỉnh Sơn Hà "
               "(fictional):\n%zu agencies, %zu procedures, users for every role (password %s) "
               "and N\ndossiers (default 6000) over the last two years in every status.\n",
               usage, demo_agencies_len, demo_procedures_len, DEMO_PASSWORD);
        return 0;
    }
    rng_seed(&rng, 20261122);
    optind = 1;
    while ((opt = getopt_long(argc, argv, "", opts, NULL)) != -1) {
        switch (opt) {
        case 'd': path = optarg; break;
        case 'n':
            dossiers = strtol(optarg, &end, 10);
            if (!*optarg || *end || dossiers < 0 || dossiers > 10000000)
                return cmd_usage(usage, "--dossiers must be from 0 to 10000000");
            break;
        case 's':
            rng_seed(&rng, strtoull(optarg, &end, 10) | 1);
            if (!*optarg || *end)
                return cmd_usage(usage, "--seed must be a number");
            break;
        default: return cmd_usage(usage, "unknown option");
        }
    }
    if (optind < argc)
        return cmd_usage(usage, "unexpected argument '%s'", argv[optind]);
    if (!path)
        return cmd_usage(usage, "--db is required");
    if (access(path, F_OK) == 0)
        return cmd_fail("%s exists; the demo makes a new database", path);
    c.now = time(NULL);
    arena_init(&c.a);
    date_civil_from_days(date_local_day(c.now), &y, &m, &d);
    if (app_prepare_db(path, c.now, &c.e) < 0 || db_open(path, &c.db, &c.e) < 0 ||
        app_workcal(c.db, y - 3, y + 2, &c.cal, &c.e) < 0)
        goto out;
    if (db_begin(c.db, DB_WRITE, &c.e) < 0 ||
        demo_add_catalog(c.db, &c.a, c.now, 0, c.procedure_ids, &c.e) < 0 ||
        add_users(&c, &accounts) < 0 || meta_set(c.db, "demo_accounts", accounts.buf, &c.e) < 0 ||
        audit_append(c.db, c.now, 0, "demo.create", "database", path, &c.e) < 0 ||
        db_commit(c.db, &c.e) < 0)
        goto out;
    for (i = 0; i < dossiers; i++) {
        if (i % 2000 == 0 && db_begin(c.db, DB_WRITE, &c.e) < 0)
            goto out;
        if (add_dossier(&c) < 0)
            goto out;
        if ((i % 2000 == 1999 || i == dossiers - 1) && db_commit(c.db, &c.e) < 0)
            goto out;
        if (i % 2000 == 1999)
            arena_release(&c.a);
    }
    printf("%s: %zu agencies, %zu procedures, %zu users, %ld dossiers\n", path, demo_agencies_len,
           demo_procedures_len, sizeof(demo_users) / sizeof(demo_users[0]), dossiers);
    for (i = DOSSIER_STATUS_MIN; i <= DOSSIER_STATUS_MAX; i++)
        printf("  %-12s %d\n", dossier_status_name((int)i), c.counts[i]);
    printf("Demo accounts (username / password / role):\n%s", accounts.buf);
    rc = 0;
out:
    if (rc) {
        cmd_fail("%s", c.e.nfields ? c.e.fields[0].message : c.e.msg);
        if (c.db)
            db_rollback(c.db);
    }
    workcal_release(&c.cal);
    db_close(c.db);
    arena_release(&c.a);
    strbuf_release(&accounts);
    return rc;
}
