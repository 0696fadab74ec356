/*
 * A PAR INDEX structure document (docs/par-index.md) into core's rows: each
 * item's members become the text cells a spreadsheet's row would hold
 * (numbers written out, bands as "from:points; …", anything else as its JSON
 * text, so that core says what is wrong with it), core reads and checks the
 * rows, and the structure is stored only when no problem is fatal. The API's
 * POST /api/v1/par/structures and `motcua par load` both come here; a
 * spreadsheet front end comes to par_load_rows with its sheet's rows.
 */
#include "api/app.h"
#include "api/par.h"
#include "docs/spreadsheet.h"
#include "lib/json.h"
#include "store/audit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

static const char *const top_keys[] = {"year", "scope", "name", "source", "example", "items", NULL};

/* A member as a cell's text: strings as they are, numbers written out, null absent. */
static const char *cell_text(struct arena *a, json_t *v)
{
    char *dump, *copy;

    if (!v || json_is_null(v))
        return NULL;
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_integer(v))
        return arena_printf(a, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return arena_printf(a, "%.17g", json_real_value(v));
    dump = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    copy = arena_strdup(a, dump ? dump : "?");
    free(dump);
    return copy;
}

/* Bands given as [{"from", "points"}, …] become "from:points; …"; other forms go as text. */
static const char *bands_text(struct arena *a, json_t *v)
{
    struct par_band b[PAR_BANDS_MAX];
    json_t *band;
    size_t i;

    if (!json_is_array(v) || json_array_size(v) > PAR_BANDS_MAX)
        return cell_text(a, v);
    json_array_foreach(v, i, band)
    {
        json_t *from = json_object_get(band, "from"), *points = json_object_get(band, "points");
        if (!json_is_object(band) || json_object_size(band) != 2 || !json_is_number(from) ||
            !json_is_number(points))
            return cell_text(a, v);
        b[i] = (struct par_band){json_number_value(from), json_number_value(points)};
    }
    return par_bands_text(a, b, (int)json_array_size(v));
}

const char *par_problem_path(struct arena *a, const struct par_problem *p)
{
    if (p->line <= 0)
        return p->column ? p->column : "items";
    return p->column ? arena_printf(a, "items[%d].%s", p->line - 1, p->column)
                     : arena_printf(a, "items[%d]", p->line - 1);
}

/* The document's own members: year, scope, name, source, example. */
static void read_head(json_t *doc, struct par_load *l)
{
    struct par_report *rep = &l->rep;
    const char *key;
    json_t *v;

    json_object_foreach(doc, key, v)
    {
        size_t k;
        for (k = 0; top_keys[k] && strcmp(top_keys[k], key); k++)
            ;
        if (!top_keys[k])
            par_report_add(rep, 0, NULL, arena_strdup(rep->a, key), 0, "unknown member: ignored");
    }
    v = json_object_get(doc, "year");
    if (!json_is_integer(v) || json_integer_value(v) < 2000 || json_integer_value(v) > 2100)
        par_report_add(rep, 0, NULL, "year", 1, "the year is required: an integer 2000 to 2100");
    else
        l->st.year = (int)json_integer_value(v);
    v = json_object_get(doc, "scope");
    l->st.scope = "province";
    if (v && !(json_is_string(v) && (!strcmp(json_string_value(v), "province") ||
                                     !strcmp(json_string_value(v), "unit"))))
        par_report_add(rep, 0, NULL, "scope", 1, "the scope is one of: province, unit");
    else if (v)
        l->st.scope = json_string_value(v);
    v = json_object_get(doc, "name");
    if (!json_is_string(v) || !*json_string_value(v) || utf8_length(json_string_value(v)) > 300)
        par_report_add(rep, 0, NULL, "name", 1, "the name is required: 1 to 300 characters");
    else
        l->st.name = json_string_value(v);
    v = json_object_get(doc, "source");
    if (v && !json_is_null(v) && (!json_is_string(v) || utf8_length(json_string_value(v)) > 1000))
        par_report_add(rep, 0, NULL, "source", 1, "the source is text of at most 1000 characters");
    else if (v && !json_is_null(v))
        l->st.source = json_string_value(v);
    v = json_object_get(doc, "example");
    if (v && !json_is_boolean(v))
        par_report_add(rep, 0, NULL, "example", 1, "example is true or false");
    else
        l->st.example = json_is_true(v);
}

/* The items as rows; an item that is not an object is a problem of its own. */
static struct par_row *read_rows(json_t *doc, struct par_load *l, size_t *n)
{
    static const char *const keys[PAR_COLS] = {"code",   "name",  "max_points", "scoring",
                                               "target", "bands", "figure"};
    struct par_report *rep = &l->rep;
    json_t *items = json_object_get(doc, "items"), *item;
    struct par_row *rows;
    size_t i;

