/*
 * The PAR INDEX (Chỉ số cải cách hành chính) and the internal reform indices a
 * province runs for its departments and communes (DOMAIN.md "Other indices the
 * seeds name"): a year's structure is data, areas → criteria → sub-criteria,
 * each with its maximum points and, for an item without sub-items, how it is
 * scored. This file reads a structure from rows of text cells (a structure
 * file's items, a spreadsheet's rows) into a checked tree with a report of
 * what could not be read; scores a value against an item; adds a subject's
 * scores up the tree; lists the points lost (maximum − score) by item, by area
 * and by the unit responsible; and ranks units. It also names the external
 * indices the steering committee records by year. Nothing here reads the
 * database or the clock.
 */
#ifndef CORE_PARINDEX_H
#define CORE_PARINDEX_H

#include <stddef.h>
#include <stdint.h>

#include "core/sindex.h"
#include "lib/arena.h"

#define PAR_DEPTH_MAX  3 /* area, criterion, sub-criterion */
#define PAR_BANDS_MAX  10
#define PAR_ITEMS_MAX  2000
#define PAR_POINTS_MAX 1000.0
#define PAR_NAME_MAX   500 /* characters */
#define PAR_CODE_MAX   16  /* bytes of a code, with its NUL */

/* How an item without sub-items is scored. */
enum par_scoring {
    PAR_SCORING_NONE, /* an item with sub-items: the sum of theirs */
    PAR_YES_NO,       /* its maximum or nothing */
    PAR_PROPORTION,   /* max × min(1, value / target) */
    PAR_SCALE,        /* the points of the highest band the value reaches */
    PAR_SURVEY,       /* 0..max, from a sociological survey */
    PAR_SCORING_COUNT
};

/* "yes_no", "proportion", "scale", "survey" and the Vietnamese labels; NULL when out of range. */
const char *par_scoring_name(int scoring);
const char *par_scoring_label(int scoring);
/* PAR_YES_NO..PAR_SURVEY, or -1. */
int par_scoring_parse(const char *name);

/* A band of a scale: a value of at least `from` scores `points`. */
struct par_band {
    double from, points;
};

/*
 * An item of a structure. Strings are borrowed (from the rows, or from the
 * store's arena). depth, parent and leaf are set by par_tree_check and
 * par_tree_link.
 */
struct par_item {
    int64_t id; /* the store's, 0 before it is stored */
    const char *code, *name;
    double max_points;
    int scoring;   /* enum par_scoring; PAR_SCORING_NONE for an item with sub-items */
    double target; /* a proportion's value that scores in full (> 0); 0 otherwise */
    struct par_band bands[PAR_BANDS_MAX]; /* a scale's, by increasing `from` */
    int nbands;
    const char *figure; /* the figure motcua computes that it is linked to (par_figure_parse) */
    int line;           /* the row it was read from, for the report */
    int depth;          /* 1 area, 2 criterion, 3 sub-criterion */
    int parent;         /* index of its parent in the array, -1 for an area */
    int leaf;           /* no item lies under it: it is scored itself */
};

/* The columns of a row, in a spreadsheet's order; par_col_names[] are their names. */
enum par_col {
    PAR_COL_CODE,
    PAR_COL_NAME,
    PAR_COL_MAX_POINTS,
    PAR_COL_SCORING,
    PAR_COL_TARGET,
    PAR_COL_BANDS,
    PAR_COL_FIGURE,
    PAR_COLS
};
extern const char *const par_col_names[PAR_COLS];
/*
 * The column a spreadsheet's header cell names: its par_col_names[] entry, or
 * the words provinces' point tables use ("Mã", "Tiêu chí", "Điểm tối đa",
 * "Cách chấm", "Mục tiêu", "Thang điểm", "Số liệu"), case and diacritics
 * ignored; -1 for none.
 */
int par_sheet_column(const char *header);

/*
 * One row: text cells (NULL or blank for an empty one) and where it was read
 * (a spreadsheet's row number, a structure file's item index). A number may
 * use a decimal comma ("0,5"); bands are written "0:0; 80:0,5; 100:1" (at
 * least 80 scores 0.5).
 */
struct par_row {
    int line;
    const char *cells[PAR_COLS];
};

/* What could not be read, or was read with a warning. */
struct par_problem {
    int line;           /* the row's line, 0 for the structure as a whole */
    const char *code;   /* the item's code when known, else NULL */
    const char *column; /* a par_col_names[] entry, or NULL */
    int fatal;          /* 1: the structure cannot be stored; 0: a warning */
    const char *message;
};

struct par_report {
    struct arena *a; /* where problems and their messages live */
    struct par_problem *p;
    size_t n, cap;
    size_t fatal; /* how many problems are fatal */
};

