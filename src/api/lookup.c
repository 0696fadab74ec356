/*
 * GET /api/v1/lookup?code=&phone_last4=: the citizen's public lookup. Both the
 * code and the last four digits of the applicant's phone must match; any
 * mismatch gets the same 404, so the answer never tells which one was wrong.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "core/dossier.h"
#include "store/dossiers.h"

#include <string.h>

int lookup_get(struct req *r, struct err *e)
{
    const char *code = req_query(r, "code"), *digits = req_query(r, "phone_last4");
    struct dossier_event *ev;
    struct dossier d;
    json_t *steps;
    size_t n, i;

    if (!code || !digits)
        return err_set(e, 400, "invalid_query", "both code and phone_last4 are required");
    if (!dossier_code_valid(code) || strlen(digits) != 4 || strspn(digits, "0123456789") != 4 ||
        dossier_by_code(r->db, &r->arena, code, &d, e) < 0 || !d.phone_last4 ||
        strcmp(d.phone_last4, digits)) {
        if (e->http && e->http != 404)
            return -1;
        err_clear(e);
        return err_set(e, 404, "not_found", "no dossier matches this code and these phone digits");
    }
    if (dossier_events(r->db, &r->arena, d.id, &ev, &n, e) < 0)
        return -1;
    steps = json_array();
    for (i = 0; i < n; i++)
        json_array_append_new(
            steps,
            json_pack("{s:o, s:s, s:s, s:s, s:o, s:o}", "at", json_time(ev[i].at), "action",
                      ev[i].action, "status", dossier_status_name(ev[i].to_status), "status_label",
                      dossier_status_label(ev[i].to_status), "unit", json_str(ev[i].unit_name),
                      "step_due_at", json_time(ev[i].step_due_at)));
    return resp_json(r, 200,
                     json_pack("{s:s, s:s, s:s, s:{s:s, s:s}, s:s, s:o, s:o, s:o, s:o, s:o}",
                               "code", d.code, "status", dossier_status_name(d.status),
                               "status_label", dossier_status_label(d.status), "procedure", "code",
                               d.procedure_code, "name", d.procedure_name, "agency", d.agency_name,
                               "submitted_at", json_time(d.submitted_at), "received_at",
                               json_time(d.received_at), "due_at", json_time(d.due_at),
                               "finished_at", json_time(d.finished_at), "steps", steps));
}
