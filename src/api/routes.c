/*
 * The route table: every path of the API in one place. The roles of the
 * actions on a dossier come from core's action table (core/actions.h).
 */
#include "api/handlers.h"
#include "core/actions.h"
#include "core/roles.h"

#include <string.h>

#define PUBLIC           0u
#define ANY_USER         ROLES_ALL
#define R(x)             ROLE_BIT(ROLE_##x)
#define AGENCY_ADMINS    (R(ADMIN) | R(UNIT_ADMIN))
#define USER_ADMINS      (R(ADMIN) | R(UNIT_ADMIN))
#define DOSSIER_VIEWERS  (ROLES_STAFF & ~R(UNIT_ADMIN))
#define DOSSIER_CREATORS (R(CITIZEN) | R(RECEIVER))
#define DESK             R(RECEIVER)
#define PROCESSING       (R(PROCESSOR) | R(LEADER))
/* the roles holding CAP_VIEW_PLANS, CAP_REPORT_TASKS and CAP_MANAGE_PLANS (core/roles.c) */
#define PLAN_VIEWERS   ROLES_STAFF
#define TASK_REPORTERS (R(PROCESSOR) | R(LEADER) | R(UNIT_ADMIN))
#define COMMITTEE      (R(STEERING) | R(ADMIN))
/* The PAR INDEX: read by the steering committee, auditors and the units that score it */
#define PAR_READERS (R(STEERING) | R(AUDITOR) | PROCESSING)
#define PAR_SCORERS (R(STEERING) | PROCESSING)

/* A bit no user holds: an action route stays closed until its roles are filled in. */
#define NOBODY      ROLE_BIT(ROLE_COUNT)
#define ACTION_PATH "/api/v1/dossiers/{code}/"
/* An action on a dossier; its roles are action_roles() of the action its path names. */
#define ACTION(name) "POST", ACTION_PATH name, dossiers_act, NOBODY, BODY_JSON

/* An action on a feedback item (core/feedback.h); the capability is checked at the item's agency.
 */
#define FEEDBACK_ACTION(name, roles)                                                               \
    "POST", "/api/v1/feedback/{code}/" name, feedback_act, roles, BODY_JSON

struct route api_routes[] = {
    {"GET", "/healthz", health_get, PUBLIC, BODY_NONE},
    {"GET", "/metrics", metrics_get, PUBLIC, BODY_NONE}, /* its token, not a role */
    {"GET", "/api/v1/openapi.yaml", openapi_get, PUBLIC, BODY_NONE},
    {"GET", "/api/v1/statuses", statuses_get, PUBLIC, BODY_NONE},

    {"POST", "/api/v1/auth/login", auth_login, PUBLIC, BODY_JSON},
    {"POST", "/api/v1/auth/logout", auth_logout, ANY_USER, BODY_NONE},
    {"GET", "/api/v1/auth/me", auth_me, ANY_USER, BODY_NONE},
    {"POST", "/api/v1/auth/register", auth_register, PUBLIC, BODY_JSON},
    {"POST", "/api/v1/auth/verify", auth_verify, PUBLIC, BODY_JSON},
    {"POST", "/api/v1/auth/password-reset", auth_reset_request, PUBLIC, BODY_JSON},
    {"POST", "/api/v1/auth/password-reset/confirm", auth_reset_confirm, PUBLIC, BODY_JSON},

    {"GET", "/api/v1/users", users_list, USER_ADMINS, BODY_NONE},
    {"POST", "/api/v1/users", users_create, USER_ADMINS, BODY_JSON},
    {"PATCH", "/api/v1/users/{id}", users_update, USER_ADMINS, BODY_JSON},

    {"GET", "/api/v1/agencies", agencies_list, PUBLIC, BODY_NONE},
    {"POST", "/api/v1/agencies", agencies_create, AGENCY_ADMINS, BODY_JSON},
    {"GET", "/api/v1/agencies/{id}", agencies_get, PUBLIC, BODY_NONE},
    {"PATCH", "/api/v1/agencies/{id}", agencies_update, AGENCY_ADMINS, BODY_JSON},

