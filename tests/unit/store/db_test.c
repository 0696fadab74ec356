/* Tests for src/store/db.c, src/store/db_sqlite.c and src/store/migrate.c on a real file. */
#include "../test.h"
#include "fixture.h"
#include "store/meta.h"

#include <pthread.h>
#include <stdio.h>

static void migrations(void **state)
{
    struct fixture *f = *state;
    struct err e = ERR_INIT;
    int64_t v;

    assert_int_equal(db_int(f->db, &v, &e, "SELECT max(version) FROM schema_version", ""), DB_ROW);
    assert_int_equal(v, migrate_latest());
    assert_int_equal(migrate(f->db, 1700000001, &e), 0); /* nothing left to apply */
    assert_int_equal(db_int(f->db, &v, &e, "PRAGMA journal_mode", ""), DB_ROW);
    assert_int_equal(db_int(f->db, &v, &e, "PRAGMA foreign_keys", ""), DB_ROW);
    assert_int_equal(v, 1);
    /* a database from a newer motcua is refused */
    assert_true(db_run(f->db, &e, "INSERT INTO schema_version VALUES (999, 'x', 0)", "") >= 0);
    assert_int_equal(migrate(f->db, 1, &e), -1);
    assert_int_equal(e.http, 500);
    db_run(f->db, &e, "DELETE FROM schema_version WHERE version = 999", "");
}

static void binding_and_columns(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct db_stmt *st;
    const char *v;

    assert_int_equal(db_query(f->db, &st, &e, "SELECT ?, ?, ?, ?, ?, ?", "iIdtzz", 7,
                              (int64_t)9007199254740993LL, 2.5, "Đất đai", (int64_t)0, (int64_t)5),
                     0);
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 7);
    assert_int_equal(db_col_int(st, 1), 9007199254740993LL);
    assert_true(db_col_double(st, 2) == 2.5);
    assert_string_equal(db_col_dup(st, 3, &a), "Đất đai");
    assert_true(db_col_is_null(st, 4));
    assert_int_equal(db_col_int0(st, 4), 0);
    assert_int_equal(db_col_int(st, 5), 5);
    assert_int_equal(db_step(st, &e), DB_DONE);
    db_finalize(st);
    assert_int_equal(db_query(f->db, &st, &e, "SELECT 1", "q"), -1);
    assert_int_equal(db_prepare(f->db, "SELEC 1", &st, &e), -1);
    assert_int_equal(e.http, 500);
    assert_int_equal(meta_set(f->db, "k", "v1", &e), 0);
    assert_int_equal(meta_set(f->db, "k", "v2", &e), 0);
    assert_int_equal(meta_get(f->db, &a, "k", &v, &e), 0);
    assert_string_equal(v, "v2");
    assert_int_equal(meta_get(f->db, &a, "none", &v, &e), 0);
    assert_null(v);
    arena_release(&a);
}

static void transactions_and_conflicts(void **state)
{
    struct fixture *f = *state;
    struct err e = ERR_INIT;
    int64_t n;

    assert_int_equal(db_begin(f->db, DB_WRITE, &e), 0);
    assert_int_equal(db_begin(f->db, DB_WRITE, &e), -1); /* no nesting */
    assert_int_equal(meta_set(f->db, "t", "1", &e), 0);
    db_rollback(f->db);
    db_rollback(f->db); /* harmless twice */
    assert_int_equal(db_int(f->db, &n, &e, "SELECT count(*) FROM meta WHERE key = 't'", ""),
                     DB_ROW);
    assert_int_equal(n, 0);
    err_clear(&e);
    assert_int_equal(db_run(f->db, &e, "INSERT INTO meta VALUES ('u', 'x')", ""), 1);
    assert_int_equal(db_run(f->db, &e, "INSERT INTO meta VALUES ('u', 'y')", ""), -1);
    assert_int_equal(e.http, 409);
    err_clear(&e);
    /* a foreign key violation */
    assert_int_equal(
        db_run(f->db, &e,
               "INSERT INTO user_roles (user_id, role, agency) VALUES (42, 'admin', NULL)", ""),
        -1);
    assert_int_equal(e.http, 409);
}

struct writer {
    const char *path;
    int ok, grouped, refused;
};

/* The connection's statement cache: an idle statement comes back reset; one in use is never shared.
 */
static void statement_cache(void **state)
{
    struct fixture *f = *state;
    struct err e = ERR_INIT;
    struct db_stmt *x, *y, *z;
    char sql[64];
    int64_t v;
    int i;

    assert_int_equal(db_prepare(f->db, "SELECT ?", &x, &e), 0);
    db_bind_int(x, 1, 41);
    assert_int_equal(db_step(x, &e), DB_ROW);
    assert_int_equal(db_prepare(f->db, "SELECT ?", &y, &e), 0); /* x is stepping: another */
    assert_ptr_not_equal(x, y);
    db_bind_int(y, 1, 42);
    assert_int_equal(db_step(y, &e), DB_ROW);
    assert_int_equal(db_col_int(x, 0), 41);
    assert_int_equal(db_col_int(y, 0), 42);
    db_finalize(x);
    assert_int_equal(db_prepare(f->db, "SELECT ?", &z, &e), 0); /* x again, reset and unbound */
    assert_ptr_equal(z, x);
    assert_int_equal(db_step(z, &e), DB_ROW);
    assert_true(db_col_is_null(z, 0));
    db_finalize(z);
    db_finalize(y);
    /* more statements than the cache holds: the oldest idle ones make room */
    for (i = 0; i < 200; i++) {
        snprintf(sql, sizeof(sql), "SELECT %d + ?", i);
        assert_int_equal(db_int(f->db, &v, &e, sql, "i", 1), DB_ROW);
        assert_int_equal(v, i + 1);
    }
    assert_int_equal(db_int(f->db, &v, &e, "SELECT 5 + ?", "i", 2), DB_ROW);
    assert_int_equal(v, 7);
}

