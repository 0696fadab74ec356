/*
 * Printable forms: GET /api/v1/dossiers/{code}/forms/{form}.pdf, the dossier
 * register of a unit (form 06) as PDF and XLSX, and the templates themselves.
 * Which set of forms a dossier gets is its receiving agency's `form_set`; what
 * a form needs is in its template ("requires"), so a new circular's forms are
 * data, not code.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/sheet.h"
#include "api/views.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/formtpl.h"
#include "core/roles.h"
#include "core/workflow.h"
#include "docs/pdf.h"
#include "docs/xlsx.h"
#include "lib/json.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/dossiers.h"
#include "store/forms.h"
#include "store/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REGISTER_MAX 20000

static const char *kind_label(const char *kind)
{
    if (!strcmp(kind, "certified"))
        return "Bản sao có chứng thực";
    if (!strcmp(kind, "copy"))
        return "Bản sao, bản chụp";
    return "Bản chính";
}

static const char *actor_of(const struct dossier_event *ev, size_t n, const char *action)
{
    const struct dossier_event *x = dossier_last_event(ev, n, action);
    return x ? x->actor_name : NULL;
}

/*
 * The day a form is dated: that of the event it records (the receipt, the
 * last supplement request, the refusal, the apology, the stop), not the day
 * it is printed. The control sheet, opened at receipt, is dated then.
 */
static int64_t form_day(const struct dossier *d, const char *requires,
                        const struct dossier_event *ev, size_t n, int64_t now)
{
    const struct dossier_event *x;

    if (!requires)
        return now;
    if (!strcmp(requires, "received"))
        return d->received_at;
    if (!strcmp(requires, "supplement"))
        return (x = dossier_last_event(ev, n, "request-supplement")) ? x->at : now;
    if (!strcmp(requires, "apology"))
        return d->apology_at;
    return d->closed_at ? d->closed_at : now; /* refused, stopped */
}

/*
 * The appointment written on the receipt when it was issued, at the counter,
 * on acceptance, or when a supplement asked at submission came (an apology or
 * a pause moves the dossier's later).
 */
static int64_t receipt_due(const struct dossier *d, const struct dossier_event *ev, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (ev[i].to_status == DOSSIER_RECEIVED && ev[i].step_due_at)
            return ev[i].step_due_at;
    return d->original_due_at;
}

/*
 * Form 05's rows: every event of the dossier's life. A handover between units,
 * the result coming back to the desk and going to the applicant show both
 * units, both persons and the mark; the others (receipt, supplement requested
 * and received, payment, apology, refusal, stop, ...) the unit and who acted.
 */
static void control_rows(struct sheet *s, const struct dossier *d, const struct dossier_event *ev,
                         size_t n)
{
    static const char *const marks[] = {"", "Trước hạn", "Đúng hạn", "Quá hạn"};
    struct doc_table *t = &s->tables[s->ntables++];
    struct arena *a = &s->r->arena;
    const char **cells = arena_calloc(a, n * 4 + 1, sizeof(*cells));
    size_t i, k, rows = 0;

    for (i = 0; i < n; i++) {
        char given[DATE_VN_MAX], taken[DATE_VN_MAX] = "";
        const char *receiver = NULL, *to_name = ev[i].to_unit_name;
        int mark = 0;

        if (!strcmp(ev[i].action, "finish"))
            to_name = d->agency_name; /* the result goes back to the desk */
        else if (!strcmp(ev[i].action, "return"))
            to_name = "Tổ chức, cá nhân";
        for (k = i + 1; ev[i].to_unit && k < n && !receiver; k++)
            if (ev[k].unit && !strcmp(ev[k].unit, ev[i].to_unit)) {
                receiver = ev[k].actor_name;
                date_format_vn(ev[k].at, taken);
            }
        date_format_vn(ev[i].at, given);
        if (ev[i].timeliness)
            mark = !strcmp(ev[i].timeliness, "early")     ? 1
                   : !strcmp(ev[i].timeliness, "on_time") ? 2
                                                          : 3;
        cells[rows * 4] = to_name ? arena_printf(a, "Giao: %s\nNhận: %s",
                                                 ev[i].unit_name ? ev[i].unit_name : "", to_name)
                                  : (ev[i].unit_name ? ev[i].unit_name : "");
        cells[rows * 4 + 1] =
            arena_printf(a, "%s: %s\n%s%s%s", event_label(ev[i].action), given,
                         !ev[i].actor_name ? ""
                         : to_name         ? "Người giao: "
                                           : "Người thực hiện: ",
                         ev[i].actor_name ? ev[i].actor_name : "",
                         receiver ? arena_printf(a, "\nNgười nhận: %s, %s", receiver, taken) : "");
        cells[rows * 4 + 2] = marks[mark];
        cells[rows * 4 + 3] = ev[i].note ? ev[i].note : "";
        rows++;
    }
    *t = (struct doc_table){"control", 4, rows, cells};
}

