/* Checks of a request's framing before its body is read. */
#include "http/framing.h"
#include "lib/utf8.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct headers {
    int content_lengths, hosts, bad_name, bad_value;
    const char *content_length, *transfer_encoding, *bad;
};

/* RFC 9110 §5.6.2 tchar */
static int token_char(unsigned char ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
           (ch && strchr("!#$%&'*+-.^_`|~", ch));
}

static enum MHD_Result each_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
    struct headers *h = cls;
    size_t i;

    (void)kind;
    for (i = 0; i < key_size; i++)
        if (!token_char((unsigned char)key[i]))
            break;
    if (!key_size || i < key_size) {
        h->bad_name = 1;
        return MHD_NO;
    }
    for (i = 0; value && i < value_size; i++) {
        unsigned char ch = (unsigned char)value[i];
        if ((ch < 0x20 && ch != '\t') || ch == 0x7f) {
            h->bad_value = 1;
            h->bad = key;
            return MHD_NO;
        }
    }
    if (!strcasecmp(key, "Content-Length")) {
        h->content_lengths++;
        h->content_length = value;
    } else if (!strcasecmp(key, "Host")) {
        h->hosts++;
    } else if (!strcasecmp(key, "Transfer-Encoding")) {
        h->transfer_encoding = value ? value : "";
    }
    return MHD_YES;
}

static int content_length(const char *v, uint64_t *out, struct err *e)
{
    size_t n = strspn(v, "0123456789");

    if (!n || v[n] || n > 15)
        return err_set(e, 400, "malformed", "Content-Length must be a number of bytes");
    *out = strtoull(v, NULL, 10);
    return 0;
}

int framing_check(struct MHD_Connection *c, const char *version, const char *target,
                  const char *path, uint64_t *length, struct err *e)
{
    struct headers h = {0};

    *length = 0;
    if (strcasestr(target, "%00"))
        return err_set(e, 400, "malformed", "the request target holds an encoded NUL");
    if (!utf8_valid(path, strlen(path)))
        return err_set(e, 400, "malformed", "the request path is not UTF-8");
    MHD_get_connection_values_n(c, MHD_HEADER_KIND, each_header, &h);
    if (h.bad_name)
        return err_set(e, 400, "malformed", "a header name is not a token");
    if (h.bad_value)
        return err_set(e, 400, "malformed", "the %s header holds a control character", h.bad);
    if (h.hosts > 1 || (!h.hosts && !strcmp(version, "HTTP/1.1")))
        return err_set(e, 400, "malformed", "an HTTP/1.1 request has exactly one Host header");
    if (h.transfer_encoding) {
        if (h.content_lengths)
            return err_set(e, 400, "malformed",
                           "Transfer-Encoding and Content-Length together are ambiguous");
        if (strcasecmp(h.transfer_encoding, "chunked"))
            return err_set(e, 501, "not_implemented", "the transfer coding is not supported");
        return err_set(e, 411, "length_required", "a request body must declare Content-Length");
    }
    if (h.content_lengths > 1)
        return err_set(e, 400, "malformed", "the request has more than one Content-Length");
    if (h.content_length)
        return content_length(h.content_length, length, e);
    return 0;
}
