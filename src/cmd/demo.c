/*
 * motcua demo: a database holding a realistic demo province — agencies,
 * procedures, users for every role and dossiers over two years in every
 * status, with control-sheet rows and due times from the real calendar.
 */
#include "api/app.h"
#include "cmd/cmd.h"
#include "cmd/demo.h"
#include "core/date.h"
#include "lib/crypto.h"
#include "lib/strbuf.h"
#include "store/audit.h"
#include "store/calendar.h"
#include "store/db.h"
#include "store/meta.h"
#include "store/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char usage[] =
    "motcua demo --db PATH [--dossiers N] [--seed S] [--now \"YYYY-MM-DD HH:MM\"]";

#define DEMO_PASSWORD "motcua2026"
#define CENTRE        "000.00.01.H99"

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

/*
 * What every demo shows whatever its moment: each status, late and early
 * dossiers, apologies, supplements, consultations and ratings, in the queues
 * of the demo accounts (the centre, Sở Tư pháp, Sở Xây dựng, Phường Bắc Sơn).
 * Each is placed so that its life has reached the wished point by now.
 */
#define BACSON  "000.00.31.H99"
#define HOABINH "000.00.35.H99"
#define TUPHAP  "000.00.02.H99"
#define XAYDUNG "000.00.03.H99"
static const struct demo_wish wishes[] = {
    /* unit, owner, commune, channel, end, supplement, consult, fee, late, apology, rated, status,
       at */
    {CENTRE, NULL, 0, CHANNEL_ONLINE, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_NEW, AT_STATUS},
    {BACSON, NULL, 1, CHANNEL_ONLINE, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_NEW, AT_STATUS},
    {CENTRE, TUPHAP, 0, CHANNEL_COUNTER, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_RECEIVED, AT_STATUS},
    {BACSON, NULL, 1, CHANNEL_POST, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_RECEIVED, AT_STATUS},
    {CENTRE, XAYDUNG, 0, 0, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_PROCESSING, AT_STATUS},
    {CENTRE, TUPHAP, 0, 0, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_PROCESSING, AT_DUE_SOON},
    {BACSON, NULL, 1, 0, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_PROCESSING, AT_STATUS},
    /* waiting for the leader's approval, at a department and at a commune */
    {CENTRE, TUPHAP, 0, 0, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_PROCESSING, AT_APPROVAL},
    {CENTRE, XAYDUNG, 0, 0, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_PROCESSING, AT_APPROVAL},
    {BACSON, NULL, 1, 0, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_PROCESSING, AT_APPROVAL},
    /* due in a working day: the apology's window is open */
    {BACSON, NULL, 1, 0, END_RESULT, 0, 0, 1, 1, 0, 0, DOSSIER_PROCESSING, AT_DUE_SOON},
    {BACSON, NULL, 1, 0, END_RESULT, 0, 0, 1, 1, 0, 0, DOSSIER_PROCESSING, AT_OVERDUE},
    {CENTRE, XAYDUNG, 0, 0, END_RESULT, 0, 0, 1, 1, 0, 0, DOSSIER_PROCESSING, AT_OVERDUE},
    {CENTRE, XAYDUNG, 0, 0, END_RESULT, 0, 0, 1, 1, 1, 0, 0, AT_APOLOGIZED},
    {BACSON, NULL, 1, 0, END_RESULT, 0, 0, 1, 1, 1, 0, 0, AT_APOLOGIZED},
    {CENTRE, XAYDUNG, 0, 0, END_RESULT, 0, 1, 1, 0, 0, 0, 0, AT_CONSULTING},
    {CENTRE, TUPHAP, 0, 0, END_RESULT, 0, 1, 1, 0, 0, 0, DOSSIER_PROCESSED, AT_STATUS},
    {CENTRE, TUPHAP, 0, 0, END_RESULT, 1, 0, 1, 0, 0, 0, DOSSIER_SUPPLEMENT, AT_STATUS},
    {BACSON, NULL, 1, 0, END_RESULT, 1, 0, 1, 0, 0, 0, DOSSIER_SUPPLEMENT, AT_STATUS},
    {CENTRE, XAYDUNG, 0, 0, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_FINANCIAL, AT_STATUS},
    {BACSON, NULL, 1, 0, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_FINANCIAL, AT_STATUS},
    {BACSON, NULL, 1, 0, END_RESULT, 0, 0, 1, 0, 0, 0, DOSSIER_PROCESSED, AT_STATUS},
    {CENTRE, XAYDUNG, 0, 0, END_RESULT, 0, 0, 1, 0, 0, 1, DOSSIER_RETURNED, AT_STATUS},
    {BACSON, NULL, 1, CHANNEL_ONLINE, END_RESULT, 0, 0, 1, 0, 0, 1, DOSSIER_RETURNED, AT_STATUS},
    {BACSON, NULL, 1, 0, END_RESULT, 1, 0, 1, 1, 1, 1, DOSSIER_RETURNED, AT_STATUS},
    {CENTRE, TUPHAP, 0, 0, END_RESULT, 0, 0, 1, 1, 0, 1, DOSSIER_RETURNED, AT_STATUS},
    {HOABINH, NULL, 1, CHANNEL_COUNTER, END_REFUSED, 0, 0, 1, 0, 0, 0, DOSSIER_REFUSED, AT_STATUS},
    {CENTRE, NULL, 0, CHANNEL_ONLINE, END_REFUSED, 0, 0, 1, 0, 0, 0, DOSSIER_REFUSED, AT_STATUS},
    {BACSON, NULL, 1, 0, END_WITHDRAWN, 0, 0, 1, 0, 0, 0, DOSSIER_WITHDRAWN, AT_STATUS},
    {CENTRE, XAYDUNG, 0, 0, END_STOPPED, 0, 0, 1, 0, 0, 0, DOSSIER_STOPPED, AT_STATUS},
};
#define NWISHES (sizeof(wishes) / sizeof(wishes[0]))

