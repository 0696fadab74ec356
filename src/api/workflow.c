/*
 * POST /api/v1/dossiers/{code}/{action}: every transition of the workflow (its
 * body is read by workflow_input.c; the control sheet is served by history.c).
 *
 * The handler reads what the move needs, core's dossier_apply
 * (core/lifecycle.h) decides and computes it, and the handler writes it in
 * one transaction: the dossier row (under its version), its process steps,
 * a consultation's child or parent, the control-sheet rows, the outbox and
 * the audit row. Refusals come in the order 404 (no such dossier, or not the
 * caller's), 409 (version or status), 403 (role at the unit), 422 (fields).
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/notify.h"
#include "api/portal.h"
#include "api/views.h"
#include "api/workflow_input.h"
#include "core/lifecycle.h"
#include "core/workflow.h"
#include "lib/json.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/procedures.h"

#include <string.h>

/* A unit's place in the tree, for the move; 404 when it does not exist. */
static int unit_of(struct req *r, const char *id, struct move_unit *out, int *active, struct err *e)
{
    struct agency ag;

    if (agency_get(r->db, &r->arena, id, &ag, e) < 0)
        return -1;
    *out = (struct move_unit){ag.id, ag.path, ag.level};
    if (active)
        *active = ag.active;
    return 0;
}

/* A handover: the receiving unit, the procedure's agency and the variant's process. */
static int handover_facts(struct req *r, const struct dossier *d, struct move_facts *f,
                          struct err *e)
{
    struct procedure_variant *variants;
    struct procedure p;
    size_t n, i;

    if (procedure_get(r->db, &r->arena, d->procedure_id, &p, e) < 0 ||
        procedure_variants(r->db, &r->arena, p.id, &variants, &n, e) < 0 ||
        unit_of(r, d->agency, &f->unit, NULL, e) < 0 ||
        unit_of(r, p.agency, &f->owner, NULL, e) < 0)
        return -1;
    for (i = 0; i < n; i++)
        if (variants[i].id == d->variant_id) {
            f->process = variants[i].steps;
            f->nprocess = variants[i].nsteps;
        }
    return 0;
}

/* A consultation: the agency asked, when it exists and is active, and the child's code. */
static int consult_facts(struct req *r, const char *agency, struct move_facts *f, struct err *e)
{
    char code[DOSSIER_CODE_MAX];
    int active;

    if (unit_of(r, agency, &f->consulted, &active, e) < 0) {
        if (e->http != 404)
            return -1;
        err_clear(e);
        active = 0;
    }
    if (!active) {
        f->consulted.id = NULL;
        return 0;
    }
    if (dossier_next_code(r->db, agency, r->now, code, e) < 0)
        return -1;
    f->child_code = arena_strdup(&r->arena, code);
    return 0;
}

/* What the move needs besides the dossier and its steps. */
static int read_facts(struct req *r, int action, const struct action_input *in,
                      const struct dossier *d, struct move_facts *f, struct dossier *parent,
                      struct err *e)
{
    const struct user *u = req_user(r);

    f->cal = r->cal;
    f->now = r->now;
    f->actor_id = req_user_id(r);
    f->actor_name = u->full_name && *u->full_name ? u->full_name : u->username;
    if (action == ACT_HANDOVER && handover_facts(r, d, f, e) < 0)
        return -1;
    if (action == ACT_CONSULT && consult_facts(r, in->agency, f, e) < 0)
        return -1;
    if (action == ACT_FINISH && d->parent_id) {
        if (dossier_by_id(r->db, &r->arena, d->parent_id, parent, e) < 0)
            return -1;
        f->parent = parent;
    }
    return 0;
}

/* Writes the move: the dossier, its steps, the child or parent, the rows, notice and audit. */
static int persist(struct req *r, int action, int from, struct move *m, struct err *e)
{
    struct dossier *d = &m->d;
    size_t i;

    if (m->steps_new) {
        if (dossier_steps_insert(r->db, d->id, m->steps, m->nsteps, e) < 0)
            return -1;
    } else {
        for (i = 0; i < m->nchanged; i++)
            if (dossier_step_update(r->db, d->id, &m->steps[m->changed[i] - 1], e) < 0)
                return -1;
    }
    if (m->has_child && (dossier_insert(r->db, &m->child, e) < 0 ||
                         dossier_steps_insert(r->db, m->child.id, &m->child_step, 1, e) < 0 ||
                         dossier_add_event(r->db, m->child.id, &m->child_ev, e) < 0))
        return -1;
    if (m->has_parent && (dossier_update(r->db, &m->parent, e) < 0 ||
                          dossier_add_event(r->db, m->parent.id, &m->parent_ev, e) < 0))
        return -1;
    if (dossier_update(r->db, d, e) < 0)
        return -1;
    for (i = 0; i < m->nev; i++)
        if (dossier_add_event(r->db, d->id, &m->ev[i], e) < 0)
            return -1;
    if (m->notice != NOTICE_NONE && notify(r, d, m->notice, e) < 0)
        return -1;
    if (portal_queue(r, d->id, e) < 0 || (m->has_parent && portal_queue(r, m->parent.id, e) < 0))
        return -1;
    return audit_append(r->db, r->now, req_user_id(r),
                        arena_printf(&r->arena, "dossier.%s", action_get(action)->name),
                        arena_printf(&r->arena, "dossier:%s", d->code),
                        arena_printf(&r->arena, "%s -> %s", dossier_status_name(from),
                                     dossier_status_name(d->status)),
                        e);
}

int dossiers_act(struct req *r, struct err *e)
{
    const char *name = strrchr(r->path, '/') + 1;
    int action = action_parse(name), full, rc = -1;
    struct err fields = ERR_INIT;
    struct action_context who;
    struct action_input in;
    struct move_facts f = {0};
    struct dossier d, parent;
    struct dossier_step *steps = NULL;
    size_t nsteps = 0;
    struct move m;
    json_t *body = NULL, *j;

    if (action < 0)
        return err_set(e, 404, "not_found", "no action %s", name);
    if (!r->body.len)
        body = json_object();
    else if (req_json(r, &body, e) < 0)
        return -1;
    workflow_read_input(body, action, &in, &r->arena, &fields);
    if (db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (!dossier_code_valid(r->params[0])) {
        err_set(e, 404, "not_found", "%s is not a dossier code", r->params[0]);
        goto out;
    }
    if (dossier_by_code(r->db, &r->arena, r->params[0], &d, e) < 0 ||
        dossier_access(r, &d, &full, e) < 0 ||
        dossier_steps(r->db, &r->arena, d.id, &steps, &nsteps, e) < 0)
        goto out;
    dossier_action_context(r, &d, steps, nsteps, &who);
    f.who = &who;
    /* the fields are judged after the version, the status and the role */
    if (fields.http) {
        if (dossier_may(action, in.version, &who, &d, steps, nsteps, e) == 0)
            *e = fields;
        goto out;
    }
    if (read_facts(r, action, &in, &d, &f, &parent, e) < 0 ||
        dossier_apply(action, &in, &f, &d, steps, nsteps, &m, &r->arena, e) < 0 ||
        persist(r, action, d.status, &m, e) < 0 || db_commit(r->db, e) < 0)
        goto out;
    j = dossier_json(r, &m.d, full);
    if (dossier_add_details(r, &m.d, j, e) < 0) {
        json_decref(j);
        goto out;
    }
    rc = resp_json(r, 200, j);
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}
