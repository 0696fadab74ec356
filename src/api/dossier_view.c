/* JSON views of dossiers, and the one step that masks personal data for every output. */
#include "api/views.h"
#include "api/app.h"
#include "core/dossier.h"
#include "core/filename.h"
#include "core/personal.h"
#include "core/roles.h"
#include "core/stats.h"
#include "core/workflow.h"

#include <string.h>

/* A personal field of a record, of a kind of core/personal.h. */
struct personal_ref {
    int field;
    const char **value;
};

/*
 * The one masking step: each field kept, masked (in the arena) or withheld as
 * core/personal.h says for a caller who sees (full) or does not see personal
 * data in full.
 */
static void personal_apply(struct arena *a, int full, const struct personal_ref *refs, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++) {
        const char *v = *refs[i].value;
        char *m;

        if (!v)
            continue;
        switch (personal_shape(refs[i].field, full)) {
        case PERSONAL_SHOW: break;
        case PERSONAL_MASK:
            m = arena_alloc(a, strlen(v) + 1);
            personal_mask(v, m);
            *refs[i].value = m;
            break;
        case PERSONAL_HIDE: *refs[i].value = NULL; break;
        }
    }
}

const struct dossier *dossier_shown(struct req *r, const struct dossier *d, int full)
{
    struct dossier *c;

    if (full)
        return d;
    c = arena_alloc(&r->arena, sizeof(*c));
    *c = *d;
    {
        const struct personal_ref refs[] = {
            {PERSONAL_ID_NUMBER, &c->applicant_id_number},
            {PERSONAL_PHONE, &c->applicant_phone},
            {PERSONAL_EMAIL, &c->applicant_email},
            {PERSONAL_ADDRESS, &c->applicant_address},
            {PERSONAL_ID_NUMBER, &c->delegate_id_number},
            {PERSONAL_PHONE, &c->delegate_phone},
        };
        personal_apply(&r->arena, 0, refs, sizeof(refs) / sizeof(refs[0]));
    }
    return c;
}

void register_row_shown(struct req *r, struct register_row *row, int full)
{
    const struct personal_ref refs[] = {
        {PERSONAL_ADDRESS, &row->address},
        {PERSONAL_PHONE, &row->phone},
    };

    personal_apply(&r->arena, full, refs, sizeof(refs) / sizeof(refs[0]));
}

int personal_ok(const struct user *u, int64_t submitted_by, const char *agency_path,
                const char *current_unit_path)
{
    return personal_full(u && submitted_by && submitted_by == u->id,
                         user_roles_at(u, agency_path) |
                             (current_unit_path ? user_roles_at(u, current_unit_path) : 0));
}

int dossier_personal_ok(const struct user *u, const struct dossier *d)
{
    return personal_ok(u, d->submitted_by, d->agency_path, d->current_unit_path);
}

int dossier_access(struct req *r, const struct dossier *d, int *full_personal, struct err *e)
{
    const struct user *u = req_user(r);
    int filer = u && d->submitted_by && d->submitted_by == u->id;
    unsigned here = user_roles_at(u, d->agency_path) |
                    (d->current_unit_path ? user_roles_at(u, d->current_unit_path) : 0),
             passed = 0;

    if (!filer && !(here & roles_with(CAP_VIEW_DOSSIERS))) {
        /* a unit that worked on it keeps seeing it */
        const char **paths;
        size_t n, i;

        if (dossier_unit_paths(r->db, &r->arena, d->id, &paths, &n, e) < 0)
            return -1;
        for (i = 0; i < n; i++)
            passed |= user_roles_at(u, paths[i]);
    }
    if (!dossier_sight(filer, here, passed, full_personal))
        return err_set(e, 404, "not_found", "no dossier with code %s", d->code);
    return 0;
}

