/* Tests for src/store/audit.c: each row is chained to the one before. */
#include "../test.h"
#include "fixture.h"
#include "lib/crypto.h"
#include "store/audit.h"

static void chain(void **state)
{
    struct fixture *f = *state;
    struct arena a = ARENA_INIT;
    struct err e = ERR_INIT;
    struct db_stmt *st;
    char prev[CRYPTO_SHA256_HEX], hash[CRYPTO_SHA256_HEX];
    int i, rows = 0;

    for (i = 0; i < 5; i++)
        assert_int_equal(
            audit_append(f->db, 1700000000 + i, i, "test", "object:1", i % 2 ? "x" : NULL, &e), 0);
    memset(prev, '0', 64);
    prev[64] = '\0';
    assert_int_equal(db_query(f->db, &st, &e,
                              "SELECT id, at, coalesce(actor_id, 0), action, object, detail,"
                              " prev_hash, hash FROM audit_log ORDER BY id",
                              ""),
                     0);
    while (db_step(st, &e) == DB_ROW) {
        const char *line =
            arena_printf(&a, "%s|%lld|%lld|%lld|%s|%s|%s", prev, (long long)db_col_int(st, 0),
                         (long long)db_col_int(st, 1), (long long)db_col_int(st, 2),
                         db_col_text(st, 3), db_col_text(st, 4), db_col_text(st, 5));
        assert_string_equal(db_col_text(st, 6), prev);
        crypto_sha256_hex(line, strlen(line), hash);
        assert_string_equal(db_col_text(st, 7), hash);
        memcpy(prev, hash, sizeof(prev));
        rows++;
    }
    db_finalize(st);
    assert_int_equal(rows, 5);
    arena_release(&a);
}

/* A request that started earlier may commit later: its row never goes back in time. */
static void late_commit(void **state)
{
    struct fixture *f = *state;
    struct err e = ERR_INIT;
    struct audit_report rep;
    struct db_stmt *st;

    assert_int_equal(audit_append(f->db, 1700000100, 1, "test", "object:1", NULL, &e), 0);
    assert_int_equal(audit_append(f->db, 1700000050, 2, "test", "object:2", NULL, &e), 0);
    assert_int_equal(db_query(f->db, &st, &e, "SELECT at FROM audit_log WHERE id = 2", ""), 0);
    assert_int_equal(db_step(st, &e), DB_ROW);
    assert_int_equal(db_col_int(st, 0), 1700000100);
    db_finalize(st);
    assert_int_equal(audit_verify(f->db, &rep, &e), 0);
    assert_int_equal(rep.bad_id, 0);
    assert_int_equal(rep.rows, 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(chain, fixture_setup, fixture_teardown),
        cmocka_unit_test_setup_teardown(late_commit, fixture_setup, fixture_teardown),
    };
    return cmocka_run_group_tests_name("store/audit", tests, NULL, NULL);
}
