/* Tests for src/core/calcell.c */
#include "../test.h"
#include "core/calcell.h"
#include "core/date.h"
#include "core/lunar.h"
#include "core/worktime.h"

#include <pthread.h>

#define R holiday_default_rules, holiday_default_rules_len

static struct workcal build(const struct cal_override *ov, size_t nov, int64_t version)
{
    struct workcal c;
    struct err e = ERR_INIT;

    assert_int_equal(workcal_build(&c, LUNAR_MIN_YEAR, LUNAR_MAX_YEAR, R, ov, nov, &e), 0);
    c.version = version;
    return c;
}

static int64_t ymd(int y, int m, int d)
{
    return date_days_from_civil(y, m, d);
}

/* 2027-03-05 is a Friday: two working days from 08:00 end on Tuesday, or later with a day off. */
static int64_t due_of(const struct workcal *c)
{
    struct err e = ERR_INIT;
    int64_t due;

    assert_int_equal(worktime_due(c, &office_hours_default, ymd(2027, 3, 5) * 86400 + 3600,
                                  DURATION_WORKING, 2, &due, &e),
                     0);
    return due;
}

/* The value covers the whole lunar range, holidays and overrides included. */
static void built_from_data(void **state)
{
    struct cal_override ov = {ymd(2027, 3, 8), 0, "Nghỉ"};
    struct workcal plain = build(NULL, 0, 1), with = build(&ov, 1, 2);

    (void)state;
    assert_int_equal(plain.year_from, LUNAR_MIN_YEAR);
    assert_int_equal(plain.year_to, LUNAR_MAX_YEAR);
    assert_int_equal(workcal_is_off(&plain, ymd(2025, 1, 29)), 1); /* Tết 2025 */
    assert_int_equal(workcal_is_off(&plain, ymd(2027, 3, 8)), 0);
    assert_int_equal(workcal_is_off(&with, ymd(2027, 3, 8)), 1);
    assert_int_equal(due_of(&with) - due_of(&plain), 86400);
    workcal_release(&plain);
    workcal_release(&with);
}

/* A reader keeps its calendar across a publish; new readers get the new one. */
static void swap_whole(void **state)
{
    struct cal_override ov = {ymd(2027, 3, 8), 0, "Nghỉ"};
    struct calcell cell;
    struct workcal a = build(NULL, 0, 1), b = build(&ov, 1, 2);
    const struct workcal *r1, *r2;

    (void)state;
    calcell_init(&cell);
    assert_null(calcell_get(&cell));
    assert_int_equal(calcell_version(&cell), -1);
    assert_int_equal(calcell_publish(&cell, &a), 1);
    assert_null(a.off); /* moved into the cell */
    r1 = calcell_get(&cell);
    assert_int_equal(r1->version, 1);
    assert_int_equal(calcell_publish(&cell, &b), 1);
    assert_int_equal(calcell_version(&cell), 2);
    r2 = calcell_get(&cell);
    assert_int_equal(r2->version, 2);
    /* the first reader still answers from version 1, whole */
    assert_int_equal(r1->version, 1);
    assert_int_equal(due_of(r2) - due_of(r1), 86400);
    calcell_put(r1); /* the last holder of version 1: freed here (the sanitizer run checks) */
    calcell_release(&cell);
    assert_int_equal(calcell_version(&cell), -1);
    assert_int_equal(workcal_is_off(r2, ymd(2027, 3, 8)), 1); /* outlives the cell */
    calcell_put(r2);
    calcell_put(NULL);
}

/* A calendar built from older data never replaces a newer one. */
static void stale_is_dropped(void **state)
{
    struct calcell cell;
    struct workcal a = build(NULL, 0, 5), b = build(NULL, 0, 4), c = build(NULL, 0, 5);
    const struct workcal *r;

    (void)state;
    calcell_init(&cell);
    assert_int_equal(calcell_publish(&cell, &a), 1);
    assert_int_equal(calcell_publish(&cell, &b), 0);
    assert_int_equal(calcell_publish(&cell, &c), 0);
    assert_null(b.off);
    r = calcell_get(&cell);
    assert_int_equal(r->version, 5);
    calcell_put(r);
    calcell_release(&cell);
}

static struct calcell shared;

static void *reader(void *arg)
{
    int i;

    (void)arg;
    for (i = 0; i < 20000; i++) {
        const struct workcal *c = calcell_get(&shared);
        int64_t v = c->version;
        assert_int_equal(workcal_is_off(c, ymd(2027, 3, 8)), (int)(v % 2 == 0));
        assert_int_equal(c->version, v);
        calcell_put(c);
    }
    return NULL;
}

/* Readers on other threads while versions are published: each sees one whole calendar. */
static void concurrent_readers(void **state)
{
    struct cal_override ov = {ymd(2027, 3, 8), 0, "Nghỉ"};
    struct workcal first = build(NULL, 0, 1);
    pthread_t t[3];
    int64_t v;
    int i;

    (void)state;
    calcell_init(&shared);
    calcell_publish(&shared, &first);
    for (i = 0; i < 3; i++)
        pthread_create(&t[i], NULL, reader, NULL);
    for (v = 2; v < 40; v++) {
        struct workcal next = build(v % 2 ? NULL : &ov, v % 2 ? 0 : 1, v);
        assert_int_equal(calcell_publish(&shared, &next), 1);
    }
    for (i = 0; i < 3; i++)
        pthread_join(t[i], NULL);
    calcell_release(&shared);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(built_from_data),
        cmocka_unit_test(swap_whole),
        cmocka_unit_test(stale_is_dropped),
        cmocka_unit_test(concurrent_readers),
    };
    return cmocka_run_group_tests_name("core/calcell", tests, NULL, NULL);
}
