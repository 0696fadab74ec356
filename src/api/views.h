/* JSON views of dossiers shared by the resource files. */
#ifndef API_VIEWS_H
#define API_VIEWS_H

#include <jansson.h>

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
 * A dossier as the API shows it. full_personal: identity and phone numbers in
 * full (else masked, with no e-mail or address). Components are included when
 * loaded; the actions its status allows are listed.
 */
json_t *dossier_json(struct req *r, const struct dossier *d, int full_personal);
/* A stored file as the API shows it, with its download URL. */
json_t *file_json(struct req *r, const struct stored_file *f);
/* Adds the files, the process steps, the control sheet's rows and the consulted agencies' dossiers.
 */
int dossier_add_details(struct req *r, const struct dossier *d, json_t *j, struct err *e);

#endif
