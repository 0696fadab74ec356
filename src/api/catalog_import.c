/*
 * Importing procedures (api/catalog_import.h): rows read by catalog_sheet_rows.c
 * or catalog_json.c meet the agency tree and the stored catalog, then are
 * written in one transaction with a history row for each procedure changed
 * and one audit row; POST /api/v1/procedures/import answers the report.
 */
#include "api/catalog_import.h"
#include "api/app.h"
#include "api/catalog_rows.h"
#include "api/handlers.h"
#include "api/procedure_input.h"
#include "api/views.h"
#include "core/agency.h"
#include "core/fold.h"
#include "core/plan_sheet.h"
#include "docs/spreadsheet.h"
#include "lib/strbuf.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/procedures.h"

#include <stdlib.h>
#include <string.h>

/* The agency tree as the import sees it. */
struct tree {
    struct agency *list;
    size_t n;
    const char **folded;
    const struct agency *root;
};

static const struct agency *agency_by_id(const struct tree *t, const char *id)
{
    size_t i;

    for (i = 0; id && i < t->n; i++)
        if (!strcmp(t->list[i].id, id))
            return &t->list[i];
    return NULL;
}

static int load_tree(struct db *db, struct arena *a, struct tree *t, struct err *e)
{
    const char *root = NULL;
    size_t i;

    if (agency_list(db, a, NULL, &t->list, &t->n, e) < 0 || agency_first_root(db, a, &root, e) < 0)
        return -1;
    t->root = agency_by_id(t, root);
    t->folded = arena_alloc(a, (t->n ? t->n : 1) * sizeof(char *));
    for (i = 0; i < t->n; i++) {
        size_t n = strlen(t->list[i].name);
        char *f = arena_alloc(a, n + 1);

        fold_text(t->list[i].name, n, f);
        t->folded[i] = f;
    }
    return 0;
}

/* The procedure's level from its agency's place in the tree. */
static const char *level_of(const struct agency *ag)
{
    if (!strcmp(ag->level, "commune"))
        return "commune";
    if (!strcmp(ag->level, "district"))
        return "district";
    return "province";
}

/*
 * The implementing agency: its identifier, its name in the tree (the first of
 * several names in the cell), or a name by level ("UBND cấp xã") meaning the
 * province that runs this installation, for procedures of that level.
 */
static void resolve_agency(struct arena *a, const struct tree *t, struct catalog_row *x)
{
    const struct agency *ag = agency_by_id(t, x->agency_code);
    const char *names[4], *generic = NULL;
    char *buf;
    int k;

    if (!ag && !*x->agency_text) {
        catalog_row_reject(x, "agency", "no implementing agency (column Cơ quan thực hiện)");
        return;
    }
    if (!ag) {
        buf = arena_alloc(a, strlen(x->agency_text) + 1);
        if (!plan_sheet_names(x->agency_text, buf, names, 4))
            names[0] = x->agency_text;
        if (!(ag = agency_by_id(t, names[0]))) {
            k = plan_sheet_unit(names[0], t->folded, t->n);
            if (k == -2) {
                catalog_row_reject(
                    x, "agency",
                    arena_printf(a, "several agencies are named '%s': write its identifier",
                                 names[0]));
                return;
            }
            if (k >= 0)
                ag = &t->list[k];
            else if ((generic = catalog_sheet_generic_agency(names[0])) && t->root)
                ag = t->root;
        }
        if (!ag) {
            catalog_row_reject(
                x, "agency",
                arena_printf(a, "no agency named '%s' in the agency tree: add it first", names[0]));
            return;
        }
    }
    x->p.agency = ag->id;
    x->p.agency_name = ag->name;
    x->p.level = x->level_hint ? x->level_hint : generic ? generic : level_of(ag);
}

static int by_code(const void *a, const void *b)
{
    const struct catalog_row *const *x = a, *const *y = b;
    int c = strcmp((*x)->p.code, (*y)->p.code);

    return c ? c : ((*x)->line > (*y)->line) - ((*x)->line < (*y)->line);
}

