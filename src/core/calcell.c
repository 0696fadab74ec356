/* The process's working calendar: published whole, read by reference. */
#include "core/calcell.h"
#include "lib/xalloc.h"

#include <stdatomic.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

struct calcell_value {
    struct workcal cal; /* first: a reader's pointer is the value's */
    atomic_long refs;
};

static void value_put(struct calcell_value *v)
{
    if (v && atomic_fetch_sub_explicit(&v->refs, 1, memory_order_acq_rel) == 1) {
        workcal_release(&v->cal);
        free(v);
    }
}

void calcell_init(struct calcell *c)
{
    pthread_mutex_init(&c->lock, NULL);
    c->cur = NULL;
}

void calcell_release(struct calcell *c)
{
    struct calcell_value *v;

    pthread_mutex_lock(&c->lock);
    v = c->cur;
    c->cur = NULL;
    pthread_mutex_unlock(&c->lock);
    value_put(v);
}

int calcell_publish(struct calcell *c, struct workcal *cal)
{
    struct calcell_value *v = xmalloc(sizeof(*v)), *old = NULL;
    int published = 0;

    v->cal = *cal;
    atomic_init(&v->refs, 1);
    memset(cal, 0, sizeof(*cal));
    pthread_mutex_lock(&c->lock);
    if (!c->cur || c->cur->cal.version < v->cal.version) {
        old = c->cur;
        c->cur = v;
        published = 1;
    }
    pthread_mutex_unlock(&c->lock);
    value_put(published ? old : v);
    return published;
}

const struct workcal *calcell_get(struct calcell *c)
{
    struct calcell_value *v;

    pthread_mutex_lock(&c->lock);
    v = c->cur;
    if (v)
        atomic_fetch_add_explicit(&v->refs, 1, memory_order_relaxed);
    pthread_mutex_unlock(&c->lock);
    return v ? &v->cal : NULL;
}

void calcell_put(const struct workcal *cal)
{
    if (cal)
        value_put((struct calcell_value *)((char *)cal - offsetof(struct calcell_value, cal)));
}

int64_t calcell_version(struct calcell *c)
{
    int64_t version;

    pthread_mutex_lock(&c->lock);
    version = c->cur ? c->cur->cal.version : -1;
    pthread_mutex_unlock(&c->lock);
    return version;
}
