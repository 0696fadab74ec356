/* The ratings table. */
#include "store/ratings.h"

#include "store/stats.h"

int rating_exists(struct db *db, int64_t dossier_id, struct err *e)
{
    int64_t n;

    if (db_int(db, &n, e, "SELECT count(*) FROM ratings WHERE dossier_id = ?", "I", dossier_id) < 0)
        return -1;
    return n > 0;
}

int rating_insert(struct db *db, const struct rating *r, struct err *e)
{
    struct stat_mark mark;
    int rated = rating_exists(db, r->dossier_id, e);

    if (rated < 0)
        return -1;
    if (rated)
        return err_set(e, 409, "already_rated", "this dossier has been rated already");
    if (stats_track_begin(db, r->dossier_id, &mark, e) < 0)
        return -1;
    return db_run(db, e,
                  "INSERT INTO ratings (dossier_id, level, access, procedure, officer, result,"
                  " feedback, comment, created_at) VALUES (?, ?, nullif(?, 0), nullif(?, 0),"
                  " nullif(?, 0), nullif(?, 0), nullif(?, 0), ?, ?)",
                  "IiiiiiitI", r->dossier_id, r->level, r->criteria[0], r->criteria[1],
                  r->criteria[2], r->criteria[3], r->criteria[4], r->comment, r->created_at) < 0 ||
                   stats_track_end(db, &mark, e) < 0
               ? -1
               : 0;
}
