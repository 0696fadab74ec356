/* GET /api/v1/sync/status: the national portal's synchronisation, also for motcua sync status. */
#include "api/app.h"
#include "api/handlers.h"
#include "api/portal.h"
#include "core/dossier.h"
#include "store/dossiers.h"
#include "store/portal.h"

#include <string.h>

#define FAILED_MAX 100 /* failed records listed */

static json_t *by_state(const int64_t v[3])
{
    return json_pack("{s:I, s:I, s:I}", "pending", (json_int_t)v[0], "sent", (json_int_t)v[1],
                     "failed", (json_int_t)v[2]);
}

static json_t *record_json(const struct portal_record *x)
{
    return json_pack("{s:I, s:s, s:s, s:s, s:i, s:o, s:o, s:o, s:o}", "id", (json_int_t)x->id,
                     "dossier", x->dossier_code, "kind", x->kind, "state", x->state, "attempts",
                     x->attempts, "created_at", json_time(x->created_at), "next_attempt_at",
                     !strcmp(x->state, "pending") ? json_time(x->next_attempt_at) : json_null(),
                     "sent_at", json_time(x->sent_at), "answer", json_str(x->answer));
}

static json_t *records_json(const struct portal_record *x, size_t n)
{
    json_t *list = json_array();
    size_t i;

    for (i = 0; i < n; i++)
        json_array_append_new(list, record_json(&x[i]));
    return list;
}

json_t *portal_status_json(struct db *db, struct arena *a, const char *code, struct err *e)
{
    struct portal_summary s;
    struct portal_record *recs;
    struct portal_sync_row row;
    struct dossier d = {0};
    size_t n;
    json_t *j;
    int rc;

    if (code && (!dossier_code_valid(code) || dossier_by_code(db, a, code, &d, e) < 0)) {
        if (!e->http || e->http == 404)
            err_set(e, 404, "not_found", "no dossier %s", code);
        return NULL;
    }
    if (portal_summary_read(db, d.id, &s, e) < 0 ||
        portal_records(db, a, d.id, code ? NULL : "failed", code ? 1000 : FAILED_MAX, &recs, &n,
                       e) < 0)
        return NULL;
    j = json_pack("{s:o, s:o, s:o}", "records", by_state(s.records), "dossiers",
                  by_state(s.dossiers), "oldest_pending_at", json_time(s.oldest_pending_at));
    if (!code) {
        json_object_set_new(j, "failed", records_json(recs, n));
        return j;
    }
    if ((rc = portal_sync_get(db, a, d.id, &row, e)) < 0) {
        json_decref(j);
        return NULL;
    }
    json_object_set_new(j, "dossier", json_string(d.code));
    json_object_set_new(j, "state", rc == DB_ROW ? json_string(row.state) : json_null());
    json_object_set_new(j, "changed_at", json_time(rc == DB_ROW ? row.changed_at : 0));
    json_object_set_new(j, "synced_at", json_time(rc == DB_ROW ? row.synced_at : 0));
    json_object_set_new(j, "answer", json_str(rc == DB_ROW ? row.answer : NULL));
    json_object_set_new(j, "queue", records_json(recs, n));
    return j;
}

int sync_status_get(struct req *r, struct err *e)
{
    const char *code = req_query(r, "dossier");
    json_t *j;

    if (code && !*code)
        return err_set(e, 400, "invalid_query", "dossier must be a dossier code");
    if (!(j = portal_status_json(r->db, &r->arena, code, e)))
        return -1;
    return resp_json(r, 200, j);
}
