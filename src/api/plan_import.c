/*
 * POST /api/v1/plans/{id}/import: a plan's tasks from an XLSX or CSV sheet in
 * the layout provinces publish (core/plan_sheet.h). Every row is read first;
 * the answer reports each row added, changed or unchanged (by its number in
 * the plan, so importing the same file again changes nothing) and each row
 * that could not be read with its row number and reason. A file with such rows
 * changes nothing (422, the report in "rows") unless partial=1 asks to keep
 * the rows that could be read; dry_run=1 only reports.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/plans.h"
#include "api/views.h"
#include "core/fold.h"
#include "core/plan_sheet.h"
#include "docs/spreadsheet.h"
#include "lib/json.h"
#include "store/audit.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define IMPORT_UNITS_MAX 50

/* One row of the sheet as read. */
struct row {
    int line;
    enum { ROW_TASK, ROW_AREA, ROW_BAD } kind;
    const char *reason; /* ROW_BAD */
    const char *field;  /* the column at fault */
    struct task t;
    const char *parent_no;
    const char *warning; /* cooperating units left out */
    enum { NEW, CHANGED, SAME } outcome;
    int64_t existing; /* the task of that number already in the plan */
};

/* The header row: the first of the first 20 naming the task and lead columns. */
static int find_header(const struct spreadsheet *sh, int cols[PCOL_COUNT], size_t *at)
{
    size_t i, c;

    for (i = 0; i < sh->nrows && i < 20; i++) {
        for (c = 0; c < PCOL_COUNT; c++)
            cols[c] = -1;
        for (c = 0; c < sh->rows[i].ncells; c++) {
            int k = plan_sheet_column(sh->rows[i].cells[c]);

            if (k >= 0 && cols[k] < 0)
                cols[k] = (int)c;
        }
        if (cols[PCOL_TASK] >= 0 && cols[PCOL_LEAD] >= 0) {
            *at = i;
            return 0;
        }
    }
    return -1;
}

static const char *cell(const struct spreadsheet_row *row, const int cols[PCOL_COUNT], int k)
{
    return cols[k] < 0 ? "" : spreadsheet_cell(row, (size_t)cols[k]);
}

/* The import's view of the agencies: their folded names, in c->agencies' order. */
static const char **folded_names(struct req *r, const struct plan_ctx *c)
{
    const char **out = arena_alloc(&r->arena, (c->nagencies ? c->nagencies : 1) * sizeof(char *));
    size_t i;

    for (i = 0; i < c->nagencies; i++) {
        size_t n = strlen(c->agencies[i].name);
        char *f = arena_alloc(&r->arena, n + 1);

        fold_text(c->agencies[i].name, n, f);
        out[i] = f;
    }
    return out;
}

static void bad(struct row *x, const char *field, const char *reason)
{
    if (x->kind != ROW_BAD) {
        x->kind = ROW_BAD;
        x->field = field;
        x->reason = reason;
    }
}

/* The unit a name means, or NULL with the row marked bad. */
static const char *unit_named(struct req *r, const struct plan_ctx *c, const char **names,
                              const char *name, struct row *x, const char *field)
{
    const struct agency *ag = plan_agency(c, name);
    int k;

    if (ag)
        return ag->id;
    if ((k = plan_sheet_unit(name, names, c->nagencies)) >= 0)
        return c->agencies[k].id;
    if (field)
        bad(x, field,
            arena_printf(&r->arena,
                         k == -2 ? "several units fit '%s': write its full name"
                                 : "no unit named '%s' in the agency tree",
                         name));
    return NULL;
}