/* Everything the dossier form `form` (which requires `requires`) shows. */
static int fill_dossier(struct sheet *s, const struct dossier *d, const struct agency *ag,
                        const char *form, const char *requires, struct err *e)
{
    struct req *r = s->r;
    struct dossier_event *ev;
    struct dossier *children;
    struct user receiver;
    struct strbuf sb = STRBUF_INIT;
    size_t n, nchildren, i;
    json_t *sup;

    if (sheet_put_agency(s, ag, e) < 0 || dossier_events(r->db, &r->arena, d->id, &ev, &n, e) < 0 ||
        dossier_children(r->db, &r->arena, d->id, &children, &nchildren, e) < 0)
        return -1;
    sheet_put(s, "code", d->code);
    sheet_put(s, "applicant.name", d->applicant_name);
    sheet_put(s, "applicant.id_number", d->applicant_id_number);
    sheet_put(s, "applicant.address", d->applicant_address);
    sheet_put(s, "applicant.phone", d->applicant_phone);
    sheet_put(s, "applicant.email", d->applicant_email);
    sheet_put(s, "procedure.name", d->procedure_name);
    sheet_put(s, "procedure.code", d->procedure_code);
    sheet_put(s, "summary", d->summary);
    sheet_put(s, "sets", arena_printf(&r->arena, "%02d", d->sets));
    sheet_put(s, "duration",
              arena_printf(&r->arena, "%g ngày %s", d->duration_days,
                           strcmp(d->duration_kind, "calendar") ? "làm việc" : ""));
    sheet_put_time(s, "received.text", d->received_at);
    sheet_put_dmy(s, "received.date", d->received_at);
    sheet_put_time(s, "due.text", strcmp(form, "01") ? d->due_at : receipt_due(d, ev, n));
    sheet_put_day(s, form_day(d, requires, ev, n, r->now));
    sheet_put(s, "return_place",
              ag->address ? arena_printf(&r->arena, "%s, %s", ag->name, ag->address) : ag->name);
    sheet_put(s, "register.number", strrchr(d->code, '-') + 1);
    if (d->received_by && user_by_id(r->db, &r->arena, d->received_by, &receiver, e) == 0)
        sheet_put(s, "receiver.name", *receiver.full_name ? receiver.full_name : receiver.username);
    err_clear(e);
    sup = d->supplement_request ? json_loads(d->supplement_request, 0, NULL) : NULL;
    if (sup) {
        json_t *item;
        json_array_foreach(json_object_get(sup, "items"), i, item)
            strbuf_addf(&sb, "%s%zu. %s", i ? "\n" : "", i + 1, json_string_value(item));
        sheet_put(s, "supplement.items", arena_strdup(&r->arena, sb.buf));
        sheet_put(s, "supplement.reason",
                  arena_strdup(&r->arena, json_string_value(json_object_get(sup, "reason"))
                                              ? json_string_value(json_object_get(sup, "reason"))
                                              : ""));
        json_decref(sup);
    }
    sheet_put(s, "supplement.officer", actor_of(ev, n, "request-supplement"));
    sheet_put(s, "refusal.reason", d->status == DOSSIER_REFUSED ? d->close_reason : NULL);
    sheet_put(s, "refusal.officer", actor_of(ev, n, "refuse"));
    sheet_put(s, "apology.reason", d->apology_reason);
    sheet_put_time(s, "apology.previous_due", d->apology_previous_due_at);
    sheet_put_time(s, "apology.new_due", d->apology_at ? d->due_at : 0);
    sheet_put(s, "apology.signer", actor_of(ev, n, "apologize"));
    sheet_put(s, "stop.reason", d->status == DOSSIER_STOPPED ? d->close_reason : NULL);
    sheet_put_time(s, "stop.date", d->status == DOSSIER_STOPPED ? d->closed_at : 0);
    sheet_put(s, "stop.signer", actor_of(ev, n, "stop"));
    strbuf_reset(&sb);
    for (i = 0; i < nchildren; i++)
        strbuf_addf(&sb, "%s%s (%s)", i ? "; " : "", children[i].agency, children[i].code);
    sheet_put(s, "consulted_units", arena_strdup(&r->arena, sb.buf));
    strbuf_release(&sb);
    {
        struct agency unit;
        const char *id = d->current_unit ? d->current_unit : d->agency;
        sheet_put(s, "processing_unit",
                  agency_get(r->db, &r->arena, id, &unit, e) == 0 ? unit.name : ag->name);
        err_clear(e);
    }
    {
        struct doc_table *t = &s->tables[s->ntables++];
        const char **cells = arena_calloc(&r->arena, d->ncomponents * 4 + 1, sizeof(*cells));
        for (i = 0; i < d->ncomponents; i++) {
            cells[i * 4] = arena_printf(&r->arena, "%zu", i + 1);
            cells[i * 4 + 1] = d->components[i].name;
            cells[i * 4 + 2] = kind_label(d->components[i].kind);
            cells[i * 4 + 3] = arena_printf(&r->arena, "%02d", d->components[i].count);
        }
        *t = (struct doc_table){"components", 4, d->ncomponents, cells};
    }
    control_rows(s, d, ev, n);
    return 0;
}

