/* Reform plans, tasks, monthly reports, committee members' units, reminders. */
#include "store/plans.h"
#include "core/plans.h"
#include "lib/strbuf.h"
#include "store/where.h"

#include <stdlib.h>
#include <string.h>

/* Plans */

#define PLAN_COLUMNS                                                                               \
    "id, kind, year, title, doc_number, doc_day, signer, report_day, version, created_at,"         \
    " created_by, updated_at"

static void read_plan(struct db_stmt *st, struct arena *a, void *out)
{
    struct plan *p = out;

    p->id = db_col_int(st, 0);
    p->kind = db_col_dup(st, 1, a);
    p->year = (int)db_col_int(st, 2);
    p->title = db_col_dup(st, 3, a);
    p->doc_number = db_col_dup(st, 4, a);
    p->doc_day = db_col_int0(st, 5);
    p->signer = db_col_dup(st, 6, a);
    p->report_day = (int)db_col_int(st, 7);
    p->version = (int)db_col_int(st, 8);
    p->created_at = db_col_int(st, 9);
    p->created_by = db_col_int0(st, 10);
    p->updated_at = db_col_int(st, 11);
}

int plan_insert(struct db *db, struct plan *p, struct err *e)
{
    p->version = 1;
    return db_int(db, &p->id, e,
                  "INSERT INTO plans (kind, year, title, doc_number, doc_day, signer, report_day,"
                  " created_at, created_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  " RETURNING id",
                  "tittztiIzI", p->kind, p->year, p->title, p->doc_number, p->doc_day, p->signer,
                  p->report_day, p->created_at, p->created_by, p->updated_at) == DB_ROW
               ? 0
               : -1;
}

int plan_update(struct db *db, struct plan *p, struct err *e)
{
    int64_t n =
        db_run(db, e,
               "UPDATE plans SET kind = ?, year = ?, title = ?, doc_number = ?, doc_day = ?,"
               " signer = ?, report_day = ?, updated_at = ?, version = version + 1"
               " WHERE id = ? AND version = ?",
               "tittztiIIi", p->kind, p->year, p->title, p->doc_number, p->doc_day, p->signer,
               p->report_day, p->updated_at, p->id, p->version);

    if (n < 0)
        return -1;
    if (!n)
        return err_set(e, 409, "version_conflict", "the plan was changed meanwhile; read it again");
    p->version++;
    return 0;
}

int plan_get(struct db *db, struct arena *a, int64_t id, struct plan *out, struct err *e)
{
    int rc = db_one(db, a, read_plan, out, e, "SELECT " PLAN_COLUMNS " FROM plans WHERE id = ?",
                    "I", id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no plan %lld", (long long)id);
    return rc < 0 ? -1 : 0;
}

int plan_list(struct db *db, struct arena *a, int year, struct plan **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_plan, sizeof(struct plan), out, n, e,
                  "SELECT " PLAN_COLUMNS " FROM plans WHERE ?1 = 0 OR year = ?1"
                  " ORDER BY year DESC, id",
                  "i", year);
}

/* Tasks */

#define TASK_COLUMNS                                                                               \
    "t.id, t.plan_id, t.parent_id, t.no, t.title, t.lead, g.name, g.path, t.area, t.deadline,"     \
    " t.product, t.priority, t.progress, t.done_day, t.version, t.created_at, t.updated_at,"       \
    " (SELECT group_concat(agency, ' ') FROM task_units u WHERE u.task_id = t.id)"
#define TASK_FROM " FROM tasks t JOIN agencies g ON g.id = t.lead"

/* "a b c" (agency ids hold no space) into an array. */
static void split_units(const char *s, struct arena *a, const char ***out, size_t *n)
{
    const char *p;
    size_t k = 0, i = 0;

    *out = NULL;
    *n = 0;
    if (!s || !*s)
        return;
    for (p = s; *p; p++)
        k += *p == ' ';
    *out = arena_alloc(a, (k + 1) * sizeof(char *));
    for (p = s;; i++) {
        const char *sp = strchr(p, ' ');
        size_t len = sp ? (size_t)(sp - p) : strlen(p);
        char *u = arena_alloc(a, len + 1);

        memcpy(u, p, len);
        u[len] = 0;
        (*out)[i] = u;
        if (!sp)
            break;
        p = sp + 1;
    }
    *n = i + 1;
}

