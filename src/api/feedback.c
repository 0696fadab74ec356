/*
 * Citizens' feedback: POST /api/v1/feedback (the portal, signed in or not,
 * and the hotline's operators recording a call), the staff queue, one item
 * (to staff, its sender, or anyone with its code and the sender's contact),
 * the public list of published answers, and the sender's rating of the answer.
 */
#include "api/feedback.h"
#include "api/handlers.h"
#include "core/date.h"
#include "core/dossier.h"
#include "core/roles.h"
#include "lib/json.h"
#include "lib/strbuf.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/dossiers.h"
#include "store/outbox.h"

#include <string.h>
#include <strings.h>

/* A string member that must be plain text: markup is a mistake or an attack, and it is refused. */
const char *feedback_plain(json_t *body, const char *key, unsigned flags, size_t max, struct err *e)
{
    const char *s = jv_string(body, NULL, key, flags, max, e);

    if (s && feedback_markup(s)) {
        err_field_as(e, key, "markup", "", "must be plain text, without HTML markup");
        return NULL;
    }
    return s;
}

/* The item's content and its sender's contact, as the portal or the hotline sends them. */
static void read_item(struct req *r, json_t *body, int anonymous, struct feedback *f, struct err *e)
{
    static const char *const keys[] = {"category", "text",    "dossier_code", "name", "phone",
                                       "email",    "address", "location",     NULL};
    const char *category;
    json_t *loc;

    jv_known(body, NULL, keys, e);
    if ((category = jv_string(body, NULL, "category", JV_REQUIRED, 20, e)) &&
        (f->category = feedback_category_parse(category)) < 0)
        err_field_as(e, "category", "not_one_of", "rule, handling, conduct, other, complaint",
                     "must be one of rule, handling, conduct, other, complaint");
    f->text = feedback_plain(body, "text", JV_REQUIRED | JV_MULTILINE, FEEDBACK_TEXT_MAX, e);
    f->dossier_code = jv_string(body, NULL, "dossier_code", JV_NULLABLE, DOSSIER_CODE_MAX, e);
    if (f->dossier_code && !dossier_code_valid(f->dossier_code))
        err_field(e, "dossier_code", "must be a dossier code like 000.00.31.H99-260302-0001");
    f->name = feedback_plain(body, "name", JV_NULLABLE, 200, e);
    f->phone = jv_string(body, NULL, "phone", JV_NULLABLE, 30, e);
    if (f->phone && !phone_valid(f->phone))
        err_field_as(e, "phone", "phone", "", "must be a phone number (8 to 15 digits)");
    f->email = jv_string(body, NULL, "email", JV_NULLABLE, 254, e);
    if (f->email && !email_valid(f->email))
        err_field_as(e, "email", "email", "", "must be an e-mail address");
    if (anonymous && !f->phone && !f->email && !e->nfields)
        err_field_as(e, "phone", "required", "",
                     "a phone number or an e-mail address is needed to follow the answer");
    f->address = feedback_plain(body, "address", JV_NULLABLE, 500, e);
    if ((loc = jv_typed(body, NULL, "location", JSON_OBJECT, JV_NULLABLE, e))) {
        static const char *const lk[] = {"lat", "long", NULL};
        jv_known(loc, "location", lk, e);
        if (jv_number(loc, "location", "lat", JV_REQUIRED, -90, 90, &f->lat, e) == 1 &&
            jv_number(loc, "location", "long", JV_REQUIRED, -180, 180, &f->lng, e) == 1)
            f->has_location = 1;
    }
    if (f->phone) {
        char *last4 = arena_alloc(&r->arena, 5);
        if (phone_last4(f->phone, last4) == 0)
            f->phone_last4 = last4;
    }
}

/*
 * The agency that handles the item: the one answering for the dossier it
 * names, else the agency set for its category, else the province (the first
 * top-level agency), whose office routes it by hand.
 */
