/* Questions about a database as a whole: does it answer, is it whole and motcua's. */
#ifndef STORE_INSPECT_H
#define STORE_INSPECT_H

#include <stdint.h>

#include "store/db.h"

/* 0 when the database answers a query. */
int store_ping(struct db *db, struct err *e);
/*
 * The integrity check, the schema version and the number of dossiers: 422
 * "corrupt" or "not_motcua" (naming path) when the file is not a whole motcua
 * database.
 */
int store_inspect(struct db *db, const char *path, int64_t *version, int64_t *dossiers,
                  struct err *e);

#endif
