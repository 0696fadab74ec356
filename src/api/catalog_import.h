/*
 * Importing procedures into the catalog from a province's announcement annex
 * (XLSX or CSV) or the national database's JSON (docs/catalog-import.md):
 * POST /api/v1/procedures/import and `motcua import procedures` run the same
 * function. Rows are matched by national code, so importing the same file
 * again changes nothing; a repealed procedure is withdrawn, keeping its
 * dossiers and its history.
 */
#ifndef API_CATALOG_IMPORT_H
#define API_CATALOG_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"
#include "lib/json.h"
#include "store/db.h"

struct catalog_import_opts {
    int dry_run; /* only report */
    int partial; /* keep the rows that could be read when others could not */
    int64_t now, user_id;
    const char *filename; /* for the audit row, or NULL */
    /* called as rows are checked and written (done of total), or NULL */
    void (*progress)(void *ctx, size_t done, size_t total);
    void *progress_ctx;
};

/*
 * Reads data (JSON when it starts with '[' or '{', else a spreadsheet) and
 * imports it in one transaction. *report: {stored, added, changed,
 * unchanged, repealed, rejected, warnings, rows[]}; *refused is 1 when rows
 * were rejected without partial, and nothing was stored. Returns 0, or -1
 * with e set (422 on field file for a file that cannot be read at all).
 */
int catalog_import(struct db *db, struct arena *a, const void *data, size_t len,
                   const struct catalog_import_opts *o, json_t **report, int *refused,
                   struct err *e);

#endif