void par_report_init(struct par_report *rep, struct arena *a);
void par_report_add(struct par_report *rep, int line, const char *code, const char *column,
                    int fatal, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/*
 * The depth of a code ("1" 1, "1.2" 2, "1.2.3" 3): numbers from 1 to 999
 * without leading zeros, separated by dots; -1 for anything else.
 */
int par_code_depth(const char *code);
/* Orders codes as the tree does: number by number ("1.2" < "1.10" < "2"). */
int par_code_cmp(const char *a, const char *b);

/*
 * A number of a cell: digits with one optional decimal point or comma (and an
 * exponent); 0 with *out set, -1 for anything else.
 */
int par_number_parse(const char *text, double *out);
/* Bands from their text ("0:0; 80:0,5; 100:1"): 0, or -1 with a reason in why (static). */
int par_bands_parse(const char *text, struct par_band *out, int *n, const char **why);
/* The text par_bands_parse reads back (arena). */
const char *par_bands_text(struct arena *a, const struct par_band *b, int n);

/*
 * Reads the rows into items (an arena array; blank rows are skipped) and
 * checks them as a tree with par_tree_check. Every problem goes to the
 * report. Returns 0 when no problem is fatal: the items, in tree order, can
 * then be stored.
 */
int par_rows_read(const struct par_row *rows, size_t n, struct arena *a, struct par_item **items,
                  size_t *nitems, struct par_report *rep);

/*
 * Checks items as a tree and puts them in tree order (sorted by code, every
 * item after its parent); sets depth, parent and leaf. Fatal: a code that is
 * not one, twice, or without its parent; a name missing or too long;
 * maximum points not in (0, 1000]; sub-items whose maximum points add up to
 * more than their parent's; an item without sub-items that has no scoring
 * kind, a proportion without a positive target, a scale without bands (from
 * increasing, points 0..max), an unknown figure; no item, or too many.
 * Warnings: sub-items that leave some of their parent's points undistributed;
 * a scoring kind, target, bands or figure on an item with sub-items, or a
 * parameter its kind does not use (ignored). Returns 0 when nothing is fatal.
 */
int par_tree_check(struct par_item *items, size_t n, struct par_report *rep);
/* Sets depth, parent and leaf of items already checked and in tree order (as stored). */
void par_tree_link(struct par_item *items, size_t n);

/*
 * The figures motcua computes that an item may be linked to: the service
 * index's parts it records (core/sindex.h), by their codes ("on_time",
 * "dossiers_online", "digitised", ...), and the completion of the year's
 * reform plans (PAR_FIGURE_PLAN_COMPLETION, "plan_completion": top-level
 * tasks done of those the subject's units lead or join), measured for the
 * subject agency's subtree over the structure's year. The figure, or -1 for a
 * code that names none or a part motcua does not record.
 */
#define PAR_FIGURE_PLAN_COMPLETION SI_COUNT
#define PAR_FIGURE_COUNT           (SI_COUNT + 1)
int par_figure_parse(const char *code);
/* The figure's code, and where its data comes from ("recorded", "plans"); NULL for -1. */
const char *par_figure_code(int figure);
const char *par_figure_source(int figure);
/* The figure's value in per cent, or -1 when it has nothing to measure (no denominator). */
double par_figure_value(const struct sindex_measure *m);

/* The score a value earns on a proportion or a scale (0..max); -1 for other kinds. */
double par_score_of_value(const struct par_item *it, double value);
/*
 * 1 when a score given by hand fits the item: 0 or max for yes/no, 0 or a
 * band's points for a scale, 0..max for a proportion or a survey.
 */
int par_score_valid(const struct par_item *it, double score);
/* 1 when the item's score comes from a value (a proportion or a scale). */
int par_scored_by_value(const struct par_item *it);

/* A subject's marks for an item without sub-items. */
struct par_mark {
    double self;      /* the self-assessed score; < 0: none */
    double appraised; /* the appraisal's score; < 0: none (the self score counts) */
    const char *unit; /* the unit responsible, for losses by unit */
};

/* An item's points for a subject: leaves' own, and their sums up the tree. */
struct par_sum {
    double max, self, score, loss; /* score: appraised, else self, else 0; loss = max − score */
    size_t leaves, assessed;       /* items without sub-items under it, and those with a score */
};

/*
 * Adds marks (one per item; only leaves' are read) up the tree of checked
 * items; sums[i] is item i's; *total is the structure's (its areas added up).
 * A score above its item's maximum counts as the maximum.
 */
void par_tree_sum(const struct par_item *items, size_t n, const struct par_mark *marks,
                  struct par_sum *sums, struct par_sum *total);

/* An item losing points. */
struct par_loss {
    size_t item; /* index in the items */
    double loss;
};

/*
 * The items of one depth (0: the items without sub-items, whatever their
 * depth; 1: the areas) by points lost, most first, then in tree order. Leaves
 * that lose nothing are left out; every area is listed. out holds n entries;
 * returns how many were written.
 */
size_t par_losses(const struct par_item *items, size_t n, const struct par_sum *sums, int depth,
                  struct par_loss *out);

/* The points a unit is responsible for, and what it loses of them. */
struct par_unit_loss {
    const char *unit; /* NULL: items no unit is responsible for */
    double max, score, loss;
    size_t items, losing;
};

/*
 * The leaves grouped by their unit responsible (marks[i].unit), by points
 * lost, most first, then by unit (the unassigned last). out holds n entries;
 * returns how many units.
 */
size_t par_losses_by_unit(const struct par_item *items, size_t n, const struct par_mark *marks,
                          const struct par_sum *sums, struct par_unit_loss *out);

/* A unit's place in a ranking. */
struct par_standing {
    const char *subject;
    double score;
    int rank;
    size_t index; /* the caller's, carried along */
};

/*
 * Sorts by score, highest first (then by subject), and ranks: scores equal to
 * two decimals share the rank of the first of them (1, 1, 3).
 */
void par_rank(struct par_standing *s, size_t n);

/* The external indices recorded by year (DOMAIN.md), in this order. */
enum par_external {
    PAR_EXT_PAR_INDEX, /* Chỉ số cải cách hành chính, Ministry of Home Affairs */
    PAR_EXT_SIPAS,     /* satisfaction with public administrative services */
    PAR_EXT_PAPI,      /* provincial governance and public administration performance */
    PAR_EXT_PCI,       /* provincial competitiveness (VCCI) */
    PAR_EXT_DDCI,      /* department and district competitiveness */
    PAR_EXT_COUNT
};
/* "par_index", "sipas", "papi", "pci", "ddci" and the Vietnamese names; NULL when out of range. */
const char *par_external_name(int kind);
const char *par_external_label(int kind);
int par_external_parse(const char *name);

#endif
