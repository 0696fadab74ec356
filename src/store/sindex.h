/* The service index's weights (table index_parts) and grades (index_grades). */
#ifndef STORE_SINDEX_H
#define STORE_SINDEX_H

#include "store/db.h"

struct index_part_row {
    const char *code, *group_code, *group_name, *name;
    int position;
    double max_points, full_at;
};

struct index_grade_row {
    double min_points;
    const char *code, *name;
};

/* Every part, in order. */
int index_parts_list(struct db *db, struct arena *a, struct index_part_row **out, size_t *n,
                     struct err *e);
/* Writes a part's group, name, maximum and full-score rate (by code); 404 for an unknown code. */
int index_part_update(struct db *db, const struct index_part_row *p, struct err *e);
/* The grades, highest first. */
int index_grades_list(struct db *db, struct arena *a, struct index_grade_row **out, size_t *n,
                      struct err *e);

/*
 * Dossiers received at the desks of the agencies under path (the receiving agency, not the one
 * answering for the result) with received_at in [from, to), linked consultations left out: what a
 * one-stop centre, which answers for none of them, has received for the units behind it.
 */
int dossiers_received_at_desks(struct db *db, const char *path, int64_t from, int64_t to,
                               int64_t *out, struct err *e);

#endif