    {"GET", "/api/v1/procedures", procedures_list, PUBLIC, BODY_NONE},
    {"POST", "/api/v1/procedures", procedures_create, R(ADMIN), BODY_JSON},
    {"POST", "/api/v1/procedures/import", procedures_import, R(ADMIN), BODY_UPLOAD},
    {"GET", "/api/v1/procedures/{id}", procedures_get, PUBLIC, BODY_NONE},
    {"PATCH", "/api/v1/procedures/{id}", procedures_update, R(ADMIN), BODY_JSON},
    {"GET", "/api/v1/procedures/{id}/variants", procedures_variants_get, PUBLIC, BODY_NONE},
    {"GET", "/api/v1/procedures/{id}/units", procedures_units, PUBLIC, BODY_NONE},
    {"PUT", "/api/v1/procedures/{id}/variants", procedures_variants_put, R(ADMIN), BODY_JSON},
    {"POST", "/api/v1/procedures/{id}/forms", procedure_forms_upload, R(ADMIN), BODY_UPLOAD},
    {"GET", "/api/v1/procedures/{id}/forms/{form}", procedure_forms_download, PUBLIC, BODY_NONE},
    {"DELETE", "/api/v1/procedures/{id}/forms/{form}", procedure_forms_delete, R(ADMIN), BODY_NONE},

    {"GET", "/api/v1/dossiers", dossiers_list, DOSSIER_VIEWERS | R(CITIZEN), BODY_NONE},
    {"POST", "/api/v1/dossiers", dossiers_create, DOSSIER_CREATORS, BODY_JSON},
    {"GET", "/api/v1/dossiers/counts", dossiers_counts, DOSSIER_VIEWERS | R(CITIZEN), BODY_NONE},
    {"GET", "/api/v1/dossiers/{code}", dossiers_get, DOSSIER_VIEWERS | R(CITIZEN), BODY_NONE},
    {"GET", "/api/v1/dossiers/{code}/history", dossiers_history, DOSSIER_VIEWERS | R(CITIZEN),
     BODY_NONE},
    {ACTION("accept")},
    {ACTION("refuse")},
    {ACTION("handover")},
    {ACTION("request-supplement")},
    {ACTION("supplement")},
    {ACTION("forward")},
    {ACTION("approve")},
    {ACTION("send-back")},
    {ACTION("consult")},
    {ACTION("request-payment")},
    {ACTION("pay")},
    {ACTION("finish")},
    {ACTION("return")},
    {ACTION("withdraw")},
    {ACTION("stop")},
    {ACTION("apologize")},