static void read_task(struct db_stmt *st, struct arena *a, void *out)
{
    struct task *t = out;

    t->id = db_col_int(st, 0);
    t->plan_id = db_col_int(st, 1);
    t->parent_id = db_col_int0(st, 2);
    t->no = db_col_dup(st, 3, a);
    t->title = db_col_dup(st, 4, a);
    t->lead = db_col_dup(st, 5, a);
    t->lead_name = db_col_dup(st, 6, a);
    t->lead_path = db_col_dup(st, 7, a);
    t->area = db_col_dup(st, 8, a);
    t->deadline = db_col_int0(st, 9);
    t->product = db_col_dup(st, 10, a);
    t->priority = (int)db_col_int(st, 11);
    t->progress = (int)db_col_int(st, 12);
    t->done_day = db_col_int0(st, 13);
    t->version = (int)db_col_int(st, 14);
    t->created_at = db_col_int(st, 15);
    t->updated_at = db_col_int(st, 16);
    split_units(db_col_text(st, 17), a, &t->units, &t->nunits);
}

static int write_units(struct db *db, const struct task *t, struct err *e)
{
    size_t i;

    if (db_run(db, e, "DELETE FROM task_units WHERE task_id = ?", "I", t->id) < 0)
        return -1;
    for (i = 0; i < t->nunits; i++)
        if (strcmp(t->units[i], t->lead) &&
            db_run(db, e, "INSERT OR IGNORE INTO task_units (task_id, agency) VALUES (?, ?)", "It",
                   t->id, t->units[i]) < 0)
            return -1;
    return 0;
}

/* A task's number is unique in its plan: another task holding it is the field's error. */
static int no_free(struct db *db, const struct task *t, struct err *e)
{
    int64_t n;

    if (db_int(db, &n, e, "SELECT count(*) FROM tasks WHERE plan_id = ? AND no = ? AND id <> ?",
               "ItI", t->plan_id, t->no, t->id) < 0)
        return -1;
    if (n)
        return err_field_as(e, "no", "taken", t->no, "the plan has a task numbered %s already",
                            t->no);
    return 0;
}

int task_insert(struct db *db, struct task *t, struct err *e)
{
    if (no_free(db, t, e) < 0)
        return -1;
    t->version = 1;
    if (db_int(db, &t->id, e,
               "INSERT INTO tasks (plan_id, parent_id, no, title, lead, area, deadline, product,"
               " priority, progress, done_day, created_at, updated_at)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               "IzttttztiizII", t->plan_id, t->parent_id, t->no, t->title, t->lead, t->area,
               t->deadline, t->product, t->priority, t->progress, t->done_day, t->created_at,
               t->updated_at) != DB_ROW)
        return -1;
    return write_units(db, t, e);
}

int task_update(struct db *db, struct task *t, struct err *e)
{
    int64_t n;

    if (no_free(db, t, e) < 0)
        return -1;
    n = db_run(db, e,
               "UPDATE tasks SET parent_id = ?, no = ?, title = ?, lead = ?, area = ?,"
               " deadline = ?, product = ?, priority = ?, progress = ?, done_day = ?,"
               " updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
               "zttttztiizIIi", t->parent_id, t->no, t->title, t->lead, t->area, t->deadline,
               t->product, t->priority, t->progress, t->done_day, t->updated_at, t->id, t->version);
    if (n < 0)
        return -1;
    if (!n)
        return err_set(e, 409, "version_conflict", "the task was changed meanwhile; read it again");
    t->version++;
    return write_units(db, t, e);
}