static void read_row(struct req *r, const struct plan_ctx *c, const struct plan *p,
                     const char **names, int date1904, const struct spreadsheet_row *sr,
                     const int cols[PCOL_COUNT], const char *area, struct row *x)
{
    const char *no = cell(sr, cols, PCOL_NO), *title = cell(sr, cols, PCOL_TASK);
    const char *lead = cell(sr, cols, PCOL_LEAD), *units = cell(sr, cols, PCOL_UNITS);
    const char *deadline = cell(sr, cols, PCOL_DEADLINE), *product = cell(sr, cols, PCOL_PRODUCT);
    const char *list[IMPORT_UNITS_MAX];
    char parent[32];
    size_t n, i;
    int rc;

    memset(x, 0, sizeof(*x));
    x->line = sr->line;
    /* "I | CẢI CÁCH THỂ CHẾ": a heading's number is a Roman numeral or a letter, or none */
    if (!*lead && !*deadline && !*product && !*units && plan_sheet_heading_no(no)) {
        x->kind = ROW_AREA;
        x->t.area = *title ? title : no;
        if (utf8_length(x->t.area) > 200)
            x->t.area = NULL;
        return;
    }
    x->t = (struct task){.plan_id = p->id, .priority = 2, .area = area};
    x->t.no = no;
    x->t.title = title;
    x->t.product = *product ? product : NULL;
    if (x->t.product && utf8_length(x->t.product) > 2000)
        bad(x, "product", "the product's text is longer than 2,000 characters");
    if (!*no)
        bad(x, "no", "the task has no number (column STT)");
    else if (strlen(no) > 20)
        bad(x, "no", "a task number has at most 20 characters");
    if (!*title)
        bad(x, "task", "the row names no task");
    else if (utf8_length(title) > 2000)
        bad(x, "task", "the task's text is longer than 2,000 characters");
    if (!*lead)
        bad(x, "lead", "the task has no lead unit (column Đơn vị chủ trì)");
    else
        x->t.lead = unit_named(r, c, names, lead, x, "lead");
    rc = plan_sheet_deadline(deadline, date1904, p->year, &x->t.deadline);
    if (rc < 0)
        bad(x, "deadline", arena_printf(&r->arena, "cannot read the deadline '%s'", deadline));
    if (*units) {
        char *buf = arena_alloc(&r->arena, strlen(units) + 1);
        struct strbuf left = STRBUF_INIT;

        n = plan_sheet_names(units, buf, list, IMPORT_UNITS_MAX);
        x->t.units = arena_alloc(&r->arena, (n ? n : 1) * sizeof(char *));
        for (i = 0; i < n; i++) {
            const char *id = unit_named(r, c, names, list[i], x, NULL);
            size_t k;

            /* the lead and a unit named twice count once, as they are stored */
            for (k = 0; id && k < x->t.nunits && strcmp(x->t.units[k], id); k++)
                ;
            if (id && k == x->t.nunits && (!x->t.lead || strcmp(id, x->t.lead)))
                x->t.units[x->t.nunits++] = id;
            else if (!id)
                strbuf_addf(&left, "%s'%s'", left.len ? ", " : "", list[i]);
        }
        if (left.len)
            x->warning = arena_printf(
                &r->arena, "cooperating units not in the agency tree, left out: %s", left.buf);
        strbuf_release(&left);
    }
    if (*no && plan_sheet_parent_no(no, parent, sizeof(parent)))
        x->parent_no = arena_strdup(&r->arena, parent);
}

static int same_units(const struct task *a, const struct task *b)
{
    size_t i, k;

    if (a->nunits != b->nunits)
        return 0;
    for (i = 0; i < a->nunits; i++) {
        for (k = 0; k < b->nunits && strcmp(a->units[i], b->units[k]); k++)
            ;
        if (k == b->nunits)
            return 0;
    }
    return 1;
}

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

/* Whether the row says what the task already holds (parents compared by number). */
static int same_task(const struct row *x, const struct task *cur, const char *cur_parent_no)
{
    const struct task *a = &x->t;

    return same_text(a->title, cur->title) && !strcmp(a->lead, cur->lead) &&
           same_text(a->area, cur->area) && same_text(a->product, cur->product) &&
           a->deadline == cur->deadline && same_text(x->parent_no, cur_parent_no) &&
           same_units(a, cur);
}

/*
 * Task numbers sorted, so that checking every row against the others and
 * against the plan costs n log n, not n²: a row's number with its position
 * in the sheet, or a stored task's number with its id.
 */
struct key {
    const char *no;
    int64_t id;
    size_t pos;
};

