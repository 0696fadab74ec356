/*
 * What the PAR INDEX's handlers share (par.c, par_load.c, par_structures.c,
 * par_assess.c, par_files.c): a structure's tree, a subject agency's
 * assessment of it with the linked figures computed now, who sees which
 * items, and their JSON. core/parindex.h has the rules, store/parindex.h the rows.
 */
#ifndef API_PAR_H
#define API_PAR_H

#include <jansson.h>

#include "core/parindex.h"
#include "core/sindex_measures.h"
#include "http/request.h"
#include "store/agencies.h"
#include "store/parindex.h"

/* A structure and its items in tree order, and its year as local days. */
struct par_tree {
    struct par_structure st;
    struct par_item *items;
    size_t n;
    int64_t first, last;
};

/* Reads the structure the path's first parameter names (404 when none). */
int par_tree_load(struct req *r, struct par_tree *t, struct err *e);

/* The agencies of a tree (for names and paths), by identifier. */
struct par_places {
    struct agency *list;
    size_t n;
};
/* The agencies of the tree the agency lies in. */
int par_places_load(struct req *r, const struct agency *any, struct par_places *p, struct err *e);
/* NULL when the identifier is not one of them. */
const struct agency *par_place(const struct par_places *p, const char *id);

/*
 * A subject's assessment of a structure, as the caller sees it. For each
 * item: its row (NULL when none), its figure (a service index part, -1 none)
 * and that figure's value in per cent for the subject's subtree over the
 * structure's year (-1 when nothing was measured), its marks (the self score
 * from the figure, from the value entered, or as entered) and its sums.
 */
struct par_subject {
    const struct agency *ag;
    struct par_assessment **row;
    int *figure;
    double *figure_value;
    int *from_figure; /* the self score is the figure's */
    struct par_mark *marks;
    struct par_sum *sums, total;
    struct par_file *files;
    size_t nfiles;
    /* what the caller sees: every item (steering, auditors), or the items of their units */
    int full;
    unsigned char *visible;
};

/* Reads the subject's rows and files, and which figure each sub-criterion is linked to. */
int par_subject_load(struct req *r, const struct par_tree *t, const struct agency *subject,
                     struct par_subject *s, struct err *e);
/*
 * Measures the figures the sub-criteria are linked to (now, so that they
 * follow the dossiers) and adds the marks up: the self score from the figure
 * for a proportion or a scale, else from the value entered, else as entered.
 */
int par_subject_score(struct req *r, const struct par_tree *t, struct par_subject *s,
                      struct err *e);
/* The figure a sub-criterion is linked to (a service index part, -1 none): the assessment's
   choice, else the item's. */
int par_figure_of(const struct par_item *it, const struct par_assessment *x);
/*
 * What the caller may see of it: every item with view_par over the subject;
 * otherwise the sub-criteria whose unit responsible lies in the caller's
 * assess_par scope (and the items above them). 403 when that is nothing and
 * the subject is not in that scope either.
 */
int par_subject_sight(struct req *r, const struct par_tree *t, const struct par_places *places,
                      struct par_subject *s, struct err *e);
/* The unit responsible for a sub-criterion: the one assigned, else the subject. */
const char *par_responsible(const struct par_subject *s, size_t i);

/*
 * The subject named by `agency` (a body's or an upload's member: 422 when no
 * agency has it), its rows, and whether the caller may score or attach
 * evidence to the sub-criterion `item`: the steering committee over the
 * subject (*manage set) or an officer over the unit responsible; 403
 * otherwise, 422 for an item with sub-items.
 */
int par_scorer(struct req *r, const struct par_tree *t, size_t item, const char *agency,
               struct par_places *p, struct par_subject *s, int *manage, struct err *e);
/* The item the path's second parameter names by its code; 404 when the structure has none. */
int par_item_of(struct req *r, const struct par_tree *t, size_t *out, struct err *e);

/*
 * The subject the query names (agency=, default: the installation's
 * province), read with its tree's agencies.
 */
int par_query_subject(struct req *r, struct par_places *places, const struct agency **out,
                      struct err *e);

/* Points and per cents rounded to two decimals. */
json_t *par_points(double x);
json_t *par_structure_json(const struct par_structure *s);
json_t *par_agency_json(const struct par_places *p, const char *id);
/* An item's place in the tree and how it is scored. */
json_t *par_item_json(const struct par_item *it);
/* An evidence file with its download URL. */
json_t *par_file_json(struct req *r, const struct par_file *f);
/* An item of the assessment with the subject's scores (sums above the sub-criteria, when full). */
json_t *par_assessed_json(struct req *r, const struct par_tree *t, const struct par_places *p,
                          const struct par_subject *s, size_t i);

/* par_load.c: a structure document read, checked, and stored when nothing is fatal. */
struct par_load {
    struct par_structure st;
    struct par_item *items;
    size_t n;
    struct par_report rep;
    int stored;
};
/*
 * Reads the document (docs/par-index.md) into rows for core's reader, checks
 * it and, when no problem is fatal, stores it in one transaction with its
 * audit row. 0 with l->stored telling whether it was; -1 when the database
 * failed.
 */
int par_load_document(struct db *db, struct arena *a, json_t *doc, int64_t now, int64_t user,
                      struct par_load *l, struct err *e);
/*
 * The same from rows (a spreadsheet's, with their row numbers): l's report
 * initialised (par_report_init) and its structure's year, scope, name, source
 * and example set, with any problem of theirs already in the report. Returns
 * as par_load_document.
 */
int par_load_rows(struct db *db, struct arena *a, const struct par_row *rows, size_t n, int64_t now,
                  int64_t user, struct par_load *l, struct err *e);
/*
 * The same from a spreadsheet (docs/spreadsheet.h): the head (year, scope,
 * name, source, example) as the document has it, the items from the sheet's
 * rows under its header row (par_sheet_column), each problem with its row.
 */
struct spreadsheet;
int par_load_sheet(struct db *db, struct arena *a, json_t *head, const struct spreadsheet *sh,
                   int64_t now, int64_t user, struct par_load *l, struct err *e);
/* {"items", "max_points", "fatal", "warnings", "problems": [{"path", "line", "code", "fatal",
   "message"}]} */
json_t *par_report_json(struct arena *a, const struct par_load *l);
/* Where a problem lies in the document: "year", "items[3].max_points", "items[3]". */
const char *par_problem_path(struct arena *a, const struct par_problem *p);

#endif