json_t *dossier_json(struct req *r, const struct dossier *d, int full_personal)
{
    json_t *j;
    json_t *actions = json_array();
    int list[ACT_COUNT];
    size_t i, n;

    d = dossier_shown(r, d, full_personal);
    j = json_pack(
        "{s:s, s:i, s:s, s:s, s:{s:I, s:s, s:s}, s:{s:s, s:s}, s:s, s:{s:i, s:s, s:o, s:o, s:o,"
        " s:o}, s:s, s:i, s:f, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:i}",
        "code", d->code, "status_code", d->status, "status", dossier_status_name(d->status),
        "status_label", dossier_status_label(d->status), "procedure", "id",
        (json_int_t)d->procedure_id, "code", d->procedure_code, "name", d->procedure_name, "agency",
        "id", d->agency, "name", d->agency_name, "channel", dossier_channel_name(d->channel),
        "applicant", "kind", d->applicant_kind, "name", d->applicant_name, "id_number",
        json_str(d->applicant_id_number), "phone", json_str(d->applicant_phone), "email",
        json_str(d->applicant_email), "address", json_str(d->applicant_address), "summary",
        d->summary, "sets", d->sets, "duration_days", d->duration_days, "duration_kind",
        d->duration_kind, "submitted_at", json_time(d->submitted_at), "received_at",
        json_time(d->received_at), "due_at", json_time(d->due_at), "original_due_at",
        json_time(d->original_due_at), "finished_at", json_time(d->finished_at), "returned_at",
        json_time(d->returned_at), "closed_at", json_time(d->closed_at), "version", d->version);
    n = actions_from(d->status, list);
    for (i = 0; i < n; i++)
        json_array_append_new(actions, json_string(action_get(list[i])->name));
    json_object_set_new(j, "allowed_actions", actions);
    {
        /* past the law's due time now (the queue's "late"): core decides, as the counters do */
        struct stat_facts f = {0};
        f.status = d->status;
        f.received_at = d->received_at;
        f.due_at = d->original_due_at ? d->original_due_at : d->due_at;
        f.paused_at = d->paused_at;
        json_object_set_new(j, "overdue", json_boolean(stat_overdue_at(&f, r->now)));
    }
    json_object_set_new(j, "current_unit", json_str(d->current_unit));
    json_object_set_new(j, "step", json_integer(d->step));
    json_object_set_new(j, "supplement_count", json_integer(d->supplement_count));
    json_object_set_new(j, "parent", d->parent_id ? json_integer(d->parent_id) : json_null());
    json_object_set_new(j, "open_consultations", json_integer(d->open_children));
    if (d->supplement_request)
        json_object_set_new(j, "supplement_request", json_loads(d->supplement_request, 0, NULL));
    if (d->apology_at)
        json_object_set_new(j, "apology",
                            json_pack("{s:o, s:o, s:o, s:o}", "at", json_time(d->apology_at),
                                      "reason", json_str(d->apology_reason), "cause",
                                      json_str(d->apology_cause), "previous_due_at",
                                      json_time(d->apology_previous_due_at)));
    if (d->result_number)
        json_object_set_new(j, "result",
                            json_pack("{s:s, s:o, s:o, s:b}", "number", d->result_number, "date",
                                      json_str(d->result_date), "signer",
                                      json_str(d->result_signer), "electronic",
                                      d->result_electronic));
    if (d->fee_amount)
        json_object_set_new(
            j, "fee",
            json_pack("{s:I, s:o, s:o, s:o, s:o}", "amount", (json_int_t)d->fee_amount, "paid",
                      d->fee_paid_amount ? json_integer(d->fee_paid_amount) : json_null(), "method",
                      json_str(d->fee_method), "receipt", json_str(d->fee_receipt), "paid_at",
                      json_time(d->fee_paid_at)));
    if (d->return_method)
        json_object_set_new(j, "return",
                            json_pack("{s:s, s:o}", "method", d->return_method, "tracking",
                                      json_str(d->return_tracking)));
    if (d->close_reason)
        json_object_set_new(j, "close_reason", json_string(d->close_reason));
    if (d->finished_at && d->original_due_at) /* the law's due time, not an apology's */
        json_object_set_new(
            j, "timeliness",
            json_string(timeliness_name(dossier_timeliness(d->finished_at, d->original_due_at))));

    if (d->delegate_name)
        json_object_set_new(j, "delegate",
                            json_pack("{s:s, s:o, s:o}", "name", d->delegate_name, "id_number",
                                      json_str(d->delegate_id_number), "phone",
                                      json_str(d->delegate_phone)));
    if (d->components) {
        json_t *arr = json_array();
        for (i = 0; i < d->ncomponents; i++)
            json_array_append_new(
                arr, json_pack("{s:i, s:s, s:s, s:i, s:b, s:b}", "position", (int)i + 1, "name",
                               d->components[i].name, "kind", d->components[i].kind, "count",
                               d->components[i].count, "received", d->components[i].received,
                               "digitized", d->components[i].digitized));
        json_object_set_new(j, "components", arr);
    }
    return j;
}

json_t *file_json(struct req *r, const struct stored_file *f)
{
    char name[FILENAME_BYTES];

    /* stored names are safe; rows from before they were are made so here */
    if (filename_display(f->name, f->content_type, name) < 0)
        strcpy(name, FILENAME_FALLBACK);
    return json_pack("{s:I, s:s, s:o, s:s, s:s, s:I, s:s, s:o, s:s, s:b}", "id", (json_int_t)f->id,
                     "kind", f->kind, "component",
                     f->component ? json_integer(f->component) : json_null(), "name", name,
                     "content_type", f->content_type, "size", (json_int_t)f->size, "sha256",
                     f->sha256, "uploaded_at", json_time(f->uploaded_at), "url",
                     arena_printf(&r->arena, "/api/v1/files/%lld", (long long)f->id), "supplement",
                     f->supplement);
}

int dossier_add_details(struct req *r, const struct dossier *d, json_t *j, struct err *e)
{
    struct dossier_step *steps;
    struct stored_file *files;
    struct dossier *children;
    json_t *arr;
    size_t n, i;

    if (files_of(r->db, &r->arena, d->id, &files, &n, e) < 0)
        return -1;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, file_json(r, &files[i]));
    json_object_set_new(j, "files", arr);

    if (dossier_steps(r->db, &r->arena, d->id, &steps, &n, e) < 0)
        return -1;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(
            arr, json_pack("{s:i, s:s, s:{s:s, s:s}, s:s, s:f, s:o, s:o, s:o, s:o}", "position",
                           steps[i].position, "name", steps[i].name, "unit", "id", steps[i].unit,
                           "name", steps[i].unit_name, "role", steps[i].role, "hours",
                           steps[i].hours, "started_at", json_time(steps[i].started_at), "due_at",
                           json_time(steps[i].due_at), "finished_at",
                           json_time(steps[i].finished_at), "timeliness",
                           steps[i].finished_at && steps[i].due_at
                               ? json_string(timeliness_name(
                                     dossier_timeliness(steps[i].finished_at, steps[i].due_at)))
                               : json_null()));
    json_object_set_new(j, "steps", arr);
    json_object_set_new(j, "actions", dossier_actions_json(r, d, steps, n));
    if (dossier_children(r->db, &r->arena, d->id, &children, &n, e) < 0)
        return -1;
    arr = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o, s:o}", "code", children[i].code,
                                             "agency", children[i].agency, "status",
                                             dossier_status_name(children[i].status), "due_at",
                                             json_time(children[i].due_at), "finished_at",
                                             json_time(children[i].finished_at)));
    json_object_set_new(j, "consultations", arr);
    return 0;
}
