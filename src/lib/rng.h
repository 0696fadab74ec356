/*
 * xorshift64* (Vigna 2016): a small, fast generator whose sequence is fixed
 * by its seed, for the demo and generated databases (never for secrets: see
 * lib/crypto.h). Inline: the generator runs in the inner loop of `gen`.
 */
#ifndef LIB_RNG_H
#define LIB_RNG_H

#include <stdint.h>

struct rng {
    uint64_t state; /* never 0 */
};

/* Starts the sequence; a zero seed is taken as 1. */
static inline void rng_seed(struct rng *r, uint64_t seed)
{
    r->state = seed ? seed : 1;
}

static inline uint64_t rng_next(struct rng *r)
{
    r->state ^= r->state >> 12;
    r->state ^= r->state << 25;
    r->state ^= r->state >> 27;
    return r->state * 2685821657736338717ULL;
}

/* 0 .. n-1 (n > 0). */
static inline int rng_pick(struct rng *r, int n)
{
    return (int)(rng_next(r) % (uint64_t)n);
}

/* [0, 1) with 53 random bits. */
static inline double rng_uniform(struct rng *r)
{
    return (double)(rng_next(r) >> 11) / 9007199254740992.0;
}

#endif
