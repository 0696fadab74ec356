/* Connections counted in all and per client address (conns.h). */
#include "http/conns.h"
#include "lib/log.h"

#include <netinet/in.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/resource.h>

#define SLOTS 65536 /* addresses counted apart (two sharing a slot share its count) */

struct conns {
    unsigned limit, per_address;
    atomic_uint open;
    atomic_uint by_address[SLOTS];
};

struct conns *conns_new(unsigned limit, unsigned per_address)
{
    struct conns *c = calloc(1, sizeof(*c));

    if (!c)
        return NULL;
    c->limit = limit;
    c->per_address = per_address;
    return c;
}

void conns_free(struct conns *c)
{
    free(c);
}

/* The address's slot: FNV-1a over its bytes. */
static unsigned slot_of(const struct sockaddr *addr, socklen_t len)
{
    const unsigned char *p = NULL;
    uint32_t h = 2166136261u;
    size_t n = 0, i;

    if (addr && addr->sa_family == AF_INET && len >= (socklen_t)sizeof(struct sockaddr_in)) {
        p = (const unsigned char *)&((const struct sockaddr_in *)addr)->sin_addr;
        n = sizeof(struct in_addr);
    } else if (addr && addr->sa_family == AF_INET6 &&
               len >= (socklen_t)sizeof(struct sockaddr_in6)) {
        p = (const unsigned char *)&((const struct sockaddr_in6 *)addr)->sin6_addr;
        n = sizeof(struct in6_addr);
    }
    for (i = 0; i < n; i++)
        h = (h ^ p[i]) * 16777619u;
    return h % SLOTS;
}

long conns_admit(struct conns *c, const struct sockaddr *addr, socklen_t len)
{
    unsigned slot;

    if (atomic_fetch_add(&c->open, 1) >= c->limit) {
        atomic_fetch_sub(&c->open, 1);
        return -1;
    }
    if (!c->per_address)
        return CONNS_NO_SLOT;
    slot = slot_of(addr, len);
    if (atomic_fetch_add(&c->by_address[slot], 1) >= c->per_address) {
        atomic_fetch_sub(&c->by_address[slot], 1);
        atomic_fetch_sub(&c->open, 1);
        return -1;
    }
    return slot;
}

void conns_release(struct conns *c, long slot)
{
    if (slot >= 0 && (unsigned long)slot < SLOTS)
        atomic_fetch_sub(&c->by_address[slot], 1);
    atomic_fetch_sub(&c->open, 1);
}

unsigned conns_room(unsigned wanted)
{
    struct rlimit rl;

    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return wanted;
    if (rl.rlim_cur < rl.rlim_max) {
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_NOFILE, &rl);
        getrlimit(RLIMIT_NOFILE, &rl);
    }
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < (rlim_t)wanted + 256) {
        unsigned room = rl.rlim_cur > 320 ? (unsigned)rl.rlim_cur - 256 : 64;
        log_warn("only %u connections fit in the %llu files this process may open", room,
                 (unsigned long long)rl.rlim_cur);
        return room;
    }
    return wanted;
}