    *n = 0;
    if (!json_is_array(items)) {
        par_report_add(rep, 0, NULL, "items", 1, "items is required: an array of items");
        return NULL;
    }
    rows = arena_calloc(rep->a, json_array_size(items) + 1, sizeof(*rows));
    json_array_foreach(items, i, item)
    {
        struct par_row *row = &rows[(*n)++];
        const char *key;
        json_t *v;
        int k;
        row->line = (int)i + 1;
        if (!json_is_object(item)) {
            par_report_add(rep, row->line, NULL, NULL, 1, "an item is an object");
            (*n)--;
            continue;
        }
        json_object_foreach(item, key, v)
        {
            for (k = 0; k < PAR_COLS && strcmp(keys[k], key); k++)
                ;
            if (k == PAR_COLS)
                par_report_add(rep, row->line, NULL, arena_strdup(rep->a, key), 0,
                               "unknown member: ignored");
        }
        for (k = 0; k < PAR_COLS; k++) {
            v = json_object_get(item, keys[k]);
            row->cells[k] = k == PAR_COL_BANDS ? bands_text(rep->a, v) : cell_text(rep->a, v);
        }
    }
    return rows;
}

int par_load_rows(struct db *db, struct arena *a, const struct par_row *rows, size_t n, int64_t now,
                  int64_t user, struct par_load *l, struct err *e)
{
    size_t i;

    if (rows)
        par_rows_read(rows, n, a, &l->items, &l->n, &l->rep);
    for (i = 0; i < l->n; i++)
        if (l->items[i].depth == 1 && !isnan(l->items[i].max_points))
            l->st.max_points += l->items[i].max_points;
    if (l->rep.fatal)
        return 0;
    l->st.created_at = now;
    l->st.created_by = user;
    if (db_begin(db, DB_WRITE, e) < 0)
        return -1;
    if (par_structure_insert(db, &l->st, l->items, l->n, e) < 0 ||
        audit_append(db, now, user, "par.load",
                     arena_printf(a, "par_structure:%lld", (long long)l->st.id),
                     arena_printf(a, "%d %s: %zu items, %.2f points", l->st.year, l->st.name, l->n,
                                  l->st.max_points),
                     e) < 0 ||
        db_commit(db, e) < 0) {
        db_rollback(db);
        return -1;
    }
    l->stored = 1;
    return 0;
}

int par_load_document(struct db *db, struct arena *a, json_t *doc, int64_t now, int64_t user,
                      struct par_load *l, struct err *e)
{
    struct par_row *rows;
    size_t n;

    memset(l, 0, sizeof(*l));
    par_report_init(&l->rep, a);
    read_head(doc, l);
    rows = read_rows(doc, l, &n);
    return par_load_rows(db, a, rows, n, now, user, l, e);
}

int par_load_sheet(struct db *db, struct arena *a, json_t *head, const struct spreadsheet *sh,
                   int64_t now, int64_t user, struct par_load *l, struct err *e)
{
    int cols[PAR_COLS];
    size_t i, k, at = 0, n = 0;
    struct par_row *rows;
    int found = 0;

    memset(l, 0, sizeof(*l));
    par_report_init(&l->rep, a);
    read_head(head, l);
    /* the header: the first of the first 20 rows naming the code, name and maximum points */
    for (i = 0; i < sh->nrows && i < 20 && !found; i++) {
        for (k = 0; k < PAR_COLS; k++)
            cols[k] = -1;
        for (k = 0; k < sh->rows[i].ncells; k++) {
            int c = par_sheet_column(sh->rows[i].cells[k]);
            if (c >= 0 && cols[c] < 0)
                cols[c] = (int)k;
        }
        found = cols[PAR_COL_CODE] >= 0 && cols[PAR_COL_NAME] >= 0 && cols[PAR_COL_MAX_POINTS] >= 0;
        at = i;
    }
    if (!found) {
        par_report_add(&l->rep, 0, NULL, "items", 1,
                       "no header row names the code, the name and the maximum points (e.g. "
                       "'Mã', 'Tiêu chí', 'Điểm tối đa') in the first 20 rows");
        return par_load_rows(db, a, NULL, 0, now, user, l, e);
    }
    rows = arena_calloc(a, sh->nrows ? sh->nrows : 1, sizeof(*rows));
    for (i = at + 1; i < sh->nrows; i++) {
        struct par_row *row = &rows[n];

        row->line = sh->rows[i].line;
        for (k = 0; k < PAR_COLS; k++) {
            const char *c = cols[k] < 0 ? "" : spreadsheet_cell(&sh->rows[i], (size_t)cols[k]);
            row->cells[k] = *c ? c : NULL;
        }
        if (row->cells[PAR_COL_CODE] || row->cells[PAR_COL_NAME])
            n++;
    }
    return par_load_rows(db, a, rows, n, now, user, l, e);
}

json_t *par_report_json(struct arena *a, const struct par_load *l)
{
    json_t *problems = json_array();
    size_t i;

    for (i = 0; i < l->rep.n; i++) {
        const struct par_problem *p = &l->rep.p[i];
        json_array_append_new(problems,
                              json_pack("{s:s, s:i, s:o, s:b, s:s}", "path", par_problem_path(a, p),
                                        "line", p->line, "code", json_str(p->code), "fatal",
                                        p->fatal, "message", p->message));
    }
    return json_pack("{s:I, s:o, s:I, s:I, s:o}", "items", (json_int_t)l->n, "max_points",
                     par_points(l->st.max_points), "fatal", (json_int_t)l->rep.fatal, "warnings",
                     (json_int_t)(l->rep.n - l->rep.fatal), "problems", problems);
}
