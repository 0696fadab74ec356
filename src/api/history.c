/* GET /api/v1/dossiers/{code}/history: the control sheet (form 05) as JSON. */
#include "api/app.h"
#include "api/handlers.h"
#include "api/views.h"
#include "core/dossier.h"
#include "core/workflow.h"
#include "lib/json.h"

#include <string.h>

int dossiers_history(struct req *r, struct err *e)
{
    struct dossier_event *ev;
    struct dossier d;
    json_t *rows;
    size_t n, i, k;
    int full;

    if (!dossier_code_valid(r->params[0]))
        return err_set(e, 404, "not_found", "%s is not a dossier code", r->params[0]);
    if (dossier_by_code(r->db, &r->arena, r->params[0], &d, e) < 0 ||
        dossier_access(r, &d, &full, e) < 0 ||
        dossier_events(r->db, &r->arena, d.id, &ev, &n, e) < 0)
        return -1;
    rows = json_array();
    for (i = 0; i < n; i++) {
        const char *receiver = NULL;
        /* who received a handover: the next one to act at the receiving unit */
        for (k = i + 1; ev[i].to_unit && k < n && !receiver; k++)
            if (ev[k].unit && !strcmp(ev[k].unit, ev[i].to_unit))
                receiver = ev[k].actor_name;
        json_array_append_new(
            rows,
            json_pack("{s:o, s:s, s:s, s:o, s:s, s:o, s:{s:o, s:o}, s:o, s:o, s:o, s:o, s:o, s:o}",
                      "at", json_time(ev[i].at), "action", ev[i].action, "label",
                      event_label(ev[i].action), "from_status",
                      ev[i].from_status ? json_string(dossier_status_name(ev[i].from_status))
                                        : json_null(),
                      "to_status", dossier_status_name(ev[i].to_status), "giver",
                      json_str(ev[i].actor_name), "unit", "id", json_str(ev[i].unit), "name",
                      json_str(ev[i].unit_name), "to_unit",
                      ev[i].to_unit ? json_pack("{s:s, s:o}", "id", ev[i].to_unit, "name",
                                                json_str(ev[i].to_unit_name))
                                    : json_null(),
                      "receiver", json_str(receiver), "step",
                      ev[i].step ? json_integer(ev[i].step) : json_null(), "step_due_at",
                      json_time(ev[i].step_due_at), "timeliness", json_str(ev[i].timeliness),
                      "note", json_str(ev[i].note)));
    }
    return resp_json(r, 200,
                     json_pack("{s:s, s:o, s:o, s:o}", "code", d.code, "due_at",
                               json_time(d.due_at), "original_due_at", json_time(d.original_due_at),
                               "rows", rows));
}
