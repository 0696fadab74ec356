/*
 * The audit log: append-only, each row chained to the one before by SHA-256
 * (hash = SHA-256 of the previous hash and this row's fields), so that an
 * edited, deleted or reordered row breaks the chain.
 */
#ifndef STORE_AUDIT_H
#define STORE_AUDIT_H

#include "store/db.h"

/* Appends a row; call inside the write transaction of the change it records. */
int audit_append(struct db *db, int64_t now, int64_t actor_id, const char *action,
                 const char *object, const char *detail, struct err *e);

#endif
