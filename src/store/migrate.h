/* Schema migrations: numbered SQL files embedded in the binary, applied in order. */
#ifndef STORE_MIGRATE_H
#define STORE_MIGRATE_H

#include "store/db.h"

/*
 * Applies every migration newer than the database's schema version, each in
 * its own transaction. Returns the number applied, or -1.
 */
int migrate(struct db *db, int64_t now, struct err *e);
/* The schema version this binary writes. */
int migrate_latest(void);

#endif
