/* Arena allocator: chunks of at least 8 KiB, freed all at once. */
#include "lib/arena.h"
#include "lib/xalloc.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK_MIN 8192

struct arena_chunk {
    struct arena_chunk *next;
    size_t size, used;
    alignas(max_align_t) unsigned char data[];
};

struct arena_defer {
    struct arena_defer *next;
    void (*fn)(void *);
    void *arg;
};

void arena_init(struct arena *a)
{
    a->head = NULL;
    a->defers = NULL;
}

void arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
    struct arena_defer *d = arena_alloc(a, sizeof(*d));

    d->fn = fn;
    d->arg = arg;
    d->next = a->defers;
    a->defers = d;
}

void *arena_alloc(struct arena *a, size_t n)
{
    const size_t align = alignof(max_align_t);
    struct arena_chunk *c = a->head;
    size_t need = (n + align - 1) & ~(align - 1);
    void *p;

    if (!need)
        need = align;
    if (!c || c->size - c->used < need) {
        size_t size = need > ARENA_CHUNK_MIN ? need : ARENA_CHUNK_MIN;
        c = xmalloc(sizeof(*c) + size);
        c->size = size;
        c->used = 0;
        c->next = a->head;
        a->head = c;
    }
    p = c->data + c->used;
    c->used += need;
    return p;
}

void *arena_calloc(struct arena *a, size_t n, size_t size)
{
    return memset(arena_alloc(a, n * size), 0, n * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
    char *p = arena_alloc(a, n + 1);
    memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}

char *arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
    va_list cp;
    int n;
    char *p;

    va_copy(cp, ap);
    n = vsnprintf(NULL, 0, fmt, cp);
    va_end(cp);
    p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

char *arena_printf(struct arena *a, const char *fmt, ...)
{
    va_list ap;
    char *p;

    va_start(ap, fmt);
    p = arena_vprintf(a, fmt, ap);
    va_end(ap);
    return p;
}

void *arena_push(struct arena *a, void *items, size_t *n, size_t *cap, size_t size)
{
    void **array = items;
    char *slot;

    if (*n == *cap) {
        size_t bigger = *cap ? *cap * 2 : 8;
        void *p = arena_alloc(a, bigger * size);
        if (*n)
            memcpy(p, *array, *n * size);
        *array = p;
        *cap = bigger;
    }
    slot = (char *)*array + (*n)++ * size;
    return memset(slot, 0, size);
}

void arena_release(struct arena *a)
{
    struct arena_chunk *c, *next;
    struct arena_defer *d;

    /* a deferred call may defer another: run until none is left */
    while ((d = a->defers) != NULL) {
        a->defers = d->next;
        d->fn(d->arg);
    }
    for (c = a->head; c; c = next) {
        next = c->next;
        free(c);
    }
    a->head = NULL;
}
