/*
 * A request's framing, checked as soon as its header block is in and before
 * anything reads its body (RFC 9112 §3.2, §5, §6.3). Refused:
 * - a header name that is not a token ("Content-Length :"), a value with a
 *   control character (NUL, CR, LF), two Host headers, or none on HTTP/1.1 (400);
 * - two Content-Length headers, or one that is not digits alone (400);
 * - Transfer-Encoding with Content-Length (400); any other coding than
 *   chunked (501); chunked alone (411: bodies here declare their length, so
 *   no chunk framing is ever parsed);
 * - a target with an encoded NUL ("%00") or a path that is not UTF-8 (400).
 * The connection of a refused request is closed after the answer, so nothing
 * that follows on it is read as another request.
 */
#ifndef HTTP_FRAMING_H
#define HTTP_FRAMING_H

#include <microhttpd.h>
#include <stdint.h>

#include "lib/err.h"

/*
 * target: the request target as sent (before percent-decoding); path: the
 * decoded path. Fills *length with the declared body length (0 when none).
 */
int framing_check(struct MHD_Connection *c, const char *version, const char *target,
                  const char *path, uint64_t *length, struct err *e);

#endif
