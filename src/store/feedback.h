/*
 * Feedback items, their control sheet, the service times, the routes by
 * category and the senders' ratings (core/feedback.h has the rules).
 */
#ifndef STORE_FEEDBACK_H
#define STORE_FEEDBACK_H

#include <stddef.h>

#include "core/feedback.h"
#include "lib/arena.h"
#include "store/db.h"

#define FEEDBACK_SCOPES_MAX 8

struct feedback_filter {
    const char *const *scope_paths; /* only items with an agency under one of these; NULL: all */
    size_t nscopes;
    const char *const *work_paths; /* "mine": items with an agency under one of these */
    size_t nwork;
    int status;               /* 0: any */
    int open;                 /* only items not yet done */
    int64_t overdue_at;       /* only open items, not waiting, whose answer was due before this */
    int64_t due_from, due_to; /* only open items, not waiting, whose answer is due in [from, to) */
    int published;            /* only published answers */
    int category;             /* 0: any */
    int64_t submitted_by;     /* only this citizen's items; 0: anyone's */
    int closed;               /* only items done */
    int open311;              /* only what Open311 shows: posted through it, or published */
    const char *const *codes; /* only these codes (overrides the rest but open311) */
    size_t ncodes;
    const char *q;    /* words in the text or the answer */
    int64_t from, to; /* received in [from, to); 0: open */
    int limit;
    int64_t before_id; /* cursor: newest first */
};

/* The next public code for the local day of `at` (a counter per day). */
int feedback_next_code(struct db *db, int64_t at, char out[FEEDBACK_CODE_MAX], struct err *e);
/* Inserts the item as it stands; sets f->id and f->version. */
int feedback_insert(struct db *db, struct feedback *f, struct err *e);
/* Writes what actions change if the version is still f->version; increments it. 409 if not. */
int feedback_update(struct db *db, struct feedback *f, struct err *e);
/* 404 when there is none. */
int feedback_by_code(struct db *db, struct arena *a, const char *code, struct feedback *out,
                     struct err *e);
/* How many items a filter selects (limit and paging ignored). */
int feedback_count(struct db *db, const struct feedback_filter *flt, int64_t *out, struct err *e);
int feedback_list(struct db *db, struct arena *a, const struct feedback_filter *flt,
                  struct feedback **out, size_t *n, int *more, struct err *e);
int feedback_add_event(struct db *db, int64_t feedback_id, const struct feedback_event *ev,
                       struct err *e);
int feedback_events(struct db *db, struct arena *a, int64_t feedback_id,
                    struct feedback_event **out, size_t *n, struct err *e);

int feedback_times_get(struct db *db, struct feedback_times *out, struct err *e);
int feedback_times_set(struct db *db, const struct feedback_times *t, int64_t now, int64_t user,
                       struct err *e);
/* The agency a category goes to, or NULL when none is set. */
int feedback_route_get(struct db *db, struct arena *a, int category, const char **agency,
                       struct err *e);
int feedback_route_set(struct db *db, int category, const char *agency, struct err *e);

/* A photo or PDF attached to an item. */
struct feedback_file {
    int64_t id, feedback_id;
    const char *name, *content_type, *sha256;
    int64_t size, uploaded_at, uploaded_by;
};
/* Sets f->id. */
int feedback_file_insert(struct db *db, struct feedback_file *f, struct err *e);
/* The item's files, in order; with their count and total size. */
int feedback_files(struct db *db, struct arena *a, int64_t feedback_id, struct feedback_file **out,
                   size_t *n, struct err *e);
/* 404 when the item has no such file. */
int feedback_file_get(struct db *db, struct arena *a, int64_t feedback_id, int64_t id,
                      struct feedback_file *out, struct err *e);

/* 1 when the item's answer has been rated, 0 if not, -1 on error. */
int feedback_rated(struct db *db, int64_t feedback_id, struct err *e);
/* The sender's rating of the answer (1 very satisfied .. 3 not satisfied); 409 when rated. */
int feedback_rate(struct db *db, int64_t feedback_id, int level, const char *comment, int64_t now,
                  struct err *e);

/* An item as a period's count sees it, with its rating (0: none). */
struct feedback_fact {
    struct feedback f; /* agency, agency_path, category, status, the times */
    int rating;
    int64_t rated_at;
};
/*
 * The items under path that a period [from, to) concerns (core/feedback.h,
 * feedback_tally_add): received before its end and not handled before its
 * start, or rated in it.
 */
int feedback_facts(struct db *db, struct arena *a, const char *path, int64_t from, int64_t to,
                   struct feedback_fact **out, size_t *n, struct err *e);

#endif
