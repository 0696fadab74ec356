/* Tests for src/lib/strbuf.c and src/lib/arena.c */
#include "../test.h"
#include "lib/arena.h"
#include "lib/strbuf.h"

#include <stdlib.h>

static void strbuf_basics(void **state)
{
    struct strbuf sb = STRBUF_INIT;
    char *p;
    size_t len;
    int i;

    (void)state;
    assert_string_equal(sb.buf, "");
    strbuf_addstr(&sb, "Một");
    strbuf_addch(&sb, ' ');
    strbuf_addf(&sb, "cửa %d", 1);
    assert_string_equal(sb.buf, "Một cửa 1");
    for (i = 0; i < 10000; i++)
        strbuf_addch(&sb, 'x');
    assert_int_equal(sb.len, strlen("Một cửa 1") + 10000);
    strbuf_reset(&sb);
    assert_string_equal(sb.buf, "");
    strbuf_add(&sb, "ab\0c", 4);
    assert_int_equal(sb.len, 4);
    p = strbuf_detach(&sb, &len);
    assert_int_equal(len, 4);
    assert_memory_equal(p, "ab\0c", 4);
    assert_string_equal(sb.buf, "");
    free(p);
    strbuf_release(&sb);
    p = strbuf_detach(&sb, NULL); /* an empty buffer still detaches a string */
    assert_string_equal(p, "");
    free(p);
}

static char defer_log[8];

static void record(void *arg)
{
    defer_log[strlen(defer_log)] = *(const char *)arg;
}

/* Deferred calls run at release, the last one first, and once. */
static void arena_defers(void **state)
{
    struct arena a = ARENA_INIT;

    (void)state;
    arena_defer(&a, record, "a");
    arena_defer(&a, record, "b");
    assert_string_equal(defer_log, "");
    arena_release(&a);
    assert_string_equal(defer_log, "ba");
    assert_null(a.defers);
    arena_release(&a);
    assert_string_equal(defer_log, "ba");
}

static void arena_basics(void **state)
{
    struct arena a = ARENA_INIT;
    char *big, *s;
    int i;

    (void)state;
    for (i = 0; i < 5000; i++) {
        long *p = arena_alloc(&a, sizeof(long) * (size_t)(i % 7 + 1));
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        p[0] = i;
    }
    big = arena_alloc(&a, 100000); /* larger than a chunk */
    memset(big, 1, 100000);
    s = arena_printf(&a, "%s-%04d", "000.00.04.H43", 7);
    assert_string_equal(s, "000.00.04.H43-0007");
    assert_string_equal(arena_strndup(&a, "abcdef", 3), "abc");
    assert_int_equal(((char *)arena_calloc(&a, 10, 10))[99], 0);
    arena_release(&a);
    assert_null(a.head);
    assert_string_equal(arena_strdup(&a, "again"), "again");
    arena_release(&a);
}

static void arena_arrays(void **state)
{
    struct arena a = ARENA_INIT;
    int *items = arena_alloc(&a, 0);
    size_t n = 0, cap = 0, i;

    (void)state;
    for (i = 0; i < 1000; i++) {
        int *slot = arena_push(&a, &items, &n, &cap, sizeof(*slot));
        assert_int_equal(*slot, 0);
        *slot = (int)i * 3;
    }
    assert_int_equal(n, 1000);
    assert_true(cap >= 1000);
    for (i = 0; i < n; i++)
        assert_int_equal(items[i], (int)i * 3);
    arena_release(&a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(strbuf_basics),
        cmocka_unit_test(arena_basics),
        cmocka_unit_test(arena_defers),
        cmocka_unit_test(arena_arrays),
    };
    return cmocka_run_group_tests_name("lib/strbuf", tests, NULL, NULL);
}
