/* JSON views of dossiers shared by the resource files. */
#ifndef API_VIEWS_H
#define API_VIEWS_H

#include <jansson.h>

#include "core/actions.h"

#include "http/request.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/users.h"

/*
 * Whether the caller may see the dossier: staff whose scope covers its
 * receiving or current unit, or the citizen who filed it; others get 404.
 * *full_personal tells whether identity and phone numbers show in full.
 */
int dossier_access(struct req *r, const struct dossier *d, int *full_personal, struct err *e);
/* Whether a user's roles show this dossier's personal data in full. */
int dossier_personal_ok(const struct user *u, const struct dossier *d);
/*
 * The same for a dossier known by its filer and the paths of its receiving and
 * current units (current_unit_path may be NULL), as core/personal.h decides.
 */
int personal_ok(const struct user *u, int64_t submitted_by, const char *agency_path,
                const char *current_unit_path);
/*
 * The dossier as a caller who sees (full) or does not see personal data in
 * full may see it: d itself, or a copy in the request's arena with identity
 * and phone numbers masked and e-mail and address withheld (core/personal.h).
 * Every output of a dossier (its JSON, the forms) is built from what this
 * returns; the register's lines go through the same step.
 */
const struct dossier *dossier_shown(struct req *r, const struct dossier *d, int full);
void register_row_shown(struct req *r, struct register_row *row, int full);

/*
 * A dossier as the API shows it, through dossier_shown(): full_personal says
 * whether its personal data shows in full. Components are included when
 * loaded; the actions its status allows are listed.
 */
json_t *dossier_json(struct req *r, const struct dossier *d, int full_personal);
/*
 * The uploaded file's type by its content (PDF, JPEG, PNG): NULL with 422
 * (field "file") when none came, 415 for any other content.
 */
const char *upload_type(struct req *r, struct err *e);
/*
 * The uploaded file (multipart field file) read as a spreadsheet, XLSX or CSV
 * (docs/spreadsheet.h): 422 on field file when it is none.
 */
struct spreadsheet;
int upload_spreadsheet(struct req *r, struct spreadsheet *out, struct err *e);
/* The uploaded file's bytes (NUL-terminated, in the arena): 422 when none came, 413 above max. */
int upload_bytes(struct req *r, size_t max, const char **out, size_t *len, struct err *e);
/*
 * The 422 of a sheet's import that rows could not be read in: the report with
 * the problem's type, title, status and detail, and errors[] (rows.N.field);
 * nothing was imported. Takes report and errors.
 */
int resp_import_refused(struct req *r, json_t *report, json_t *errors, int nbad);
/*
 * Moves the uploaded file into the content-addressed store (store/blobs.h);
 * *created says whether it is new, so a failed transaction can drop it.
 */
int upload_keep(struct req *r, int *created, struct err *e);
/*
 * Content-Disposition of a download (RFC 6266): the display name made safe,
 * percent-encoded as UTF-8, with an ASCII fallback without diacritics.
 */
const char *file_disposition(struct req *r, const char *stored, const char *type);
/*
 * api/lookup.c: the dossier a code and the applicant's phone digits name, under
 * the lookup's allowance (429 for too many tries); the same 404 whichever is wrong.
 */
int lookup_find(struct req *r, const char *code, const char *digits, struct dossier *d,
                struct err *e);
/* A procedure's form templates (api/procedure_forms.c) with their download URLs; NULL on error. */
json_t *procedure_forms_json(struct req *r, int64_t procedure_id, struct err *e);
/* A stored file as the API shows it, with its download URL. */
json_t *file_json(struct req *r, const struct stored_file *f);
/*
 * The actions of the dossier's status, each with its label, the fields its
 * request carries, and whether this caller may take it now (with the reason
 * when not): core/actions.h decides.
 */
json_t *dossier_actions_json(struct req *r, const struct dossier *d,
                             const struct dossier_step *steps, size_t n);
/* The caller's action context for a dossier (core/actions.h): the dossier's facts and their roles.
 */
void dossier_action_context(struct req *r, const struct dossier *d,
                            const struct dossier_step *steps, size_t n, struct action_context *c);
/*
 * Adds the files, the process steps, the actions this caller may take, the
 * control sheet's rows and the consulted agencies' dossiers.
 */
int dossier_add_details(struct req *r, const struct dossier *d, json_t *j, struct err *e);

#endif
