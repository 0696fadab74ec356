/* Tests for src/lib/worker.c: rounds until stopped, a stop wakes a long sleep at once. */
#include "../test.h"
#include "lib/worker.h"

#include <time.h>

struct job {
    struct worker w;
    atomic_int rounds;
};

static void *rounds(void *p)
{
    struct job *j = p;

    while (!worker_stopping(&j->w)) {
        atomic_fetch_add(&j->rounds, 1);
        worker_sleep(&j->w, 60000); /* a minute: only the stop ends it */
    }
    return NULL;
}

static double now_s(void)
{
    struct timespec t;

    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void stop_wakes_the_sleeper(void **state)
{
    struct job j = {0};
    struct err e = ERR_INIT;
    struct timespec pause = {0, 50 * 1000000L};
    double t0;

    (void)state;
    assert_int_equal(worker_start(&j.w, rounds, &j, "the test", &e), 0);
    for (t0 = now_s(); !atomic_load(&j.rounds) && now_s() - t0 < 10;) /* its first round */
        nanosleep(&pause, NULL);
    nanosleep(&pause, NULL); /* and into its sleep */
    t0 = now_s();
    worker_stop(&j.w);
    assert_true(now_s() - t0 < 5.0); /* not the minute's sleep */
    assert_int_equal(atomic_load(&j.rounds), 1);
    assert_true(worker_stopping(&j.w));
}

static void short_sleeps_make_rounds(void **state)
{
    struct worker w;
    struct timespec t0, t1;

    (void)state;
    atomic_init(&w.stopping, 0);
    pthread_mutex_init(&w.lock, NULL);
    pthread_cond_init(&w.wake, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    worker_sleep(&w, 30); /* nobody stops it: the time passes */
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_true((double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6 >=
                29.0);
    pthread_mutex_destroy(&w.lock);
    pthread_cond_destroy(&w.wake);
}

/* Retries: first after retry_seconds, doubling, given up after max_attempts. */
static void retry_times(void **state)
{
    (void)state;
    assert_int_equal(worker_retry_at(1000, 1, 60, 3), 1060);
    assert_int_equal(worker_retry_at(1000, 2, 60, 3), 1120);
    assert_int_equal(worker_retry_at(1000, 3, 60, 3), 0);
    assert_int_equal(worker_retry_at(0, 40, 1, 100), 1 << 19);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stop_wakes_the_sleeper),
        cmocka_unit_test(short_sleeps_make_rounds),
        cmocka_unit_test(retry_times),
    };
    return cmocka_run_group_tests_name("lib/worker", tests, NULL, NULL);
}
