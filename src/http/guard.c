/* The connection guard: per-connection deadlines and the reaper that keeps them. */
#include "http/guard.h"
#include "lib/log.h"
#include "lib/xalloc.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

struct guard_conn {
    struct guard_conn *prev, *next;
    int fd;
    _Atomic int64_t deadline; /* monotonic milliseconds; 0: none */
    atomic_int idle;          /* waiting for a kept-alive connection's next request */
};

struct guard {
    struct guard_limits lim;
    pthread_mutex_t lock; /* the list */
    pthread_t reaper;
    struct guard_conn head; /* list sentinel */
    atomic_int stopping;
};

/*
 * The reaper sleeps this long between sweeps (a relative sleep: a clock moved
 * for tests does not stop it), and stopping waits at most as long.
 */
#define SWEEP_MS 100

static int64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Shuts down every connection past its deadline; the list lock is held. */
static void sweep(struct guard *g)
{
    struct guard_conn *c;
    int64_t now = now_ms();
    int slow = 0;

    for (c = g->head.next; c != &g->head; c = c->next) {
        int64_t d = atomic_load(&c->deadline);
        if (d && d <= now) {
            atomic_store(&c->deadline, 0);
            shutdown(c->fd, SHUT_RDWR);
            slow += !atomic_load(&c->idle); /* an idle kept-alive connection just ends */
        }
    }
    if (slow)
        log_warn("closed %d connection%s that sent a request too slowly", slow,
                 slow > 1 ? "s" : "");
}

static void *reap(void *arg)
{
    struct guard *g = arg;
    const struct timespec pause = {0, SWEEP_MS * 1000000L};

    while (!atomic_load(&g->stopping)) {
        nanosleep(&pause, NULL);
        pthread_mutex_lock(&g->lock);
        sweep(g);
        pthread_mutex_unlock(&g->lock);
    }
    return NULL;
}

int guard_start(const struct guard_limits *lim, struct guard **out, struct err *e)
{
    struct guard *g = xcalloc(1, sizeof(*g));
    int rc;

    g->lim = *lim;
    g->head.next = g->head.prev = &g->head;
    pthread_mutex_init(&g->lock, NULL);
    rc = pthread_create(&g->reaper, NULL, reap, g);
    if (rc) {
        pthread_mutex_destroy(&g->lock);
        free(g);
        return err_set(e, 500, "thread", "cannot start the connection guard: %s", strerror(rc));
    }
    *out = g;
    return 0;
}

void guard_stop(struct guard *g)
{
    if (!g)
        return;
    atomic_store(&g->stopping, 1);
    pthread_join(g->reaper, NULL);
    pthread_mutex_destroy(&g->lock);
    free(g);
}

struct guard_conn *guard_open(struct guard *g, int fd)
{
    struct guard_conn *c = xcalloc(1, sizeof(*c));

    c->fd = fd;
    atomic_store(&c->deadline, now_ms() + (int64_t)g->lim.header_timeout * 1000);
    pthread_mutex_lock(&g->lock);
    c->next = g->head.next;
    c->prev = &g->head;
    g->head.next->prev = c;
    g->head.next = c;
    pthread_mutex_unlock(&g->lock);
    return c;
}

void guard_close(struct guard *g, struct guard_conn *c)
{
    if (!c)
        return;
    pthread_mutex_lock(&g->lock);
    c->prev->next = c->next;
    c->next->prev = c->prev;
    pthread_mutex_unlock(&g->lock);
    free(c);
}

void guard_idle(struct guard *g, struct guard_conn *c)
{
    if (!c)
        return;
    c->idle = 1;
    atomic_store(&c->deadline, now_ms() + (int64_t)g->lim.idle_timeout * 1000);
}

void guard_expect_headers(struct guard *g, struct guard_conn *c)
{
    if (!c || !c->idle)
        return;
    c->idle = 0;
    atomic_store(&c->deadline, now_ms() + (int64_t)g->lim.header_timeout * 1000);
}

void guard_expect_body(struct guard *g, struct guard_conn *c, uint64_t bytes)
{
    if (!c)
        return;
    c->idle = 0;
    atomic_store(&c->deadline,
                 now_ms() +
                     ((int64_t)g->lim.body_timeout + (int64_t)(bytes / g->lim.body_rate)) * 1000);
}

void guard_working(struct guard_conn *c)
{
    if (!c)
        return;
    c->idle = 0;
    atomic_store(&c->deadline, 0);
}
