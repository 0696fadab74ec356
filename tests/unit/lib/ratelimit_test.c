/* Tests for src/lib/ratelimit.c */
#include <stdio.h>

#include "../test.h"
#include "lib/ratelimit.h"

static void blocks_after_the_limit(void **state)
{
    struct ratelimit *rl = ratelimit_new(100);
    const struct ratelimit_rule rule = {3, 60, 900};

    (void)state;
    assert_non_null(rl);
    assert_int_equal(ratelimit_hit(rl, "u:lan", 1000, &rule), 0);
    assert_int_equal(ratelimit_hit(rl, "u:lan", 1010, &rule), 0);
    assert_int_equal(ratelimit_blocked(rl, "u:lan", 1010), 0);
    /* the third failure within the minute blocks for 15 minutes */
    assert_int_equal(ratelimit_hit(rl, "u:lan", 1020, &rule), 900);
    assert_int_equal(ratelimit_blocked(rl, "u:lan", 1500), 420);
    assert_int_equal(ratelimit_blocked(rl, "u:lan", 1920), 0);
    /* another key is not touched */
    assert_int_equal(ratelimit_blocked(rl, "u:hoa", 1500), 0);
    ratelimit_free(rl);
}

static void the_window_slides_and_success_clears(void **state)
{
    struct ratelimit *rl = ratelimit_new(100);
    const struct ratelimit_rule rule = {3, 60, 900};

    (void)state;
    ratelimit_hit(rl, "a:10.0.0.1", 1000, &rule);
    ratelimit_hit(rl, "a:10.0.0.1", 1030, &rule);
    /* a minute later the count starts again */
    assert_int_equal(ratelimit_hit(rl, "a:10.0.0.1", 1061, &rule), 0);
    assert_int_equal(ratelimit_hit(rl, "a:10.0.0.1", 1062, &rule), 0);
    ratelimit_clear(rl, "a:10.0.0.1");
    assert_int_equal(ratelimit_hit(rl, "a:10.0.0.1", 1063, &rule), 0);
    assert_int_equal(ratelimit_blocked(rl, "a:10.0.0.1", 1063), 0);
    ratelimit_free(rl);
}

/* Many more keys than slots: the table keeps working and recent keys survive. */
static void full_table(void **state)
{
    struct ratelimit *rl = ratelimit_new(64);
    const struct ratelimit_rule rule = {2, 60, 60};
    char key[32];
    int i;

    (void)state;
    for (i = 0; i < 10000; i++) {
        snprintf(key, sizeof(key), "a:%d", i);
        ratelimit_hit(rl, key, 1000 + i, &rule);
    }
    assert_int_equal(ratelimit_hit(rl, "a:9999", 11000, &rule), 60);
    ratelimit_free(rl);
}

/* A flood of other keys (a guesser's many addresses or codes) does not lift a block. */
static void a_block_outlives_a_flood(void **state)
{
    struct ratelimit *rl = ratelimit_new(64);
    const struct ratelimit_rule rule = {2, 3600, 3600}, other = {1000, 60, 60};
    char key[32];
    int i;

    (void)state;
    ratelimit_hit(rl, "c:000.00.31.H88-261123-0001", 1000, &rule);
    assert_int_equal(ratelimit_hit(rl, "c:000.00.31.H88-261123-0001", 1001, &rule), 3600);
    for (i = 0; i < 100000; i++) {
        snprintf(key, sizeof(key), "a:%d", i);
        ratelimit_hit(rl, key, 1002 + i / 100, &other);
    }
    assert_int_equal(ratelimit_blocked(rl, "c:000.00.31.H88-261123-0001", 2001), 2600);
    ratelimit_free(rl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(blocks_after_the_limit),
        cmocka_unit_test(the_window_slides_and_success_clears),
        cmocka_unit_test(full_table),
        cmocka_unit_test(a_block_outlives_a_flood),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
