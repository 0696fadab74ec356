/* Key-value settings of the database itself (what was seeded, instance settings). */
#ifndef STORE_META_H
#define STORE_META_H

#include "lib/arena.h"
#include "store/db.h"

/* *value is NULL when the key is absent. */
int meta_get(struct db *db, struct arena *a, const char *key, const char **value, struct err *e);
int meta_set(struct db *db, const char *key, const char *value, struct err *e);

#endif
