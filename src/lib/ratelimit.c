/* Failure counting per key in a fixed table. */
#include "lib/ratelimit.h"

#include <pthread.h>
#include <stdlib.h>

#define PROBE 8 /* slots looked at for a key */

struct slot {
    uint64_t key; /* 0: empty */
    int count;
    int64_t window_start, blocked_until, last;
};

struct ratelimit {
    pthread_mutex_t lock;
    size_t mask;
    struct slot slots[];
};

static uint64_t hash(const char *s)
{
    uint64_t h = 1469598103934665603u; /* FNV-1a */

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h ? h : 1;
}

struct ratelimit *ratelimit_new(size_t slots)
{
    struct ratelimit *rl;
    size_t n = 64;

    while (n < slots)
        n <<= 1;
    rl = calloc(1, sizeof(*rl) + n * sizeof(struct slot));
    if (!rl)
        return NULL;
    pthread_mutex_init(&rl->lock, NULL);
    rl->mask = n - 1;
    return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
    if (!rl)
        return;
    pthread_mutex_destroy(&rl->lock);
    free(rl);
}

/* The key's slot; with make, a new or reclaimed one (the least recently used nearby). */
static struct slot *find(struct ratelimit *rl, uint64_t key, int make)
{
    size_t i, at = (size_t)key & rl->mask;
    struct slot *oldest = NULL;

    for (i = 0; i < PROBE; i++) {
        struct slot *s = &rl->slots[(at + i) & rl->mask];
        if (s->key == key)
            return s;
        if (!oldest || !s->key || (oldest->key && s->last < oldest->last))
            oldest = s;
    }
    if (!make)
        return NULL;
    *oldest = (struct slot){key, 0, 0, 0, 0};
    return oldest;
}

int64_t ratelimit_blocked(struct ratelimit *rl, const char *key, int64_t now)
{
    struct slot *s;
    int64_t left = 0;

    pthread_mutex_lock(&rl->lock);
    s = find(rl, hash(key), 0);
    if (s && s->blocked_until > now)
        left = s->blocked_until - now;
    pthread_mutex_unlock(&rl->lock);
    return left;
}

int64_t ratelimit_hit(struct ratelimit *rl, const char *key, int64_t now,
                      const struct ratelimit_rule *rule)
{
    struct slot *s;
    int64_t left = 0;

    pthread_mutex_lock(&rl->lock);
    s = find(rl, hash(key), 1);
    s->last = now;
    if (now - s->window_start >= rule->window) {
        s->window_start = now;
        s->count = 0;
    }
    if (++s->count >= rule->limit) {
        s->blocked_until = now + rule->block;
        s->count = 0;
        s->window_start = now;
    }
    if (s->blocked_until > now)
        left = s->blocked_until - now;
    pthread_mutex_unlock(&rl->lock);
    return left;
}

void ratelimit_clear(struct ratelimit *rl, const char *key)
{
    struct slot *s;

    pthread_mutex_lock(&rl->lock);
    s = find(rl, hash(key), 0);
    if (s)
        *s = (struct slot){0, 0, 0, 0, 0};
    pthread_mutex_unlock(&rl->lock);
}
