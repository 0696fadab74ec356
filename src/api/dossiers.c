/*
 * /api/v1/dossiers: intake (an officer at the counter or from the post, a
 * citizen online) and the units' queues. Intake is one transaction: the code
 * counter, the dossier, its first control-sheet row and the audit row.
 */
#include "api/app.h"
#include "core/fold.h"
#include "api/handlers.h"
#include "api/views.h"
#include "api/notify.h"
#include "api/portal.h"
#include "api/uploads.h"
#include "core/components.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/lifecycle.h"
#include "core/workflow.h"
#include "core/roles.h"
#include "core/worktime.h"
#include "lib/json.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/procedures.h"

#include <stdio.h>
#include <stdlib.h>
#include <ctype.h>
#include <string.h>

static int read_person(json_t *obj, const char *prefix, int kind, struct dossier *d, int delegate,
                       struct err *e)
{
    static const char *const applicant_keys[] = {"kind",  "name",    "id_number", "phone",
                                                 "email", "address", NULL};
    static const char *const delegate_keys[] = {"name", "id_number", "phone", NULL};
    const char *name, *id, *phone, *email = NULL, *address = NULL;

    jv_known(obj, prefix, delegate ? delegate_keys : applicant_keys, e);
    name = jv_string(obj, prefix, "name", JV_REQUIRED, 200, e);
    id = jv_string(obj, prefix, "id_number",
                   JV_NULLABLE | (kind == APPLICANT_CITIZEN ? JV_REQUIRED : 0), 20, e);
    if (id && kind == APPLICANT_CITIZEN && !citizen_id_valid(id))
        err_field_as(e, delegate ? "delegate.id_number" : "applicant.id_number", "id_number", "",
                     "must be a 12-digit citizen ID or a 9-digit old ID");
    else if (id && strspn(id, "0123456789-ABCDEFGHIJKLMNOPQRSTUVWXYZ") != strlen(id))
        err_field(e, delegate ? "delegate.id_number" : "applicant.id_number",
                  "may hold only digits, capital letters and dashes");
    phone = jv_string(obj, prefix, "phone", delegate ? JV_NULLABLE : JV_REQUIRED, 30, e);
    if (phone && !phone_valid(phone))
        err_field_as(e, delegate ? "delegate.phone" : "applicant.phone", "phone", "",
                     "must be a phone number (8 to 15 digits)");
    if (!delegate) {
        email = jv_string(obj, prefix, "email", JV_NULLABLE, 254, e);
        if (email && !email_valid(email))
            err_field_as(e, "applicant.email", "email", "", "must be an e-mail address");
        address = jv_string(obj, prefix, "address", JV_NULLABLE, 500, e);
        d->applicant_name = name;
        d->applicant_id_number = id;
        d->applicant_phone = phone;
        d->applicant_email = email;
        d->applicant_address = address;
    } else {
        d->delegate_name = name;
        d->delegate_id_number = id;
        d->delegate_phone = phone;
    }
    return e->http ? -1 : 0;
}

/* Marks the procedure's components received: all, or those listed by position. */
static void read_components(struct req *r, json_t *body, const struct procedure *p,
                            struct dossier *d, struct err *e)
{
    json_t *arr = jv_typed(body, NULL, "components", JSON_ARRAY, 0, e), *item;
    size_t i;

    d->ncomponents = p->ncomponents;
    d->components = arena_calloc(&r->arena, p->ncomponents + 1, sizeof(*d->components));
    for (i = 0; i < p->ncomponents; i++) {
        d->components[i].name = p->components[i].name;
        d->components[i].kind = p->components[i].kind;
        d->components[i].count = p->components[i].count;
        d->components[i].received = arr == NULL;
    }
    if (!arr)
        return;
    json_array_foreach(arr, i, item)
    {
        json_int_t pos = json_is_integer(item) ? json_integer_value(item) : 0;
        if (pos < 1 || (size_t)pos > p->ncomponents) {
            err_field(e, arena_printf(&r->arena, "components[%zu]", i),
                      "must be the position (1 to %zu) of a component of the procedure",
                      p->ncomponents);
            continue;
        }
        d->components[pos - 1].received = 1;
    }
}

