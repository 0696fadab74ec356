/*
 * motcua check: every dossier's fields against its status and its control
 * sheet, as the workflow writes them — what a demo, an import or a hand edit
 * must obey as much as the live system. Prints one line per disagreement.
 */
#include "cmd/cmd.h"
#include "core/dossier.h"
#include "lib/arena.h"
#include "store/db.h"
#include "store/dossiers.h"
#include "store/files.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] = "motcua check --db PATH [--now \"YYYY-MM-DD HH:MM\"]";

#define PAGE 500

struct checker {
    int64_t now;
    long dossiers, problems;
};

static void problem(struct checker *k, const struct dossier *d, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void problem(struct checker *k, const struct dossier *d, const char *fmt, ...)
{
    va_list ap;

    printf("%s: ", d->code);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
    k->problems++;
}

static size_t count(const struct dossier_event *ev, size_t n, const char *action)
{
    size_t i, c = 0;

    for (i = 0; i < n; i++)
        c += !strcmp(ev[i].action, action);
    return c;
}

/* A time the dossier holds must be the time of the event that set it. */
static void same_time(struct checker *k, const struct dossier *d, const char *field, int64_t t,
                      const struct dossier_event *x, const char *action)
{
    if (!t && x)
        problem(k, d, "%s is empty although the control sheet has %s", field, action);
    else if (t && !x)
        problem(k, d, "%s is set but the control sheet has no %s", field, action);
    else if (t && x && t != x->at)
        problem(k, d, "%s differs from the time of %s on the control sheet", field, action);
}

/* A digitised component and an electronic result are backed by a stored file. */
static void check_files(struct checker *k, const struct dossier *d, const struct stored_file *f,
                        size_t nf)
{
    size_t i, j;
    int result = 0;

    for (j = 0; j < nf; j++)
        result |= !strcmp(f[j].kind, "result");
    if (d->result_electronic && !result)
        problem(k, d, "has an electronic result but no result file");
    for (i = 0; i < d->ncomponents; i++) {
        int found = 0;
        for (j = 0; j < nf && !found; j++)
            found = !strcmp(f[j].kind, "component") && f[j].component == (int)i + 1;
        if (d->components[i].digitized && !found)
            problem(k, d, "component %zu is marked digitised but has no file", i + 1);
    }
}

static void check_one(struct checker *k, const struct dossier *d, const struct dossier_event *ev,
                      size_t n, const struct dossier *children, size_t nchildren)
{
    const struct dossier_event *x;
    int64_t times[] = {d->submitted_at, d->received_at, d->finished_at, d->returned_at,
                       d->closed_at,    d->paused_at,   d->apology_at,  d->updated_at};
    size_t i, open = 0;
    int closed = dossier_status_in(d->status, DOSSIER_SET(DOSSIERS_CLOSED));

    k->dossiers++;
    if (!dossier_status_valid(d->status) || !n) {
        problem(k, d, n ? "has a status that is not one" : "has no control sheet");
        return;
    }
    if (ev[n - 1].to_status != d->status)
        problem(k, d, "is %s but its last control-sheet row leads to %s",
                dossier_status_name(d->status), dossier_status_name(ev[n - 1].to_status));
    for (i = 1; i < n; i++)
        if (ev[i].at < ev[i - 1].at)
            problem(k, d, "control-sheet row %zu is dated before the row above it", i + 1);
    for (i = 0; i < sizeof(times) / sizeof(times[0]); i++)
        if (times[i] > k->now)
            problem(k, d, "holds a time after now");
    if (ev[n - 1].at > k->now)
        problem(k, d, "has a control-sheet row after now");
    if (!d->parent_id) {
        x = dossier_last_event(ev, n, "receive");
        if (!x)
            x = dossier_last_event(ev, n, "accept");
        if (!x && (x = dossier_last_event(ev, n, "supplement")) && x->to_status != DOSSIER_RECEIVED)
            x = NULL; /* a supplement to an online submission accepts it */
        same_time(k, d, "received_at", d->received_at, x, "a receipt");
    }
    if (d->received_at && (!d->due_at || d->due_at <= d->received_at || !d->original_due_at))
        problem(k, d, "was received without a due time after its receipt");
    same_time(k, d, "finished_at", d->finished_at, dossier_last_event(ev, n, "finish"), "a result");
    if ((d->status == DOSSIER_PROCESSED || d->status == DOSSIER_RETURNED) &&
        (!d->finished_at || !d->result_number))
        problem(k, d, "is %s without its result", dossier_status_name(d->status));
    if (!d->parent_id)
        same_time(k, d, "returned_at", d->returned_at, dossier_last_event(ev, n, "return"),
                  "a return");
    if ((d->status == DOSSIER_RETURNED) != (d->returned_at != 0))
        problem(k, d, "is %s %s a return time", dossier_status_name(d->status),
                d->returned_at ? "with" : "without");
    if (closed != (d->closed_at != 0) || (closed && (!d->close_reason || !*d->close_reason)))
        problem(k, d, "is %s %s", dossier_status_name(d->status),
                closed ? "without its closing time and reason" : "with a closing time");
    if (d->status == DOSSIER_SUPPLEMENT && d->received_at && !d->paused_at)
        problem(k, d, "waits for a supplement without the time its clock stopped");
    if (d->status != DOSSIER_SUPPLEMENT && d->paused_at)
        problem(k, d, "has a stopped clock but does not wait for a supplement");
    if ((size_t)d->supplement_count != count(ev, n, "request-supplement"))
        problem(k, d, "counts %d supplement requests, the control sheet %zu", d->supplement_count,
                count(ev, n, "request-supplement"));
    same_time(k, d, "apology_at", d->apology_at, dossier_last_event(ev, n, "apologize"),
              "an apology");
    if (d->apology_at && d->apology_previous_due_at >= d->due_at)
        problem(k, d, "has an apology whose new appointment is not later");
    for (i = 0; i < nchildren; i++)
        open += !dossier_status_final(children[i].status);
    if ((size_t)d->open_children != open)
        problem(k, d, "counts %d open consultations, %zu are open", d->open_children, open);
}

static int check_all(struct db *db, struct checker *k, struct err *e)
{
    struct dossier_filter f = {0};
    struct arena a;
    int more = 1, rc = 0;

    arena_init(&a);
    f.limit = PAGE;
    while (more && rc == 0) {
        struct dossier *page;
        size_t n, i;

        if (dossier_list(db, &a, &f, &page, &n, &more, e) < 0) {
            rc = -1;
            break;
        }
        for (i = 0; i < n && rc == 0; i++) {
            struct dossier_event *ev;
            struct dossier *children, d;
            struct stored_file *files;
            size_t nev, nchildren, nfiles;
            rc = dossier_by_id(db, &a, page[i].id, &d, e) < 0 || /* with its components */
                         dossier_events(db, &a, d.id, &ev, &nev, e) < 0 ||
                         dossier_children(db, &a, d.id, &children, &nchildren, e) < 0 ||
                         files_of(db, &a, d.id, &files, &nfiles, e) < 0
                     ? -1
                     : 0;
            if (rc == 0) {
                check_one(k, &d, ev, nev, children, nchildren);
                check_files(k, &d, files, nfiles);
            }
        }
        if (n)
            f.before_id = page[n - 1].id;
        arena_release(&a);
    }
    arena_release(&a);
    return rc;
}

int cmd_check(int argc, char **argv)
{
    struct cmd_opts o = {0};
    struct checker k = {0, 0, 0};
    struct err e = ERR_INIT;
    struct db *db = NULL;
    int rc;

    if (cmd_wants_help(argc, argv)) {
        printf("usage: %s\n\nChecks every dossier's fields against its status and its control "
               "sheet (times,\nresult, closing reason, supplements, apology, consultations, "
               "nothing after\n--now); prints one line per disagreement and exits 1 when there is "
               "one.\n",
               usage);
        return 0;
    }
    if ((rc = cmd_options(argc, argv, 1, usage, CMD_OPT_DB | CMD_OPT_NOW, NULL, NULL, NULL, &o)))
        return rc;
    if (!o.db)
        return cmd_usage(usage, "--db is required");
    k.now = o.now;
    rc = 1;
    if (db_open(o.db, &db, &e) < 0 || db_begin(db, DB_READ, &e) < 0 || check_all(db, &k, &e) < 0) {
        cmd_fail("%s", e.msg);
        goto out;
    }
    printf("%ld dossiers checked, %ld disagreements\n", k.dossiers, k.problems);
    rc = k.problems ? 1 : 0;
out:
    if (db)
        db_rollback(db);
    db_close(db);
    return rc;
}
