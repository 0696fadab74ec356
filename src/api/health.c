/* GET /healthz and the OpenAPI description. */
#include "api/app.h"
#include "api/handlers.h"
#include "store/inspect.h"

#include <string.h>

extern const char *const openapi_yaml[];

int health_get(struct req *r, struct err *e)
{
    if (store_ping(r->db, e) < 0)
        return err_set(e, 503, "unavailable", "the database does not answer");
    return resp_json(r, 200, json_pack("{s:s}", "status", "ok"));
}

int openapi_get(struct req *r, struct err *e)
{
    (void)e;
    return resp_body(r, 200, "application/yaml", openapi_yaml[0], strlen(openapi_yaml[0]));
}
