/*
 * A feedback item as the API shows it: to the staff who handle it (the
 * sender's contact masked for roles that see personal data only masked), to
 * its sender following it, and in the public list of answers (no personal
 * data at all).
 */
#include "api/feedback.h"
#include "core/personal.h"
#include "core/dossier.h"
#include "core/roles.h"
#include "lib/json.h"

#include <string.h>

static json_t *masked(struct req *r, const char *s, int full)
{
    char *out;

    if (!s || full)
        return json_str(s);
    out = arena_alloc(&r->arena, strlen(s) + 1);
    personal_mask(s, out);
    return json_string(out);
}

json_t *feedback_events_json(const struct feedback_event *ev, size_t n, int with_actors)
{
    json_t *arr = json_array();
    size_t i;

    for (i = 0; i < n; i++) {
        json_t *j = json_pack(
            "{s:o, s:s, s:s, s:o, s:o, s:o, s:o}", "at", json_time(ev[i].at), "action",
            ev[i].action, "status", feedback_status_name(ev[i].to_status), "status_label",
            json_str(feedback_status_label(ev[i].to_status)), "note", json_str(ev[i].note),
            "to_agency", json_str(ev[i].to_agency), "timeliness", json_str(ev[i].timeliness));
        if (with_actors)
            json_object_set_new(j, "actor", json_str(ev[i].actor_name));
        json_array_append_new(arr, j);
    }
    return arr;
}

/* The actions of the item's status, and whether this caller may take each at its agency. */
static json_t *actions_json(struct req *r, const struct feedback *f)
{
    const struct user *u = req_user(r);
    json_t *arr = json_array();
    int a;

    for (a = 0; a < FA_COUNT; a++) {
        if (!feedback_action_offered(a, f))
            continue;
        json_array_append_new(
            arr, json_pack("{s:s, s:s, s:b}", "name", feedback_action_name(a), "label",
                           feedback_action_label(a), "available",
                           u && f->agency_path &&
                               user_can_at(u, feedback_action_capability(a), f->agency_path)));
    }
    return arr;
}

json_t *feedback_json(struct req *r, const struct feedback *f, int view)
{
    int full = view == FEEDBACK_STAFF_FULL || view == FEEDBACK_SENDER;
    int t = feedback_timeliness(f, r->now);
    json_t *j = json_pack(
        "{s:s, s:s, s:s, s:s, s:s, s:s, s:{s:o, s:o}, s:s, s:o, s:o, s:o, s:o, s:o, s:o, s:o, s:o,"
        " s:b}",
        "code", f->code, "channel", feedback_channel_name(f->channel), "category",
        feedback_category_name(f->category), "category_label", feedback_category_label(f->category),
        "status", feedback_status_name(f->status), "status_label", feedback_status_label(f->status),
        "agency", "id", json_str(f->agency), "name", json_str(f->agency_name), "text", f->text,
        "received_at", json_time(f->received_at), "classify_due", json_time(f->classify_due),
        "answer_due", json_time(f->answer_due), "answered_at", json_time(f->answered_at),
        "publish_due", json_time(f->publish_due), "published_at", json_time(f->published_at),
        "closed_at", json_time(f->closed_at), "duplicate_of", json_str(f->duplicate_of), "overdue",
        !f->closed_at && !f->answered_at && t == TIMELY_LATE);

    /* the answer is the public's once published; its sender and the staff see it at once */
    json_object_set_new(j, "answer",
                        json_str(view != FEEDBACK_PUBLIC || f->published_at ? f->answer : NULL));
    if (view == FEEDBACK_PUBLIC)
        return j;
    json_object_set_new(j, "dossier_code", json_str(f->dossier_code));
    json_object_set_new(j, "reason", json_str(f->reason));
    json_object_set_new(j, "request", json_str(f->request));
    json_object_set_new(j, "ask_due", json_time(f->ask_due));
    json_object_set_new(j, "version", json_integer(f->version));
    if (view == FEEDBACK_FOLLOW)
        return j;
    json_object_set_new(j, "sender",
                        json_pack("{s:o, s:o, s:o}", "name", masked(r, f->name, full), "phone",
                                  masked(r, f->phone, full), "email", masked(r, f->email, full)));
    json_object_set_new(j, "address", full ? json_str(f->address) : json_null());
    json_object_set_new(j, "location",
                        f->has_location && full
                            ? json_pack("{s:f, s:f}", "lat", f->lat, "long", f->lng)
                            : json_null());
    if (view != FEEDBACK_SENDER)
        json_object_set_new(j, "actions", actions_json(r, f));
    return j;
}
