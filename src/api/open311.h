/*
 * Open311 GeoReport v2 under /open311/v2/ (open311.c: discovery, services,
 * the answer's formats and errors; open311_requests.c: posting and reading
 * requests, tokens). Service codes are the feedback categories; a request is
 * a feedback item (core/feedback.h). Every answer is XML (UTF-8, with the
 * declaration) or JSON, as the path's extension asks; errors are the
 * specification's list, never problem+json.
 */
#ifndef API_OPEN311_H
#define API_OPEN311_H

#include <jansson.h>

#include "api/app.h"

enum open311_format { O311_XML, O311_JSON };

/* Replies with j (stolen) in the format, its XML root element named `root`. Returns 0. */
int open311_reply(struct req *r, int status, int format, const char *root, json_t *j);
/* Replies with the specification's error list of one error. Returns 0. */
int open311_error(struct req *r, int format, int status, const char *description);
/*
 * 0 when jurisdiction_id is absent, empty or the province's (the first
 * top-level agency's id); else replies 404 and returns 1 (-1 on a database error).
 */
int open311_jurisdiction(struct req *r, int format, const char *jurisdiction);

/* The service a code names (a feedback category), or -1. */
int open311_service(const char *code);
json_t *open311_service_json(int category);
/*
 * The attributes a service asks for, as its definition lists them (and as a
 * posted request's attribute[code] fields are checked against).
 */
json_t *open311_attributes(int category);

/* open311_requests.c */
int open311_requests_post(struct req *r, int format);
int open311_requests_get(struct req *r, int format);
int open311_request_get(struct req *r, int format, const char *id);
int open311_token_get(struct req *r, int format, const char *token);

#endif
