/*
 * Synchronisation with the National Public Service Portal (DVCQG): the
 * records in the portal's shape, built from a dossier, its files, fees and
 * control sheet. Every value is a string; times are "yyyyMMddHHmmss" in
 * Asia/Ho_Chi_Minh. The envelope (service, isUpdating, session, unit code)
 * is written here and nowhere else (docs/portal-sync.md).
 */
#ifndef CORE_PORTAL_H
#define CORE_PORTAL_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "core/dossier.h"

#define PORTAL_SERVICE_DOSSIER  "DongBoHoSoMC"
#define PORTAL_SERVICE_PROGRESS "CapNhatTienDoHoSoMC"
#define PORTAL_PROGRESS_BATCH   10 /* processing steps in one progress record */
#define PORTAL_TIME_MAX         15
/* A change reached the portal on time when it was taken within this long (the index) */
#define PORTAL_ON_TIME_SECONDS (24 * 3600)

/* "20240315073000" (local time), "" for 0. */
void portal_time(int64_t utc, char out[PORTAL_TIME_MAX]);

/* The portal's status of each of motcua's (index 1..10; table portal_statuses). */
struct portal_status_map {
    int to[DOSSIER_STATUS_MAX + 1];
};
/* The identity mapping (the default data). */
void portal_status_map_default(struct portal_status_map *m);
/* The portal's number of a status, or 0 for an invalid one. */
int portal_status_of(const struct portal_status_map *m, int status);

/* The portal's applicant kind: 1 a citizen, 2 an organisation (business or other). */
int portal_applicant_kind(int kind);

struct portal_file {
    int64_t id;
    const char *name;
    int result;    /* a result document, else a component of the dossier */
    int component; /* its position among the components, 0 for a result */
};

struct portal_fee {
    const char *name;
    int64_t amount; /* VND */
};

/* Everything a record is made of. Strings are borrowed. */
struct portal_facts {
    const struct dossier *d;
    const char *field_code, *field_name; /* the procedure's field (lĩnh vực) */
    const char *unit_name;               /* the unit now holding it (DonViXuLy) */
    const struct portal_fee *fees;
    size_t nfees;
    const struct portal_file *files;
    size_t nfiles;
    const struct dossier_event *events; /* the control sheet, oldest first */
    size_t nevents;
    const char *files_url; /* where a file is fetched: files_url + "/" + id */
    const struct portal_status_map *map;
    int updating; /* the portal already holds the dossier */
};

/* The dossier record: {"service": "DongBoHoSoMC", "isUpdating": …, "data": [{…}]}. */
json_t *portal_dossier_record(const struct portal_facts *f);
/* How many progress records the control sheet makes (batches of PORTAL_PROGRESS_BATCH). */
size_t portal_progress_batches(size_t nevents);
/* The progress record of batch k: {"service": "CapNhatTienDoHoSoMC", "data": [{…} × ≤10]}. */
json_t *portal_progress_record(const struct portal_facts *f, size_t k);

/*
 * The body posted: the record with the session token and the unit's code
 * ("session", "madonvi") added; NULL when the record is not a JSON object.
 * The caller frees it.
 */
char *portal_envelope(const char *record, const char *session, const char *unit);
/*
 * The portal took the record: a 2xx answer whose "error_code" is absent, 0 or
 * "0". Anything else is an answer to keep.
 */
int portal_answer_ok(long http, const char *body);
/* The session token of an authentication answer ({"session": "…"}), or NULL. Caller frees. */
char *portal_session_of(const char *body);

/*
 * A change queued at `created` reached the portal on time: taken at sent_at,
 * within PORTAL_ON_TIME_SECONDS. A record not taken yet (sent_at 0) is not.
 */
int portal_on_time(int64_t created, int64_t sent_at);

#endif