/*
 * The days a year's announcement swapped, as an administrator enters them:
 * for 30/4 and 1/5 of 2025, Friday 2 May off and Saturday 26 April worked.
 */
static const struct override_row swaps[] = {
    {"2025-04-26", 1, "Làm bù cho ngày 02/5/2025"},
    {"2025-05-02", 0, "Nghỉ hoán đổi dịp 30/4 và 1/5"},
};

static int add_swaps(struct demo *c)
{
    size_t i;

    for (i = 0; i < sizeof(swaps) / sizeof(swaps[0]); i++)
        if (calendar_set_override(c->db, &swaps[i], c->now, 0, &c->e) < 0)
            return -1;
    return 0;
}

static int add_users(struct demo *c, struct strbuf *accounts)
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
    return demo_add_staff(c->db, &c->a, c->now, hash, accounts, &c->staff, &c->e);
}

static int take_dossiers(void *ctx, int opt, const char *arg)
{
    long *dossiers = ctx;
    char *end;

    (void)opt; /* --dossiers, the one option of the demo's own */
    *dossiers = strtol(arg, &end, 10);
    if (!*arg || *end || *dossiers < 0 || *dossiers > 10000000)
        return cmd_usage(usage, "--dossiers must be from 0 to 10000000");
    return 0;
}

int cmd_demo(int argc, char **argv)
{
    static const struct option own[] = {{"dossiers", required_argument, 0, 'n'}, {0, 0, 0, 0}};
    struct strbuf accounts = STRBUF_INIT;
    struct cmd_opts o = {.seed = 20261122};
    struct demo c = {0};
    const char *path;
    long dossiers = 6000, wished, feedback, i;
    int y, m, d, rc;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nCreates a new database at PATH with the demo province tỉnh Sơn Hà "
               "(fictional):\n%zu agencies, %zu procedures, users for every role (password %s) "
               "and N\ndossiers (default 6000) over the two years before --now (local time; "
               "default\nthe present), in every status whatever that moment. The same --seed and "
               "--now\nmake the same rows.\n",
               usage, demo_agencies_len, demo_procedures_len, DEMO_PASSWORD);
        return 0;
    }
    if ((rc = cmd_options(argc, argv, 1, usage, CMD_OPT_DB | CMD_OPT_NOW | CMD_OPT_SEED, own,
                          take_dossiers, &dossiers, &o)))
        return rc;
    rc = 1;
    path = o.db;
    c.now = o.now;
    rng_seed(&c.rng, o.seed);
    if (!path)
        return cmd_usage(usage, "--db is required");
    if (access(path, F_OK) == 0)
        return cmd_fail("%s exists; the demo makes a new database", path);
    arena_init(&c.a);
    date_civil_from_days(date_local_day(c.now), &y, &m, &d);
    if (app_prepare_db(path, c.now, &c.e) < 0 ||
        demo_sample_scan(cmd_data_dir(path), c.scan_sha, &c.scan_size, &c.e) < 0 ||
        db_open(path, &c.db, &c.e) < 0 || db_begin(c.db, DB_WRITE, &c.e) < 0 || add_swaps(&c) < 0 ||
        demo_add_catalog(c.db, &c.a, c.now, 0, c.procedure_ids, c.variant_ids, &c.e) < 0 ||
        demo_add_forms(c.db, &c.a, cmd_data_dir(path), c.now, c.procedure_ids, &c.e) < 0 ||
        app_workcal(c.db, y - 3, y + 2, &c.cal, &c.e) < 0 || add_users(&c, &accounts) < 0 ||
        meta_set(c.db, "demo_accounts", accounts.buf, &c.e) < 0 ||
        audit_append(c.db, c.now, 0, "demo.create", "database", path, &c.e) < 0 ||
        db_commit(c.db, &c.e) < 0)
        goto out;
    /* the wished dossiers first, once per thousand (at least once), then chance's */
    wished = (long)NWISHES * (1 + dossiers / 1000);
    if (wished > dossiers)
        wished = dossiers;
    for (i = 0; i < dossiers; i++) {
        if (i % 2000 == 0 && db_begin(c.db, DB_WRITE, &c.e) < 0)
            goto out;
        if ((i < wished ? demo_dossier_wished(&c, &wishes[i % (long)NWISHES])
                        : demo_dossier_random(&c)) < 0)
            goto out;
        if ((i % 2000 == 1999 || i == dossiers - 1) && db_commit(c.db, &c.e) < 0)
            goto out;
        if (i % 2000 == 1999)
            arena_release(&c.a);
    }
    /* feedback: one item for a hundred dossiers, and at least thirty */
    feedback = dossiers / 100 > 30 ? dossiers / 100 : 30;
    if (db_begin(c.db, DB_WRITE, &c.e) < 0 || demo_feedback(&c, (int)feedback) < 0 ||
        demo_plans(&c) < 0 || db_commit(c.db, &c.e) < 0 || demo_par(&c) < 0)
        goto out;
    printf("%s: %zu agencies, %zu procedures, %zu users, %ld dossiers, %ld feedback items\n", path,
           demo_agencies_len, demo_procedures_len,
           sizeof(demo_users) / sizeof(demo_users[0]) + (size_t)c.staff, dossiers, feedback);
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