/* A staged upload named for a component (api/uploads.h). */
struct file_ref {
    int64_t upload;
    int component;
    const char *field; /* where a refusal is reported: the component's */
};

/*
 * The staged files a submission attaches, [{component, upload}], and the
 * components an online submission must carry (core/components.h): each
 * missing one is a 422 on component.{position}.
 */
static void read_files(struct req *r, json_t *body, const struct procedure *p, int channel,
                       struct file_ref **out, size_t *n, struct err *e)
{
    static const char *const keys[] = {"component", "upload", NULL};
    json_t *arr = jv_typed(body, NULL, "files", JSON_ARRAY, JV_NULLABLE, e), *item;
    size_t i, k;
    int64_t v;

    *n = 0;
    *out = arena_calloc(&r->arena, (arr ? json_array_size(arr) : 0) + 1, sizeof(**out));
    if (arr && json_array_size(arr) > STAGED_UPLOADS_MAX)
        err_field(e, "files", "at most %d files", STAGED_UPLOADS_MAX);
    json_array_foreach(arr, i, item)
    {
        const char *prefix = arena_printf(&r->arena, "files[%zu]", i);
        struct file_ref *f = &(*out)[*n];

        if (!json_is_object(item)) {
            err_field(e, prefix, "must be an object {component, upload}");
            continue;
        }
        jv_known(item, prefix, keys, e);
        if (jv_int(item, prefix, "component", JV_REQUIRED, 1, 1000, &v, e) != 1)
            continue;
        if ((size_t)v > p->ncomponents) {
            err_field(e, arena_printf(&r->arena, "%s.component", prefix),
                      "procedure %s has %zu components", p->code, p->ncomponents);
            continue;
        }
        f->component = (int)v;
        f->field = arena_printf(&r->arena, "component.%d", f->component);
        if (jv_int(item, prefix, "upload", JV_REQUIRED, 1, INT64_MAX, &f->upload, e) != 1)
            continue;
        for (k = 0; k < *n && (*out)[k].upload != f->upload; k++)
            ;
        if (k < *n) {
            err_field(e, f->field, "upload %lld is named twice", (long long)f->upload);
            continue;
        }
        ++*n;
    }
    for (i = 0; i < p->ncomponents; i++) {
        if (!component_upload_needed(p->components[i].requirement, channel))
            continue;
        for (k = 0; k < *n && (*out)[k].component != (int)i + 1; k++)
            ;
        if (k == *n)
            err_field_as(e, arena_printf(&r->arena, "component.%zu", i + 1), "required", "",
                         "%s is required with an online submission: attach its file",
                         p->components[i].name);
    }
}

/*
 * Inside the write transaction, before anything is written: every staged
 * file is the caller's and still waiting, and together they fit the limit.
 */
static int check_files(struct req *r, const struct file_ref *files, size_t n, struct err *e)
{
    struct app *app = r->app;
    int64_t total = 0;
    size_t i;

    for (i = 0; i < n; i++)
        if (upload_check(r, req_user_id(r), 0, files[i].upload, files[i].field, &total, e) < 0 &&
            e->http != 422)
            return -1;
    if (e->http)
        return -1;
    if (total > app->dossier_files_limit)
        return err_set(e, 413, "too_large", "the files of a dossier are at most %lld bytes",
                       (long long)app->dossier_files_limit);
    return 0;
}

/*
 * The case of the procedure and the duration it gives: the variant asked for,
 * else the first, else the procedure's own; the online duration when shorter.
 */
static int choose_variant(struct req *r, const struct procedure *p, int64_t variant_id,
                          struct dossier *d, struct err *e)
{
    struct procedure_variant *v, *chosen = NULL;
    size_t n, i;
    double online = p->online_duration_days;