static int route(struct req *r, struct feedback *f, int strict, struct err *e)
{
    struct dossier d;

    if (f->dossier_code) {
        if (dossier_by_code(r->db, &r->arena, f->dossier_code, &d, e) == 0) {
            f->agency = d.lead_agency ? d.lead_agency : d.agency;
            return 0;
        }
        if (e->http != 404)
            return -1;
        err_clear(e);
        if (strict)
            return err_field_as(e, "dossier_code", "not_found", f->dossier_code,
                                "no dossier with code %s", f->dossier_code);
        f->dossier_code = NULL; /* routed like an item naming none */
    }
    if (feedback_route_get(r->db, &r->arena, f->category, &f->agency, e) < 0)
        return -1;
    if (f->agency)
        return 0;
    if (agency_first_root(r->db, &r->arena, &f->agency, e) < 0)
        return -1;
    if (!f->agency)
        return err_set(e, 503, "no_agency", "no agency is set up to receive feedback");
    return 0;
}

const char *feedback_actor_name(const struct user *u)
{
    return u->full_name && *u->full_name ? u->full_name : u->username;
}

/* The sender is told by e-mail at each step, in the transaction that makes it. */
int feedback_notify(struct req *r, const struct feedback *f, struct err *e)
{
    struct strbuf body = STRBUF_INIT;
    const char *subject;
    int rc;

    if (!f->email)
        return 0;
    subject = arena_printf(&r->arena, "Phản ánh, kiến nghị %s: %s", f->code,
                           feedback_status_label(f->status));
    strbuf_addf(&body, "Kính gửi %s,\n\nPhản ánh, kiến nghị %s của Ông/Bà: %s.\n",
                f->name ? f->name : "Ông/Bà", f->code, feedback_status_label(f->status));
    if (f->status == FS_WAITING && f->request)
        strbuf_addf(&body, "\nĐề nghị Ông/Bà bổ sung thông tin: %s\n", f->request);
    if (f->answer && (f->status == FS_ANSWERED || f->status == FS_PUBLISHED))
        strbuf_addf(&body, "\nNội dung trả lời:\n%s\n", f->answer);
    if (f->reason && feedback_status_final(f->status) && f->status != FS_PUBLISHED)
        strbuf_addf(&body, "\nLý do: %s\n", f->reason);
    if (f->duplicate_of)
        strbuf_addf(&body, "\nMời Ông/Bà theo dõi phản ánh %s.\n", f->duplicate_of);
    strbuf_addstr(&body, "\nĐây là thư tự động, xin không trả lời.\n");
    rc = outbox_add(r->db, 0, f->email, subject, body.buf, r->now, e);
    strbuf_release(&body);
    return rc;
}

int feedback_new(struct req *r, struct feedback *f, int strict, const char *actor_name,
                 const char *audit_detail, struct err *e)
{
    struct feedback_times times;
    struct feedback_event ev;
    char code[FEEDBACK_CODE_MAX];

    if (route(r, f, strict, e) < 0 || feedback_times_get(r->db, &times, e) < 0 ||
        feedback_next_code(r->db, r->now, code, e) < 0)
        return -1;
    f->code = arena_strdup(&r->arena, code);
    if (feedback_receive(f, r->cal, &times, r->now, e) < 0 || feedback_insert(r->db, f, e) < 0)
        return -1;
    ev = (struct feedback_event){.at = r->now,
                                 .action = f->channel == FBC_HOTLINE ? "record" : "submit",
                                 .to_status = f->status,
                                 .actor_id = req_user_id(r),
                                 .actor_name = actor_name,
                                 .agency = f->agency,
                                 .note = f->channel == FBC_OPEN311 ? "Open311" : NULL};
    return feedback_add_event(r->db, f->id, &ev, e) < 0 || feedback_notify(r, f, e) < 0 ||
                   audit_append(r->db, r->now, req_user_id(r), "feedback.create",
                                arena_printf(&r->arena, "feedback:%s", f->code), audit_detail,
                                e) < 0
               ? -1
               : 0;
}

