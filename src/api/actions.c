/*
 * The actions a caller may take on a dossier now (core/actions.h): offered
 * with their fields in the dossier's JSON, and the same rule refuses an
 * action taken anyway.
 */
#include "api/app.h"
#include "api/views.h"
#include "core/actions.h"
#include "core/roles.h"
#include "lib/strbuf.h"

#include <string.h>

static void context_of(struct req *r, const struct dossier *d, const struct dossier_step *steps,
                       size_t n, struct action_context *c)
{
    const struct user *u = req_user(r);

    memset(c, 0, sizeof(*c));
    c->status = d->status;
    c->step = d->step;
    c->nsteps = (int)n;
    c->approval_step =
        d->step >= 1 && (size_t)d->step <= n && !strcmp(steps[d->step - 1].role, "approve");
    c->open_children = d->open_children;
    c->apologized = d->apology_at != 0;
    c->filer = u && d->submitted_by && d->submitted_by == u->id;
    c->desk = user_can_at(u, actor_capability(ACTOR_DESK), d->agency_path);
    c->processor = d->current_unit_path &&
                   user_can_at(u, actor_capability(ACTOR_PROCESSOR), d->current_unit_path);
    c->leader = d->current_unit_path &&
                user_can_at(u, actor_capability(ACTOR_LEADER), d->current_unit_path);
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

    context_of(r, d, steps, n, &c);
    k = actions_from(d->status, list);
    for (i = 0; i < k; i++) {
        int block = action_block(list[i], &c);
        json_t *a = json_pack("{s:s, s:s, s:o, s:b}", "name", action_get(list[i])->name, "label",
                              action_get(list[i])->label, "fields",
                              fields_json(action_fields(list[i])), "available", !block);
        if (block) {
            json_object_set_new(a, "reason", json_string(action_block_name(block)));
            json_object_set_new(a, "reason_label", json_string(action_block_label(block)));
        }
        json_array_append_new(arr, a);
    }
    return arr;
}

static int refuse_status(const struct dossier *d, int action, struct err *e)
{
    struct strbuf allowed = STRBUF_INIT;
    int list[ACT_COUNT];
    size_t n = actions_from(d->status, list), i;

    for (i = 0; i < n; i++)
        strbuf_addf(&allowed, "%s%s", i ? ", " : "", action_get(list[i])->name);
    err_set(e, 409, "invalid_transition", "a dossier in status %s cannot %s; allowed now: %s",
            dossier_status_name(d->status), action_get(action)->name,
            n ? allowed.buf : "none (the dossier is closed)");
    strbuf_release(&allowed);
    return -1;
}

static int refuse_role(const struct dossier *d, int action, struct err *e)
{
    int actor = action_actor(action, d->status);

    return err_set(e, 403, "forbidden", "%s of dossier %s is not yours to do: it needs %s of %s",
                   action_get(action)->label, d->code,
                   actor == ACTOR_DESK        ? "the one-stop desk"
                   : actor == ACTOR_PROCESSOR ? "a processing officer"
                                              : "a leader",
                   actor == ACTOR_DESK ? d->agency : d->current_unit);
}

int dossier_action_check(struct req *r, const struct dossier *d, int action, struct err *e)
{
    struct dossier_step *steps = NULL;
    struct action_context c;
    size_t n = 0;

    if (d->status == DOSSIER_PROCESSING &&
        dossier_steps(r->db, &r->arena, d->id, &steps, &n, e) < 0)
        return -1;
    context_of(r, d, steps, n, &c);
    switch (action_block(action, &c)) {
    case BLOCK_NONE: return 0;
    case BLOCK_STATUS: return refuse_status(d, action, e);
    case BLOCK_ROLE: return refuse_role(d, action, e);
    case BLOCK_WAITING:
        return err_set(e, 409, "waiting", "dossier %s waits for %d consulted agencies to answer",
                       d->code, d->open_children);
    case BLOCK_FIRST_STEP:
        return err_set(e, 409, "invalid_transition",
                       "the dossier is at its first step; there is no step to send it back to");
    case BLOCK_LAST_STEP:
        return err_set(e, 409, "invalid_transition",
                       "the dossier is at its last step; finish it with the result");
    case BLOCK_APPROVAL:
        return err_set(e, 403, "forbidden", "step %d (%s) is a leader's approval: approve it",
                       d->step, steps[d->step - 1].name);
    case BLOCK_NO_APPROVAL:
        return err_set(e, 409, "invalid_transition", "step %d (%s) is not an approval; forward it",
                       d->step, steps[d->step - 1].name);
    case BLOCK_APOLOGIZED:
        return err_set(e, 409, "already_apologized", "the appointment was already re-set once");
    }
    return err_set(e, 500, "internal", "unknown reason to refuse %s", action_get(action)->name);
}