    if (procedure_variants(r->db, &r->arena, p->id, &v, &n, e) < 0)
        return -1;
    for (i = 0; i < n && !chosen; i++)
        if (variant_id ? v[i].id == variant_id : i == 0)
            chosen = &v[i];
    if (variant_id && !chosen)
        return err_field(e, "variant", "procedure %s has no variant %lld", p->code,
                         (long long)variant_id);
    d->duration_kind = chosen ? chosen->duration_kind : p->duration_kind;
    d->duration_days = chosen ? chosen->duration_days : p->duration_days;
    d->variant_id = chosen ? chosen->id : 0;
    if (chosen)
        online = chosen->online_duration_days;
    if (d->channel == CHANNEL_ONLINE && online > 0 && online < d->duration_days)
        d->duration_days = online;
    return 0;
}

/* Checks the caller may file through this channel at this agency. */
static int may_file(struct req *r, int channel, const struct agency *ag, struct err *e)
{
    const struct user *u = req_user(r);

    if (channel == CHANNEL_ONLINE) {
        if (!user_can(u, CAP_SUBMIT_ONLINE))
            return err_set(e, 403, "forbidden",
                           "online dossiers are submitted by the applicant's own account");
        return 0;
    }
    if (!user_can(u, CAP_RECEIVE))
        return err_set(e, 403, "forbidden",
                       "only a one-stop officer receives dossiers at the counter or by post");
    if (!user_can_at(u, CAP_RECEIVE, ag->path))
        return err_set(e, 403, "forbidden", "agency %s is not one of your units", ag->id);
    return 0;
}

/* Inside the write transaction: number, code, due time, rows. */
static int insert(struct req *r, struct dossier *d, const struct agency *ag, struct err *e)
{
    char code[DOSSIER_CODE_MAX];
    const struct user *u = req_user(r);
    struct dossier_event ev = {0};

    if (dossier_next_code(r->db, ag->id, r->now, code, e) < 0)
        return -1;
    d->code = arena_strdup(&r->arena, code);
    if (d->status == DOSSIER_RECEIVED) {
        if (dossier_receive(d, r->cal, r->now, u->id, e) < 0)
            return -1;
    } else {
        d->submitted_by = u->id;
    }
    if (dossier_insert(r->db, d, e) < 0)
        return -1;
    ev.at = r->now;
    ev.action = d->status == DOSSIER_RECEIVED ? "receive" : "submit";
    ev.to_status = d->status;
    ev.actor_id = u->id;
    ev.actor_name = u->full_name && *u->full_name ? u->full_name : u->username;
    ev.unit = ag->id;
    ev.step_due_at = d->due_at;
    if (dossier_add_event(r->db, d->id, &ev, e) < 0 ||
        (d->status == DOSSIER_RECEIVED && notify(r, d, NOTICE_RECEIVED, e) < 0) ||
        portal_queue(r, d->id, e) < 0)
        return -1;
    return audit_append(r->db, r->now, u->id, "dossier.create",
                        arena_printf(&r->arena, "dossier:%s", d->code),
                        dossier_channel_name(d->channel), e);
}

