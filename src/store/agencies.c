/* Agencies in SQL, with materialised paths for subtree queries. */
#include "store/agencies.h"
#include "core/agency.h"

#include <string.h>

#define AGENCY_COLUMNS                                                                             \
    "id, name, parent, path, level, office_hours, address, phone, email, active, version,"         \
    " created_at, updated_at, form_set, opening_hours"

static void read_row(struct db_stmt *st, struct arena *a, void *out)
{
    struct agency *ag = out;

    ag->id = db_col_dup(st, 0, a);
    ag->name = db_col_dup(st, 1, a);
    ag->parent = db_col_dup(st, 2, a);
    ag->path = db_col_dup(st, 3, a);
    ag->level = db_col_dup(st, 4, a);
    ag->office_hours = db_col_dup(st, 5, a);
    ag->address = db_col_dup(st, 6, a);
    ag->phone = db_col_dup(st, 7, a);
    ag->email = db_col_dup(st, 8, a);
    ag->active = (int)db_col_int(st, 9);
    ag->version = (int)db_col_int(st, 10);
    ag->created_at = db_col_int(st, 11);
    ag->updated_at = db_col_int(st, 12);
    ag->form_set = db_col_dup(st, 13, a);
    ag->opening_hours = db_col_dup(st, 14, a);
}

int agency_get(struct db *db, struct arena *a, const char *id, struct agency *out, struct err *e)
{
    int rc = db_one(db, a, read_row, out, e, "SELECT " AGENCY_COLUMNS " FROM agencies WHERE id = ?",
                    "t", id);

    if (rc == DB_DONE)
        return err_set(e, 404, "not_found", "no agency with identifier %s", id);
    return rc < 0 ? -1 : 0;
}

int agency_list(struct db *db, struct arena *a, const char *root, struct agency **out, size_t *n,
                struct err *e)
{
    struct agency ra;
    const char *prefix = "";

    if (root) {
        if (agency_get(db, a, root, &ra, e) < 0)
            return -1;
        prefix = ra.path;
    }
    return db_all(db, a, read_row, sizeof(**out), out, n, e,
                  "SELECT " AGENCY_COLUMNS
                  " FROM agencies WHERE " AGENCY_UNDER_SQL("path", "?1") " ORDER BY path",
                  "t", prefix);
}

static void read_id(struct db_stmt *st, struct arena *a, void *out)
{
    *(const char **)out = db_col_dup(st, 0, a);
}

int agency_first_root(struct db *db, struct arena *a, const char **id, struct err *e)
{
    *id = NULL;
    return db_one(db, a, read_id, id, e,
                  "SELECT id FROM agencies WHERE parent IS NULL AND active"
                  " ORDER BY created_at, rowid LIMIT 1",
                  "") < 0
               ? -1
               : 0;
}

int agency_insert(struct db *db, const struct agency *ag, int64_t now, struct err *e)
{
    struct arena a = ARENA_INIT;
    struct agency parent;
    const char *path;
    int64_t exists;
    int rc = -1;

    if (db_int(db, &exists, e, "SELECT count(*) FROM agencies WHERE id = ?", "t", ag->id) < 0)
        goto out;
    if (exists) {
        err_set(e, 409, "conflict", "an agency with identifier %s already exists", ag->id);
        goto out;
    }
    if (ag->parent) {
        if (agency_get(db, &a, ag->parent, &parent, e) < 0) {
            if (e->http == 404) {
                err_clear(e);
                err_field(e, "parent", "no agency with identifier %s", ag->parent);
            }
            goto out;
        }
        path = arena_printf(&a, "%s%s/", parent.path, ag->id);
    } else {
        path = arena_printf(&a, "%s/", ag->id);
    }
    if (db_run(db, e,
               "INSERT INTO agencies (id, name, parent, path, level, office_hours, address, phone,"
               " email, active, created_at, updated_at, form_set, opening_hours)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, coalesce(?, 'tt01-2018'), ?)",
               "tttttttttiIItt", ag->id, ag->name, ag->parent, path, ag->level, ag->office_hours,
               ag->address, ag->phone, ag->email, ag->active, now, now, ag->form_set,
               ag->opening_hours) < 0)
        goto out;
    rc = 0;
out:
    arena_release(&a);
    return rc;
}

int agency_update(struct db *db, struct arena *a, const struct agency *ag, int64_t now,
                  struct err *e)
{
    struct agency old, parent;
    const char *path;

    if (agency_get(db, a, ag->id, &old, e) < 0)
        return -1;
    if (ag->version && ag->version != old.version)
        return err_set(e, 409, "conflict",
                       "agency %s was changed by someone else (version %d, yours %d)", ag->id,
                       old.version, ag->version);
    path = old.path;
    if ((ag->parent == NULL) != (old.parent == NULL) ||
        (ag->parent && strcmp(ag->parent, old.parent))) {
        if (ag->parent) {
            if (agency_get(db, a, ag->parent, &parent, e) < 0) {
                if (e->http == 404) {
                    err_clear(e);
                    err_field(e, "parent", "no agency with identifier %s", ag->parent);
                }
                return -1;
            }
            if (agency_under(parent.path, old.path))
                return err_field(e, "parent", "an agency cannot move under itself or its units");
            path = arena_printf(a, "%s%s/", parent.path, ag->id);
        } else {
            path = arena_printf(a, "%s/", ag->id);
        }
        /* move the subtree: children first keep their relative paths */
        if (db_run(db, e,
                   "UPDATE agencies SET path = ?1 || substr(path, length(?2) + 1)"
                   " WHERE " AGENCY_UNDER_SQL("path", "?2") " AND id <> ?3",
                   "ttt", path, old.path, ag->id) < 0)
            return -1;
    }
    return db_run(db, e,
                  "UPDATE agencies SET name = ?, parent = ?, path = ?, level = ?, office_hours = ?,"
                  " address = ?, phone = ?, email = ?, active = ?, updated_at = ?,"
                  " form_set = coalesce(?, form_set), opening_hours = ?, version = version + 1"
                  " WHERE id = ?",
                  "ttttttttiIttt", ag->name, ag->parent, path, ag->level, ag->office_hours,
                  ag->address, ag->phone, ag->email, ag->active, now, ag->form_set,
                  ag->opening_hours, ag->id) < 0
               ? -1
               : 0;
}

int agency_within(struct db *db, const char *root, const char *id, struct err *e)
{
    int64_t n;

    if (db_int(db, &n, e,
               "SELECT count(*) FROM agencies c, agencies r WHERE c.id = ? AND r.id = ?"
               " AND " AGENCY_UNDER_SQL("c.path", "r.path"),
               "tt", id, root) < 0)
        return -1;
    return n > 0;
}