int task_get(struct db *db, struct arena *a, int64_t id, struct task *out, struct err *e)
{
    int rc = db_one(db, a, read_task, out, e, "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.id = ?",
                    "I", id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no task %lld", (long long)id);
    return rc < 0 ? -1 : 0;
}

int task_by_no(struct db *db, struct arena *a, int64_t plan_id, const char *no, struct task *out,
               struct err *e)
{
    int rc = db_one(db, a, read_task, out, e,
                    "SELECT " TASK_COLUMNS TASK_FROM " WHERE t.plan_id = ? AND t.no = ?", "It",
                    plan_id, no);

    return rc < 0 ? -1 : rc == DB_ROW;
}

int task_has_subtasks(struct db *db, int64_t task_id)
{
    struct err e = ERR_INIT;
    int64_t n = 0;

    if (db_int(db, &n, &e, "SELECT count(*) FROM tasks WHERE parent_id = ?", "I", task_id) < 0)
        return -1;
    return n > 0;
}

static int by_plan_and_no(const void *x, const void *y)
{
    const struct task *a = x, *b = y;

    if (a->plan_id != b->plan_id)
        return a->plan_id < b->plan_id ? -1 : 1;
    return task_no_cmp(a->no, b->no);
}

int task_list(struct db *db, struct arena *a, const struct task_filter *f, struct task **out,
              size_t *n, struct err *e)
{
    struct where w = WHERE_INIT;
    struct strbuf sql = STRBUF_INIT;
    struct db_stmt *st = NULL;
    struct task *rows = NULL;
    size_t cap = 0;
    int rc;

    *out = NULL;
    *n = 0;
    strbuf_addstr(&w.sql, " WHERE 1");
    if (f->plan_id)
        where_num(&w, " AND t.plan_id = ?", f->plan_id);
    if (f->year)
        where_num(&w, " AND t.plan_id IN (SELECT id FROM plans WHERE year = ?)", f->year);
    strbuf_addstr(&sql, "SELECT " TASK_COLUMNS TASK_FROM);
    strbuf_add(&sql, w.sql.buf, w.sql.len);
    if ((rc = db_prepare(db, sql.buf, &st, e)) == 0) {
        where_bind(st, &w);
        while ((rc = db_step(st, e)) == DB_ROW) {
            if (*n == cap) { /* the arena keeps the old block: a list is read once */
                struct task *grown = arena_alloc(a, (cap = cap ? 2 * cap : 64) * sizeof(*grown));

                if (*n)
                    memcpy(grown, rows, *n * sizeof(*grown));
                rows = grown;
            }
            read_task(st, a, &rows[(*n)++]);
        }
        rc = rc < 0 ? -1 : 0;
    }
    db_finalize(st);
    strbuf_release(&sql);
    where_release(&w);
    if (rc == 0 && *n > 1)
        qsort(rows, *n, sizeof(struct task), by_plan_and_no);
    *out = rows;
    return rc;
}

/* Monthly reports */

#define REPORT_COLUMNS                                                                             \
    "r.id, r.task_id, r.month, r.progress, r.progress_text, r.results, r.shortfall, r.fix,"        \
    " r.proposal, r.done_day, r.submitted_at, r.submitted_by, u.full_name, r.updated_at,"          \
    " r.updated_by"
#define REPORT_FROM " FROM task_reports r LEFT JOIN users u ON u.id = r.submitted_by"

static void read_report(struct db_stmt *st, struct arena *a, void *out)
{
    struct task_report *r = out;

    r->id = db_col_int(st, 0);
    r->task_id = db_col_int(st, 1);
    r->month = (int)db_col_int(st, 2);
    r->progress = (int)db_col_int(st, 3);
    r->progress_text = db_col_dup(st, 4, a);
    r->results = db_col_dup(st, 5, a);
    r->shortfall = db_col_dup(st, 6, a);
    r->fix = db_col_dup(st, 7, a);
    r->proposal = db_col_dup(st, 8, a);
    r->done_day = db_col_int0(st, 9);
    r->submitted_at = db_col_int0(st, 10);
    r->submitted_by = db_col_int0(st, 11);
    r->submitted_by_name = db_col_dup(st, 12, a);
    r->updated_at = db_col_int(st, 13);
    r->updated_by = db_col_int0(st, 14);
}

int task_report_get(struct db *db, struct arena *a, int64_t task_id, int month,
                    struct task_report *out, struct err *e)
{
    int rc = db_one(db, a, read_report, out, e,
                    "SELECT " REPORT_COLUMNS REPORT_FROM " WHERE r.task_id = ? AND r.month = ?",
                    "Ii", task_id, month);

    return rc < 0 ? -1 : rc == DB_ROW;
}

int task_report_by_id(struct db *db, struct arena *a, int64_t id, struct task_report *out,
                      struct err *e)
{
    int rc = db_one(db, a, read_report, out, e,
                    "SELECT " REPORT_COLUMNS REPORT_FROM " WHERE r.id = ?", "I", id);

    return rc < 0 ? -1 : rc == DB_ROW;
}

int task_report_save(struct db *db, struct task_report *r, struct err *e)
{
    return db_int(db, &r->id, e,
                  "INSERT INTO task_reports (task_id, month, progress, progress_text, results,"
                  " shortfall, fix, proposal, done_day, submitted_at, submitted_by, updated_at,"
                  " updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                  " ON CONFLICT (task_id, month) DO UPDATE SET progress = excluded.progress,"
                  " progress_text = excluded.progress_text, results = excluded.results,"
                  " shortfall = excluded.shortfall, fix = excluded.fix,"
                  " proposal = excluded.proposal, done_day = excluded.done_day,"
                  " submitted_at = excluded.submitted_at, submitted_by = excluded.submitted_by,"
                  " updated_at = excluded.updated_at, updated_by = excluded.updated_by"
                  " RETURNING id",
                  "IiitttttzzzIz", r->task_id, r->month, r->progress, r->progress_text, r->results,
                  r->shortfall, r->fix, r->proposal, r->done_day, r->submitted_at, r->submitted_by,
                  r->updated_at, r->updated_by) == DB_ROW
               ? 0
               : -1;
}

int task_reports_of(struct db *db, struct arena *a, int64_t task_id, struct task_report **out,
                    size_t *n, struct err *e)
{
    return db_all(db, a, read_report, sizeof(struct task_report), out, n, e,
                  "SELECT " REPORT_COLUMNS REPORT_FROM " WHERE r.task_id = ? ORDER BY r.month DESC",
                  "I", task_id);
}

int task_reports_month(struct db *db, struct arena *a, int month, struct task_report **out,
                       size_t *n, struct err *e)
{
    return db_all(db, a, read_report, sizeof(struct task_report), out, n, e,
                  "SELECT " REPORT_COLUMNS REPORT_FROM " WHERE r.month = ? ORDER BY r.task_id", "i",
                  month);
}

/* Evidence files */

static void read_file(struct db_stmt *st, struct arena *a, void *out)
{
    struct task_report_file *f = out;

    f->id = db_col_int(st, 0);
    f->report_id = db_col_int(st, 1);
    f->name = db_col_dup(st, 2, a);
    f->content_type = db_col_dup(st, 3, a);
    f->size = db_col_int(st, 4);
    f->sha256 = db_col_dup(st, 5, a);
    f->uploaded_at = db_col_int(st, 6);
    f->uploaded_by = db_col_int0(st, 7);
}

#define FILE_COLUMNS "id, report_id, name, content_type, size, sha256, uploaded_at, uploaded_by"

int task_report_file_insert(struct db *db, struct task_report_file *f, struct err *e)
{
    return db_int(db, &f->id, e,
                  "INSERT INTO task_report_files (report_id, name, content_type, size, sha256,"
                  " uploaded_at, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  "IttItIz", f->report_id, f->name, f->content_type, f->size, f->sha256,
                  f->uploaded_at, f->uploaded_by) == DB_ROW
               ? 0
               : -1;
}

int task_report_files(struct db *db, struct arena *a, int64_t report_id,
                      struct task_report_file **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_file, sizeof(struct task_report_file), out, n, e,
                  "SELECT " FILE_COLUMNS " FROM task_report_files WHERE report_id = ? ORDER BY id",
                  "I", report_id);
}

