/* The portal's records of a dossier, queued with the change (core/portal.c builds them). */
#include "api/portal.h"
#include "api/app.h"
#include "core/portal.h"
#include "store/agencies.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/portal.h"
#include "store/procedures.h"

#include <stdlib.h>
#include <string.h>

/* Queues one record, serialised. */
static int add(struct req *r, int64_t id, const char *kind, json_t *rec, struct err *e)
{
    char *text = json_dumps(rec, JSON_COMPACT);
    int rc;

    json_decref(rec);
    if (!text)
        return err_set(e, 500, "internal", "out of memory");
    rc = portal_enqueue(r->db, id, kind, text, r->now, e);
    free(text);
    return rc;
}

int portal_queue(struct req *r, int64_t dossier_id, struct err *e)
{
    struct app *app = r->app;
    struct portal_status_map map;
    struct portal_facts f = {0};
    struct dossier d;
    struct procedure p;
    struct agency unit;
    struct stored_file *files;
    struct portal_file *pf;
    struct portal_fee *fees;
    struct dossier_event *ev;
    size_t nfiles, nev, i;

    if (dossier_by_id(r->db, &r->arena, dossier_id, &d, e) < 0)
        return -1;
    if (d.parent_id)
        return 0;
    if (procedure_get(r->db, &r->arena, d.procedure_id, &p, e) < 0 ||
        files_of(r->db, &r->arena, d.id, &files, &nfiles, e) < 0 ||
        dossier_events(r->db, &r->arena, d.id, &ev, &nev, e) < 0 ||
        portal_status_map_load(r->db, &map, e) < 0 ||
        portal_has_dossier_record(r->db, d.id, &f.updating, e) < 0)
        return -1;
    f.unit_name = d.agency_name;
    if (d.current_unit) {
        if (agency_get(r->db, &r->arena, d.current_unit, &unit, e) < 0)
            return -1;
        f.unit_name = unit.name;
    }
    pf = arena_calloc(&r->arena, nfiles + 1, sizeof(*pf));
    for (i = 0; i < nfiles; i++)
        pf[i] = (struct portal_file){files[i].id, files[i].name, !strcmp(files[i].kind, "result"),
                                     files[i].component};
    fees = arena_calloc(&r->arena, p.nfees + 1, sizeof(*fees));
    for (i = 0; i < p.nfees; i++)
        fees[i] = (struct portal_fee){p.fees[i].name, p.fees[i].amount};
    f.d = &d;
    f.field_code = p.field_code;
    f.field_name = p.field;
    f.fees = fees;
    f.nfees = p.nfees;
    f.files = pf;
    f.nfiles = nfiles;
    f.events = ev;
    f.nevents = nev;
    f.map = &map;
    f.files_url =
        arena_printf(&r->arena, "%s/api/v1/files", app->public_url ? app->public_url : "");
    if (add(r, d.id, "dossier", portal_dossier_record(&f), e) < 0)
        return -1;
    for (i = 0; i < portal_progress_batches(nev); i++)
        if (add(r, d.id, "progress", portal_progress_record(&f, i), e) < 0)
            return -1;
    return 0;
}