/* Whether the dossier has reached the state a form speaks of. */
static int meets(const struct dossier *d, const char *requires)
{
    if (!requires)
        return 1;
    if (!strcmp(requires, "received"))
        return d->received_at != 0;
    if (!strcmp(requires, "supplement"))
        return d->supplement_request != NULL;
    if (!strcmp(requires, "refused"))
        return d->status == DOSSIER_REFUSED;
    if (!strcmp(requires, "apology"))
        return d->apology_at != 0;
    if (!strcmp(requires, "stopped"))
        return d->status == DOSSIER_STOPPED;
    return 0;
}

static int send_pdf(struct req *r, struct form_template *t, struct sheet *s, const char *qr,
                    const char *filename, struct err *e)
{
    struct doc_data data = {s->vars, s->nvars, s->tables, s->ntables, qr};
    struct strbuf pdf = STRBUF_INIT;
    int rc = doc_render_pdf(t->json, &data, &pdf, e);

    if (rc == 0) {
        resp_body(r, 200, "application/pdf", pdf.buf, pdf.len);
        resp_header(r, "Content-Disposition",
                    arena_printf(&r->arena, "inline; filename=\"%s\"", filename));
    }
    strbuf_release(&pdf);
    return rc;
}

int forms_dossier(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct form_template t;
    struct sheet s = {r, NULL, 0, 0, {{0}}, 0};
    struct dossier d;
    struct agency ag;
    json_t *tpl;
    const char *name = r->params[1], *dot = strrchr(name, '.'), *requires;
    char *form;
    int full, ok;

    if (!dot || strcmp(dot, ".pdf"))
        return err_set(e, 404, "not_found", "forms are served as PDF: %s.pdf", name);
    form = arena_strndup(&r->arena, name, (size_t)(dot - name));
    if (!dossier_code_valid(r->params[0]))
        return err_set(e, 404, "not_found", "%s is not a dossier code", r->params[0]);
    if (dossier_by_code(r->db, &r->arena, r->params[0], &d, e) < 0 ||
        dossier_access(r, &d, &full, e) < 0 || agency_get(r->db, &r->arena, d.agency, &ag, e) < 0 ||
        form_get(r->db, &r->arena, ag.form_set, form, &t, e) < 0)
        return -1;
    tpl = json_loads(t.json, 0, NULL);
    requires = json_string_value(json_object_get(tpl, "requires"));
    requires = requires ? arena_strdup(&r->arena, requires) : NULL; /* tpl is freed below */
    ok = json_is_object(tpl) && meets(&d, requires) && strcmp(form, "06");
    json_decref(tpl);
    if (!ok)
        return err_set(e, 409, "form_not_applicable",
                       "form %s (%s) does not apply to dossier %s in status %s", form, t.title,
                       d.code, dossier_status_name(d.status));
    if (fill_dossier(&s, dossier_shown(r, &d, full), &ag, form, requires, e) < 0)
        return -1;
    return send_pdf(
        r, &t, &s,
        arena_printf(&r->arena, "%s/?code=%s", app->public_url ? app->public_url : "", d.code),
        arena_printf(&r->arena, "%s-mau-%s.pdf", d.code, form), e);
}

