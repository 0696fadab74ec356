/*
 * The agency tree's rule: an agency is the same as or under another. An
 * agency is known by its path, the identifiers from the root down, each
 * followed by '/' ("000.00.00.H43/000.00.04.H43/"), so A lies under B (or is
 * B) exactly when B's path begins A's. store/agencies.h writes the same rule
 * in SQL (AGENCY_UNDER_SQL); tests/unit/store/agencies_test.c holds the two
 * to each other on one tree.
 */
#ifndef CORE_AGENCY_H
#define CORE_AGENCY_H

/* 1 when the agency at `path` is the one at `root` or lies under it; 0 when either is NULL. */
int agency_under(const char *path, const char *root);

/* 1 when both paths are in the same tree (their first identifier is the same). */
int agency_same_root(const char *a, const char *b);

#endif
