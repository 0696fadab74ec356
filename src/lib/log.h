/* Logging to stderr or a file: one line per event, UTC timestamp first. Thread-safe. */
#ifndef LIB_LOG_H
#define LIB_LOG_H

enum log_level { LOG_DEBUG, LOG_INFO, LOG_WARN, LOG_ERROR };

void log_set_level(enum log_level level);
void log_msg(enum log_level level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The access log line: the request's id, method, path (without query), status, duration. */
void log_request(const char *id, const char *method, const char *path, int status, double ms);
/* The request this thread works for (NULL: none): its id ends the thread's log lines meanwhile. */
void log_set_request(const char *id);
/*
 * Sends the log to the file at path from now on (appended, created 0640), or
 * back to where standard error went when path is NULL: at start, and again on
 * SIGHUP once the file was rotated. 0 or -1 with errno set.
 */
int log_open(const char *path);

#define log_info(...)  log_msg(LOG_INFO, __VA_ARGS__)
#define log_warn(...)  log_msg(LOG_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_ERROR, __VA_ARGS__)

#endif