/* The register's period: from and to (dates, inclusive); the current month by default. */
static int period(struct req *r, int64_t *from, int64_t *to, struct err *e)
{
    const char *f = req_query(r, "from"), *t = req_query(r, "to");
    int64_t day;
    int y, m, d;

    date_civil_from_days(date_local_day(r->now), &y, &m, &d);
    *from = date_utc_of_local(date_days_from_civil(y, m, 1), 0);
    *to = date_utc_of_local(date_local_day(r->now) + 1, 0);
    if (f) {
        if (date_parse_ymd(f, &day) < 0)
            return err_set(e, 400, "invalid_query", "from must be a date YYYY-MM-DD");
        *from = date_utc_of_local(day, 0);
    }
    if (t) {
        if (date_parse_ymd(t, &day) < 0)
            return err_set(e, 400, "invalid_query", "to must be a date YYYY-MM-DD");
        *to = date_utc_of_local(day + 1, 0);
    }
    if (*to <= *from)
        return err_set(e, 400, "invalid_query", "the period must end after it begins");
    return 0;
}

static const struct xlsx_column register_columns[] = {
    {"STT", 6, 1},
    {"Mã hồ sơ", 28, 0},
    {"Tên thủ tục hành chính", 40, 0},
    {"Số lượng hồ sơ (bộ)", 10, 1},
    {"Tên cá nhân, tổ chức", 26, 0},
    {"Địa chỉ, số điện thoại", 30, 0},
    {"Cơ quan chủ trì giải quyết", 26, 0},
    {"Ngày, giờ nhận hồ sơ", 18, 0},
    {"Ngày, giờ hẹn trả kết quả", 18, 0},
    {"Chuyển hồ sơ đến cơ quan giải quyết", 18, 0},
    {"Nhận kết quả từ cơ quan giải quyết", 18, 0},
    {"Trả kết quả (ngày, giờ)", 18, 0},
    {"Ghi chú", 24, 0},
};
#define REGISTER_COLS (sizeof(register_columns) / sizeof(register_columns[0]))
/* The same columns' keys in register.json, in order. */
static const char *const register_keys[REGISTER_COLS] = {"no",
                                                         "code",
                                                         "procedure",
                                                         "sets",
                                                         "applicant",
                                                         "address_phone",
                                                         "lead_agency",
                                                         "received",
                                                         "due",
                                                         "sent_to_processing",
                                                         "result_from_agency",
                                                         "returned",
                                                         "note"};

/* The register as the page lists it: each row's printed cells under the keys above. */
static int send_register_json(struct req *r, const struct agency *ag, const struct sheet *s,
                              int64_t from, int64_t to)
{
    const struct doc_table *tb = &s->tables[0];
    char f[DATE_ISO_MAX], l[DATE_ISO_MAX];
    json_t *items = json_array();
    size_t i, c;

    for (i = 0; i < tb->nrows; i++) {
        json_t *row = json_object();
        for (c = 0; c < REGISTER_COLS; c++)
            json_object_set_new(row, register_keys[c],
                                json_string(tb->cells[i * REGISTER_COLS + c]));
        json_array_append_new(items, row);
    }
    date_format_local(from, f);
    date_format_local(to - 1, l);
    return resp_json(r, 200,
                     json_pack("{s:{s:s, s:s}, s:s%, s:s%, s:I, s:o}", "agency", "id", ag->id,
                               "name", ag->name, "from", f, (size_t)10, "to", l, (size_t)10,
                               "count", (json_int_t)tb->nrows, "items", items));
}

