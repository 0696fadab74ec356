/* The agency tree. Strings of returned agencies live in the caller's arena. */
#ifndef STORE_AGENCIES_H
#define STORE_AGENCIES_H

#include <stddef.h>

#include "lib/arena.h"
#include "store/db.h"

/*
 * core/agency.h's agency_under in SQL: the agency whose path is `path` (a
 * column) is the one whose path is `root` (a column or a parameter: "?1", or
 * "?" bound twice) or lies under it. A prefix match, like the C; NULL never
 * matches.
 */
#define AGENCY_UNDER_SQL(path, root) "substr(" path ", 1, length(" root ")) = " root

struct agency {
    const char *id; /* electronic identifier, e.g. 000.00.04.H43 */
    const char *name;
    const char *parent; /* NULL for a root */
    const char *path;   /* "root/…/id/": ids from the root down */
    const char *level;  /* province, department, district, commune, division, centre, other */
    const char *office_hours;
    const char *address, *phone, *email;
    const char *opening_hours; /* when the public is received, in words, or NULL */
    const char *form_set;      /* the set of printable forms the agency uses */
    int active, version;
    int64_t created_at, updated_at;
};

/* 404 "not_found" when there is no such agency. */
int agency_get(struct db *db, struct arena *a, const char *id, struct agency *out, struct err *e);
/* Every agency under root (root itself included), or all when root is NULL, in tree order. */
int agency_list(struct db *db, struct arena *a, const char *root, struct agency **out, size_t *n,
                struct err *e);
/* The first top-level agency created (the installation's province), or NULL when there is none. */
int agency_first_root(struct db *db, struct arena *a, const char **id, struct err *e);
/* Inserts; the path comes from the parent. 409 if the id exists, 422 if the parent does not. */
int agency_insert(struct db *db, const struct agency *ag, int64_t now, struct err *e);
/*
 * Updates every field; a new parent moves the whole subtree (422 when the new
 * parent lies inside it). 409 "conflict" when version does not match.
 */
int agency_update(struct db *db, struct arena *a, const struct agency *ag, int64_t now,
                  struct err *e);
/* 1 when id is root or lies under it, 0 when not, -1 on error. */
int agency_within(struct db *db, const char *root, const char *id, struct err *e);

#endif
