/*
 * The PAR INDEX's rows (migration 011; core/parindex.h has the rules): the
 * structures and their items, the subjects' assessments of the items, the
 * evidence attached to them, and the external indices recorded by year.
 * Strings of what is read live in the caller's arena.
 */
#ifndef STORE_PARINDEX_H
#define STORE_PARINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/parindex.h"
#include "lib/arena.h"
#include "store/db.h"

/* "none" in an assessment's figure: scored by hand, whatever the item's figure. */
#define PAR_FIGURE_NONE "none"

struct par_structure {
    int64_t id;
    int year;
    const char *scope; /* "province" or "unit" */
    const char *name, *source;
    int example;
    double max_points; /* the areas' maximum points added up */
    int64_t items;     /* how many items (read only) */
    int64_t created_at, created_by;
};

/*
 * Inserts a structure and its items, checked and in tree order; sets s->id
 * and each item's id. Call inside a write transaction.
 */
int par_structure_insert(struct db *db, struct par_structure *s, struct par_item *items, size_t n,
                         struct err *e);
/* Every structure (of a year, unless year is 0), newest year first. */
int par_structure_list(struct db *db, struct arena *a, int year, struct par_structure **out,
                       size_t *n, struct err *e);
/* 404 when there is none. */
int par_structure_get(struct db *db, struct arena *a, int64_t id, struct par_structure *out,
                      struct err *e);
/* The structure's items in tree order, with depth, parent and leaf set (par_tree_link). */
int par_structure_items(struct db *db, struct arena *a, int64_t structure_id, struct par_item **out,
                        size_t *n, struct err *e);

/* A subject's assessment of an item; a number below 0 is none (NULL). */
struct par_assessment {
    int64_t id, item_id;
    const char *subject;     /* the agency assessed */
    const char *responsible; /* the unit responsible; NULL: the subject */
    double value;            /* the value a proportion or scale is scored from, entered by hand */
    double self_score, appraised_score;
    const char *figure; /* NULL: the item's; PAR_FIGURE_NONE: none; else a figure's code */
    const char *note;
    int64_t updated_at, updated_by;
};

/* The subject's assessments of the structure's items (any order). */
int par_assessments_of(struct db *db, struct arena *a, int64_t structure_id, const char *subject,
                       struct par_assessment **out, size_t *n, struct err *e);
/* The subjects with an assessment of the structure lying under root (root itself left out). */
int par_assessed_subjects(struct db *db, struct arena *a, int64_t structure_id,
                          const char *root_path, const char ***out, size_t *n, struct err *e);
/* Inserts or replaces the (item, subject) assessment; sets x->id. */
int par_assessment_put(struct db *db, struct par_assessment *x, struct err *e);

/* Evidence attached to an assessment. */
struct par_file {
    int64_t id, assessment_id;
    const char *name, *content_type, *sha256;
    int64_t size, uploaded_at, uploaded_by;
    /* read with it: what it is evidence of */
    int64_t structure_id, item_id;
    const char *subject, *responsible; /* responsible: NULL when the subject is */
};
/* Sets f->id. */
int par_file_insert(struct db *db, struct par_file *f, struct err *e);
/* The files of a subject's assessments of a structure, in order. */
int par_files_of(struct db *db, struct arena *a, int64_t structure_id, const char *subject,
                 struct par_file **out, size_t *n, struct err *e);
/* 404 when there is none. */
int par_file_get(struct db *db, struct arena *a, int64_t id, struct par_file *out, struct err *e);

/* An external index's value for a subject and a year (core/parindex.h's par_external). */
struct index_value {
    int64_t id;
    const char *kind;
    int year;
    const char *subject;
    double score;
    int64_t rank; /* 0: none */
    const char *source, *note;
    int64_t updated_at, updated_by;
};
/* Inserts or replaces the (kind, year, subject) value; sets v->id. */
int index_value_put(struct db *db, struct index_value *v, struct err *e);
/*
 * The values of a kind and a subject (NULL: any) in the years [from, to]
 * (0: open), by kind, subject and year.
 */
int index_values_list(struct db *db, struct arena *a, const char *kind, const char *subject,
                      int from, int to, struct index_value **out, size_t *n, struct err *e);

#endif