static void *write_many(void *p)
{
    struct writer *w = p;
    struct err e = ERR_INIT;
    struct db *db;
    int i;

    if ((w->grouped ? db_open_grouped : db_open)(w->path, &db, &e) < 0)
        return NULL;
    for (i = 0; i < 200; i++) {
        int64_t n;
        if (db_begin(db, DB_WRITE, &e) < 0)
            break;
        if (w->grouped && i % 5 == 4) { /* a refusal after writing: only its own writes go */
            db_run(db, &e, "INSERT INTO meta VALUES ('refused', 'x')", "");
            db_run(db, &e, "UPDATE meta SET value = 'x' WHERE key = 'counter'", "");
            db_rollback(db);
            w->refused++;
            continue;
        }
        /* read-modify-write: lost updates would show in the total */
        if (db_int(db, &n, &e, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'counter'",
                   "") != DB_ROW) {
            db_rollback(db);
            break;
        }
        db_run(db, &e, "UPDATE meta SET value = ? WHERE key = 'counter'", "I", n + 1);
        if (db_commit(db, &e) < 0)
            break;
        w->ok++;
    }
    db_close(db);
    return NULL;
}

/* Write transactions from four connections in four threads serialise without losing any. */
static void one_writer_at_a_time(void **state)
{
    struct fixture *f = *state;
    struct writer w[4];
    pthread_t t[4];
    struct err e = ERR_INIT;
    int64_t n;
    int i;

    meta_set(f->db, "counter", "0", &e);
    for (i = 0; i < 4; i++) {
        w[i] = (struct writer){f->path, 0, 0, 0};
        pthread_create(&t[i], NULL, write_many, &w[i]);
    }
    for (i = 0; i < 4; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].ok, 200);
    }
    assert_int_equal(
        db_int(f->db, &n, &e, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'counter'", ""),
        DB_ROW);
    assert_int_equal(n, 800);
}

/*
 * Grouped connections (the server's): write transactions of many threads
 * share batches; each refused one leaves nothing, none of the others is
 * lost, and each commit is visible once db_commit returns.
 */
static void grouped_commits(void **state)
{
    struct fixture *f = *state;
    struct writer w[8];
    pthread_t t[8];
    struct err e = ERR_INIT;
    struct db *db;
    int64_t n;
    int i;

    meta_set(f->db, "counter", "0", &e);
    for (i = 0; i < 8; i++) {
        w[i] = (struct writer){f->path, 0, 1, 0};
        pthread_create(&t[i], NULL, write_many, &w[i]);
    }
    for (i = 0; i < 8; i++) {
        pthread_join(t[i], NULL);
        assert_int_equal(w[i].ok, 160);
        assert_int_equal(w[i].refused, 40);
    }
    assert_int_equal(
        db_int(f->db, &n, &e, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'counter'", ""),
        DB_ROW);
    assert_int_equal(n, 8 * 160);
    assert_int_equal(db_int(f->db, &n, &e, "SELECT count(*) FROM meta WHERE key = 'refused'", ""),
                     DB_ROW);
    assert_int_equal(n, 0);

    /* one thread: no nesting; its reads in the transaction see its writes; commit is durable */
    assert_int_equal(db_open_grouped(f->path, &db, &e), 0);
    assert_int_equal(db_begin(db, DB_WRITE, &e), 0);
    assert_int_equal(db_begin(db, DB_WRITE, &e), -1);
    assert_int_equal(meta_set(db, "g", "1", &e), 0);
    assert_int_equal(db_int(db, &n, &e, "SELECT count(*) FROM meta WHERE key = 'g'", ""), DB_ROW);
    assert_int_equal(n, 1);
    assert_int_equal(db_int(f->db, &n, &e, "SELECT count(*) FROM meta WHERE key = 'g'", ""),
                     DB_ROW);
    assert_int_equal(n, 0); /* not committed yet: others do not see it */
    assert_int_equal(db_commit(db, &e), 0);
    assert_int_equal(db_int(f->db, &n, &e, "SELECT count(*) FROM meta WHERE key = 'g'", ""),
                     DB_ROW);
    assert_int_equal(n, 1);
    /* a conflict inside the transaction fails it alone */
    assert_int_equal(db_begin(db, DB_WRITE, &e), 0);
    assert_int_equal(db_run(db, &e, "INSERT INTO meta VALUES ('g', 'again')", ""), -1);
    assert_int_equal(e.http, 409);
    db_rollback(db);
    db_rollback(db);
    db_close(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(migrations, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(binding_and_columns, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(transactions_and_conflicts, fixture_setup,
                                        fixture_teardown),
        cmocka_unit_test_setup_teardown(one_writer_at_a_time, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(statement_cache, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(grouped_commits, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests_name("store/db", tests, NULL, NULL);
}