int task_report_file_get(struct db *db, struct arena *a, int64_t id, struct task_report_file *out,
                         struct err *e)
{
    int rc = db_one(db, a, read_file, out, e,
                    "SELECT " FILE_COLUMNS " FROM task_report_files WHERE id = ?", "I", id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no evidence file %lld", (long long)id);
    return rc < 0 ? -1 : 0;
}

/* Committee members */

static void read_text(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = db_col_dup(st, 0, a);
}

int committee_get(struct db *db, struct arena *a, int64_t user_id, const char ***units,
                  size_t *nunits, const char ***areas, size_t *nareas, struct err *e)
{
    if (db_all(db, a, read_text, sizeof(char *), units, nunits, e,
               "SELECT agency FROM committee_units WHERE user_id = ? ORDER BY agency", "I",
               user_id) < 0)
        return -1;
    return db_all(db, a, read_text, sizeof(char *), areas, nareas, e,
                  "SELECT area FROM committee_areas WHERE user_id = ? ORDER BY area", "I", user_id);
}

int committee_set(struct db *db, int64_t user_id, const char *const *units, size_t nunits,
                  const char *const *areas, size_t nareas, struct err *e)
{
    size_t i;

    if (db_run(db, e, "DELETE FROM committee_units WHERE user_id = ?", "I", user_id) < 0 ||
        db_run(db, e, "DELETE FROM committee_areas WHERE user_id = ?", "I", user_id) < 0)
        return -1;
    for (i = 0; i < nunits; i++)
        if (db_run(db, e, "INSERT OR IGNORE INTO committee_units (user_id, agency) VALUES (?, ?)",
                   "It", user_id, units[i]) < 0)
            return -1;
    for (i = 0; i < nareas; i++)
        if (db_run(db, e, "INSERT OR IGNORE INTO committee_areas (user_id, area) VALUES (?, ?)",
                   "It", user_id, areas[i]) < 0)
            return -1;
    return 0;
}

int plan_reminder_record(struct db *db, const char *kind, int64_t ref_id, int64_t due, int stage,
                         int64_t now, struct err *e)
{
    int64_t n = db_run(db, e,
                       "INSERT OR IGNORE INTO plan_reminders (kind, ref_id, due, stage, sent_at)"
                       " VALUES (?, ?, ?, ?, ?)",
                       "tIIiI", kind, ref_id, due, stage, now);

    return n < 0 ? -1 : n > 0;
}
