/* The values and tables of printed documents. */
#include "api/sheet.h"

#include <stdio.h>
#include <string.h>

#include "core/date.h"

void sheet_put(struct sheet *s, const char *key, const char *value)
{
    struct doc_var *v = NULL;
    size_t i;

    for (i = 0; i < s->nvars && !v; i++)
        if (!strcmp(s->vars[i].key, key))
            v = &s->vars[i];
    if (!v) {
        v = arena_push(&s->r->arena, &s->vars, &s->nvars, &s->cap, sizeof(*v));
        v->key = key;
    }
    v->value = value ? value : "";
}

void sheet_put_time(struct sheet *s, const char *key, int64_t t)
{
    char *buf = arena_alloc(&s->r->arena, DATE_VN_MAX);
    date_format_vn(t, buf);
    sheet_put(s, key, buf);
}

void sheet_put_dmy(struct sheet *s, const char *key, int64_t t)
{
    char *buf = arena_alloc(&s->r->arena, DATE_ISO_MAX);
    date_format_dmy(t, buf);
    sheet_put(s, key, buf);
}

const char *sheet_upper(struct req *r, const char *text)
{
    struct strbuf sb = STRBUF_INIT;
    const char *out;

    doc_upper(text, &sb);
    out = arena_strdup(&r->arena, sb.buf);
    strbuf_release(&sb);
    return out;
}

/* The place in "…, ngày … tháng … năm …": the province or commune the root agency names. */
static const char *place_of(struct req *r, const char *root_name)
{
    static const char *const marks[] = {"tỉnh ", "thành phố ", "Tỉnh ", "Thành phố "};
    size_t i;

    for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
        const char *p = strstr(root_name, marks[i]);
        if (p)
            return arena_strdup(&r->arena, p + strlen(marks[i]));
    }
    return root_name;
}

/* The names and date every form's header shows. */
int sheet_put_agency(struct sheet *s, const struct agency *ag, struct err *e)
{
    struct req *r = s->r;
    struct agency parent, root;
    char root_id[16];

    snprintf(root_id, sizeof(root_id), "%.13s", ag->path);
    if (agency_get(r->db, &r->arena, root_id, &root, e) < 0)
        return -1;
    if (ag->parent && agency_get(r->db, &r->arena, ag->parent, &parent, e) < 0)
        return -1;
    sheet_put(s, "agency.name", ag->name);
    sheet_put(s, "agency.upper", sheet_upper(r, ag->name));
    sheet_put(s, "agency.parent_upper", ag->parent ? sheet_upper(r, parent.name) : "");
    sheet_put(s, "place", place_of(r, root.name));
    sheet_put_day(s, r->now);
    return 0;
}

void sheet_put_day(struct sheet *s, int64_t t)
{
    struct arena *a = &s->r->arena;
    int y, m, d;

    date_civil_from_days(date_local_day(t), &y, &m, &d);
    sheet_put(s, "today.d", arena_printf(a, "%02d", d));
    sheet_put(s, "today.m", arena_printf(a, "%02d", m));
    sheet_put(s, "today.y", arena_printf(a, "%04d", y));
}
