/* The dossier statuses as core defines them, for clients that list or filter by them. */
#include "api/app.h"
#include "api/handlers.h"
#include "core/dossier.h"

int statuses_get(struct req *r, struct err *e)
{
    json_t *items = json_array();
    int s;

    (void)e;
    for (s = DOSSIER_STATUS_MIN; s <= DOSSIER_STATUS_MAX; s++)
        json_array_append_new(
            items, json_pack("{s:i, s:s, s:s, s:b, s:b}", "code", s, "name", dossier_status_name(s),
                             "label", dossier_status_label(s), "final",
                             dossier_status_in(s, DOSSIER_SET(DOSSIERS_FINAL)), "in_progress",
                             dossier_status_in(s, DOSSIER_SET(DOSSIERS_IN_PROGRESS))));
    return resp_json(r, 200, json_pack("{s:o}", "items", items));
}
