/*
 * The audit log: append-only, each row chained to the one before by SHA-256
 * (hash = SHA-256 of the previous hash and this row's fields), so that an
 * edited, deleted or reordered row breaks the chain.
 */
#ifndef STORE_AUDIT_H
#define STORE_AUDIT_H

#include "store/db.h"

/*
 * Appends a row; call inside the write transaction of the change it records.
 * The head (last id and hash) is kept in meta too, so that deleting the last
 * rows is noticed. A row is dated `now`, or the time of the row before it if
 * that is later (a request that started earlier committed later).
 */
int audit_append(struct db *db, int64_t now, int64_t actor_id, const char *action,
                 const char *object, const char *detail, struct err *e);

struct audit_report {
    int64_t rows;     /* rows read */
    int64_t bad_id;   /* the first row found wrong, 0 when intact */
    char reason[160]; /* what is wrong with it */
};

/* Walks the chain from the first row; fills the report. -1 only when it cannot read. */
int audit_verify(struct db *db, struct audit_report *out, struct err *e);

#endif
