/* Every route handler, one resource file each; the table is in routes.c. */
#ifndef API_HANDLERS_H
#define API_HANDLERS_H

#include "http/router.h"

/* health.c */
int health_get(struct req *r, struct err *e);
int metrics_get(struct req *r, struct err *e);
int openapi_get(struct req *r, struct err *e);
/* statuses.c */
int statuses_get(struct req *r, struct err *e);
/* auth.c */
int auth_login(struct req *r, struct err *e);
int auth_logout(struct req *r, struct err *e);
int auth_me(struct req *r, struct err *e);
/* accounts.c: citizens' own accounts */
int auth_register(struct req *r, struct err *e);
int auth_verify(struct req *r, struct err *e);
int auth_reset_request(struct req *r, struct err *e);
int auth_reset_confirm(struct req *r, struct err *e);
/* agencies.c */
int agencies_list(struct req *r, struct err *e);
int agencies_get(struct req *r, struct err *e);
int agencies_create(struct req *r, struct err *e);
int agencies_update(struct req *r, struct err *e);
/* procedures.c */
int procedures_list(struct req *r, struct err *e);
int procedures_get(struct req *r, struct err *e);
int procedures_create(struct req *r, struct err *e);
int procedures_import(struct req *r, struct err *e);
int procedures_update(struct req *r, struct err *e);
int procedures_variants_get(struct req *r, struct err *e);
int procedures_variants_put(struct req *r, struct err *e);
int procedures_units(struct req *r, struct err *e);
int procedure_forms_upload(struct req *r, struct err *e);
int procedure_forms_download(struct req *r, struct err *e);
int procedure_forms_delete(struct req *r, struct err *e);
/* dossiers.c */
int dossiers_create(struct req *r, struct err *e);
int dossiers_get(struct req *r, struct err *e);
int dossiers_list(struct req *r, struct err *e);
int dossiers_counts(struct req *r, struct err *e);
/* workflow.c */
int dossiers_act(struct req *r, struct err *e);
int dossiers_history(struct req *r, struct err *e);
/* feedback.c, feedback_act.c */
int feedback_create(struct req *r, struct err *e);
int feedback_get(struct req *r, struct err *e);
int feedback_list_get(struct req *r, struct err *e);
int feedback_counts_get(struct req *r, struct err *e);
int feedback_answers(struct req *r, struct err *e);
int feedback_rating(struct req *r, struct err *e);
int feedback_act(struct req *r, struct err *e);
int feedback_times_get_h(struct req *r, struct err *e);
int feedback_times_put(struct req *r, struct err *e);
int feedback_route_put(struct req *r, struct err *e);
/* feedback_files.c */
int feedback_files_upload(struct req *r, struct err *e);
int feedback_files_download(struct req *r, struct err *e);
/* report_feedback.c */
int reports_feedback(struct req *r, struct err *e);
/* open311.c: /open311/v2/{file}, where a file is "services.xml", "requests.json", ... */
int open311_get(struct req *r, struct err *e);
int open311_post(struct req *r, struct err *e);
int open311_service_get(struct req *r, struct err *e);
int open311_request_file(struct req *r, struct err *e);
int open311_token_file(struct req *r, struct err *e);
/* open311_keys.c */
int open311_keys_list(struct req *r, struct err *e);
int open311_keys_create(struct req *r, struct err *e);
int open311_keys_revoke(struct req *r, struct err *e);
/* plans.c, tasks.c, task_reports.c: reform plans, their tasks and the units' monthly reports */
int plans_list(struct req *r, struct err *e);
int plans_create(struct req *r, struct err *e);
int plans_get(struct req *r, struct err *e);
int plans_update(struct req *r, struct err *e);
int tasks_create(struct req *r, struct err *e);
int tasks_list(struct req *r, struct err *e);
int tasks_get(struct req *r, struct err *e);
int tasks_update(struct req *r, struct err *e);
int task_reports_put(struct req *r, struct err *e);
/* plan_import.c */
int plans_import(struct req *r, struct err *e);
int task_files_upload(struct req *r, struct err *e);
int task_files_download(struct req *r, struct err *e);
/* committee.c: the steering committee's month and its members */
int committee_get_h(struct req *r, struct err *e);
int committee_members_list(struct req *r, struct err *e);
int committee_members_put(struct req *r, struct err *e);
/* committee_report.c: the province's compiled monthly report (PDF, XLSX) */
int committee_report(struct req *r, struct err *e);
/* files.c */
int files_upload(struct req *r, struct err *e);
int files_download(struct req *r, struct err *e);
/* forms.c */
int forms_dossier(struct req *r, struct err *e);
int forms_register(struct req *r, struct err *e);
int forms_templates_list(struct req *r, struct err *e);
int forms_template_get(struct req *r, struct err *e);
int forms_template_put(struct req *r, struct err *e);
/* users.c */
int users_list(struct req *r, struct err *e);
int users_create(struct req *r, struct err *e);
int users_update(struct req *r, struct err *e);
/* lookup.c */
int lookup_get(struct req *r, struct err *e);
int lookup_result(struct req *r, struct err *e);
/* supplement.c */
int lookup_uploads_create(struct req *r, struct err *e);
int lookup_supplement(struct req *r, struct err *e);
/* uploads.c */
int uploads_create(struct req *r, struct err *e);
int ratings_create(struct req *r, struct err *e);
/* calendar.c */
int calendar_holidays(struct req *r, struct err *e);
int calendar_override_put(struct req *r, struct err *e);
int calendar_override_delete(struct req *r, struct err *e);
int calendar_due(struct req *r, struct err *e);

/*
 * The route table. Its action routes are closed to everyone until
 * api_routes_init() fills in their roles from core's action table (call it
 * before serving or listing the routes; calling it again changes nothing).
 */
extern struct route api_routes[];
extern const size_t api_routes_len;
void api_routes_init(void);

/* report_resolution.c */
int reports_resolution(struct req *r, struct err *e);

/* report_quality.c */
int reports_late(struct req *r, struct err *e);
int reports_satisfaction(struct req *r, struct err *e);
/* portal_status.c: the national portal's synchronisation */
int sync_status_get(struct req *r, struct err *e);
/* sindex.c, sindex_parts.c, sindex_recover.c */
int sindex_get(struct req *r, struct err *e);
int sindex_recover_get(struct req *r, struct err *e);
int sindex_parts_get(struct req *r, struct err *e);
int sindex_parts_put(struct req *r, struct err *e);

/* par_structures.c, par_assess.c, par_files.c: the PAR INDEX */
int par_structures_list(struct req *r, struct err *e);
int par_structures_get(struct req *r, struct err *e);
int par_structures_create(struct req *r, struct err *e);
int par_structures_import(struct req *r, struct err *e);
int par_assessment_get(struct req *r, struct err *e);
int par_item_put(struct req *r, struct err *e);
int par_losses_get(struct req *r, struct err *e);
int par_ranking_get(struct req *r, struct err *e);
int par_files_upload(struct req *r, struct err *e);
int par_files_download(struct req *r, struct err *e);
/* indices.c: external indices by year */
int indices_get(struct req *r, struct err *e);
int indices_put(struct req *r, struct err *e);

#endif