static const char *short_time(struct req *r, int64_t t)
{
    char buf[DATE_ISO_MAX];

    if (!t)
        return "";
    date_format_local(t, buf);
    return arena_printf(&r->arena, "%.2s/%.2s/%.4s %.5s", buf + 8, buf + 5, buf, buf + 11);
}

/* The register of a unit (and its subtree) for a period, as sheet values and a table. */
static int fill_register(struct sheet *s, const struct agency *ag, int64_t from, int64_t to,
                         struct err *e)
{
    struct req *r = s->r;
    struct register_row *rows;
    char f[DATE_ISO_MAX], t[DATE_ISO_MAX];
    const char **cells;
    size_t n, i;

    if (sheet_put_agency(s, ag, e) < 0 ||
        dossier_register(r->db, &r->arena, ag->path, from, to, REGISTER_MAX, &rows, &n, e) < 0)
        return -1;
    date_format_dmy(from, f);
    date_format_dmy(to - 1, t);
    sheet_put(s, "period.from", arena_strdup(&r->arena, f));
    sheet_put(s, "period.to", arena_strdup(&r->arena, t));
    sheet_put(s, "register.count", arena_printf(&r->arena, "%zu", n));
    cells = arena_calloc(&r->arena, n * REGISTER_COLS + 1, sizeof(*cells));
    for (i = 0; i < n; i++) {
        const char **c = cells + i * REGISTER_COLS;
        register_row_shown(r, &rows[i],
                           personal_ok(req_user(r), rows[i].submitted_by, rows[i].agency_path,
                                       rows[i].current_unit_path));
        c[0] = arena_printf(&r->arena, "%zu", i + 1);
        c[1] = rows[i].code;
        c[2] = rows[i].procedure;
        c[3] = arena_printf(&r->arena, "%d", rows[i].sets);
        c[4] = rows[i].applicant;
        c[5] = arena_printf(&r->arena, "%s%s%s", rows[i].address ? rows[i].address : "",
                            rows[i].address && rows[i].phone ? "; " : "",
                            rows[i].phone ? rows[i].phone : "");
        c[6] = rows[i].lead_unit;
        c[7] = short_time(r, rows[i].received_at);
        c[8] = short_time(r, rows[i].due_at);
        c[9] = short_time(r, rows[i].handover_at);
        c[10] = short_time(r, rows[i].finished_at);
        c[11] = short_time(r, rows[i].returned_at);
        c[12] = rows[i].close_reason
                    ? arena_printf(&r->arena, "%s: %s", dossier_status_label(rows[i].status),
                                   rows[i].close_reason)
                    : dossier_status_label(rows[i].status);
    }
    s->tables[s->ntables++] = (struct doc_table){"register", REGISTER_COLS, n, cells};
    return 0;
}

int forms_register(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct form_template t;
    struct sheet s = {r, NULL, 0, 0, {{0}}, 0};
    struct agency ag;
    int64_t from, to;
    const char *ext = strrchr(r->path, '.');
    int xlsx = !strcmp(ext, ".xlsx"), rc;

    if (agency_get(r->db, &r->arena, r->params[0], &ag, e) < 0)
        return -1;
    if (!user_can_at(req_user(r), CAP_VIEW_DOSSIERS, ag.path))
        return err_set(e, 403, "forbidden", "agency %s is not one of your units", ag.id);
    if (period(r, &from, &to, e) < 0 || fill_register(&s, &ag, from, to, e) < 0)
        return -1;
    if (!strcmp(ext, ".json"))
        return send_register_json(r, &ag, &s, from, to);
    if (!xlsx)
        return form_get(r->db, &r->arena, ag.form_set, "06", &t, e) < 0
                   ? -1
                   : send_pdf(r, &t, &s, NULL, arena_printf(&r->arena, "so-theo-doi-%s.pdf", ag.id),
                              e);
    {
        struct strbuf out = STRBUF_INIT;
        char tmp[4096];
        const char *sub =
            arena_printf(&r->arena, "%s — từ ngày %s đến ngày %s", ag.name,
                         doc_lookup(&(struct doc_data){s.vars, s.nvars, 0, 0, 0}, "period.from"),
                         doc_lookup(&(struct doc_data){s.vars, s.nvars, 0, 0, 0}, "period.to"));
        snprintf(tmp, sizeof(tmp), "%s/tmp", app->data_dir ? app->data_dir : "/tmp");
        rc = doc_render_xlsx("So theo doi", "SỔ THEO DÕI HỒ SƠ", sub, register_columns,
                             REGISTER_COLS, &s.tables[0], tmp, &out, e);
        if (rc == 0) {
            resp_body(r, 200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                      out.buf, out.len);
            resp_header(
                r, "Content-Disposition",
                arena_printf(&r->arena, "attachment; filename=\"so-theo-doi-%s.xlsx\"", ag.id));
        }
        strbuf_release(&out);
        return rc;
    }
}

