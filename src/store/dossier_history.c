/* A dossier's control sheet and process steps, the register of a unit (form 06), the units it
 * passes. */
#include "store/dossiers.h"
#include "store/agencies.h"

#include <stdio.h>
#include <string.h>

int dossier_add_event(struct db *db, int64_t dossier_id, const struct dossier_event *ev,
                      struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO dossier_events (dossier_id, at, action, from_status, to_status,"
                  " actor_id, actor_name, unit, note, step_due_at, to_unit, step, timeliness)"
                  " VALUES (?, ?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?, nullif(?, 0), ?)",
                  "IItiizttt"
                  "ztit",
                  dossier_id, ev->at, ev->action, ev->from_status, ev->to_status, ev->actor_id,
                  ev->actor_name, ev->unit, ev->note, ev->step_due_at, ev->to_unit, ev->step,
                  ev->timeliness) < 0
               ? -1
               : 0;
}

const struct dossier_event *dossier_last_event(const struct dossier_event *ev, size_t n,
                                               const char *action)
{
    const struct dossier_event *found = NULL;
    size_t i;

    for (i = 0; i < n; i++)
        if (!strcmp(ev[i].action, action))
            found = &ev[i];
    return found;
}

static void read_event(struct db_stmt *st, struct arena *a, void *out)
{
    struct dossier_event *ev = out;

    ev->id = db_col_int(st, 0);
    ev->at = db_col_int(st, 1);
    ev->action = db_col_dup(st, 2, a);
    ev->from_status = (int)db_col_int0(st, 3);
    ev->to_status = (int)db_col_int(st, 4);
    ev->actor_id = db_col_int0(st, 5);
    ev->actor_name = db_col_dup(st, 6, a);
    ev->unit = db_col_dup(st, 7, a);
    ev->unit_name = db_col_dup(st, 8, a);
    ev->note = db_col_dup(st, 9, a);
    ev->step_due_at = db_col_int0(st, 10);
    ev->to_unit = db_col_dup(st, 11, a);
    ev->to_unit_name = db_col_dup(st, 12, a);
    ev->step = (int)db_col_int0(st, 13);
    ev->timeliness = db_col_dup(st, 14, a);
}

int dossier_events(struct db *db, struct arena *a, int64_t dossier_id, struct dossier_event **out,
                   size_t *n, struct err *e)
{
    return db_all(
        db, a, read_event, sizeof(**out), out, n, e,
        "SELECT ev.id, ev.at, ev.action, ev.from_status, ev.to_status, ev.actor_id,"
        " ev.actor_name, ev.unit, a.name, ev.note, ev.step_due_at, ev.to_unit, t.name,"
        " ev.step, ev.timeliness FROM dossier_events ev"
        " LEFT JOIN agencies a ON a.id = ev.unit LEFT JOIN agencies t ON t.id = ev.to_unit"
        " WHERE ev.dossier_id = ? ORDER BY ev.id",
        "I", dossier_id);
}

int dossier_steps_insert(struct db *db, int64_t dossier_id, const struct dossier_step *steps,
                         size_t n, struct err *e)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (db_run(db, e,
                   "INSERT INTO dossier_steps (dossier_id, position, name, unit, role, hours,"
                   " started_at, due_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "Iitttdzzz", dossier_id, steps[i].position, steps[i].name, steps[i].unit,
                   steps[i].role, steps[i].hours, steps[i].started_at, steps[i].due_at,
                   steps[i].finished_at) < 0)
            return -1;
    return 0;
}

static void read_step(struct db_stmt *st, struct arena *a, void *out)
{
    struct dossier_step *s = out;

    s->position = (int)db_col_int(st, 0);
    s->name = db_col_dup(st, 1, a);
    s->unit = db_col_dup(st, 2, a);
    s->unit_name = db_col_dup(st, 3, a);
    s->role = db_col_dup(st, 4, a);
    s->hours = db_col_double(st, 5);
    s->started_at = db_col_int0(st, 6);
    s->due_at = db_col_int0(st, 7);
    s->finished_at = db_col_int0(st, 8);
}

