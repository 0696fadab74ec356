/*
 * Counting failures (or requests) per key in memory, and blocking a key for a
 * while once it has too many: logins per account and per address, public
 * lookups per address and wrong tries per dossier code. A fixed table of
 * slots, placed by a hash seeded at random; when a neighbourhood is full its
 * least recently used entry gives way, a blocked one only when all are blocked.
 * Thread-safe.
 */
#ifndef LIB_RATELIMIT_H
#define LIB_RATELIMIT_H

#include <stddef.h>
#include <stdint.h>

struct ratelimit;

struct ratelimit_rule {
    int limit;      /* the event that brings a window's count to this blocks the key */
    int64_t window; /* seconds */
    int64_t block;  /* seconds a key stays blocked once over the limit */
};

/* NULL when out of memory. slots is rounded up to a power of two. */
struct ratelimit *ratelimit_new(size_t slots);
void ratelimit_free(struct ratelimit *rl);

/* Seconds the key stays blocked at `now`; 0 when it is not. */
int64_t ratelimit_blocked(struct ratelimit *rl, const char *key, int64_t now);
/*
 * Counts one event of the key; when that makes `limit` in the window the key
 * is blocked for `block` seconds. Returns the seconds it is now blocked for (0: not).
 */
int64_t ratelimit_hit(struct ratelimit *rl, const char *key, int64_t now,
                      const struct ratelimit_rule *rule);
/* Forgets the key (a successful login). */
void ratelimit_clear(struct ratelimit *rl, const char *key);

#endif
