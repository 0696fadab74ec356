/*
 * Staged uploads (api/uploads.c): files checked and stored before the request
 * that attaches them in its own transaction.
 */
#ifndef API_UPLOADS_H
#define API_UPLOADS_H

#include "http/request.h"
#include "store/dossiers.h"
#include "store/files.h"

/*
 * Stages the request's file for an account (user_id) or a dossier's
 * supplement (dossier_id), the other 0, and answers 201 with its id, name,
 * type and size; 415 on field file for any content but PDF, JPEG or PNG.
 */
int upload_stage(struct req *r, int64_t user_id, int64_t dossier_id, struct err *e);
/*
 * Inside a write transaction: whether the staged upload is the owner's and
 * still waiting (422 on `field` when not); adds its size to *size.
 */
int upload_check(struct req *r, int64_t user_id, int64_t dossier_id, int64_t upload_id,
                 const char *field, int64_t *size, struct err *e);
/*
 * Inside a write transaction: the staged upload becomes a file of the dossier
 * (a component's when component > 0, marked digitised; a supplement's when
 * supplement), and its staged row goes. The owner is user_id, or the dossier
 * when user_id is 0.
 */
int upload_attach(struct req *r, int64_t user_id, const struct dossier *d, int64_t upload_id,
                  int component, int supplement, const char *field, struct stored_file *out,
                  struct err *e);

#endif
