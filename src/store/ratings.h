/* Satisfaction ratings of dossiers (one each). */
#ifndef STORE_RATINGS_H
#define STORE_RATINGS_H

#include "store/db.h"

#define RATING_CRITERIA 5

struct rating {
    int64_t dossier_id;
    int level;                     /* 1 very satisfied, 2 satisfied, 3 not satisfied */
    int criteria[RATING_CRITERIA]; /* access, procedure, officer, result, feedback: 1..5, 0 none */
    const char *comment;
    int64_t created_at;
};

/* 409 when the dossier was rated before. */
int rating_insert(struct db *db, const struct rating *r, struct err *e);
/* 1 when the dossier has a rating, 0 when not. */
int rating_exists(struct db *db, int64_t dossier_id, struct err *e);

#endif
