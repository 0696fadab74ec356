/* Error reporting: functions return 0 or -1 and fill a struct err (after git and SQLite). */
#ifndef LIB_ERR_H
#define LIB_ERR_H

#define ERR_MSG_MAX    256
#define ERR_FIELDS_MAX 16

/*
 * A field's error: a stable code the web translates, its parameter (the
 * limit of too_long and too_short, "min..max" of out_of_range, the choices of
 * not_one_of; "" for none) and an English message for people reading the API.
 */
struct err_field {
    char field[64];
    char code[24];
    char param[96];
    char message[192];
};

/*
 * http: the status the router answers with (0 while no error is set).
 * code: a short static machine name ("invalid", "not_found", ...).
 * fields: per-field reasons for invalid input, reported as problem+json errors[].
 * retry_after: seconds for a Retry-After header (429, 503), 0 for none.
 * reason, label: why an action was refused, as a stable name ("last_step")
 * and in Vietnamese for the people who took it; reported as problem+json
 * `reason` and `reason_label` ("" for none: the detail says it in English).
 */
struct err {
    int http;
    const char *code;
    char msg[ERR_MSG_MAX];
    char reason[32];
    char label[ERR_MSG_MAX];
    int nfields;
    struct err_field fields[ERR_FIELDS_MAX];
    long retry_after;
};

#define ERR_INIT                                                                                   \
    {                                                                                              \
        0                                                                                          \
    }

void err_clear(struct err *e);

/* Sets the error (keeping fields already added) and returns -1. */
int err_set(struct err *e, int http, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Adds a field error with its code and parameter (see struct err_field); sets
 * 422 "invalid" unless a status is already set. Returns -1. The codes:
 * required, unknown_field, type, control_characters, too_long, too_short,
 * out_of_range, not_one_of, phone, id_number, email, date, time,
 * office_hours, and invalid for every other reason (the message says which).
 */
int err_field_as(struct err *e, const char *field, const char *code, const char *param,
                 const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* err_field_as with the code "invalid" and no parameter. */
int err_field(struct err *e, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/*
 * A write to disk failed with errnum: 507 "storage_full" when the disk or a
 * quota is full, 503 "storage_read_only" when the file system or directory
 * refuses writes, 500 "storage" for anything else. The message names `what`
 * and the system's reason. Returns -1.
 */
int err_storage(struct err *e, int errnum, const char *what);

/* Sets the reason and its Vietnamese text (see struct err). Returns -1. */
int err_reason(struct err *e, const char *reason, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Prefixes the message with context: "context: message". Returns -1. */
int err_wrap(struct err *e, const char *context);

#endif
