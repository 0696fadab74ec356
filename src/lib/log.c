/* Log lines to stderr with a UTC timestamp. */
#include "lib/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static enum log_level min_level = LOG_INFO;
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
    n = snprintf(out, sizeof(out), "%s %s %s\n", ts, level_names[level], line);
    if (n >= (int)sizeof(out)) {
        n = (int)sizeof(out) - 1;
        out[n - 1] = '\n';
    }
    if (write(STDERR_FILENO, out, (size_t)n) < 0)
        return; /* nowhere to say it */
}

void log_request(const char *method, const char *path, int status, double ms)
{
    log_msg(LOG_INFO, "%s %s %d %.2fms", method, path, status, ms);
}
