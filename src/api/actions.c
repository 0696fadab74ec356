/*
 * The actions a caller may take on a dossier now (core/actions.h): offered
 * with their fields in the dossier's JSON, and the same rule refuses an
 * action taken anyway.
 */
#include "api/app.h"
#include "api/views.h"
#include "core/actions.h"
#include "core/roles.h"
#include "core/workflow.h"
#include "lib/json.h"

#include <string.h>

void dossier_action_context(struct req *r, const struct dossier *d,
                            const struct dossier_step *steps, size_t n, struct action_context *c)
{
    const struct user *u = req_user(r);
    struct err e = ERR_INIT;

    memset(c, 0, sizeof(*c));
    action_context_of(d, steps, n, c);
    c->filer = u && d->submitted_by && d->submitted_by == u->id;
    c->desk = user_can_at(u, actor_capability(ACTOR_DESK), d->agency_path);
    c->processor = d->current_unit_path &&
                   user_can_at(u, actor_capability(ACTOR_PROCESSOR), d->current_unit_path);
    /* the head of the unit holding it: the receiving unit's before the handover */
    c->leader = user_can_at(u, actor_capability(ACTOR_LEADER),
                            d->current_unit_path ? d->current_unit_path : d->agency_path);
    c->now = r->now;
    if (d->due_at && workflow_apology_opens(r->cal, workcal_hours(r->cal, d->agency), d->due_at,
                                            &c->apology_opens, &e) < 0)
        c->apology_opens = 0; /* beyond the calendar's years: the action's own check decides */
}

/* [{name, required}] of "agency days? note?" */
static json_t *fields_json(const char *spec)
{
    json_t *arr = json_array();

    while (*spec) {
        size_t n = strcspn(spec, " ");
        int optional = n && spec[n - 1] == '?';
        json_array_append_new(arr, json_pack("{s:s%, s:b}", "name", spec, n - (size_t)optional,
                                             "required", !optional));
        spec += n;
        spec += strspn(spec, " ");
    }
    return arr;
}

json_t *dossier_actions_json(struct req *r, const struct dossier *d,
                             const struct dossier_step *steps, size_t n)
{
    struct action_context c;
    json_t *arr = json_array();
    int list[ACT_COUNT];
    size_t k, i;

    dossier_action_context(r, d, steps, n, &c);
    k = actions_from(d->status, list);
    for (i = 0; i < k; i++) {
        int block = action_block(list[i], &c);
        json_t *a = json_pack("{s:s, s:s, s:o, s:b}", "name", action_get(list[i])->name, "label",
                              action_get(list[i])->label, "fields",
                              fields_json(action_fields(list[i])), "available", !block);
        if (block) {
            char text[ERR_MSG_MAX];
            action_block_text(block, &c, text, sizeof(text));
            json_object_set_new(a, "reason", json_string(action_block_name(block)));
            json_object_set_new(a, "reason_label", json_string(text));
        }
        /* the apology's window: from when the head of the agency may issue it */
        if (list[i] == ACT_APOLOGIZE && c.apology_opens)
            json_object_set_new(a, "available_from", json_time(c.apology_opens));
        json_array_append_new(arr, a);
    }
    return arr;
}
