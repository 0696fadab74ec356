/* Failure counting per key in a fixed table. */
#include "lib/ratelimit.h"

#include <pthread.h>
#include <stdlib.h>
#include <sys/random.h>
#include <time.h>

#define PROBE 8   /* slots of a key's neighbourhood, looked at for it */
#define LOCKS 256 /* neighbourhoods share this many locks: no lock of the whole table */

struct slot {
    uint64_t key; /* 0: empty */
    int count;
    int64_t window_start, blocked_until, last;
};

struct ratelimit {
    pthread_mutex_t locks[LOCKS];
    size_t mask;
    uint64_t seed; /* random per table: nobody can choose keys that share a neighbourhood */
    struct slot slots[];
};

static uint64_t hash(const struct ratelimit *rl, const char *s)
{
    uint64_t h = 1469598103934665603u ^ rl->seed; /* FNV-1a, seeded */

    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211u;
    h ^= h >> 33; /* mix the high bits into the slot index */
    h *= 0xff51afd7ed558ccdu;
    h ^= h >> 33;
    return h ? h : 1;
}

struct ratelimit *ratelimit_new(size_t slots)
{
    struct ratelimit *rl;
    size_t n = 64, i;

    while (n < slots)
        n <<= 1;
    rl = calloc(1, sizeof(*rl) + n * sizeof(struct slot));
    if (!rl)
        return NULL;
    for (i = 0; i < LOCKS; i++)
        pthread_mutex_init(&rl->locks[i], NULL);
    rl->mask = n - 1;
    if (getrandom(&rl->seed, sizeof(rl->seed), 0) != (ssize_t)sizeof(rl->seed))
        rl->seed = (uint64_t)time(NULL) * 0x9e3779b97f4a7c15u ^ (uint64_t)(uintptr_t)rl;
    return rl;
}

void ratelimit_free(struct ratelimit *rl)
{
    size_t i;

    if (!rl)
        return;
    for (i = 0; i < LOCKS; i++)
        pthread_mutex_destroy(&rl->locks[i]);
    free(rl);
}

/* Which slot gives way first: an empty one, then one not blocked, then the least recently used. */
static int gives_way_before(const struct slot *s, const struct slot *than, int64_t now)
{
    int s_blocked = s->blocked_until > now, than_blocked = than->blocked_until > now;

    if (!than->key)
        return 0;
    if (!s->key)
        return 1;
    if (s_blocked != than_blocked)
        return !s_blocked;
    return s->last < than->last;
}

/* The lock of a key's neighbourhood (PROBE slots from a multiple of PROBE). */
static pthread_mutex_t *lock_of(struct ratelimit *rl, uint64_t key)
{
    return &rl->locks[(((size_t)key & rl->mask) / PROBE) % LOCKS];
}

/*
 * The key's slot; with make, a new or reclaimed one: a blocked key is reclaimed
 * only when every slot nearby is blocked, so a flood of other keys does not lift a block.
 */
static struct slot *find(struct ratelimit *rl, uint64_t key, int make, int64_t now)
{
    size_t i, at = (size_t)key & rl->mask & ~(size_t)(PROBE - 1);
    struct slot *oldest = NULL;

    for (i = 0; i < PROBE; i++) {
        struct slot *s = &rl->slots[at + i];
        if (s->key == key)
            return s;
        if (!oldest || gives_way_before(s, oldest, now))
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

    uint64_t h = hash(rl, key);
    pthread_mutex_t *lock = lock_of(rl, h);

    pthread_mutex_lock(lock);
    s = find(rl, h, 0, now);
    if (s && s->blocked_until > now)
        left = s->blocked_until - now;
    pthread_mutex_unlock(lock);
    return left;
}

int64_t ratelimit_hit(struct ratelimit *rl, const char *key, int64_t now,
                      const struct ratelimit_rule *rule)
{
    struct slot *s;
    int64_t left = 0;

    uint64_t h = hash(rl, key);
    pthread_mutex_t *lock = lock_of(rl, h);

    pthread_mutex_lock(lock);
    s = find(rl, h, 1, now);
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
    pthread_mutex_unlock(lock);
    return left;
}

void ratelimit_clear(struct ratelimit *rl, const char *key)
{
    struct slot *s;

    uint64_t h = hash(rl, key);
    pthread_mutex_t *lock = lock_of(rl, h);

    pthread_mutex_lock(lock);
    s = find(rl, h, 0, 0);
    if (s)
        *s = (struct slot){0, 0, 0, 0, 0};
    pthread_mutex_unlock(lock);
}
