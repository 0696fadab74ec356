/*
 * A background thread that works in rounds until it is stopped (the mail and
 * the portal senders): it sleeps between rounds for a while or until
 * worker_stop() wakes it, and asks worker_stopping() within a round.
 */
#ifndef LIB_WORKER_H
#define LIB_WORKER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>

#include "lib/err.h"

struct worker {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake;
    atomic_int stopping;
};

/* Starts fn(arg) on a new thread; what (e.g. "the sender") names it in the error. 0 or -1. */
int worker_start(struct worker *w, void *(*fn)(void *), void *arg, const char *what, struct err *e);
/* 1 once worker_stop() was called. */
int worker_stopping(struct worker *w);
/* Sleeps ms milliseconds, or less when worker_stop() is called meanwhile (or was). */
void worker_sleep(struct worker *w, unsigned ms);
/* Asks the thread to stop, wakes it and waits for it to return. */
void worker_stop(struct worker *w);
/*
 * When a sender tries again after `attempts` failures (1, 2, …): first after
 * retry_seconds, doubling each time; 0 once max_attempts are spent (given up).
 */
int64_t worker_retry_at(int64_t now, int attempts, int retry_seconds, int max_attempts);

#endif
