/* Holiday rules and overrides in SQL. */
#include "store/calendar.h"
#include "store/meta.h"

#include <stdlib.h>

int calendar_seed_rules(struct db *db, const struct holiday_rule_row *rows, size_t n, struct err *e)
{
    const char *seeded;
    struct arena a = ARENA_INIT;
    size_t i;
    int rc = -1;

    if (db_begin(db, DB_WRITE, e) < 0)
        return -1;
    if (meta_get(db, &a, "holiday_rules_seeded", &seeded, e) < 0)
        goto out;
    if (seeded) {
        rc = 0;
        goto out;
    }
    for (i = 0; i < n; i++) {
        const struct holiday_rule_row *r = &rows[i];
        if (db_run(db, e,
                   "INSERT INTO holiday_rules (name, calendar, month, day, offset, length,"
                   " adjacent, from_year, to_year) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   "ttiiiiiii", r->name, r->calendar, r->month, r->day, r->offset, r->length,
                   r->adjacent, r->from_year, r->to_year) < 0)
            goto out;
    }
    if (meta_set(db, "holiday_rules_seeded", "1", e) < 0)
        goto out;
    rc = db_commit(db, e);
out:
    db_rollback(db); /* a no-op after the commit */
    arena_release(&a);
    return rc;
}

static void read_rule(struct db_stmt *st, struct arena *a, void *out)
{
    struct holiday_rule_row *r = out;

    r->id = db_col_int(st, 0);
    r->name = db_col_dup(st, 1, a);
    r->calendar = db_col_dup(st, 2, a);
    r->month = (int)db_col_int(st, 3);
    r->day = (int)db_col_int(st, 4);
    r->offset = (int)db_col_int(st, 5);
    r->length = (int)db_col_int(st, 6);
    r->adjacent = (int)db_col_int(st, 7);
    r->from_year = (int)db_col_int(st, 8);
    r->to_year = (int)db_col_int(st, 9);
}

int calendar_rules(struct db *db, struct arena *a, struct holiday_rule_row **out, size_t *n,
                   struct err *e)
{
    return db_all(db, a, read_rule, sizeof(**out), out, n, e,
                  "SELECT id, name, calendar, month, day, offset, length, adjacent, from_year,"
                  " to_year FROM holiday_rules ORDER BY id",
                  "");
}

static void read_override(struct db_stmt *st, struct arena *a, void *out)
{
    struct override_row *o = out;

    o->day = db_col_dup(st, 0, a);
    o->work = (int)db_col_int(st, 1);
    o->name = db_col_dup(st, 2, a);
}

int calendar_overrides(struct db *db, struct arena *a, const char *from, const char *to,
                       struct override_row **out, size_t *n, struct err *e)
{
    return db_all(db, a, read_override, sizeof(**out), out, n, e,
                  "SELECT day, work, name FROM calendar_overrides WHERE day BETWEEN ? AND ?"
                  " ORDER BY day",
                  "tt", from, to);
}

/* Every change of the calendar's data moves its version, in the same transaction. */
static int bump_version(struct db *db, struct err *e)
{
    return db_run(db, e,
                  "INSERT INTO meta (key, value) VALUES ('calendar_version', '1')"
                  " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1",
                  "") < 0
               ? -1
               : 0;
}

int calendar_version(struct db *db, int64_t *out, struct err *e)
{
    struct arena a = ARENA_INIT;
    const char *v;
    int rc = meta_get(db, &a, "calendar_version", &v, e);

    *out = rc == 0 && v ? strtoll(v, NULL, 10) : 0;
    arena_release(&a);
    return rc;
}

int calendar_set_override(struct db *db, const struct override_row *o, int64_t now, int64_t user_id,
                          struct err *e)
{
    if (bump_version(db, e) < 0)
        return -1;
    return db_run(db, e,
                  "INSERT INTO calendar_overrides (day, work, name, updated_at, updated_by)"
                  " VALUES (?, ?, ?, ?, ?) ON CONFLICT (day) DO UPDATE SET work = excluded.work,"
                  " name = excluded.name, updated_at = excluded.updated_at,"
                  " updated_by = excluded.updated_by",
                  "titIz", o->day, o->work, o->name, now, user_id) < 0
               ? -1
               : 0;
}

int calendar_delete_override(struct db *db, const char *day, struct err *e)
{
    int64_t n = db_run(db, e, "DELETE FROM calendar_overrides WHERE day = ?", "t", day);

    if (n > 0 && bump_version(db, e) < 0)
        return -1;
    return n < 0 ? -1 : n > 0;
}
