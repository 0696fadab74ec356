/*
 * The connection guard: a deadline for each connection's current wait, kept
 * by a reaper thread; bytes trickled in never extend it. A new connection has
 * header_timeout seconds for its first header block; a kept-alive one may
 * wait idle_timeout seconds for its next request, then, once the request line
 * is in, header_timeout seconds for the rest of the block; a body has
 * body_timeout seconds plus one per body_rate bytes declared. A connection
 * past its deadline is shut down, so its worker closes it. While a request is
 * handled and answered there is no deadline (the server's idle timeout
 * applies).
 */
#ifndef HTTP_GUARD_H
#define HTTP_GUARD_H

#include <stdint.h>

#include "lib/err.h"

struct guard_limits {
    unsigned header_timeout; /* seconds for a whole header block */
    unsigned idle_timeout;   /* seconds a kept-alive connection waits for its next request */
    unsigned body_timeout;   /* seconds for a body, plus ... */
    unsigned body_rate;      /* ... one more second per this many bytes */
};

struct guard;
struct guard_conn;

int guard_start(const struct guard_limits *lim, struct guard **out, struct err *e);
/* Stops the reaper; every connection must be closed already. */
void guard_stop(struct guard *g);

/* A connection opened on socket fd: it waits for a header block. */
struct guard_conn *guard_open(struct guard *g, int fd);
/* The connection is closing: forget it (its socket is still open). */
void guard_close(struct guard *g, struct guard_conn *gc);

/* A request ended: the connection may wait idle_timeout for the next one. */
void guard_idle(struct guard *g, struct guard_conn *gc);
/* A request line is in: the rest of the header block, unless that clock already runs. */
void guard_expect_headers(struct guard *g, struct guard_conn *gc);
/* The headers are in and a body of this many bytes follows. */
void guard_expect_body(struct guard *g, struct guard_conn *gc, uint64_t bytes);
/* The request is being handled: no deadline. */
void guard_working(struct guard_conn *gc);

#endif