int dossiers_create(struct req *r, struct err *e)
{
    static const char *const keys[] = {"procedure", "agency",  "channel", "applicant",
                                       "delegate",  "summary", "sets",    "components",
                                       "variant",   "files",   NULL};
    struct dossier d = {0};
    struct procedure p;
    struct agency ag, owner;
    struct file_ref *files;
    struct stored_file f;
    json_t *body, *obj;
    const char *agency_id, *channel;
    char *last4;
    int64_t procedure_id = 0, variant_id = 0, v;
    size_t nfiles, i;
    int rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    jv_int(body, NULL, "procedure", JV_REQUIRED, 1, INT64_MAX, &procedure_id, e);
    jv_int(body, NULL, "variant", JV_NULLABLE, 1, INT64_MAX, &variant_id, e);
    agency_id = jv_string(body, NULL, "agency", JV_REQUIRED, 13, e);
    if (agency_id && !agency_id_valid(agency_id)) {
        err_field(e, "agency", "must be an agency identifier like 000.00.04.H43");
        agency_id = NULL;
    }
    if ((channel = jv_string(body, NULL, "channel", JV_REQUIRED, 10, e)) &&
        (d.channel = dossier_channel_parse(channel)) < 0)
        err_field(e, "channel", "must be one of: counter, online, post");
    if ((obj = jv_typed(body, NULL, "applicant", JSON_OBJECT, JV_REQUIRED, e))) {
        if (jv_int(obj, "applicant", "kind", JV_REQUIRED, 1, 4, &v, e) == 1)
            d.applicant_kind = (int)v;
        read_person(obj, "applicant", d.applicant_kind, &d, 0, e);
    }
    if ((obj = jv_typed(body, NULL, "delegate", JSON_OBJECT, JV_NULLABLE, e)))
        read_person(obj, "delegate", 0, &d, 1, e);
    d.summary = jv_string(body, NULL, "summary", JV_REQUIRED | JV_MULTILINE, 2000, e);
    d.sets = 1;
    if (jv_int(body, NULL, "sets", 0, 1, 20, &v, e) == 1)
        d.sets = (int)v;
    if (e->http)
        goto out;
    if (procedure_get(r->db, &r->arena, procedure_id, &p, e) < 0 || p.status[0] != 'a') {
        if (e->http && e->http != 404)
            goto out;
        err_clear(e);
        err_field(e, "procedure", "no procedure in force with id %lld", (long long)procedure_id);
        goto out;
    }
    if (agency_get(r->db, &r->arena, agency_id, &ag, e) < 0 || !ag.active) {
        if (e->http && e->http != 404)
            goto out;
        err_clear(e);
        err_field(e, "agency", "no active agency with identifier %s", agency_id);
        goto out;
    }
    if (may_file(r, d.channel, &ag, e) < 0)
        goto out;
    if (agency_get(r->db, &r->arena, p.agency, &owner, e) < 0)
        goto out;
    if (!dossier_receivable(owner.path, ag.path, ag.level, p.any_place)) {
        err_field(e, "agency", "%s does not receive procedure %s (it belongs to %s)", ag.id, p.code,
                  p.agency);
        goto out;
    }
    read_components(r, body, &p, &d, e);
    read_files(r, body, &p, d.channel, &files, &nfiles, e);
    if (choose_variant(r, &p, variant_id, &d, e) < 0 || e->http)
        goto out;
    last4 = arena_alloc(&r->arena, 5);
    d.phone_last4 = phone_last4(d.applicant_phone, last4) == 0 ? last4 : NULL;
    d.procedure_id = p.id;
    d.procedure_code = p.code;
    d.procedure_name = p.name;
    d.agency = ag.id;
    d.agency_name = ag.name;
    d.lead_agency =
        workflow_processed_where_received(owner.path, ag.path, ag.level) ? ag.id : p.agency;
    d.status = dossier_initial_status(d.channel);
    d.current_unit = ag.id;
    d.submitted_at = r->now;
    d.created_at = d.updated_at = r->now;
    /* one transaction: the files are checked first, then the dossier and its files, or nothing */
    if (db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (check_files(r, files, nfiles, e) < 0 || insert(r, &d, &ag, e) < 0)
        goto out;
    for (i = 0; i < nfiles; i++)
        if (upload_attach(r, req_user_id(r), &d, files[i].upload, files[i].component, 0,
                          files[i].field, &f, e) < 0)
            goto out;
    if (nfiles &&
        audit_append(r->db, r->now, req_user_id(r), "file.upload",
                     arena_printf(&r->arena, "dossier:%s", d.code),
                     arena_printf(&r->arena, "%zu files with the submission", nfiles), e) < 0)
        goto out;
    if (db_commit(r->db, e) < 0)
        goto out;
    resp_header(r, "Location", arena_printf(&r->arena, "/api/v1/dossiers/%s", d.code));
    rc = resp_json(r, 201, dossier_json(r, &d, 1));
out:
    db_rollback(r->db); /* none open, or nothing of a refused submission stays */
    json_decref(body);
    return rc;
}

int dossiers_get(struct req *r, struct err *e)
{
    struct dossier d;
    json_t *j;
    int full = 0;

    if (!dossier_code_valid(r->params[0]))
        return err_set(e, 404, "not_found",
                       "%s is not a dossier code ({agency id}-{yyMMdd}-{NNNN})", r->params[0]);
    if (dossier_by_code(r->db, &r->arena, r->params[0], &d, e) < 0 ||
        dossier_access(r, &d, &full, e) < 0)
        return -1;
    j = dossier_json(r, &d, full);
    if (dossier_add_details(r, &d, j, e) < 0) {
        json_decref(j);
        return -1;
    }
    return resp_json(r, 200, j);
}

#define DUE_SOON_SECONDS (2 * 86400)

/* The views of a queue: every dossier, those in hand, mine, due soon, late. */
static const char *const views[] = {"all", "open", "mine", "due_soon", "late", NULL};
enum { VIEW_ALL, VIEW_OPEN, VIEW_MINE, VIEW_DUE_SOON, VIEW_LATE };

static void apply_view(struct req *r, int view, struct dossier_filter *f)
{
    const struct user *u = req_user(r);
    const char **paths, **more;
    size_t n, m, i;

    f->active = view != VIEW_ALL;
    if (view == VIEW_MINE) {
        /* held now by a unit the caller receives or processes for */
        user_scopes(u, CAP_RECEIVE, &r->arena, &paths, &n);
        user_scopes(u, CAP_PROCESS, &r->arena, &more, &m);
        if (!paths || !more) {
            f->work_paths = NULL; /* system-wide: everything */
            return;
        }
        f->work_paths = arena_calloc(&r->arena, n + m + 1, sizeof(*paths));
        for (i = 0; i < n; i++)
            ((const char **)f->work_paths)[f->nwork++] = paths[i];
        for (i = 0; i < m; i++)
            ((const char **)f->work_paths)[f->nwork++] = more[i];
    } else if (view == VIEW_DUE_SOON) {
        f->due_from = r->now;
        f->due_to = r->now + DUE_SOON_SECONDS;
    } else if (view == VIEW_LATE) {
        f->overdue_at = r->now; /* not a result waiting to be collected, nor a stopped clock */
    }
}

/*
 * q=: a dossier's code or part of it, the applicant's name without caring for
 * diacritics, or (for those who see personal data) their identity number or
 * phone digits.
 */
static int query_search(struct req *r, const struct user *u, int staff, struct dossier_filter *f,
                        struct err *e)
{
    const char *q, *p;
    char *folded, *digits;
    size_t n = 0;

    if (req_query_text(r, "q", &q, e) < 0)
        return -1;
    if (!q)
        return 0;
    if (strlen(q) > 100)
        return err_set(e, 400, "invalid_query", "q must be at most 100 characters");
    f->q = q;
    folded = arena_alloc(&r->arena, strlen(q) + 1);
    fold_text(q, strlen(q), folded);
    f->q_folded = folded;
    if (staff) {
        /* the numbers only where the caller sees them in full (a role elsewhere does not count) */
        user_scopes(u, CAP_VIEW_PERSONAL, &r->arena, (const char ***)&f->q_digits_paths,
                    &f->nq_digits_paths);
        if (f->q_digits_paths && !f->nq_digits_paths)
            return 0;
    }
    digits = arena_alloc(&r->arena, strlen(q) + 1);
    for (p = q; *p; p++)
        if (isdigit((unsigned char)*p))
            digits[n++] = *p;
        else if (*p != ' ' && *p != '.' && *p != '-')
            return 0; /* not a number */
    digits[n] = '\0';
    f->q_digits = digits;
    return 0;
}

/* The filter of a queue request: the caller's scope, then the query's filters. */
static int queue_filter(struct req *r, struct dossier_filter *f, int *staff, struct err *e)
{
    const struct user *u = req_user(r);
    const char *agency = req_query(r, "agency"), *status = req_query(r, "status");
    const char *view = req_query(r, "view");
    const char **scopes;
    struct agency ag;
    int64_t v;
    size_t n;
    int w = VIEW_ALL;

    memset(f, 0, sizeof(*f));
    *staff = user_can(u, CAP_VIEW_DOSSIERS);
    if (*staff) {
        user_scopes(u, CAP_VIEW_DOSSIERS, &r->arena, &scopes, &n);
        f->scope_paths = scopes;
        f->nscopes = n;
    } else {
        f->submitted_by = u->id; /* a citizen sees their own */
    }
    if (agency) {
        if (agency_get(r->db, &r->arena, agency, &ag, e) < 0) {
            err_clear(e);
            return err_set(e, 400, "invalid_query", "no agency with identifier %s", agency);
        }
        if (*staff && !user_can_at(u, CAP_VIEW_DOSSIERS, ag.path))
            return err_set(e, 403, "forbidden", "agency %s is not one of your units", agency);
        f->agency_path = ag.path;
    }
    if (status) {
        f->status = dossier_status_parse(status);
        if (f->status < 0 && query_int(r, "status", 1, 10, &v, e) == 1)
            f->status = (int)v;
        if (f->status < 0)
            return err_set(e, 400, "invalid_query",
                           "status must be a status name (received, processing, ...) or 1 to 10");
    }
    if (view) {
        for (w = 0; views[w] && strcmp(views[w], view); w++)
            ;
        if (!views[w])
            return err_set(e, 400, "invalid_query",
                           "view must be all, open, mine, due_soon or late");
        apply_view(r, w, f);
    }
    if (query_search(r, u, *staff, f, e) < 0)
        return -1;
    return query_int(r, "procedure", 1, INT64_MAX, &f->procedure_id, e) < 0 ||
                   query_time(r, "from", 0, &f->from, e) < 0 ||
                   query_time(r, "to", 1, &f->to, e) < 0
               ? -1
               : 0;
}

int dossiers_list(struct req *r, struct err *e)
{
    struct dossier_filter f;
    const struct user *u = req_user(r);
    const char *sort = req_query(r, "sort");
    struct dossier *list;
    int64_t v;
    size_t n, i;
    json_t *items;
    int more, staff;

    if (queue_filter(r, &f, &staff, e) < 0)
        return -1;
    if (sort && strcmp(sort, "due") && strcmp(sort, "newest"))
        return err_set(e, 400, "invalid_query", "sort must be due or newest");
    f.by_due = sort && !strcmp(sort, "due");
    if (query_int(r, "cursor", 1, INT64_MAX, &v, e) < 0)
        return -1;
    if (req_query(r, "cursor")) {
        if (f.by_due)
            f.offset = (int)(v > INT32_MAX ? INT32_MAX : v);
        else
            f.before_id = v;
    }
    f.limit = 50;
    if (query_int(r, "limit", 1, 200, &v, e) < 0)
        return -1;
    if (req_query(r, "limit"))
        f.limit = (int)v;
    if (dossier_list(r->db, &r->arena, &f, &list, &n, &more, e) < 0)
        return -1;
    items = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(items, dossier_json(r, &list[i], dossier_personal_ok(u, &list[i])));
    return resp_json(
        r, 200,
        json_pack("{s:o, s:o}", "items", items, "next_cursor",
                  more ? json_string(arena_printf(&r->arena, "%lld",
                                                  f.by_due ? (long long)(f.offset + (int)n)
                                                           : (long long)list[n - 1].id))
                       : json_null()));
}

/* GET /api/v1/dossiers/counts: the number in each view of the queue (the tabs' counts). */
int dossiers_counts(struct req *r, struct err *e)
{
    struct dossier_filter base, f;
    json_t *j = json_object(), *by_status = json_object();
    int64_t n;
    int staff, w, s;

    if (queue_filter(r, &base, &staff, e) < 0)
        goto fail;
    for (w = 0; views[w]; w++) {
        f = base;
        apply_view(r, w, &f);
        if (dossier_count(r->db, &f, &n, e) < 0)
            goto fail;
        json_object_set_new(j, views[w], json_integer(n));
    }
    for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++) {
        f = base;
        f.status = s;
        if (dossier_count(r->db, &f, &n, e) < 0)
            goto fail;
        json_object_set_new(by_status, dossier_status_name(s), json_integer(n));
    }
    json_object_set_new(j, "by_status", by_status);
    return resp_json(r, 200, j);
fail:
    json_decref(j);
    json_decref(by_status);
    return -1;
}
