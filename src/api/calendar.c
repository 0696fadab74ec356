/*
 * /api/v1/calendar: the days off of a year (statutory, compensatory and
 * announced), the administrator's overrides, and a due-time calculator.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "core/date.h"
#include "core/holidays.h"
#include "core/worktime.h"
#include "lib/json.h"
#include "store/agencies.h"
#include "store/audit.h"
#include "store/calendar.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {NULL, "holiday", "compensatory", "extra_off",
                                         "extra_work"};

static int query_year(struct req *r, int *year, struct err *e)
{
    const char *s = req_query(r, "year");
    char *end;
    long v;

    if (!s)
        return err_set(e, 400, "invalid_query", "year is required");
    v = strtol(s, &end, 10);
    if (!*s || *end || v < 1900 || v > 2100)
        return err_set(e, 400, "invalid_query", "year must be from 1900 to 2100");
    *year = (int)v;
    return 0;
}

/* The days of a year that are not plain weekdays or weekends, from the database's rules. */
static int year_days(struct req *r, int year, struct cal_day *days, int max, int *n, struct err *e)
{
    struct calendar_data cd;

    if (app_calendar_data(r->db, &r->arena, year, year, &cd, e) < 0)
        return -1;
    *n = holidays_of_year(year, cd.rules, cd.nrules, cd.overrides, cd.noverrides, days, (size_t)max,
                          e);
    return *n < 0 ? -1 : 0;
}

int calendar_holidays(struct req *r, struct err *e)
{
    struct cal_day *days = arena_alloc(&r->arena, 370 * sizeof(*days));
    char ymd[DATE_ISO_MAX];
    json_t *items;
    int year = 0, n, i;

    if (query_year(r, &year, e) < 0 || year_days(r, year, days, 370, &n, e) < 0)
        return -1;
    items = json_array();
    for (i = 0; i < n; i++) {
        date_format_ymd(days[i].day, ymd);
        json_array_append_new(items, json_pack("{s:s, s:s, s:s, s:b}", "date", ymd, "name",
                                               days[i].name, "kind", kind_names[days[i].kind],
                                               "working", days[i].kind == CAL_EXTRA_WORK));
    }
    return resp_json(r, 200, json_pack("{s:i, s:o}", "year", year, "items", items));
}

int calendar_override_put(struct req *r, struct err *e)
{
    static const char *const keys[] = {"working", "name", NULL};
    struct override_row o;
    int64_t day;
    json_t *body;
    int working = 0, y, m, d, rc = -1;

    if (date_parse_ymd(r->params[0], &day) < 0)
        return err_set(e, 404, "not_found", "%s is not a date YYYY-MM-DD", r->params[0]);
    date_civil_from_days(day, &y, &m, &d);
    if (y < 1900 || y > 2100)
        return err_set(e, 404, "not_found", "the calendar covers 1900 to 2100");
    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    jv_bool(body, NULL, "working", JV_REQUIRED, &working, e);
    o.name = jv_string(body, NULL, "name", JV_REQUIRED, 200, e);
    o.day = r->params[0];
    o.work = working;
    if (e->http)
        goto out;
    if (db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (calendar_set_override(r->db, &o, r->now, req_user_id(r), e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "calendar.override",
                     arena_printf(&r->arena, "day:%s", o.day),
                     arena_printf(&r->arena, "%s %s", working ? "work" : "off", o.name), e) < 0 ||
        db_commit(r->db, e) < 0) {
        db_rollback(r->db);
        goto out;
    }
    app_calendar_reload(r->db);
    rc = resp_json(r, 200,
                   json_pack("{s:s, s:b, s:s}", "date", o.day, "working", working, "name", o.name));
out:
    json_decref(body);
    return rc;
}

int calendar_override_delete(struct req *r, struct err *e)
{
    int64_t day;
    int rc;

    if (date_parse_ymd(r->params[0], &day) < 0)
        return err_set(e, 404, "not_found", "%s is not a date YYYY-MM-DD", r->params[0]);
    if (db_begin(r->db, DB_WRITE, e) < 0)
        return -1;
    rc = calendar_delete_override(r->db, r->params[0], e);
    if (rc == 0)
        err_set(e, 404, "not_found", "there is no override on %s", r->params[0]);
    if (rc <= 0 ||
        audit_append(r->db, r->now, req_user_id(r), "calendar.override.delete",
                     arena_printf(&r->arena, "day:%s", r->params[0]), "", e) < 0 ||
        db_commit(r->db, e) < 0) {
        db_rollback(r->db);
        return -1;
    }
    app_calendar_reload(r->db);
    r->resp.status = 204;
    return 0;
}

/* GET /api/v1/calendar/due?from=&days=&kind=&agency= : what intake would compute. */
int calendar_due(struct req *r, struct err *e)
{
    const char *from = req_query(r, "from"), *days_s = req_query(r, "days");
    const char *kind_s = req_query(r, "kind"), *agency = req_query(r, "agency");
    struct office_hours oh = office_hours_default;
    const struct workcal *cal;
    struct agency ag;
    int64_t start, due;
    double days;
    char *end;
    int kind = DURATION_WORKING, y, m, d;

    if (!from || date_parse_iso(from, &start) < 0)
        return err_set(e, 400, "invalid_query", "from must be an ISO 8601 time");
    if (!days_s || (days = strtod(days_s, &end), *end) || !*days_s || !(days >= 0) || days > 3650)
        return err_set(e, 400, "invalid_query", "days must be a number from 0 to 3650");
    if (kind_s && !strcmp(kind_s, "calendar"))
        kind = DURATION_CALENDAR;
    else if (kind_s && strcmp(kind_s, "working"))
        return err_set(e, 400, "invalid_query", "kind must be working or calendar");
    if (agency) {
        if (agency_get(r->db, &r->arena, agency, &ag, e) < 0) {
            err_clear(e);
            return err_set(e, 400, "invalid_query", "no agency with identifier %s", agency);
        }
    }
    date_civil_from_days(date_local_day(start), &y, &m, &d);
    if (y < 1900 || y > 2100)
        return err_set(e, 400, "invalid_query", "the calendar covers 1900 to 2100");
    if (!(cal = app_calendar(r, e)))
        return -1;
    if (agency) /* the calendar holds each agency's hours, as every deadline reads them */
        oh = *workcal_hours(cal, ag.id);
    if (worktime_due(cal, &oh, start, kind, days, &due, e) < 0) {
        if (e->http == 422)
            e->http = 400;
        return -1;
    }
    return resp_json(r, 200,
                     json_pack("{s:o, s:o}", "from", json_time(start), "due_at", json_time(due)));
}
