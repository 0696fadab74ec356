/*
 * A unit's monthly report on a task it leads: PUT
 * /api/v1/tasks/{id}/reports/{month} saves the draft or, with "submit": true,
 * submits it (once: a submitted report is not changed again; its progress and
 * the day the task was done become the task's); POST
 * .../reports/{month}/files attaches evidence to a draft; GET
 * /api/v1/task-files/{id} gives a file back to whoever sees the task. The
 * officers of the lead unit (CAP_REPORT_TASKS) report.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/plans.h"
#include "api/views.h"
#include "core/date.h"
#include "core/filename.h"
#include "core/roles.h"
#include "lib/json.h"
#include "store/audit.h"
#include "store/blobs.h"

#include <string.h>

#define TASK_FILES_MAX 10

json_t *task_file_json(struct req *r, const struct task_report_file *f)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:o, s:s}", "id", (json_int_t)f->id, "name", f->name,
                     "content_type", f->content_type, "size", (json_int_t)f->size, "uploaded_at",
                     json_time(f->uploaded_at), "url",
                     arena_printf(&r->arena, "/api/v1/task-files/%lld", (long long)f->id));
}

/*
 * The task of the path, its view among its plan's tasks, and the month; 404
 * when the caller does not see it, 403 when the caller may not report on it.
 */
static int reported_task(struct req *r, struct plan_ctx *c, struct task *out,
                         struct task_view *view, int *month, struct err *e)
{
    struct task_view *v;
    struct task *t;
    int64_t id;
    size_t n, i;

    if (param_id(r->params[0], "task", &id, e) < 0 || plan_ctx_load(r, c, e) < 0 ||
        plan_task_find(r, c, id, &t, &v, &n, &i, e) < 0)
        return -1;
    *out = t[i];
    *view = v[i];
    if (!user_can_at(req_user(r), CAP_REPORT_TASKS, out->lead_path))
        return err_set(e, 403, "forbidden",
                       "only the officers of %s, which leads the task, report on it",
                       out->lead_name);
    if (month_parse(r->params[1], NULL, month, e) < 0)
        return -1;
    if (*month > month_of_day(c->today))
        return err_field(e, "month", "the report of a month to come cannot be filed yet");
    if (*month < month_of_day(date_local_day(out->created_at)))
        return err_field(e, "month", "the task did not exist in that month");
    if (view->nsubs)
        return err_set(e, 409, "has_subtasks",
                       "a task with subtasks is reported through its subtasks");
    return 0;
}

static int report_read(json_t *body, const struct plan_ctx *c, struct task_report *rep, int *submit,
                       struct err *e)
{
    static const char *const keys[] = {"progress", "progress_text", "results", "shortfall", "fix",
                                       "proposal", "done_on",       "submit",  NULL};
    int64_t v = 0;

    jv_known(body, NULL, keys, e);
    if (jv_int(body, NULL, "progress", JV_REQUIRED, 0, 100, &v, e) == 1)
        rep->progress = (int)v;
    rep->progress_text =
        jv_string(body, NULL, "progress_text", JV_NULLABLE | JV_MULTILINE, 4000, e);
    rep->results = jv_string(body, NULL, "results", JV_NULLABLE | JV_MULTILINE, 8000, e);
    rep->shortfall = jv_string(body, NULL, "shortfall", JV_NULLABLE | JV_MULTILINE, 4000, e);
    rep->fix = jv_string(body, NULL, "fix", JV_NULLABLE | JV_MULTILINE, 4000, e);
    rep->proposal = jv_string(body, NULL, "proposal", JV_NULLABLE | JV_MULTILINE, 4000, e);
    if (jv_day(body, "done_on", &rep->done_day, e) == 1) {
        if (rep->done_day > c->today)
            err_field_as(e, "done_on", "after_today", "", "cannot be after today");
        if (v != 100)
            err_field_as(e, "done_on", "not_full", "", "a task is done only at 100 per cent");
    } else if (v == 100 && !e->http) {
        err_field_as(e, "done_on", "required", "",
                     "the day the task was done is needed at 100 per cent");
    }
    *submit = 0;
    jv_bool(body, NULL, "submit", 0, submit, e);
    return e->http ? -1 : 0;
}

/* The newest month with a submitted report of the task (0: none), or -1. */
static int newest_submitted(struct req *r, int64_t task_id, struct err *e)
{
    struct task_report *reps;
    size_t n, i;

    if (task_reports_of(r->db, &r->arena, task_id, &reps, &n, e) < 0)
        return -1;
    for (i = 0; i < n; i++) /* newest month first */
        if (reps[i].submitted_at)
            return reps[i].month;
    return 0;
}

