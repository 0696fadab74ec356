/* struct err helpers. */
#include "lib/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void err_clear(struct err *e)
{
    memset(e, 0, sizeof(*e));
}

int err_set(struct err *e, int http, const char *code, const char *fmt, ...)
{
    va_list ap;

    e->http = http;
    e->code = code;
    va_start(ap, fmt);
    vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
    va_end(ap);
    return -1;
}

int err_reason(struct err *e, const char *reason, const char *fmt, ...)
{
    va_list ap;

    snprintf(e->reason, sizeof(e->reason), "%s", reason);
    va_start(ap, fmt);
    vsnprintf(e->label, sizeof(e->label), fmt, ap);
    va_end(ap);
    return -1;
}

static int add_field(struct err *e, const char *field, const char *code, const char *param,
                     const char *fmt, va_list ap)
{
    struct err_field *f;

    if (!e->http) {
        e->http = 422;
        e->code = "invalid";
        snprintf(e->msg, sizeof(e->msg), "the request has invalid fields");
    }
    if (e->nfields >= ERR_FIELDS_MAX)
        return -1;
    f = &e->fields[e->nfields++];
    snprintf(f->field, sizeof(f->field), "%s", field);
    snprintf(f->code, sizeof(f->code), "%s", code);
    snprintf(f->param, sizeof(f->param), "%s", param);
    vsnprintf(f->message, sizeof(f->message), fmt, ap);
    return -1;
}

int err_field_as(struct err *e, const char *field, const char *code, const char *param,
                 const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    add_field(e, field, code, param, fmt, ap);
    va_end(ap);
    return -1;
}

int err_field(struct err *e, const char *field, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    add_field(e, field, "invalid", "", fmt, ap);
    va_end(ap);
    return -1;
}

int err_storage(struct err *e, int errnum, const char *what)
{
    switch (errnum) {
    case ENOSPC:
    case EDQUOT:
    case EFBIG:
        return err_set(e, 507, "storage_full", "the server's storage is full: %s: %s", what,
                       strerror(errnum));
    case EROFS:
    case EACCES:
    case EPERM:
        return err_set(e, 503, "storage_read_only", "the server's storage refuses writes: %s: %s",
                       what, strerror(errnum));
    }
    return err_set(e, 500, "storage", "%s: %s", what, strerror(errnum));
}

int err_wrap(struct err *e, const char *context)
{
    char tmp[ERR_MSG_MAX];
    size_t n = strlen(context);

    memcpy(tmp, e->msg, sizeof(tmp));
    if (n > ERR_MSG_MAX - 3)
        n = ERR_MSG_MAX - 3;
    memcpy(e->msg, context, n);
    memcpy(e->msg + n, ": ", 2);
    memcpy(e->msg + n + 2, tmp, ERR_MSG_MAX - n - 3);
    e->msg[ERR_MSG_MAX - 1] = '\0';
    return -1;
}
