/* The rules of form templates: known forms, blocks, keys and sources; bounds of every number. */
#include "core/formtpl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "lib/json.h"

#define PATH_MAX_LEN 64

const char *const formtpl_requires[] = {"received", "supplement", "refused",
                                        "apology",  "stopped",    NULL};

static const char *const forms[] = {"01", "02", "03", "04", "05", "06", "07", NULL};

static const struct formtpl_source dossier_sources[] = {{"components", 4}, {"control", 4}};
static const struct formtpl_source register_sources[] = {{"register", 13}};

static const char *const block_types[] = {"header",     "title", "text",  "table",
                                          "signatures", "qr",    "space", NULL};
static const char *const aligns[] = {"left", "center", "right", "justify", NULL};
static const char *const column_aligns[] = {"left", "center", "right", NULL};
static const char *const styles[] = {"bold", "italic", "bold italic", "italic bold", NULL};
static const char *const orientations[] = {"portrait", "landscape", NULL};

/* The keys of each block type, the same order as block_types. */
static const char *const keys_header[] = {"type", "parent", "agency", "number", "date", NULL};
static const char *const keys_title[] = {"type", "text", "size", NULL};
static const char *const keys_text[] = {"type",   "text",  "align", "style",
                                        "indent", "after", "size",  NULL};
static const char *const keys_table[] = {"type",  "source", "columns", "size",
                                         "after", "empty",  NULL};
static const char *const keys_signatures[] = {"type", "columns", NULL};
static const char *const keys_qr[] = {"type", "caption", "size", NULL};
static const char *const keys_space[] = {"type", "height", NULL};
static const char *const *const block_keys[] = {keys_header,     keys_title, keys_text, keys_table,
                                                keys_signatures, keys_qr,    keys_space};

static const char *const keys_column[] = {"title", "width", "align", NULL};
static const char *const keys_signer[] = {"title", "note", "name", NULL};