/* A code seen higher up in the file makes the row rejected (n log n). */
static void reject_repeats(struct arena *a, struct catalog_row *rows, size_t n)
{
    struct catalog_row **k = arena_alloc(a, (n ? n : 1) * sizeof(*k));
    size_t i, m = 0;

    for (i = 0; i < n; i++)
        if (rows[i].p.code && *rows[i].p.code)
            k[m++] = &rows[i];
    qsort(k, m, sizeof(*k), by_code);
    for (i = 1; i < m; i++) {
        size_t first = i;

        while (first > 0 && !strcmp(k[first - 1]->p.code, k[i]->p.code))
            first--;
        if (first < i)
            catalog_row_reject(
                k[i], "code",
                arena_printf(a, "code %s is on row %d already", k[i]->p.code, k[first]->line));
    }
}

static int same_text(const char *a, const char *b)
{
    return (!a && !b) || (a && b && !strcmp(a, b));
}

static int same_procedure(const struct procedure *a, const struct procedure *b)
{
    size_t i;

    if (!same_text(a->name, b->name) || !same_text(a->field, b->field) ||
        !same_text(a->field_code, b->field_code) || !same_text(a->level, b->level) ||
        !same_text(a->agency, b->agency) || a->duration_days != b->duration_days ||
        !same_text(a->duration_kind, b->duration_kind) ||
        a->online_duration_days != b->online_duration_days ||
        !same_text(a->online_class, b->online_class) ||
        !same_text(a->legal_basis, b->legal_basis) || !same_text(a->result_name, b->result_name) ||
        !same_text(a->status, b->status) || a->nfees != b->nfees ||
        a->ncomponents != b->ncomponents)
        return 0;
    for (i = 0; i < a->nfees; i++)
        if (!same_text(a->fees[i].name, b->fees[i].name) || a->fees[i].amount != b->fees[i].amount)
            return 0;
    for (i = 0; i < a->ncomponents; i++)
        if (!same_text(a->components[i].name, b->components[i].name) ||
            !same_text(a->components[i].kind, b->components[i].kind) ||
            a->components[i].count != b->components[i].count ||
            a->components[i].requirement != b->components[i].requirement)
            return 0;
    return 1;
}

/* What the row makes of the stored procedure cur (found) or of nothing: into *next. */
static void plan_row(struct arena *a, struct catalog_row *x, const struct procedure *cur, int found,
                     struct procedure *next)
{
    if (x->section == CSEC_REPEALED) {
        if (!found) {
            x->outcome = CROW_SAME;
            catalog_row_warn(a, x, "not in the catalog: nothing to repeal");
        } else {
            *next = *cur;
            next->status = "withdrawn";
            x->outcome = strcmp(cur->status, "withdrawn") ? CROW_REPEALED : CROW_SAME;
            if (!x->p.name)
                x->p.name = cur->name;
        }
        return;
    }
    if (!found) {
        *next = x->p;
        next->status = "active";
        if (!next->components)
            next->components = arena_calloc(a, 1, sizeof(*next->components));
        if (!next->fees)
            next->fees = arena_calloc(a, 1, sizeof(*next->fees));
        x->outcome = CROW_ADDED;
        return;
    }
    *next = *cur;
    next->name = x->p.name;
    next->field = x->p.field;
    if (x->p.field_code)
        next->field_code = x->p.field_code;
    next->level = x->p.level;
    next->agency = x->p.agency;
    next->agency_name = x->p.agency_name;
    next->duration_days = x->p.duration_days;
    next->duration_kind = x->p.duration_kind;
    if (next->online_duration_days > next->duration_days ||
        (next->online_duration_days > 0 && strcmp(next->duration_kind, cur->duration_kind))) {
        next->online_duration_days = -1;
        catalog_row_warn(a, x, "its online duration no longer fits the processing time: removed");
    }
    if (x->has_fees) {
        next->fees = x->p.fees;
        next->nfees = x->p.nfees;
    }
    if (x->has_components) {
        next->components = x->p.components;
        next->ncomponents = x->p.ncomponents;
    }
    if (x->has_legal)
        next->legal_basis = x->p.legal_basis;
    if (x->has_result)
        next->result_name = x->p.result_name;
    if (x->has_place)
        next->online_class = x->p.online_class;
    next->status = "active";
    if (strcmp(cur->status, "active"))
        catalog_row_warn(a, x, "it was withdrawn: published again");
    x->outcome = same_procedure(next, cur) ? CROW_SAME : CROW_CHANGED;
}

