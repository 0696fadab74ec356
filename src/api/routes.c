/* The route table: every path of the API in one place. */
#include "api/handlers.h"
#include "core/roles.h"

#define PUBLIC           0u
#define ANY_USER         ROLES_ALL
#define R(x)             ROLE_BIT(ROLE_##x)
#define AGENCY_ADMINS    (R(ADMIN) | R(UNIT_ADMIN))
#define USER_ADMINS      (R(ADMIN) | R(UNIT_ADMIN))
#define DOSSIER_VIEWERS  (ROLES_STAFF & ~R(UNIT_ADMIN))
#define DOSSIER_CREATORS (R(CITIZEN) | R(RECEIVER))
#define DESK             R(RECEIVER)
#define PROCESSING       (R(PROCESSOR) | R(LEADER))

const struct route api_routes[] = {
    {"GET", "/healthz", health_get, PUBLIC, BODY_NONE},
    {"GET", "/api/v1/openapi.yaml", openapi_get, PUBLIC, BODY_NONE},

    {"POST", "/api/v1/auth/login", auth_login, PUBLIC, BODY_JSON},
    {"POST", "/api/v1/auth/logout", auth_logout, ANY_USER, BODY_NONE},
    {"GET", "/api/v1/auth/me", auth_me, ANY_USER, BODY_NONE},

    {"GET", "/api/v1/users", users_list, USER_ADMINS, BODY_NONE},
    {"POST", "/api/v1/users", users_create, USER_ADMINS, BODY_JSON},
    {"PATCH", "/api/v1/users/{id}", users_update, USER_ADMINS, BODY_JSON},

    {"GET", "/api/v1/agencies", agencies_list, PUBLIC, BODY_NONE},
    {"POST", "/api/v1/agencies", agencies_create, AGENCY_ADMINS, BODY_JSON},
    {"GET", "/api/v1/agencies/{id}", agencies_get, PUBLIC, BODY_NONE},
    {"PATCH", "/api/v1/agencies/{id}", agencies_update, AGENCY_ADMINS, BODY_JSON},

    {"GET", "/api/v1/procedures", procedures_list, PUBLIC, BODY_NONE},
    {"POST", "/api/v1/procedures", procedures_create, R(ADMIN), BODY_JSON},
    {"GET", "/api/v1/procedures/{id}", procedures_get, PUBLIC, BODY_NONE},
    {"PATCH", "/api/v1/procedures/{id}", procedures_update, R(ADMIN), BODY_JSON},
    {"GET", "/api/v1/procedures/{id}/variants", procedures_variants_get, PUBLIC, BODY_NONE},
    {"GET", "/api/v1/procedures/{id}/units", procedures_units, PUBLIC, BODY_NONE},
    {"PUT", "/api/v1/procedures/{id}/variants", procedures_variants_put, R(ADMIN), BODY_JSON},

    {"GET", "/api/v1/dossiers", dossiers_list, DOSSIER_VIEWERS | R(CITIZEN), BODY_NONE},
    {"POST", "/api/v1/dossiers", dossiers_create, DOSSIER_CREATORS, BODY_JSON},
    {"GET", "/api/v1/dossiers/counts", dossiers_counts, DOSSIER_VIEWERS | R(CITIZEN), BODY_NONE},
    {"GET", "/api/v1/dossiers/{code}", dossiers_get, DOSSIER_VIEWERS | R(CITIZEN), BODY_NONE},
    {"GET", "/api/v1/dossiers/{code}/history", dossiers_history, DOSSIER_VIEWERS | R(CITIZEN),
     BODY_NONE},
    {"POST", "/api/v1/dossiers/{code}/accept", dossiers_act, DESK, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/refuse", dossiers_act, DESK, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/handover", dossiers_act, DESK, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/request-supplement", dossiers_act, DESK | PROCESSING,
     BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/supplement", dossiers_act, DESK, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/forward", dossiers_act, PROCESSING, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/approve", dossiers_act, R(LEADER), BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/send-back", dossiers_act, PROCESSING, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/consult", dossiers_act, PROCESSING, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/request-payment", dossiers_act, PROCESSING, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/pay", dossiers_act, DESK, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/finish", dossiers_act, R(LEADER), BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/return", dossiers_act, DESK, BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/withdraw", dossiers_act, DESK | R(CITIZEN), BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/stop", dossiers_act, R(LEADER), BODY_JSON},
    {"POST", "/api/v1/dossiers/{code}/apologize", dossiers_act, DESK | PROCESSING, BODY_JSON},

    {"POST", "/api/v1/dossiers/{code}/files", files_upload, DESK | PROCESSING | R(CITIZEN),
     BODY_UPLOAD},
    {"GET", "/api/v1/files/{id}", files_download, DOSSIER_VIEWERS | R(CITIZEN), BODY_NONE},
    {"GET", "/api/v1/dossiers/{code}/forms/{form}", forms_dossier, DOSSIER_VIEWERS | R(CITIZEN),
     BODY_NONE},
    {"GET", "/api/v1/agencies/{id}/register.pdf", forms_register, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/agencies/{id}/register.xlsx", forms_register, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/form-templates", forms_templates_list, ROLES_STAFF, BODY_NONE},
    {"GET", "/api/v1/form-templates/{set}/{form}", forms_template_get, ROLES_STAFF, BODY_NONE},
    {"PUT", "/api/v1/form-templates/{set}/{form}", forms_template_put, R(ADMIN), BODY_JSON},

    {"GET", "/api/v1/reports/resolution", reports_resolution, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/reports/late", reports_late, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/reports/satisfaction", reports_satisfaction, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/index", sindex_get, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/index/parts", sindex_parts_get, ROLES_STAFF, BODY_NONE},
    {"PUT", "/api/v1/index/parts", sindex_parts_put, R(ADMIN), BODY_JSON},

    {"GET", "/api/v1/lookup", lookup_get, PUBLIC, BODY_NONE},
    {"POST", "/api/v1/ratings", ratings_create, PUBLIC, BODY_JSON},

    {"GET", "/api/v1/calendar/holidays", calendar_holidays, PUBLIC, BODY_NONE},
    {"GET", "/api/v1/calendar/due", calendar_due, PUBLIC, BODY_NONE},
    {"PUT", "/api/v1/calendar/overrides/{date}", calendar_override_put, R(ADMIN), BODY_JSON},
    {"DELETE", "/api/v1/calendar/overrides/{date}", calendar_override_delete, R(ADMIN), BODY_NONE},
};

const size_t api_routes_len = sizeof(api_routes) / sizeof(api_routes[0]);
