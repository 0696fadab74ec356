/*
 * The connections the server holds, counted across its listeners (one per
 * thread, sharing the port): at most so many in all and from one client
 * address, decided when a connection is accepted, before it costs anything.
 * Lock-free (atomic counters), so accepting takes no lock a request waits for.
 */
#ifndef HTTP_CONNS_H
#define HTTP_CONNS_H

#include <sys/socket.h>

#define CONNS_NO_SLOT ((unsigned)-1)

struct conns;

/* per_address 0: no limit per address. NULL when out of memory. */
struct conns *conns_new(unsigned limit, unsigned per_address);
void conns_free(struct conns *c);

/*
 * Counts a new connection from addr: its address's slot (CONNS_NO_SLOT when
 * addresses are not counted), or -1, counting nothing, when it is one too many.
 */
long conns_admit(struct conns *c, const struct sockaddr *addr, socklen_t len);
/* The connection admitted with this slot has closed. */
void conns_release(struct conns *c, long slot);

/*
 * Room for the connections: the soft limit of open files is raised to the
 * hard one, and the connections allowed leave files for the database, the
 * stored files and the logs.
 */
unsigned conns_room(unsigned wanted);

#endif