int dossier_steps(struct db *db, struct arena *a, int64_t dossier_id, struct dossier_step **out,
                  size_t *n, struct err *e)
{
    return db_all(db, a, read_step, sizeof(**out), out, n, e,
                  "SELECT s.position, s.name, s.unit, g.name, s.role, s.hours, s.started_at,"
                  " s.due_at, s.finished_at FROM dossier_steps s JOIN agencies g ON g.id = s.unit"
                  " WHERE s.dossier_id = ? ORDER BY s.position",
                  "I", dossier_id);
}

int dossier_step_update(struct db *db, int64_t dossier_id, const struct dossier_step *s,
                        struct err *e)
{
    return db_run(db, e,
                  "UPDATE dossier_steps SET started_at = ?, due_at = ?, finished_at = ?"
                  " WHERE dossier_id = ? AND position = ?",
                  "zzzIi", s->started_at, s->due_at, s->finished_at, dossier_id, s->position) < 0
               ? -1
               : 0;
}

static void read_register(struct db_stmt *st, struct arena *a, void *out)
{
    struct register_row *r = out;

    r->code = db_col_dup(st, 0, a);
    r->procedure = db_col_dup(st, 1, a);
    r->applicant = db_col_dup(st, 2, a);
    r->address = db_col_dup(st, 3, a);
    r->phone = db_col_dup(st, 4, a);
    r->lead_unit = db_col_dup(st, 5, a);
    r->close_reason = db_col_dup(st, 6, a);
    r->sets = (int)db_col_int(st, 7);
    r->status = (int)db_col_int(st, 8);
    r->received_at = db_col_int0(st, 9);
    r->due_at = db_col_int0(st, 10);
    r->handover_at = db_col_int0(st, 11);
    r->finished_at = db_col_int0(st, 12);
    r->returned_at = db_col_int0(st, 13);
    r->agency_path = db_col_dup(st, 14, a);
    r->current_unit_path = db_col_dup(st, 15, a);
    r->submitted_by = db_col_int0(st, 16);
}

int dossier_register(struct db *db, struct arena *a, const char *agency_path, int64_t from,
                     int64_t to, size_t max, struct register_row **out, size_t *n, struct err *e)
{
    return db_all(
        db, a, read_register, sizeof(**out), out, n, e,
        "SELECT d.code, p.name, d.applicant_name, d.applicant_address, d.applicant_phone,"
        " la.name,"
        " d.close_reason, d.sets, d.status, d.received_at, d.due_at,"
        " (SELECT min(at) FROM dossier_events e WHERE e.dossier_id = d.id"
        "  AND e.action = 'handover'), d.finished_at, d.returned_at,"
        " a.path, cu.path, d.submitted_by"
        " FROM dossiers d JOIN procedures p ON p.id = d.procedure_id"
        " JOIN agencies la ON la.id = coalesce(d.lead_agency, p.agency)"
        " JOIN agencies a ON a.id = d.agency"
        " LEFT JOIN agencies cu ON cu.id = d.current_unit"
        " WHERE " AGENCY_UNDER_SQL("a.path", "?1") " AND d.received_at >= ?2"
                                                   " AND d.received_at < ?3 AND d.parent_id IS NULL"
                                                   " ORDER BY d.received_at, d.id LIMIT ?4",
        "tIIi", agency_path, from, to, (int)max);
}

int dossier_unit_paths(struct db *db, struct arena *a, int64_t dossier_id, const char ***out,
                       size_t *n, struct err *e)
{
    struct db_stmt *st;
    size_t cap = 0;
    int rc;

    *n = 0;
    *out = arena_alloc(a, 0);
    if (db_query(db, &st, e,
                 "SELECT DISTINCT g.path FROM dossier_steps s JOIN agencies g ON g.id = s.unit"
                 " WHERE s.dossier_id = ?",
                 "I", dossier_id) < 0)
        return -1;
    while ((rc = db_step(st, e)) == DB_ROW)
        *(const char **)arena_push(a, out, n, &cap, sizeof(**out)) = db_col_dup(st, 0, a);
    db_finalize(st);
    return rc < 0 ? -1 : 0;
}
