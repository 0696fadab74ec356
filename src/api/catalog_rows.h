/*
 * The rows of a catalog import as read from the file, before they meet the
 * catalog: catalog_sheet_rows.c reads an annex (XLSX or CSV), catalog_json.c
 * the national database's JSON; catalog_import.c resolves agencies, compares
 * with the stored procedures and writes. Everything lives in the arena.
 */
#ifndef API_CATALOG_ROWS_H
#define API_CATALOG_ROWS_H

#include "core/catalog_sheet.h"
#include "lib/arena.h"
#include "lib/err.h"
#include "lib/json.h"
#include "store/procedures.h"

struct spreadsheet;

#define CATALOG_FEES_MAX 20

struct catalog_row {
    int line; /* the sheet's row, or the item's position in the JSON array (from 1) */
    enum catalog_section section;
    const char *field, *reason; /* set when the row is rejected: the column at fault, why */
    const char *warning;        /* read, with something to tell */
    struct procedure p;         /* what the row says; agency not yet resolved */
    const char *agency_text;    /* the implementing agency as written (a name or an identifier) */
    const char *agency_code;    /* its identifier when the file gives one (MADONVI), or NULL */
    const char *level_hint;     /* from a heading, a column or the level the agency is named by */
    int has_time, has_fees, has_components, has_legal, has_place, has_result;
    enum { CROW_ADDED, CROW_CHANGED, CROW_SAME, CROW_REPEALED } outcome;
    int64_t existing; /* the stored procedure with that code, 0 when none */
};

/* Marks the row rejected (the first reason stays). */
void catalog_row_reject(struct catalog_row *x, const char *field, const char *reason);
/* Adds a warning to the row's, separated by "; ". */
void catalog_row_warn(struct arena *a, struct catalog_row *x, const char *warning);
/* The processing time's text into x->p's duration, or the row rejected on field. */
void catalog_row_time(struct arena *a, struct catalog_row *x, const char *field, const char *text);
/* The fees' text into x->p's fees, or the row rejected on field. */
void catalog_row_fees(struct arena *a, struct catalog_row *x, const char *field, const char *text);
/* The level a level column or CAPTHUCHIEN names ("Cấp tỉnh", "province", "Cấp Xã"), or NULL. */
const char *catalog_level_named(const char *text);

/*
 * The procedure rows of an annex (heading rows consumed). 422 on field file
 * when no row names the code and name columns.
 */
int catalog_rows_sheet(struct arena *a, const struct spreadsheet *sh, struct catalog_row **out,
                       size_t *n, struct err *e);
/*
 * The rows of the national database's JSON: an array of procedures, or an
 * object holding it under "result" or "data". 422 on field file otherwise.
 */
int catalog_rows_json(struct arena *a, json_t *doc, struct catalog_row **out, size_t *n,
                      struct err *e);

#endif