int task_reports_put(struct req *r, struct err *e)
{
    struct task_report rep = {0}, old;
    struct task_view v;
    struct plan_ctx c;
    struct task t;
    json_t *body, *j;
    int month, submit, found, newest = 0, rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    if (reported_task(r, &c, &t, &v, &month, e) < 0 || report_read(body, &c, &rep, &submit, e) < 0)
        goto out;
    if (submit && !rep.results)
        err_field_as(e, "results", "required", "", "a submitted report states the month's results");
    if (submit && v.state == TASK_OVERDUE && !rep.done_day && !rep.shortfall)
        err_field_as(e, "shortfall", "overdue_cause", "", "the task is overdue: state the cause");
    if (e->http || db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if ((found = task_report_get(r->db, &r->arena, t.id, month, &old, e)) < 0)
        goto out;
    if (found && old.submitted_at) {
        err_set(e, 409, "already_submitted", "the report of %s was submitted on its day",
                r->params[1]);
        goto out;
    }
    rep.task_id = t.id;
    rep.month = month;
    rep.updated_at = r->now;
    rep.updated_by = req_user_id(r);
    if (submit) {
        rep.submitted_at = r->now;
        rep.submitted_by = req_user_id(r);
        if ((newest = newest_submitted(r, t.id, e)) < 0)
            goto out;
        /* the newest month's report speaks for the task: an older one sent late does not turn
           it back, and no report undoes a done day */
        if (month >= newest) {
            t.progress = rep.progress;
            if (!t.done_day)
                t.done_day = rep.done_day;
            t.updated_at = r->now;
        }
    }
    if (task_report_save(r->db, &rep, e) < 0 ||
        (submit && month >= newest && task_update(r->db, &t, e) < 0) ||
        audit_append(r->db, r->now, req_user_id(r),
                     submit ? "task.report.submit" : "task.report.save",
                     arena_printf(&r->arena, "task:%lld", (long long)t.id), r->params[1], e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    if (task_report_get(r->db, &r->arena, t.id, month, &rep, e) < 0)
        goto out;
    j = task_report_json(&rep);
    json_object_set_new(j, "task", json_integer(t.id));
    rc = resp_json(r, found ? 200 : 201, j);
out:
    db_rollback(r->db);
    json_decref(body);
    return rc;
}

int task_files_upload(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct upload *up = r->upload;
    struct task_report_file x, *list;
    struct task_report rep;
    struct task_view v;
    struct plan_ctx c;
    struct task t;
    const char *type;
    char name[FILENAME_BYTES];
    int64_t used = 0;
    size_t n, i;
    int month, found, created = 0, rc = -1;

    if (!(type = upload_type(r, e)) || reported_task(r, &c, &t, &v, &month, e) < 0 ||
        db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    if ((found = task_report_get(r->db, &r->arena, t.id, month, &rep, e)) < 0)
        goto out;
    if (!found) {
        err_set(e, 404, "not_found", "no report of %s yet: save it first", r->params[1]);
        goto out;
    }
    if (rep.submitted_at) {
        err_set(e, 409, "already_submitted", "the report of %s is submitted", r->params[1]);
        goto out;
    }
    if (task_report_files(r->db, &r->arena, rep.id, &list, &n, e) < 0)
        goto out;
    for (i = 0; i < n; i++)
        used += list[i].size;
    if (n >= TASK_FILES_MAX || used + up->size > app->dossier_files_limit) {
        err_set(e, 413, "too_large", "a report takes at most %d files of %lld bytes in all",
                TASK_FILES_MAX, (long long)app->dossier_files_limit);
        goto out;
    }
    if (filename_display(up->filename, type, name) < 0) {
        err_set(e, 500, "internal", "out of memory");
        goto out;
    }
    x = (struct task_report_file){0,          rep.id,   name,   type,
                                  up->sha256, up->size, r->now, req_user_id(r)};
    if (upload_keep(r, &created, e) < 0 || task_report_file_insert(r->db, &x, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "task.report.attach",
                     arena_printf(&r->arena, "task:%lld", (long long)t.id),
                     arena_printf(&r->arena, "%s %s %lld bytes", r->params[1], up->sha256,
                                  (long long)up->size),
                     e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    rc = resp_json(r, 201, task_file_json(r, &x));
out:
    if (rc < 0 && created) /* no row names it: nothing half-written stays */
        blob_drop(app->data_dir, up->sha256);
    db_rollback(r->db);
    return rc;
}

int task_files_download(struct req *r, struct err *e)
{
    struct app *app = r->app;
    struct task_report_file x;
    struct task_report rep;
    struct plan_ctx c;
    struct task t;
    int64_t id;
    int found;

    if (param_id(r->params[0], "file", &id, e) < 0 || plan_ctx_load(r, &c, e) < 0 ||
        task_report_file_get(r->db, &r->arena, id, &x, e) < 0 ||
        (found = task_report_by_id(r->db, &r->arena, x.report_id, &rep, e)) < 0 ||
        (found && task_get(r->db, &r->arena, rep.task_id, &t, e) < 0))
        return -1;
    if (!found || !plan_sees_task(&c, &t))
        return err_set(e, 404, "not_found", "no evidence file %lld", (long long)id);
    r->resp.status = 200;
    r->resp.content_type = x.content_type;
    r->resp.file_path = blob_path(&r->arena, app->data_dir, x.sha256);
    resp_header(r, "Content-Disposition", file_disposition(r, x.name, x.content_type));
    return 0;
}