int forms_templates_list(struct req *r, struct err *e)
{
    struct form_template *list;
    json_t *items;
    size_t n, i;

    if (form_list(r->db, &r->arena, &list, &n, e) < 0)
        return -1;
    items = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(items, json_pack("{s:s, s:s, s:s}", "set", list[i].set, "form",
                                               list[i].form, "title", list[i].title));
    return resp_json(r, 200, json_pack("{s:o}", "items", items));
}

int forms_template_get(struct req *r, struct err *e)
{
    struct form_template t;

    if (form_get(r->db, &r->arena, r->params[0], r->params[1], &t, e) < 0)
        return -1;
    return resp_body(r, 200, "application/json", t.json, strlen(t.json));
}

/*
 * Lays the template out once on sample data (dotted values, three rows in each
 * table the form can print, a QR code) into memory and throws the page away:
 * a template that cannot be drawn is refused before it is stored.
 */
static int test_page(struct req *r, const char *json, const char *form, struct err *e)
{
    struct doc_table tables[4];
    struct doc_data data = {NULL, 0, tables, 0, "https://example.vn/?code=TEST"};
    const struct formtpl_source *src = formtpl_sources(form, &data.ntables);
    struct strbuf pdf = STRBUF_INIT;
    size_t i, c;
    int rc;

    for (i = 0; i < data.ntables && i < 4; i++) {
        const char **cells = arena_calloc(&r->arena, src[i].ncols * 3, sizeof(*cells));
        for (c = 0; c < src[i].ncols * 3; c++)
            cells[c] = "Nội dung mẫu";
        tables[i] = (struct doc_table){src[i].name, src[i].ncols, 3, cells};
    }
    rc = doc_render_pdf(json, &data, &pdf, e);
    strbuf_release(&pdf);
    if (rc < 0) {
        char why[ERR_MSG_MAX];
        snprintf(why, sizeof(why), "%s", e->msg);
        e->http = 0;
        err_field(e, "blocks", "%s", why);
        err_set(e, 422, "unrenderable", "the template cannot be laid out on a page; nothing saved");
    }
    return rc;
}

int forms_template_put(struct req *r, struct err *e)
{
    struct form_template t;
    json_t *body;
    char *text;
    int rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    t.set = r->params[0];
    t.form = r->params[1];
    if (strlen(t.set) > 40 || strlen(t.form) > 10) {
        err_set(e, 404, "not_found", "no such form");
        goto out;
    }
    if (formtpl_check(body, t.form, e) < 0)
        goto out;
    t.title = json_string_value(json_object_get(body, "title"));
    text = json_dumps(body, JSON_COMPACT);
    t.json = arena_strdup(&r->arena, text);
    free(text);
    if (test_page(r, t.json, t.form, e) < 0 || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (form_put(r->db, &t, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "form.template",
                     arena_printf(&r->arena, "form:%s/%s", t.set, t.form), t.title, e) < 0 ||
        db_commit(r->db, e) < 0) {
        db_rollback(r->db);
        goto out;
    }
    rc = resp_body(r, 200, "application/json", t.json, strlen(t.json));
out:
    json_decref(body);
    return rc;
}
