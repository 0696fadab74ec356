/* Log lines to stderr (or the file log_open made it) with a UTC timestamp. */
#include "lib/log.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static enum log_level min_level = LOG_INFO;
static _Thread_local const char *request_id;
static const char *const level_names[] = {"debug", "info", "warn", "error"};

void log_set_level(enum log_level level)
{
    min_level = level;
}

static void stamp(char *out, size_t n)
{
    struct timespec ts;
    struct tm tm;
    size_t len;

    clock_gettime(CLOCK_REALTIME, &ts);
    gmtime_r(&ts.tv_sec, &tm);
    len = strftime(out, n, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(out + len, n - len, ".%03dZ", (int)(ts.tv_nsec / 1000000));
}

void log_msg(enum log_level level, const char *fmt, ...)
{
    char ts[32], line[1024], out[1100];
    va_list ap;
    int n;

    if (level < min_level)
        return;
    stamp(ts, sizeof(ts));
    va_start(ap, fmt);
    vsnprintf(line, sizeof(line), fmt, ap);
    va_end(ap);
    /* one write of the whole line: lines of threads never mix, and no stdio lock is shared */
    n = snprintf(out, sizeof(out), "%s %s %s%s%s\n", ts, level_names[level], line,
                 request_id ? " id=" : "", request_id ? request_id : "");
    if (n >= (int)sizeof(out)) {
        n = (int)sizeof(out) - 1;
        out[n - 1] = '\n';
    }
    if (write(STDERR_FILENO, out, (size_t)n) < 0)
        return; /* nowhere to say it */
}

void log_request(const char *id, const char *method, const char *path, int status, double ms)
{
    log_msg(LOG_INFO, "%s %s %d %.2fms id=%s", method, path, status, ms, id);
}

void log_set_request(const char *id)
{
    request_id = id;
}

int log_open(const char *path)
{
    int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640), rc;

    if (fd < 0)
        return -1;
    /* one atomic swap: a line written meanwhile goes whole to the old file or the new */
    rc = dup2(fd, STDERR_FILENO);
    close(fd);
    return rc < 0 ? -1 : 0;
}