static int by_no(const void *a, const void *b)
{
    const struct key *x = a, *y = b;
    int c = strcmp(x->no, y->no);

    return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

static int by_id(const void *a, const void *b)
{
    const struct key *x = a, *y = b;

    return (x->id > y->id) - (x->id < y->id);
}

/* The first key numbered no (the one highest in the sheet), or NULL. */
static const struct key *first_no(const struct key *k, size_t n, const char *no)
{
    size_t lo = 0, hi = n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;

        if (strcmp(k[mid].no, no) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < n && !strcmp(k[lo].no, no) ? &k[lo] : NULL;
}

/* The number of the stored task id (keys sorted by id), or NULL. */
static const char *no_of(const struct key *k, size_t n, int64_t id)
{
    struct key want = {.id = id};
    const struct key *found = id ? bsearch(&want, k, n, sizeof(*k), by_id) : NULL;

    return found ? found->no : NULL;
}

/* The sheet's rows by number; a number seen higher up makes the row bad. */
static struct key *sheet_keys(struct req *r, struct row *rows, size_t n, size_t *nkeys)
{
    struct key *k = arena_calloc(&r->arena, n ? n : 1, sizeof(*k));
    size_t i, m = 0;

    for (i = 0; i < n; i++)
        if (rows[i].t.no)
            k[m++] = (struct key){rows[i].t.no, 0, i};
    qsort(k, m, sizeof(*k), by_no);
    for (i = 1; i < m; i++) {
        const struct key *first = first_no(k, i, k[i].no);

        if (first)
            bad(&rows[k[i].pos], "no",
                arena_printf(&r->arena, "number %s is on row %d already", k[i].no,
                             rows[first->pos].line));
    }
    *nkeys = m;
    return k;
}

/* The plan's stored tasks by number and by id. */
static void stored_keys(struct req *r, const struct task *t, size_t n, struct key **by_number,
                        struct key **by_ident)
{
    size_t i;

    *by_number = arena_calloc(&r->arena, n ? n : 1, sizeof(struct key));
    *by_ident = arena_calloc(&r->arena, n ? n : 1, sizeof(struct key));
    for (i = 0; i < n; i++)
        (*by_number)[i] = (*by_ident)[i] = (struct key){t[i].no, t[i].id, i};
    qsort(*by_number, n, sizeof(struct key), by_no);
    qsort(*by_ident, n, sizeof(struct key), by_id);
}

static json_t *report_json(const struct row *rows, size_t n, int stored)
{
    json_t *list = json_array();
    int added = 0, changed = 0, same = 0, rejected = 0, warned = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        const struct row *x = &rows[i];

        if (x->kind == ROW_AREA)
            continue;
        if (x->kind == ROW_BAD) {
            rejected++;
            json_array_append_new(list,
                                  json_pack("{s:i, s:s, s:s, s:s}", "row", x->line, "outcome",
                                            "rejected", "field", x->field, "reason", x->reason));
            continue;
        }
        added += x->outcome == NEW;
        changed += x->outcome == CHANGED;
        same += x->outcome == SAME;
        warned += !!x->warning;
        json_array_append_new(list, json_pack("{s:i, s:s, s:s, s:s*}", "row", x->line, "no",
                                              x->t.no, "outcome",
                                              x->outcome == NEW       ? "added"
                                              : x->outcome == CHANGED ? "changed"
                                                                      : "unchanged",
                                              "warning", x->warning));
    }
    return json_pack("{s:b, s:i, s:i, s:i, s:i, s:i, s:o}", "stored", stored, "added", added,
                     "changed", changed, "unchanged", same, "rejected", rejected, "warnings",
                     warned, "rows", list);
}

int plans_import(struct req *r, struct err *e)
{
    struct spreadsheet sh;
    struct task_filter f = {0};
    struct plan_ctx c;
    struct plan p;
    struct task *old;
    struct key *keys, *old_nos, *old_ids;
    struct row *rows;
    const char **names, *area = NULL, *q;
    size_t nold, nkeys, head, n = 0, i;
    int cols[PCOL_COUNT], dry = 0, partial = 0, nbad = 0, rc = -1;

    if ((q = req_query(r, "dry_run")))
        dry = !strcmp(q, "1");
    if ((q = req_query(r, "partial")))
        partial = !strcmp(q, "1");
    if (param_id(r->params[0], "plan", &f.plan_id, e) < 0 || plan_ctx_load(r, &c, e) < 0 ||
        plan_get(r->db, &r->arena, f.plan_id, &p, e) < 0 || upload_spreadsheet(r, &sh, e) < 0)
        return -1;
    if (find_header(&sh, cols, &head) < 0)
        return err_field(
            e, "file",
            "no header row names the task and its lead unit (e.g. 'Nội dung nhiệm vụ', "
            "'Đơn vị chủ trì') in the first 20 rows");
    names = folded_names(r, &c);
    rows = arena_calloc(&r->arena, sh.nrows, sizeof(*rows));
    for (i = head + 1; i < sh.nrows; i++) {
        struct row *x = &rows[n];

        read_row(r, &c, &p, names, sh.date1904, &sh.rows[i], cols, area, x);
        if (x->kind == ROW_AREA) {
            area = x->t.area;
            continue;
        }
        n++;
    }
    keys = sheet_keys(r, rows, n, &nkeys);
    if (db_begin(r->db, dry ? DB_READ : DB_WRITE, e) < 0)
        return -1;
    if (task_list(r->db, &r->arena, &f, &old, &nold, e) < 0)
        goto out;
    stored_keys(r, old, nold, &old_nos, &old_ids);
    /* each row against the plan as it is: its parent, and whether it is new or changed */
    for (i = 0; i < n; i++) {
        struct row *x = &rows[i];
        const struct key *k;

        if (x->kind == ROW_BAD)
            continue;
        if ((k = first_no(old_nos, nold, x->t.no)))
            x->existing = k->id;
        if (x->parent_no) {
            int found = (k = first_no(keys, nkeys, x->parent_no)) && k->pos < i &&
                        rows[k->pos].kind == ROW_TASK;

            if (!found)
                found = first_no(old_nos, nold, x->parent_no) != NULL;
            if (!found)
                bad(x, "no",
                    arena_printf(&r->arena,
                                 "its parent task %s is neither in the plan nor above it",
                                 x->parent_no));
        }
    }
    for (i = 0; i < n; i++)
        nbad += rows[i].kind == ROW_BAD;
    if (nbad && !partial) {
        json_t *j = report_json(rows, n, 0), *errors = json_array();

        /* the problem's errors[]: the first rows that could not be read */
        for (i = 0; i < n && json_array_size(errors) < 16; i++)
            if (rows[i].kind == ROW_BAD)
                json_array_append_new(
                    errors,
                    json_pack("{s:s, s:s, s:s, s:s}", "field",
                              arena_printf(&r->arena, "rows.%d.%s", rows[i].line, rows[i].field),
                              "code", "invalid", "param", "", "message", rows[i].reason));
        rc = resp_import_refused(r, j, errors, nbad);
        goto out;
    }
    /* in order, so a parent is written before its subtasks */
    for (i = 0; i < n; i++) {
        struct row *x = &rows[i];
        struct task cur, parent;
        int found;

        if (x->kind == ROW_BAD)
            continue;
        if (x->existing && task_get(r->db, &r->arena, x->existing, &cur, e) < 0)
            goto out;
        x->outcome = !x->existing                                              ? NEW
                     : same_task(x, &cur, no_of(old_ids, nold, cur.parent_id)) ? SAME
                                                                               : CHANGED;
        if (dry || x->outcome == SAME)
            continue;
        x->t.parent_id = 0;
        if (x->parent_no) {
            if ((found = task_by_no(r->db, &r->arena, p.id, x->parent_no, &parent, e)) < 0)
                goto out;
            x->t.parent_id = found ? parent.id : 0;
        }
        x->t.created_at = x->t.updated_at = r->now;
        if (x->outcome == NEW) {
            if (task_insert(r->db, &x->t, e) < 0)
                goto out;
            continue;
        }
        cur.title = x->t.title;
        cur.lead = x->t.lead;
        cur.area = x->t.area;
        cur.product = x->t.product;
        cur.deadline = x->t.deadline;
        cur.parent_id = x->t.parent_id;
        cur.units = x->t.units;
        cur.nunits = x->t.nunits;
        cur.updated_at = r->now;
        if (task_update(r->db, &cur, e) < 0)
            goto out;
    }
    if (!dry) {
        json_t *j = report_json(rows, n, 1);
        const char *what =
            arena_printf(&r->arena, "%s: %lld added, %lld changed, %d rejected",
                         r->upload->filename ? r->upload->filename : "sheet",
                         (long long)json_integer_value(json_object_get(j, "added")),
                         (long long)json_integer_value(json_object_get(j, "changed")), nbad);

        if (audit_append(r->db, r->now, req_user_id(r), "plan.import",
                         arena_printf(&r->arena, "plan:%lld", (long long)p.id), what, e) < 0 ||
            db_commit(r->db, e) < 0) {
            json_decref(j);
            goto out;
        }
        rc = resp_json(r, 200, j);
    } else {
        rc = resp_json(r, 200, report_json(rows, n, 0));
    }
out:
    db_rollback(r->db);
    return rc;
}
