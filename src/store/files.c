/* The files table. */
#include "store/files.h"
#include "store/stats.h"

#define FILE_COLUMNS                                                                               \
    "id, dossier_id, kind, coalesce(component, 0), name, content_type, sha256, size,"              \
    " uploaded_at, coalesce(uploaded_by, 0), supplement"

static void read_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct stored_file *f = out;

    f->id = db_col_int(st, 0);
    f->dossier_id = db_col_int(st, 1);
    f->kind = db_col_dup(st, 2, a);
    f->component = (int)db_col_int(st, 3);
    f->name = db_col_dup(st, 4, a);
    f->content_type = db_col_dup(st, 5, a);
    f->sha256 = db_col_dup(st, 6, a);
    f->size = db_col_int(st, 7);
    f->uploaded_at = db_col_int(st, 8);
    f->uploaded_by = db_col_int(st, 9);
    f->supplement = (int)db_col_int(st, 10);
}

int file_insert(struct db *db, struct stored_file *f, struct err *e)
{
    return db_int(db, &f->id, e,
                  "INSERT INTO files (dossier_id, kind, component, name, content_type, size,"
                  " sha256, uploaded_at, uploaded_by, supplement)"
                  " VALUES (?, ?, nullif(?, 0), ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                  "ItittItIzi", f->dossier_id, f->kind, f->component, f->name, f->content_type,
                  f->size, f->sha256, f->uploaded_at, f->uploaded_by, f->supplement) == DB_ROW
               ? 0
               : -1;
}

int file_get(struct db *db, struct arena *a, int64_t id, struct stored_file *out, struct err *e)
{
    int rc =
        db_one(db, a, read_row, out, e, "SELECT " FILE_COLUMNS " FROM files WHERE id = ?", "I", id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no file with id %lld", (long long)id);
    return rc < 0 ? -1 : 0;
}

int files_of(struct db *db, struct arena *a, int64_t dossier_id, struct stored_file **out,
             size_t *n, struct err *e)
{
    return db_all(db, a, read_row, sizeof(**out), out, n, e,
                  "SELECT " FILE_COLUMNS " FROM files WHERE dossier_id = ? ORDER BY id", "I",
                  dossier_id);
}

int files_total_size(struct db *db, int64_t dossier_id, int64_t *out, struct err *e)
{
    return db_int(db, out, e, "SELECT coalesce(sum(size), 0) FROM files WHERE dossier_id = ?", "I",
                  dossier_id) == DB_ROW
               ? 0
               : -1;
}

int dossier_mark_result_electronic(struct db *db, int64_t dossier_id, struct err *e)
{
    struct stat_mark mark;

    return stats_track_begin(db, dossier_id, &mark, e) < 0 ||
                   db_run(db, e, "UPDATE dossiers SET result_electronic = 1 WHERE id = ?", "I",
                          dossier_id) < 0 ||
                   stats_track_end(db, &mark, e) < 0
               ? -1
               : 0;
}

static void read_staged(struct db_stmt *st, struct arena *a, void *out)
{
    struct staged_upload *s = out;

    s->id = db_col_int(st, 0);
    s->user_id = db_col_int0(st, 1);
    s->dossier_id = db_col_int0(st, 2);
    s->name = db_col_dup(st, 3, a);
    s->content_type = db_col_dup(st, 4, a);
    s->size = db_col_int(st, 5);
    s->sha256 = db_col_dup(st, 6, a);
    s->created_at = db_col_int(st, 7);
}

int staged_insert(struct db *db, struct staged_upload *s, struct err *e)
{
    int64_t stale = s->created_at - STAGED_UPLOAD_TTL;

    return db_run(db, e,
                  "DELETE FROM staged_uploads WHERE (user_id = ? OR dossier_id = ?)"
                  " AND created_at < ?",
                  "III", s->user_id, s->dossier_id, stale) < 0 ||
                   db_int(db, &s->id, e,
                          "INSERT INTO staged_uploads (user_id, dossier_id, name, content_type,"
                          " size, sha256, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
                          "zzttItI", s->user_id, s->dossier_id, s->name, s->content_type, s->size,
                          s->sha256, s->created_at) != DB_ROW
               ? -1
               : 0;
}

int staged_count(struct db *db, int64_t user_id, int64_t dossier_id, int64_t since, int64_t *n,
                 struct err *e)
{
    return db_int(db, n, e,
                  "SELECT count(*) FROM staged_uploads WHERE (user_id = ? OR dossier_id = ?)"
                  " AND created_at >= ?",
                  "III", user_id, dossier_id, since) == DB_ROW
               ? 0
               : -1;
}

int staged_get(struct db *db, struct arena *a, int64_t id, int64_t user_id, int64_t dossier_id,
               int64_t since, struct staged_upload *out, struct err *e)
{
    int rc = db_one(db, a, read_staged, out, e,
                    "SELECT id, user_id, dossier_id, name, content_type, size, sha256, created_at"
                    " FROM staged_uploads WHERE id = ? AND created_at >= ?"
                    " AND (user_id = ? OR dossier_id = ?)",
                    "IIII", id, since, user_id, dossier_id);

    return rc < 0 ? -1 : rc == DB_ROW;
}

int staged_delete(struct db *db, int64_t id, struct err *e)
{
    return db_run(db, e, "DELETE FROM staged_uploads WHERE id = ?", "I", id) < 0 ? -1 : 0;
}