static int write_row(struct db *db, struct arena *a, const struct catalog_import_opts *o,
                     struct catalog_row *x, struct procedure *next, struct err *e)
{
    struct strbuf snapshot = STRBUF_INIT;
    json_t *j;
    int rc;

    next->version = 0; /* the import's transaction holds the latest */
    if (x->outcome == CROW_ADDED)
        rc = procedure_insert(db, next, procedure_search_text(a, next), o->now, e);
    else
        rc = procedure_update(db, next, procedure_search_text(a, next), o->now, e);
    if (rc < 0)
        return -1;
    j = procedure_view(next);
    json_dump_strbuf(j, &snapshot);
    json_decref(j);
    rc = procedure_record_history(db, next->id, next->version, o->now, o->user_id, snapshot.buf, e);
    strbuf_release(&snapshot);
    return rc;
}

static json_t *report_json(const struct catalog_row *rows, size_t n, int stored)
{
    static const char *const outcomes[] = {"added", "changed", "unchanged", "repealed"};
    json_t *list = json_array();
    int count[4] = {0}, rejected = 0, warned = 0;
    size_t i;

    for (i = 0; i < n; i++) {
        const struct catalog_row *x = &rows[i];

        if (x->reason) {
            rejected++;
            json_array_append_new(list,
                                  json_pack("{s:i, s:s*, s:s*, s:s, s:s, s:s}", "row", x->line,
                                            "code", x->p.code, "name", x->p.name, "outcome",
                                            "rejected", "field", x->field, "reason", x->reason));
            continue;
        }
        count[x->outcome]++;
        warned += !!x->warning;
        json_array_append_new(list, json_pack("{s:i, s:s, s:s*, s:s, s:s*}", "row", x->line, "code",
                                              x->p.code, "name", x->p.name, "outcome",
                                              outcomes[x->outcome], "warning", x->warning));
    }
    return json_pack("{s:b, s:i, s:i, s:i, s:i, s:i, s:i, s:o}", "stored", stored, "added",
                     count[CROW_ADDED], "changed", count[CROW_CHANGED], "unchanged",
                     count[CROW_SAME], "repealed", count[CROW_REPEALED], "rejected", rejected,
                     "warnings", warned, "rows", list);
}

static int read_rows(struct arena *a, const char *data, size_t len, struct catalog_row **rows,
                     size_t *n, struct err *e)
{
    size_t i = 0;

    while (i < len && strchr(" \t\r\n", data[i]))
        i++;
    if (i + 3 <= len && !memcmp(data + i, "\xEF\xBB\xBF", 3))
        i += 3;
    if (i < len && (data[i] == '[' || data[i] == '{')) {
        json_error_t je;
        json_t *doc = json_loadb(data + i, len - i, 0, &je);
        int rc;

        if (!doc)
            return err_field(e, "file", "the JSON cannot be read: %s (line %d)", je.text, je.line);
        rc = catalog_rows_json(a, doc, rows, n, e);
        /* the rows hold copies of its text */
        json_decref(doc);
        return rc;
    } else {
        struct spreadsheet sh;

        if (spreadsheet_read(data, len, a, &sh, e) < 0)
            return -1;
        return catalog_rows_sheet(a, &sh, rows, n, e);
    }
}

int catalog_import(struct db *db, struct arena *a, const void *data, size_t len,
                   const struct catalog_import_opts *o, json_t **report, int *refused,
                   struct err *e)
{
    struct catalog_row *rows;
    struct procedure *next;
    struct tree t;
    size_t n, i, total;
    int nbad = 0, rc = -1;

