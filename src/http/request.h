/*
 * A request and its response as handlers see them, without libmicrohttpd types.
 * Everything a request allocates comes from its arena, freed when the
 * connection is done with it.
 */
#ifndef HTTP_REQUEST_H
#define HTTP_REQUEST_H

#include <jansson.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/err.h"
#include "lib/strbuf.h"

#define REQ_PARAMS_MAX    4
#define RESP_HEADERS_MAX  8
#define UPLOAD_FIELDS_MAX 8
#define UPLOAD_HEAD_BYTES 8

struct resp {
    int status;
    int close; /* the connection closes after this answer */
    const char *content_type;
    struct strbuf body;
    const char *file_path; /* when set, the body is this file (arena string) */
    int nheaders;
    struct {
        const char *name, *value; /* arena strings */
    } headers[RESP_HEADERS_MAX];
};

/*
 * A multipart/form-data body, streamed by the server: form fields in memory,
 * the one file part into a temporary file (fsynced when the body is complete)
 * while its SHA-256 is computed. The server removes the temporary file after
 * the request unless the handler moved it (then it sets tmp_path to NULL).
 */
struct upload {
    int nfields;
    struct {
        const char *name;
        struct strbuf value;
    } fields[UPLOAD_FIELDS_MAX];
    const char *field, *filename, *declared_type; /* of the file part */
    char *tmp_path;
    int fd, files, too_large, malformed, write_errno;
    int64_t size;
    unsigned char head[UPLOAD_HEAD_BYTES];
    char sha256[65];
};

struct route;
struct workcal;

struct req {
    struct arena arena;
    const struct route *route; /* set by router_admit */
    const char *method, *path;
    const char *params[REQ_PARAMS_MAX]; /* the {…} segments of the matched route */
    int nparams;
    struct strbuf body;
    int body_too_large;
    int64_t now;               /* the request's clock, Unix seconds */
    const char *peer;          /* the client's address (see req_peer) */
    char id[17];               /* the request's id: in its log lines and X-Request-Id */
    void *conn;                /* the server's connection (opaque) */
    void *app;                 /* the application (opaque to http) */
    struct db *db;             /* this thread's database connection, set by the begin hook */
    const struct workcal *cal; /* the working calendar of the whole request (begin hook) */
    void *user;                /* the authenticated principal, or NULL */
    unsigned role_mask;
    const char *csrf;        /* the session's CSRF token, when authenticated */
    struct upload *upload;   /* for routes that take a multipart body */
    struct form_field *form; /* an urlencoded body's fields, once req_form has read them */
    size_t nform;
    int form_read, form_bad;
    struct resp resp;
};

/* A field of an application/x-www-form-urlencoded body. */
struct form_field {
    const char *key, *value;
};

/*
 * The fields of an application/x-www-form-urlencoded body, in order, '+' and
 * %XX decoded by libmicrohttpd. Returns their count, or -1 when a field
 * decodes to a NUL byte (the body is then malformed).
 */
long req_form(struct req *r, const struct form_field **out);
/* The first field of that name (an empty value counts as absent), or NULL. */
const char *req_form_value(struct req *r, const char *key);

/* A form field of the multipart body, or NULL. */
const char *upload_field(struct req *r, const char *name);

/* A query-string argument (decoded), or NULL. */
const char *req_query(struct req *r, const char *key);
/* A request header, or NULL. */
const char *req_header(struct req *r, const char *name);
/* A cookie, or NULL. */
const char *req_cookie(struct req *r, const char *name);
/*
 * The client's address as text ("127.0.0.1"): the connection's peer, or when
 * that is the trusted proxy, the last address its X-Forwarded-For names.
 */
const char *req_peer(struct req *r);

/* Replies with JSON; takes the reference to j. Returns 0. */
int resp_json(struct req *r, int status, json_t *j);
/* Adds a header; name and value are copied into the request's arena. */
void resp_header(struct req *r, const char *name, const char *value);
/* Replies with a body of the given type (copied). Returns 0. */
int resp_body(struct req *r, int status, const char *content_type, const char *body, size_t len);

/* Turns an error into an application/problem+json reply. */
void resp_problem(struct req *r, const struct err *e);

#endif