int feedback_create(struct req *r, struct err *e)
{
    const struct user *u = req_user(r);
    struct feedback f = {0};
    json_t *body;
    int rc = -1;

    if (u && !user_can(u, CAP_SUBMIT_ONLINE) && !user_can(u, CAP_RECEIVE))
        return err_set(e, 403, "forbidden",
                       "feedback is sent by citizens, or recorded by the hotline's desk");
    if (req_json(r, &body, e) < 0)
        return -1;
    f.channel = u && user_can(u, CAP_RECEIVE) ? FBC_HOTLINE : FBC_PORTAL;
    f.submitted_by = u && f.channel == FBC_PORTAL ? u->id : 0;
    f.recorded_by = f.channel == FBC_HOTLINE ? u->id : 0;
    read_item(r, body, !u, &f, e);
    if (f.channel == FBC_PORTAL && u && !f.email && !f.phone) {
        f.email = u->email;
        f.phone = u->phone;
    }
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (feedback_new(r, &f, 1, u ? feedback_actor_name(u) : f.name,
                     feedback_channel_name(f.channel), e) < 0 ||
        feedback_by_code(r->db, &r->arena, f.code, &f, e) < 0 || db_commit(r->db, e) < 0)
        goto out;
    resp_header(r, "Location", arena_printf(&r->arena, "/api/v1/feedback/%s", f.code));
    rc = resp_json(r, 201, feedback_json(r, &f, FEEDBACK_SENDER));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

/* Whether a contact (four phone digits, or the e-mail address) is the item's sender's. */
static int contact_matches(const struct feedback *f, const char *contact)
{
    if (!contact)
        return 0;
    if (strchr(contact, '@'))
        return f->email && !strcasecmp(f->email, contact);
    return f->phone_last4 && strlen(contact) == 4 && !strcmp(f->phone_last4, contact);
}

int feedback_find(struct req *r, const char *code, const char *contact, struct feedback *f,
                  int *view, struct err *e)
{
    const struct user *u = req_user(r);

    if (feedback_code_valid(code) && feedback_by_code(r->db, &r->arena, code, f, e) == 0) {
        if (u && f->agency_path && user_can_at(u, CAP_VIEW_DOSSIERS, f->agency_path)) {
            *view = user_can_at(u, CAP_VIEW_PERSONAL, f->agency_path) ? FEEDBACK_STAFF_FULL
                                                                      : FEEDBACK_STAFF;
            return 0;
        }
        if (u && f->submitted_by == u->id) {
            *view = FEEDBACK_SENDER;
            return 0;
        }
    } else if (e->http && e->http != 404) {
        return -1;
    }
    err_clear(e);
    if (!contact)
        return err_set(e, 404, "not_found", "no feedback with code %s", code);
    /* anyone else follows it with the sender's contact, as dossiers are looked up */
    if (lookup_try(r, e) < 0)
        return -1;
    if (!f->code || !f->id || strcmp(f->code, code) || !contact_matches(f, contact))
        return err_set(e, 404, "not_found", "no feedback matches this code and this contact");
    *view = FEEDBACK_FOLLOW;
    return 0;
}

int feedback_get(struct req *r, struct err *e)
{
    struct feedback_event *ev;
    struct feedback_file *files;
    struct feedback f = {0};
    size_t n, nf, i;
    int view, rated;
    json_t *j, *arr;

    if (feedback_find(r, r->params[0], req_query(r, "contact"), &f, &view, e) < 0 ||
        feedback_events(r->db, &r->arena, f.id, &ev, &n, e) < 0 ||
        feedback_files(r->db, &r->arena, f.id, &files, &nf, e) < 0 ||
        (rated = feedback_rated(r->db, f.id, e)) < 0)
        return -1;
    j = feedback_json(r, &f, view);
    /* its sender may rate a published answer once */
    json_object_set_new(j, "can_rate", json_boolean(f.published_at && !rated));
    json_object_set_new(j, "history", feedback_events_json(ev, n, view <= FEEDBACK_STAFF));
    /* the files hold personal data: not for those who see it masked */
    arr = json_array();
    for (i = 0; view != FEEDBACK_STAFF && i < nf; i++)
        json_array_append_new(arr, feedback_file_json(r, &f, &files[i]));
    json_object_set_new(j, "files", arr);
    return resp_json(r, 200, j);
}

#define DUE_SOON_SECONDS (2 * 86400)

/* The views of the staff queue, as the dossiers' (and "overdue", the same as "late"). */
static const char *const views[] = {"all", "open", "mine", "due_soon", "late", "overdue", NULL};
enum { VIEW_ALL, VIEW_OPEN, VIEW_MINE, VIEW_DUE_SOON, VIEW_LATE, VIEW_OVERDUE };

/* A view's conditions: open; mine (open, at an agency the caller processes for); due soon; late. */
static void apply_view(struct req *r, int view, struct feedback_filter *flt)
{
    const char **paths;
    size_t n;

    flt->open = view == VIEW_OPEN || view == VIEW_MINE;
    if (view == VIEW_MINE) {
        user_scopes(req_user(r), CAP_PROCESS, &r->arena, &paths, &n);
        flt->work_paths = paths; /* NULL for a system-wide role: everything open */
        flt->nwork = paths ? n : 0;
        if (!paths && !user_can(req_user(r), CAP_PROCESS)) {
            flt->work_paths = paths = arena_calloc(&r->arena, 1, sizeof(*paths));
            flt->nwork = 0; /* processes nowhere: nothing is theirs */
        }
    } else if (view == VIEW_DUE_SOON) {
        flt->due_from = r->now;
        flt->due_to = r->now + DUE_SOON_SECONDS;
    } else if (view == VIEW_LATE || view == VIEW_OVERDUE) {
        flt->overdue_at = r->now;
    }
}

/* The list's filters from the query: status, category, words, period (a view is applied apart). */
static int read_filter(struct req *r, struct feedback_filter *flt, int *view, struct err *e)
{
    const char *status = req_query(r, "status"), *v = req_query(r, "view");
    const char *category = req_query(r, "category");
    int64_t n;

    *view = VIEW_ALL;
    if (status && (flt->status = feedback_status_parse(status)) < 0)
        return err_set(e, 400, "invalid_query", "status must be a feedback status name");
    if (category && (flt->category = feedback_category_parse(category)) < 0)
        return err_set(e, 400, "invalid_query", "category must be a feedback category name");
    if (v) {
        for (*view = 0; views[*view] && strcmp(views[*view], v); (*view)++)
            ;
        if (!views[*view])
            return err_set(e, 400, "invalid_query",
                           "view must be all, open, mine, due_soon or late");
    }
    flt->limit = 50;
    if (req_query_text(r, "q", &flt->q, e) < 0 || query_time(r, "from", 0, &flt->from, e) < 0 ||
        query_time(r, "to", 1, &flt->to, e) < 0 ||
        query_int(r, "cursor", 1, INT64_MAX, &flt->before_id, e) < 0 ||
        query_int(r, "limit", 1, 200, &n, e) < 0)
        return -1;
    if (req_query(r, "limit"))
        flt->limit = (int)n;
    return 0;
}

/* The caller's part of the feedback: staff their agencies' (all for system-wide roles), citizens
 * theirs. */
static int staff_scope(struct req *r, struct feedback_filter *flt)
{
    const struct user *u = req_user(r);
    const char **scopes;
    size_t n;

    if (!user_can(u, CAP_VIEW_DOSSIERS)) {
        flt->submitted_by = u->id;
        return 0;
    }
    user_scopes(u, CAP_VIEW_DOSSIERS, &r->arena, &scopes, &n);
    flt->scope_paths = scopes;
    flt->nscopes = n;
    return 1;
}

static int answer_list(struct req *r, const struct feedback_filter *flt, int view, struct err *e)
{
    const struct user *u = req_user(r);
    struct feedback *list;
    json_t *items;
    size_t n, i;
    int more;

    if (feedback_list(r->db, &r->arena, flt, &list, &n, &more, e) < 0)
        return -1;
    items = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(items,
                              feedback_json(r, &list[i],
                                            view != FEEDBACK_STAFF ? view
                                            : user_can_at(u, CAP_VIEW_PERSONAL, list[i].agency_path)
                                                ? FEEDBACK_STAFF_FULL
                                                : FEEDBACK_STAFF));
    return resp_json(
        r, 200,
        json_pack("{s:o, s:o}", "items", items, "next_cursor",
                  more ? json_string(arena_printf(&r->arena, "%lld", (long long)list[n - 1].id))
                       : json_null()));
}

/* GET /api/v1/feedback: the staff queue of their agencies' items (all of them system-wide), or a
   citizen's own items. */
int feedback_list_get(struct req *r, struct err *e)
{
    struct feedback_filter flt = {0};
    int view, staff;

    if (read_filter(r, &flt, &view, e) < 0)
        return -1;
    apply_view(r, view, &flt);
    staff = staff_scope(r, &flt);
    return answer_list(r, &flt, staff ? FEEDBACK_STAFF : FEEDBACK_SENDER, e);
}

/* GET /api/v1/feedback/counts: how many items each view of the queue holds (the tabs' counts). */
int feedback_counts_get(struct req *r, struct err *e)
{
    struct feedback_filter base = {0}, flt;
    json_t *j;
    int64_t n;
    int view;

    if (read_filter(r, &base, &view, e) < 0)
        return -1;
    staff_scope(r, &base);
    j = json_object();
    for (view = 0; views[view]; view++) {
        flt = base;
        apply_view(r, view, &flt);
        if (feedback_count(r->db, &flt, &n, e) < 0) {
            json_decref(j);
            return -1;
        }
        json_object_set_new(j, views[view], json_integer(n));
    }
    return resp_json(r, 200, j);
}

/* GET /api/v1/feedback/answers: the published answers, for everyone, without personal data. */
int feedback_answers(struct req *r, struct err *e)
{
    struct feedback_filter flt = {0};
    int view;

    if (read_filter(r, &flt, &view, e) < 0)
        return -1;
    flt.published = 1;
    flt.status = 0;
    return answer_list(r, &flt, FEEDBACK_PUBLIC, e);
}

/* POST /api/v1/feedback/{code}/rating: the sender rates a published answer, once. */
int feedback_rating(struct req *r, struct err *e)
{
    static const char *const keys[] = {"contact", "level", "comment", NULL};
    struct feedback f = {0};
    const char *contact, *comment;
    int64_t level = 0;
    json_t *body;
    int view, rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    contact = jv_string(body, NULL, "contact", JV_NULLABLE, 254, e);
    jv_int(body, NULL, "level", JV_REQUIRED, 1, 3, &level, e);
    comment = feedback_plain(body, "comment", JV_NULLABLE | JV_MULTILINE, 1000, e);
    if (e->http)
        goto out;
    if (db_begin(r->db, DB_WRITE, e) < 0 ||
        feedback_find(r, r->params[0], contact, &f, &view, e) < 0)
        goto out;
    if (view != FEEDBACK_SENDER && view != FEEDBACK_FOLLOW) {
        err_set(e, 403, "forbidden", "only the sender rates the answer");
        goto out;
    }
    if (!f.published_at) {
        err_set(e, 409, "not_answered", "the answer is rated once it is published");
        goto out;
    }
    if (feedback_rate(r->db, f.id, (int)level, comment, r->now, e) < 0 || db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201, json_pack("{s:s, s:I}", "code", f.code, "level", (json_int_t)level));
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}