    {"POST", "/api/v1/uploads", uploads_create, DOSSIER_CREATORS, BODY_UPLOAD},
    {"POST", "/api/v1/dossiers/{code}/files", files_upload, DESK | PROCESSING | R(CITIZEN),
     BODY_UPLOAD},
    {"GET", "/api/v1/files/{id}", files_download, DOSSIER_VIEWERS | R(CITIZEN), BODY_NONE},
    {"GET", "/api/v1/dossiers/{code}/forms/{form}", forms_dossier, DOSSIER_VIEWERS | R(CITIZEN),
     BODY_NONE},
    {"GET", "/api/v1/agencies/{id}/register.pdf", forms_register, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/agencies/{id}/register.xlsx", forms_register, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/agencies/{id}/register.json", forms_register, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/form-templates", forms_templates_list, ROLES_STAFF, BODY_NONE},
    {"GET", "/api/v1/form-templates/{set}/{form}", forms_template_get, ROLES_STAFF, BODY_NONE},
    {"PUT", "/api/v1/form-templates/{set}/{form}", forms_template_put, R(ADMIN), BODY_JSON},

    {"GET", "/api/v1/reports/resolution", reports_resolution, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/reports/late", reports_late, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/reports/satisfaction", reports_satisfaction, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/reports/feedback", reports_feedback, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/index", sindex_get, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/index/recover", sindex_recover_get, DOSSIER_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/index/parts", sindex_parts_get, ROLES_STAFF, BODY_NONE},
    {"PUT", "/api/v1/index/parts", sindex_parts_put, R(ADMIN), BODY_JSON},
    {"GET", "/api/v1/sync/status", sync_status_get, R(ADMIN) | R(AUDITOR), BODY_NONE},

    {"GET", "/api/v1/par/structures", par_structures_list, PAR_READERS, BODY_NONE},
    {"POST", "/api/v1/par/structures", par_structures_create, R(STEERING), BODY_JSON},
    {"POST", "/api/v1/par/structures/import", par_structures_import, R(STEERING), BODY_UPLOAD},
    {"GET", "/api/v1/par/structures/{id}", par_structures_get, PAR_READERS, BODY_NONE},
    {"GET", "/api/v1/par/structures/{id}/assessment", par_assessment_get, PAR_READERS, BODY_NONE},
    {"PUT", "/api/v1/par/structures/{id}/items/{item}", par_item_put, PAR_SCORERS, BODY_JSON},
    {"POST", "/api/v1/par/structures/{id}/items/{item}/files", par_files_upload, PAR_SCORERS,
     BODY_UPLOAD},
    {"GET", "/api/v1/par/structures/{id}/losses", par_losses_get, PAR_READERS, BODY_NONE},
    {"GET", "/api/v1/par/structures/{id}/ranking", par_ranking_get, R(STEERING) | R(AUDITOR),
     BODY_NONE},
    {"GET", "/api/v1/par/files/{id}", par_files_download, PAR_READERS, BODY_NONE},
    {"GET", "/api/v1/indices", indices_get, PAR_READERS, BODY_NONE},
    {"PUT", "/api/v1/indices", indices_put, R(STEERING), BODY_JSON},

    {"POST", "/api/v1/feedback", feedback_create, PUBLIC, BODY_JSON},
    {"GET", "/api/v1/feedback", feedback_list_get, DOSSIER_VIEWERS | R(CITIZEN), BODY_NONE},
    {"GET", "/api/v1/feedback/counts", feedback_counts_get, DOSSIER_VIEWERS | R(CITIZEN),
     BODY_NONE},
    {"GET", "/api/v1/feedback/answers", feedback_answers, PUBLIC, BODY_NONE},
    {"GET", "/api/v1/feedback/times", feedback_times_get_h, PUBLIC, BODY_NONE},
    {"PUT", "/api/v1/feedback/times", feedback_times_put, R(ADMIN), BODY_JSON},
    {"PUT", "/api/v1/feedback/routes/{category}", feedback_route_put, R(ADMIN), BODY_JSON},
    {"GET", "/api/v1/feedback/{code}", feedback_get, PUBLIC, BODY_NONE},
    {"POST", "/api/v1/feedback/{code}/rating", feedback_rating, PUBLIC, BODY_JSON},
    {"POST", "/api/v1/feedback/{code}/files", feedback_files_upload, PUBLIC, BODY_UPLOAD},
    {"GET", "/api/v1/feedback/{code}/files/{id}", feedback_files_download, PUBLIC, BODY_NONE},
    {FEEDBACK_ACTION("accept", PROCESSING)},
    {FEEDBACK_ACTION("refuse", PROCESSING)},
    {FEEDBACK_ACTION("duplicate", PROCESSING)},
    {FEEDBACK_ACTION("route-out", PROCESSING)},
    {FEEDBACK_ACTION("forward", PROCESSING)},
    {FEEDBACK_ACTION("ask", PROCESSING)},
    {FEEDBACK_ACTION("inform", PROCESSING)},
    {FEEDBACK_ACTION("answer", PROCESSING)},
    {FEEDBACK_ACTION("publish", R(LEADER))},

    /* Open311 GeoReport v2: discovery, services, requests; a file names format */
    {"GET", "/open311/v2/{file}", open311_get, PUBLIC, BODY_NONE},
    {"POST", "/open311/v2/{file}", open311_post, PUBLIC, BODY_FORM},
    {"GET", "/open311/v2/services/{file}", open311_service_get, PUBLIC, BODY_NONE},
    {"GET", "/open311/v2/requests/{file}", open311_request_file, PUBLIC, BODY_NONE},
    {"GET", "/open311/v2/tokens/{file}", open311_token_file, PUBLIC, BODY_NONE},

    {"GET", "/api/v1/open311/keys", open311_keys_list, R(ADMIN), BODY_NONE},
    {"POST", "/api/v1/open311/keys", open311_keys_create, R(ADMIN), BODY_JSON},
    {"DELETE", "/api/v1/open311/keys/{name}", open311_keys_revoke, R(ADMIN), BODY_NONE},

    /* the steering committee's reform plans (CAP_VIEW_PLANS, CAP_REPORT_TASKS, CAP_MANAGE_PLANS) */
    {"GET", "/api/v1/plans", plans_list, PLAN_VIEWERS, BODY_NONE},
    {"POST", "/api/v1/plans", plans_create, COMMITTEE, BODY_JSON},
    {"GET", "/api/v1/plans/{id}", plans_get, PLAN_VIEWERS, BODY_NONE},
    {"PATCH", "/api/v1/plans/{id}", plans_update, COMMITTEE, BODY_JSON},
    {"POST", "/api/v1/plans/{id}/tasks", tasks_create, COMMITTEE, BODY_JSON},
    {"POST", "/api/v1/plans/{id}/import", plans_import, COMMITTEE, BODY_UPLOAD},
    {"GET", "/api/v1/tasks", tasks_list, PLAN_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/tasks/{id}", tasks_get, PLAN_VIEWERS, BODY_NONE},
    {"PATCH", "/api/v1/tasks/{id}", tasks_update, COMMITTEE, BODY_JSON},
    {"PUT", "/api/v1/tasks/{id}/reports/{month}", task_reports_put, TASK_REPORTERS, BODY_JSON},
    {"POST", "/api/v1/tasks/{id}/reports/{month}/files", task_files_upload, TASK_REPORTERS,
     BODY_UPLOAD},
    {"GET", "/api/v1/task-files/{id}", task_files_download, PLAN_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/committee", committee_get_h, PLAN_VIEWERS, BODY_NONE},
    {"GET", "/api/v1/committee/report", committee_report, COMMITTEE | R(AUDITOR), BODY_NONE},
    {"GET", "/api/v1/committee/members", committee_members_list, COMMITTEE | R(AUDITOR), BODY_NONE},
    {"PUT", "/api/v1/committee/members/{id}", committee_members_put, COMMITTEE, BODY_JSON},

    {"GET", "/api/v1/lookup", lookup_get, PUBLIC, BODY_NONE},
    {"GET", "/api/v1/lookup/result", lookup_result, PUBLIC, BODY_NONE},
    {"POST", "/api/v1/lookup/uploads", lookup_uploads_create, PUBLIC, BODY_UPLOAD},
    {"POST", "/api/v1/lookup/supplement", lookup_supplement, PUBLIC, BODY_JSON},
    {"POST", "/api/v1/ratings", ratings_create, PUBLIC, BODY_JSON},

    {"GET", "/api/v1/calendar/holidays", calendar_holidays, PUBLIC, BODY_NONE},
    {"GET", "/api/v1/calendar/due", calendar_due, PUBLIC, BODY_NONE},
    {"PUT", "/api/v1/calendar/overrides/{date}", calendar_override_put, R(ADMIN), BODY_JSON},
    {"DELETE", "/api/v1/calendar/overrides/{date}", calendar_override_delete, R(ADMIN), BODY_NONE},
};

const size_t api_routes_len = sizeof(api_routes) / sizeof(api_routes[0]);

/*
 * Fills in the roles of the action routes from core, so the server and
 * `motcua routes` see the same table. A path naming no action keeps NOBODY.
 */
void api_routes_init(void)
{
    size_t i, n = strlen(ACTION_PATH);

    for (i = 0; i < api_routes_len; i++) {
        struct route *rt = &api_routes[i];
        int action;

        if (rt->handler != dossiers_act || strncmp(rt->pattern, ACTION_PATH, n))
            continue;
        action = action_parse(rt->pattern + n);
        if (action >= 0 && action_roles(action))
            rt->roles = action_roles(action);
    }
}
