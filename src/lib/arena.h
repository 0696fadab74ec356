/*
 * Arena: a bump allocator owned by one request (after h2o's request pool).
 * Everything allocated from it lives until arena_release(); nothing is freed alone.
 */
#ifndef LIB_ARENA_H
#define LIB_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena_chunk;
struct arena_defer;

struct arena {
    struct arena_chunk *head;
    struct arena_defer *defers;
};

#define ARENA_INIT                                                                                 \
    {                                                                                              \
        0                                                                                          \
    }

void arena_init(struct arena *a);
/* Memory aligned for any type; never NULL. */
void *arena_alloc(struct arena *a, size_t n);
void *arena_calloc(struct arena *a, size_t n, size_t size);
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
/*
 * Appends a zeroed element of `size` bytes to the arena array *items of *n
 * elements and *cap capacity (start with *cap = 0; *items is then replaced on
 * the first push). Returns the new element.
 */
void *arena_push(struct arena *a, void *items, size_t *n, size_t *cap, size_t size);
/*
 * Calls fn(arg) when the arena is released, before its memory is freed (the
 * last deferred first): how a request lets go of what it holds beyond its arena.
 */
void arena_defer(struct arena *a, void (*fn)(void *), void *arg);
/* Runs the deferred calls, frees every allocation; the arena can be used again. */
void arena_release(struct arena *a);

#endif