/* A field's path into out (PATH_MAX_LEN bytes): "blocks[3]" + ".size". */
static const char *pathf(char *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static const char *pathf(char *out, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(out, PATH_MAX_LEN, fmt, ap);
    va_end(ap);
    return out;
}

int formtpl_form_known(const char *form)
{
    size_t i;

    for (i = 0; form && forms[i]; i++)
        if (!strcmp(form, forms[i]))
            return 1;
    return 0;
}

const struct formtpl_source *formtpl_sources(const char *form, size_t *n)
{
    if (form && !strcmp(form, "06")) {
        *n = sizeof(register_sources) / sizeof(register_sources[0]);
        return register_sources;
    }
    *n = sizeof(dossier_sources) / sizeof(dossier_sources[0]);
    return dossier_sources;
}

/* A string member that must be one of choices, if present. */
static void choice(json_t *obj, const char *prefix, const char *key, const char *const *choices,
                   struct err *e)
{
    const char *s = jv_string(obj, prefix, key, 0, 40, e);

    if (s)
        jv_choice(s, choices, prefix, key, e);
}

static void font_size(json_t *obj, const char *prefix, const char *key, struct err *e)
{
    double d;

    jv_number(obj, prefix, key, 0, FORMTPL_FONT_MIN, FORMTPL_FONT_MAX, &d, e);
}

static void length(json_t *obj, const char *prefix, const char *key, double max, struct err *e)
{
    double d;

    jv_number(obj, prefix, key, 0, 0, max, &d, e);
}

static void table_columns(json_t *block, const char *path, const struct formtpl_source *src,
                          struct err *e)
{
    json_t *cols = jv_typed(block, path, "columns", JSON_ARRAY, JV_REQUIRED, e), *col;
    char at[PATH_MAX_LEN];
    size_t i, max = src ? src->ncols : 0;

    if (!cols)
        return;
    if (!json_array_size(cols) || (src && json_array_size(cols) > max)) {
        pathf(at, "%s.columns", path);
        err_field(e, at, "must hold 1 to %zu columns (those of the source)", max ? max : 1);
        return;
    }
    json_array_foreach(cols, i, col)
    {
        double w;

        pathf(at, "%s.columns[%zu]", path, i);
        if (!json_is_object(col)) {
            err_field(e, at, "must be an object");
            continue;
        }
        jv_known(col, at, keys_column, e);
        jv_string(col, at, "title", JV_MULTILINE, 200, e);
        if (jv_number(col, at, "width", 0, 0, 100, &w, e) == 1 && w <= 0) {
            char wp[PATH_MAX_LEN];
            pathf(wp, "%s.width", at);
            err_field(e, wp, "must be more than 0");
        }
        choice(col, at, "align", column_aligns, e);
    }
}

static void table_block(json_t *block, const char *path, const char *form, struct err *e)
{
    const char *name = jv_string(block, path, "source", JV_REQUIRED, 40, e);
    const struct formtpl_source *src = NULL, *list;
    size_t n, i;

    list = formtpl_sources(form, &n);
    for (i = 0; name && i < n; i++)
        if (!strcmp(name, list[i].name))
            src = &list[i];
    if (name && !src) {
        char at[PATH_MAX_LEN];
        pathf(at, "%s.source", path);
        err_field(e, at, "form %s has no table \"%s\" (it has: %s%s%s)", form, name, list[0].name,
                  n > 1 ? ", " : "", n > 1 ? list[1].name : "");
    }
    table_columns(block, path, src, e);
    font_size(block, path, "size", e);
    length(block, path, "after", 200, e);
    jv_string(block, path, "empty", 0, 200, e);
}

static void signatures_block(json_t *block, const char *path, struct err *e)
{
    json_t *cols = jv_typed(block, path, "columns", JSON_ARRAY, JV_REQUIRED, e), *col;
    char at[PATH_MAX_LEN];
    size_t i;

    if (!cols)
        return;
    if (!json_array_size(cols) || json_array_size(cols) > FORMTPL_SIGNERS_MAX) {
        pathf(at, "%s.columns", path);
        err_field(e, at, "must hold 1 to %d signers", FORMTPL_SIGNERS_MAX);
        return;
    }
    json_array_foreach(cols, i, col)
    {
        pathf(at, "%s.columns[%zu]", path, i);
        if (!json_is_object(col)) {
            err_field(e, at, "must be an object");
            continue;
        }
        jv_known(col, at, keys_signer, e);
        jv_string(col, at, "title", 0, 200, e);
        jv_string(col, at, "note", 0, 200, e);
        jv_string(col, at, "name", 0, 200, e);
    }
}

/* One block at blocks[i]; counts the tables. */
static void check_block(json_t *block, size_t i, const char *form, size_t *tables, struct err *e)
{
    char path[PATH_MAX_LEN];
    const char *type;
    int t;

    pathf(path, "blocks[%zu]", i);
    if (!json_is_object(block)) {
        err_field(e, path, "must be an object with a type");
        return;
    }
    if (!(type = jv_string(block, path, "type", JV_REQUIRED, 20, e)) ||
        (t = jv_choice(type, block_types, path, "type", e)) < 0)
        return;
    jv_known(block, path, block_keys[t], e);
    if (!strcmp(type, "header")) {
        jv_string(block, path, "parent", 0, 300, e);
        jv_string(block, path, "agency", 0, 300, e);
        jv_string(block, path, "number", 0, 300, e);
        jv_string(block, path, "date", 0, 300, e);
    } else if (!strcmp(type, "title")) {
        jv_string(block, path, "text", JV_MULTILINE, 500, e);
        font_size(block, path, "size", e);
    } else if (!strcmp(type, "text")) {
        jv_string(block, path, "text", JV_MULTILINE, FORMTPL_TEXT_MAX, e);
        choice(block, path, "align", aligns, e);
        choice(block, path, "style", styles, e);
        font_size(block, path, "size", e);
        length(block, path, "indent", 200, e);
        length(block, path, "after", 200, e);
    } else if (!strcmp(type, "table")) {
        if (++*tables > FORMTPL_TABLES_MAX)
            err_field(e, path, "a template holds at most %d tables", FORMTPL_TABLES_MAX);
        table_block(block, path, form, e);
    } else if (!strcmp(type, "signatures")) {
        signatures_block(block, path, e);
    } else if (!strcmp(type, "qr")) {
        double size;
        jv_string(block, path, "caption", 0, 500, e);
        jv_number(block, path, "size", 0, 36, 200, &size, e);
    } else {
        length(block, path, "height", 400, e);
    }
}

int formtpl_check(json_t *tpl, const char *form, struct err *e)
{
    static const char *const keys[] = {"title",     "requires", "reference", "orientation",
                                       "font_size", "blocks",   NULL};
    json_t *blocks, *block;
    const char *requires;
    size_t i, tables = 0;

    if (!formtpl_form_known(form))
        err_field(e, "form", "must be one of the numbered forms 01 to 07, not \"%s\"",
                  form ? form : "");
    jv_known(tpl, NULL, keys, e);
    jv_string(tpl, NULL, "title", JV_REQUIRED, 300, e);
    jv_string(tpl, NULL, "reference", 0, 300, e);
    if ((requires = jv_string(tpl, NULL, "requires", JV_NULLABLE, 20, e)))
        jv_choice(requires, formtpl_requires, NULL, "requires", e);
    choice(tpl, NULL, "orientation", orientations, e);
    font_size(tpl, NULL, "font_size", e);
    if ((blocks = jv_typed(tpl, NULL, "blocks", JSON_ARRAY, JV_REQUIRED, e))) {
        size_t bytes = json_dumpb(blocks, NULL, 0, JSON_COMPACT);
        if (json_array_size(blocks) > FORMTPL_BLOCKS_MAX)
            err_field(e, "blocks", "must hold at most %d blocks, not %zu", FORMTPL_BLOCKS_MAX,
                      json_array_size(blocks));
        else if (bytes > FORMTPL_JSON_MAX)
            err_field(e, "blocks", "must take at most %d bytes, not %zu", FORMTPL_JSON_MAX, bytes);
        else
            json_array_foreach(blocks, i, block) check_block(block, i, form, &tables, e);
    }
    return e->http ? -1 : 0;
}
