/* Background threads working in rounds until stopped. */
#include "lib/worker.h"

#include <time.h>

int worker_start(struct worker *w, void *(*fn)(void *), void *arg, const char *what, struct err *e)
{
    atomic_init(&w->stopping, 0);
    pthread_mutex_init(&w->lock, NULL);
    pthread_cond_init(&w->wake, NULL);
    if (pthread_create(&w->thread, NULL, fn, arg)) {
        pthread_mutex_destroy(&w->lock);
        pthread_cond_destroy(&w->wake);
        return err_set(e, 500, "internal", "%s could not start its thread", what);
    }
    return 0;
}

int worker_stopping(struct worker *w)
{
    return atomic_load(&w->stopping);
}

void worker_sleep(struct worker *w, unsigned ms)
{
    struct timespec until;

    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += (long)(ms % 1000) * 1000000L;
    until.tv_sec += (time_t)(ms / 1000) + until.tv_nsec / 1000000000L;
    until.tv_nsec %= 1000000000L;
    pthread_mutex_lock(&w->lock);
    /* asked under the lock: a stop signalled before the wait is not missed */
    if (!atomic_load(&w->stopping))
        pthread_cond_timedwait(&w->wake, &w->lock, &until);
    pthread_mutex_unlock(&w->lock);
}

int64_t worker_retry_at(int64_t now, int attempts, int retry_seconds, int max_attempts)
{
    if (attempts >= max_attempts)
        return 0;
    if (attempts > 20) /* the shift stays within 64 bits */
        attempts = 20;
    return now + ((int64_t)retry_seconds << (attempts - 1));
}

void worker_stop(struct worker *w)
{
    pthread_mutex_lock(&w->lock);
    atomic_store(&w->stopping, 1);
    pthread_cond_signal(&w->wake);
    pthread_mutex_unlock(&w->lock);
    pthread_join(w->thread, NULL);
    pthread_mutex_destroy(&w->lock);
    pthread_cond_destroy(&w->wake);
}
