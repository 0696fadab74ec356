/*
 * What the reports share: the agency and period asked for (checked against
 * the caller's scope) and the output as XLSX or PDF besides JSON.
 */
#ifndef API_REPORTS_H
#define API_REPORTS_H

#include <jansson.h>

#include "core/stats.h"
#include "docs/xlsx.h"
#include "http/request.h"
#include "store/agencies.h"

enum report_format { REPORT_JSON, REPORT_XLSX, REPORT_PDF };

struct report_scope {
    struct agency ag;
    int64_t first, last; /* local days asked for, inclusive */
    int64_t until;       /* the last day counted: the earlier of last and today */
    int live;            /* the period reaches today: "overdue" is counted at this moment */
    enum report_format format;
};

/*
 * Reads agency= (default: the caller's own unit, or the root for a
 * system-wide role), from= and to= (YYYY-MM-DD; default: this year so far)
 * and format= (json, xlsx, pdf). 403 outside the caller's units.
 */
int report_scope(struct req *r, struct report_scope *s, struct err *e);

/* {"agency": {"id", "name"}, "from", "to"} for a JSON answer. */
json_t *report_head(const struct report_scope *s);

/* A percentage from ten-thousandths (9957 → 99.57), or null for -1. */
json_t *report_rate(int bp);
/*
 * Table cells (arena text): in a PDF as Vietnamese write numbers ("1.234.567",
 * "99,57"), in XLSX as numbers the spreadsheet formats ("1234567", "99.57");
 * a rate of -1 is empty.
 */
const char *report_cell_count(struct req *r, const struct report_scope *s, int64_t n);
const char *report_cell_rate(struct req *r, const struct report_scope *s, int bp);

/*
 * Sends a report's table as XLSX or PDF (landscape, with the national header
 * and the period): title in capitals, file named <stem>-<agency>.<ext>.
 */
int report_send_doc(struct req *r, const struct report_scope *s, const char *title,
                    const struct xlsx_column *cols, size_t ncols, const struct doc_table *table,
                    const char *stem, struct err *e);

/*
 * The resolution report's total line for the scope (report_resolution.c):
 * what the whole agency received, resolved and has overdue over the period.
 */
int report_resolution_total(struct req *r, const struct report_scope *s, struct resolution *res,
                            struct err *e);

#endif
