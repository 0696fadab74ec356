/*
 * The national procedure database's JSON read into import rows: an array of
 * procedures under upper-case names (docs/catalog-import.md, example in
 * docs/examples/catalog-national.json): MATTHC, TENTTHC, TRANGTHAI,
 * LINHVUCTHUCHIEN[{MALINHVUC, TENLINHVUC}], CAPTHUCHIEN[{CAPTHUCHIEN}],
 * COQUANTHUCHIEN[{MADONVI, TENDONVI}], CACHTHUCTHUCHIEN[{KENH, THOIGIAN[{
 * THOIGIANGIAIQUYET, DONVITINH, PHILEPHI[{MAPHILEPHI, SOTIEN, MOTA}]}]}],
 * THANHPHANHOSO[{TRUONGHOP, GIAYTO[{TENGIAYTO, SOBANCHINH, SOBANSAO}]}],
 * CANCUPHAPLY[{SOVANBAN, TENVANBAN}], KETQUATHUCHIEN[{TENKETQUA}].
 */
#include "api/catalog_rows.h"
#include "core/components.h"
#include "core/fold.h"
#include "lib/strbuf.h"

#include <stdlib.h>
#include <string.h>

#define COMPONENTS_MAX 50

/* A value's text: a string trimmed, a number written out; "" otherwise. */
static const char *text_of(struct arena *a, json_t *v)
{
    const char *s;
    size_t n;

    if (json_is_integer(v))
        return arena_printf(a, "%lld", (long long)json_integer_value(v));
    if (json_is_real(v))
        return arena_printf(a, "%g", json_real_value(v));
    if (!json_is_string(v))
        return "";
    s = json_string_value(v);
    while (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
        s++;
    n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r'))
        n--;
    return arena_strndup(a, s, n);
}

/* The key of the first object of an array (or of the object itself), or of a string itself. */
static const char *first_of(struct arena *a, json_t *obj, const char *list, const char *key)
{
    json_t *v = json_object_get(obj, list);

    if (json_is_array(v))
        v = json_array_get(v, 0);
    if (json_is_object(v))
        return text_of(a, json_object_get(v, key));
    return text_of(a, v);
}

static int number_of(struct arena *a, json_t *v)
{
    const char *s = text_of(a, v);

    return *s ? atoi(s) : 0;
}

/* Whether TRANGTHAI says the procedure is no longer in force. */
static int repealed(struct arena *a, json_t *v)
{
    const char *s = text_of(a, v);
    char *f;

    if (!*s || !strcmp(s, "1"))
        return 0;
    f = arena_alloc(a, strlen(s) + 1);
    fold_text(s, strlen(s), f);
    return !strcmp(f, "0") || strstr(f, "bai bo") || strstr(f, "het hieu luc");
}

/* CACHTHUCTHUCHIEN: the time and fees of the direct channel (KENH 1), else of the first. */
static void read_ways(struct arena *a, json_t *item, struct catalog_row *x)
{
    json_t *ways = json_object_get(item, "CACHTHUCTHUCHIEN"), *way = NULL, *w, *time, *fees, *fee;
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    json_array_foreach(ways, i, w)
    {
        if (json_is_object(w) && number_of(a, json_object_get(w, "KENH")) == 1 && !way)
            way = w;
    }
    if (!way && json_is_object(json_array_get(ways, 0)))
        way = json_array_get(ways, 0);
    time = way ? json_array_get(json_object_get(way, "THOIGIAN"), 0) : NULL;
    if (!json_is_object(time)) {
        catalog_row_reject(x, "CACHTHUCTHUCHIEN", "no processing time (THOIGIAN)");
        return;
    }
    catalog_row_time(a, x, "THOIGIAN",
                     arena_printf(a, "%s %s",
                                  text_of(a, json_object_get(time, "THOIGIANGIAIQUYET")),
                                  text_of(a, json_object_get(time, "DONVITINH"))));
    fees = json_object_get(time, "PHILEPHI");
    if (!json_is_array(fees))
        return;
    /* each fee as an annex writes it, so that amounts are read alike */
    json_array_foreach(fees, i, fee)
    {
        const char *amount = text_of(a, json_object_get(fee, "SOTIEN"));
        const char *what = text_of(a, json_object_get(fee, "MOTA"));

        if (!*amount)
            continue;
        strbuf_addf(&sb, "%s%s: %s đồng", sb.len ? "; " : "", *what ? what : "Lệ phí", amount);
    }
    catalog_row_fees(a, x, "PHILEPHI", sb.buf);
    strbuf_release(&sb);
}

/* THANHPHANHOSO: the components of the first case (TRUONGHOP). */
static void read_components(struct arena *a, json_t *item, struct catalog_row *x)
{
    json_t *cases = json_object_get(item, "THANHPHANHOSO"), *docs, *d;
    size_t i;

    if (!json_is_array(cases))
        return;
    x->has_components = 1;
    docs = json_object_get(json_array_get(cases, 0), "GIAYTO");
    x->p.components = arena_calloc(a, COMPONENTS_MAX, sizeof(*x->p.components));
    if (json_array_size(cases) > 1)
        catalog_row_warn(a, x,
                         arena_printf(a, "the components of the first of %zu cases were read",
                                      json_array_size(cases)));
    json_array_foreach(docs, i, d)
    {
        struct procedure_component *c = &x->p.components[x->p.ncomponents];
        const char *name = text_of(a, json_object_get(d, "TENGIAYTO"));
        int originals = number_of(a, json_object_get(d, "SOBANCHINH"));
        int copies = number_of(a, json_object_get(d, "SOBANSAO"));

        if (!*name)
            continue;
        if (x->p.ncomponents == COMPONENTS_MAX || utf8_length(name) > 500) {
            catalog_row_reject(x, "THANHPHANHOSO",
                               "at most 50 components, each named in at most 500 characters");
            return;
        }
        c->name = name;
        c->kind = originals > 0 || copies <= 0 ? "original" : "copy";
        c->count = originals > 0 ? originals : copies > 0 ? copies : 1;
        c->count = c->count > 20 ? 20 : c->count;
        c->requirement = COMPONENT_REQUIRED;
        x->p.ncomponents++;
    }
}

/* CANCUPHAPLY: one line per document, its number and its name. */
static void read_legal(struct arena *a, json_t *item, struct catalog_row *x)
{
    json_t *list = json_object_get(item, "CANCUPHAPLY"), *d;
    struct strbuf sb = STRBUF_INIT;
    size_t i;

    if (!list)
        return;
    x->has_legal = 1;
    if (json_is_string(list)) {
        x->p.legal_basis = *text_of(a, list) ? text_of(a, list) : NULL;
        return;
    }
    json_array_foreach(list, i, d)
    {
        const char *no = text_of(a, json_object_get(d, "SOVANBAN"));
        const char *title = text_of(a, json_object_get(d, "TENVANBAN"));

        if (*no || *title)
            strbuf_addf(&sb, "%s%s%s%s", sb.len ? "\n" : "", no, *no && *title ? " " : "", title);
    }
    x->p.legal_basis = sb.len ? arena_strdup(a, sb.buf) : NULL;
    strbuf_release(&sb);
    if (x->p.legal_basis && utf8_length(x->p.legal_basis) > 5000)
        catalog_row_reject(x, "CANCUPHAPLY", "the legal basis has at most 5,000 characters");
}

static void read_item(struct arena *a, json_t *item, size_t i, struct catalog_row *x)
{
    const char *code, *name, *s;

    memset(x, 0, sizeof(*x));
    x->line = (int)i + 1;
    x->p.online_duration_days = -1;
    if (!json_is_object(item)) {
        catalog_row_reject(x, "item", "not an object");
        return;
    }
    code = text_of(a, json_object_get(item, "MATTHC"));
    if (!*code)
        code = text_of(a, json_object_get(item, "MaTTHC"));
    name = text_of(a, json_object_get(item, "TENTTHC"));
    x->p.code = code;
    x->p.name = *name ? name : NULL;
    x->section = repealed(a, json_object_get(item, "TRANGTHAI")) ? CSEC_REPEALED : CSEC_NONE;
    if (!*code || strlen(code) > 40 ||
        strspn(code, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-") !=
            strlen(code))
        catalog_row_reject(x, "MATTHC", "no national code, or not one (e.g. 1.001234)");
    if (x->section == CSEC_REPEALED)
        return;
    if (!*name || utf8_length(name) > 500)
        catalog_row_reject(x, "TENTTHC", "no name, or longer than 500 characters");
    s = first_of(a, item, "LINHVUCTHUCHIEN", "TENLINHVUC");
    x->p.field = *s ? s : NULL;
    if (!x->p.field || utf8_length(s) > 200)
        catalog_row_reject(x, "LINHVUCTHUCHIEN", "no field (TENLINHVUC), or longer than 200");
    s = first_of(a, item, "LINHVUCTHUCHIEN", "MALINHVUC");
    x->p.field_code = *s && strlen(s) <= 40 ? s : NULL;
    s = first_of(a, item, "CAPTHUCHIEN", "CAPTHUCHIEN");
    if (!*s)
        s = first_of(a, item, "CAPTHUCHIEN", "TENCAP");
    x->level_hint = *s ? catalog_level_named(s) : NULL;
    x->agency_text = first_of(a, item, "COQUANTHUCHIEN", "TENDONVI");
    x->agency_code = first_of(a, item, "COQUANTHUCHIEN", "MADONVI");
    s = first_of(a, item, "KETQUATHUCHIEN", "TENKETQUA");
    if (json_object_get(item, "KETQUATHUCHIEN")) {
        x->has_result = 1;
        x->p.result_name = *s && utf8_length(s) <= 500 ? s : NULL;
    }
    read_ways(a, item, x);
    read_components(a, item, x);
    read_legal(a, item, x);
}

int catalog_rows_json(struct arena *a, json_t *doc, struct catalog_row **out, size_t *n,
                      struct err *e)
{
    json_t *list = doc, *item;
    size_t i;

    if (json_is_object(doc))
        list = json_object_get(doc, "result") ? json_object_get(doc, "result")
                                              : json_object_get(doc, "data");
    if (!json_is_array(list))
        return err_field(e, "file",
                         "the JSON holds no array of procedures (at its top, or under result or "
                         "data)");
    if (json_array_size(list) > 100000)
        return err_field(e, "file", "at most 100,000 procedures in one file");
    *out = arena_calloc(a, json_array_size(list) + 1, sizeof(**out));
    *n = 0;
    json_array_foreach(list, i, item) read_item(a, item, i, &(*out)[(*n)++]);
    return 0;
}