    *report = NULL;
    *refused = 0;
    if (read_rows(a, data, len, &rows, &n, e) < 0)
        return -1;
    reject_repeats(a, rows, n);
    total = o->dry_run ? n : 2 * n;
    next = arena_calloc(a, n ? n : 1, sizeof(*next));
    if (db_begin(db, o->dry_run ? DB_READ : DB_WRITE, e) < 0)
        return -1;
    if (load_tree(db, a, &t, e) < 0)
        goto out;
    for (i = 0; i < n; i++) {
        struct catalog_row *x = &rows[i];
        struct procedure cur;
        int found = 0;

        if (!x->reason && x->section != CSEC_REPEALED)
            resolve_agency(a, &t, x);
        if (!x->reason && (found = procedure_by_code(db, a, x->p.code, &cur, e)) < 0)
            goto out;
        if (!x->reason)
            plan_row(a, x, &cur, found, &next[i]);
        if (!x->reason && found)
            next[i].id = cur.id;
        nbad += !!x->reason;
        if (o->progress)
            o->progress(o->progress_ctx, i + 1, total);
    }
    if (nbad && !o->partial) {
        *refused = 1;
        *report = report_json(rows, n, 0);
        rc = 0;
        goto out;
    }
    for (i = 0; i < n && !o->dry_run; i++) {
        if (!rows[i].reason && rows[i].outcome != CROW_SAME &&
            write_row(db, a, o, &rows[i], &next[i], e) < 0)
            goto out;
        if (o->progress)
            o->progress(o->progress_ctx, n + i + 1, total);
    }
    *report = report_json(rows, n, !o->dry_run);
    if (!o->dry_run) {
        json_t *j = *report;
        const char *what =
            arena_printf(a, "%s: %lld added, %lld changed, %lld repealed, %d rejected",
                         o->filename ? o->filename : "catalog",
                         (long long)json_integer_value(json_object_get(j, "added")),
                         (long long)json_integer_value(json_object_get(j, "changed")),
                         (long long)json_integer_value(json_object_get(j, "repealed")), nbad);

        if (audit_append(db, o->now, o->user_id, "procedure.import", "procedures", what, e) < 0 ||
            db_commit(db, e) < 0) {
            json_decref(*report);
            *report = NULL;
            goto out;
        }
    }
    rc = 0;
out:
    db_rollback(db);
    return rc;
}

int procedures_import(struct req *r, struct err *e)
{
    struct catalog_import_opts o = {.now = r->now, .user_id = req_user_id(r)};
    const char *data, *q;
    json_t *j;
    size_t len;
    int refused;

    if ((q = req_query(r, "dry_run")))
        o.dry_run = !strcmp(q, "1");
    if ((q = req_query(r, "partial")))
        o.partial = !strcmp(q, "1");
    if (upload_bytes(r, SPREADSHEET_MAX_BYTES, &data, &len, e) < 0)
        return -1;
    o.filename = r->upload->filename;
    if (catalog_import(r->db, &r->arena, data, len, &o, &j, &refused, e) < 0)
        return -1;
    if (refused) {
        json_t *errors = json_array(), *row;
        size_t i;
        int nbad = (int)json_integer_value(json_object_get(j, "rejected"));

        /* the problem's errors[]: the first rows that could not be read */
        json_array_foreach(json_object_get(j, "rows"), i, row)
        {
            if (strcmp(json_string_value(json_object_get(row, "outcome")), "rejected") ||
                json_array_size(errors) >= 16)
                continue;
            json_array_append_new(
                errors,
                json_pack("{s:s, s:s, s:s, s:O}", "field",
                          arena_printf(&r->arena, "rows.%lld.%s",
                                       (long long)json_integer_value(json_object_get(row, "row")),
                                       json_string_value(json_object_get(row, "field"))),
                          "code", "invalid", "param", "", "message",
                          json_object_get(row, "reason")));
        }
        return resp_import_refused(r, j, errors, nbad) < 0 ? -1 : 0;
    }
    return resp_json(r, 200, j);
}
