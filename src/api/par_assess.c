/*
 * A subject agency's PAR INDEX assessment: GET .../{id}/assessment?agency=
 * gives the tree with its scores (the linked figures measured now), PUT
 * .../{id}/items/{item} scores a sub-criterion, GET .../{id}/losses?agency=&by=
 * lists where points are lost (by criterion, area or unit responsible), and
 * GET .../{id}/ranking?agency= ranks the units under an agency that were
 * assessed against the structure. The steering committee sees and sets
 * everything of its province (the unit responsible, the appraised score);
 * auditors read; processors and leaders see and score the sub-criteria their
 * unit is responsible for.
 */
#include "api/app.h"
#include "api/handlers.h"
#include "api/par.h"
#include "core/date.h"
#include "core/roles.h"
#include "lib/json.h"
#include "store/audit.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The structure, the subject the query names, its rows as the caller sees them, scored. */
static int load(struct req *r, struct par_tree *t, struct par_places *p, struct par_subject *s,
                struct err *e)
{
    const struct agency *ag;

    if (par_tree_load(r, t, e) < 0 || par_query_subject(r, p, &ag, e) < 0 ||
        par_subject_load(r, t, ag, s, e) < 0 || par_subject_sight(r, t, p, s, e) < 0 ||
        par_subject_score(r, t, s, e) < 0)
        return -1;
    return 0;
}

/* What every answer about a subject starts with; its totals when the caller sees it whole. */
static json_t *head(const struct par_tree *t, const struct par_places *p,
                    const struct par_subject *s)
{
    char from[DATE_ISO_MAX], to[DATE_ISO_MAX];
    const struct par_sum *x = &s->total;

    date_format_ymd(t->first, from);
    date_format_ymd(t->last, to);
    return json_pack("{s:o, s:o, s:i, s:s, s:s, s:b, s:o, s:o, s:o, s:o, s:o, s:o}", "structure",
                     par_structure_json(&t->st), "agency", par_agency_json(p, s->ag->id), "year",
                     t->st.year, "from", from, "to", to, "full", s->full, "max_points",
                     par_points(x->max), "self_score", s->full ? par_points(x->self) : json_null(),
                     "score", s->full ? par_points(x->score) : json_null(), "loss",
                     s->full ? par_points(x->loss) : json_null(), "leaves",
                     json_integer((json_int_t)x->leaves), "assessed",
                     s->full ? json_integer((json_int_t)x->assessed) : json_null());
}

int par_assessment_get(struct req *r, struct err *e)
{
    struct par_tree t;
    struct par_places p;
    struct par_subject s;
    json_t *j, *items;
    size_t i;

    if (load(r, &t, &p, &s, e) < 0)
        return -1;
    j = head(&t, &p, &s);
    items = json_array();
    for (i = 0; i < t.n; i++)
        if (s.visible[i])
            json_array_append_new(items, par_assessed_json(r, &t, &p, &s, i));
    json_object_set_new(j, "items", items);
    return resp_json(r, 200, j);
}

int par_item_of(struct req *r, const struct par_tree *t, size_t *out, struct err *e)
{
    size_t i;

    for (i = 0; i < t->n; i++)
        if (!strcmp(t->items[i].code, r->params[1])) {
            *out = i;
            return 0;
        }
    return err_set(e, 404, "not_found", "structure %lld has no item %s", (long long)t->st.id,
                   r->params[1]);
}

int par_scorer(struct req *r, const struct par_tree *t, size_t item, const char *agency,
               struct par_places *p, struct par_subject *s, int *manage, struct err *e)
{
    const struct agency *unit;
    struct agency ag;

    if (agency_get(r->db, &r->arena, agency, &ag, e) < 0) {
        err_clear(e);
        return err_field(e, "agency", "no agency with identifier %s", agency);
    }
    if (par_places_load(r, &ag, p, e) < 0 || par_subject_load(r, t, par_place(p, ag.id), s, e) < 0)
        return -1;
    if (!t->items[item].leaf)
        return err_set(e, 422, "invalid",
                       "item %s has sub-items: its score is theirs added up, and evidence goes "
                       "with them",
                       t->items[item].code);
    *manage = user_can_at(req_user(r), CAP_MANAGE_PAR, s->ag->path);
    unit = par_place(p, par_responsible(s, item));
    if (*manage || (unit && user_can_at(req_user(r), CAP_ASSESS_PAR, unit->path)))
        return 0;
    return err_set(e, 403, "forbidden",
                   "item %s of %s is scored by the unit responsible for it and the steering "
                   "committee",
                   t->items[item].code, s->ag->id);
}

/* A member that may be set (1), cleared with null (0) or left out (-1). */
static int member(json_t *body, const char *key)
{
    json_t *v = json_object_get(body, key);

    return !v ? -1 : json_is_null(v) ? 0 : 1;
}

/* A score of the item, checked against its kind. 1 read, -1 invalid. */
static int score_of(json_t *body, const char *key, const struct par_item *it, double *out,
                    struct err *e)
{
    if (jv_number(body, NULL, key, 0, 0, it->max_points, out, e) < 0)
        return -1;
    if (par_score_valid(it, *out))
        return 1;
    if (it->scoring == PAR_YES_NO)
        return err_field(e, key, "a yes/no criterion scores 0 or %g", it->max_points);
    return err_field(e, key, "a scale scores 0 or the points of one of its bands");
}

/* Applies the body to the assessment x of item `it`. */
static void apply(json_t *body, const struct par_item *it, const struct par_places *p,
                  const struct par_subject *s, int manage, struct par_assessment *x, struct err *e)
{
    const char *text;
    double v;
    int figure;

    if (member(body, "responsible") >= 0 || member(body, "appraised_score") >= 0) {
        if (!manage) {
            err_set(e, 403, "forbidden",
                    "the unit responsible and the appraised score are the steering committee's");
            return;
        }
    }
    if (member(body, "responsible") == 0)
        x->responsible = NULL;
    else if (member(body, "responsible") > 0 &&
             (text = jv_string(body, NULL, "responsible", 0, 20, e))) {
        if (!par_place(p, text))
            err_field(e, "responsible", "no agency %s in the tree of %s", text, s->ag->id);
        x->responsible = text;
    }
    if (member(body, "appraised_score") == 0)
        x->appraised_score = -1;
    else if (member(body, "appraised_score") > 0 &&
             score_of(body, "appraised_score", it, &v, e) > 0)
        x->appraised_score = v;
    if (member(body, "figure") == 0)
        x->figure = NULL;
    else if (member(body, "figure") > 0 && (text = jv_string(body, NULL, "figure", 0, 40, e))) {
        if (strcmp(text, PAR_FIGURE_NONE) && par_figure_parse(text) < 0)
            err_field(e, "figure", "\"%s\" is not a figure motcua computes, nor \"none\"", text);
        x->figure = text;
    }
    if (member(body, "note") == 0)
        x->note = NULL;
    else if (member(body, "note") > 0 &&
             (text = jv_string(body, NULL, "note", JV_MULTILINE, 2000, e)))
        x->note = text;
    figure = e->http ? -1 : par_figure_of(it, x);
    if (member(body, "value") > 0 && member(body, "self_score") > 0)
        err_field(e, "value", "give a value or a self score, not both");
    if (member(body, "value") == 0) {
        x->value = -1;
    } else if (member(body, "value") > 0) {
        if (!par_scored_by_value(it))
            err_field(e, "value", "only a proportion or a scale is scored from a value");
        else if (figure >= 0)
            err_field(e, "value", "the value is the figure %s, which motcua computes",
                      par_figure_code(figure));
        else if (jv_number(body, NULL, "value", 0, 0, 1e9, &v, e) > 0)
            x->value = v, x->self_score = -1;
    }
    if (member(body, "self_score") == 0) {
        x->self_score = -1;
    } else if (member(body, "self_score") > 0) {
        if (figure >= 0 && par_scored_by_value(it))
            err_field(e, "self_score", "the self score comes from the figure %s",
                      par_figure_code(figure));
        else if (score_of(body, "self_score", it, &v, e) > 0)
            x->self_score = v, x->value = -1;
    }
}

int par_item_put(struct req *r, struct err *e)
{
    static const char *const keys[] = {"agency", "responsible",     "value",  "self_score",
                                       "note",   "appraised_score", "figure", NULL};
    struct par_tree t;
    struct par_places p;
    struct par_subject s;
    struct par_assessment x;
    const char *agency;
    char *detail = NULL;
    json_t *body;
    size_t item;
    int manage, rc = -1;

    if (req_json(r, &body, e) < 0)
        return -1;
    jv_known(body, NULL, keys, e);
    agency = jv_string(body, NULL, "agency", JV_REQUIRED, 20, e);
    if (e->http || par_tree_load(r, &t, e) < 0 || par_item_of(r, &t, &item, e) < 0)
        goto out;
    if (db_begin(r->db, DB_WRITE, e) < 0)
        goto out;
    if (par_scorer(r, &t, item, agency, &p, &s, &manage, e) < 0)
        goto out;
    x = s.row[item] ? *s.row[item]
                    : (struct par_assessment){
                          0, t.items[item].id, s.ag->id, NULL, -1, -1, -1, NULL, NULL, 0, 0};
    apply(body, &t.items[item], &p, &s, manage, &x, e);
    if (e->http)
        goto out;
    x.updated_at = r->now;
    x.updated_by = req_user_id(r);
    detail = json_dumps(body, JSON_COMPACT);
    if (par_assessment_put(r->db, &x, e) < 0 ||
        audit_append(r->db, r->now, req_user_id(r), "par.score",
                     arena_printf(&r->arena, "par:%lld/%s/%s", (long long)t.st.id, s.ag->id,
                                  t.items[item].code),
                     detail, e) < 0 ||
        db_commit(r->db, e) < 0)
        goto out;
    db_rollback(r->db);
    if (par_subject_load(r, &t, s.ag, &s, e) < 0 || par_subject_sight(r, &t, &p, &s, e) < 0 ||
        par_subject_score(r, &t, &s, e) < 0)
        goto out;
    rc = resp_json(r, 200, par_assessed_json(r, &t, &p, &s, item));
out:
    db_rollback(r->db);
    free(detail);
    json_decref(body);
    return rc;
}

/* The area an item lies in. */
static const struct par_item *area_of(const struct par_tree *t, size_t i)
{
    while (t->items[i].parent >= 0)
        i = (size_t)t->items[i].parent;
    return &t->items[i];
}

int par_losses_get(struct req *r, struct err *e)
{
    static const char *const kinds[] = {"criterion", "area", "unit", NULL};
    const char *by = req_query(r, "by");
    struct par_tree t;
    struct par_places p;
    struct par_subject s;
    struct par_loss *l;
    struct par_unit_loss *u;
    size_t n, i;
    int kind = 0;
    json_t *j, *list;

    for (; by && kinds[kind] && strcmp(kinds[kind], by); kind++)
        ;
    if (by && !kinds[kind])
        return err_set(e, 400, "invalid_query", "by must be criterion, area or unit");
    if (load(r, &t, &p, &s, e) < 0)
        return -1;
    if (kind && !s.full)
        return err_set(e, 403, "forbidden",
                       "losses by area and by unit are the steering committee's and auditors' "
                       "view: yours are by criterion");
    list = json_array();
    l = arena_calloc(&r->arena, t.n + 1, sizeof(*l));
    u = arena_calloc(&r->arena, t.n + 1, sizeof(*u));
    if (kind == 2) {
        n = par_losses_by_unit(t.items, t.n, s.marks, s.sums, u);
        for (i = 0; i < n; i++)
            json_array_append_new(
                list,
                json_pack("{s:o, s:I, s:I, s:o, s:o, s:o}", "agency",
                          par_agency_json(&p, u[i].unit), "items", (json_int_t)u[i].items, "losing",
                          (json_int_t)u[i].losing, "max_points", par_points(u[i].max), "score",
                          par_points(u[i].score), "loss", par_points(u[i].loss)));
    } else {
        n = par_losses(t.items, t.n, s.sums, kind ? 1 : 0, l);
        for (i = 0; i < n; i++) {
            const struct par_item *it = &t.items[l[i].item], *area = area_of(&t, l[i].item);
            json_t *x;
            if (!s.visible[l[i].item])
                continue;
            x = json_pack("{s:s, s:s, s:o, s:o, s:o}", "code", it->code, "name", it->name,
                          "max_points", par_points(s.sums[l[i].item].max), "score",
                          par_points(s.sums[l[i].item].score), "loss", par_points(l[i].loss));
            if (!kind) {
                json_object_set_new(
                    x, "area", json_pack("{s:s, s:s}", "code", area->code, "name", area->name));
                json_object_set_new(x, "responsible",
                                    par_agency_json(&p, par_responsible(&s, l[i].item)));
            }
            json_array_append_new(list, x);
        }
    }
    j = head(&t, &p, &s);
    json_object_set_new(j, "by", json_string(kinds[kind]));
    json_object_set_new(j, "losses", list);
    return resp_json(r, 200, j);
}

int par_ranking_get(struct req *r, struct err *e)
{
    struct par_tree t;
    struct par_places p;
    struct par_subject *s;
    struct par_standing *rank;
    const struct agency *parent;
    const char **subjects;
    size_t n, i, k = 0;
    json_t *units;

    if (par_tree_load(r, &t, e) < 0 || par_query_subject(r, &p, &parent, e) < 0)
        return -1;
    if (!user_can_at(req_user(r), CAP_VIEW_PAR, parent->path))
        return err_set(e, 403, "forbidden", "agency %s is not in your scope", parent->id);
    if (par_assessed_subjects(r->db, &r->arena, t.st.id, parent->path, &subjects, &n, e) < 0)
        return -1;
    s = arena_calloc(&r->arena, n + 1, sizeof(*s));
    rank = arena_calloc(&r->arena, n + 1, sizeof(*rank));
    for (i = 0; i < n; i++) {
        const struct agency *ag = par_place(&p, subjects[i]);
        if (!ag)
            continue;
        if (par_subject_load(r, &t, ag, &s[k], e) < 0 || par_subject_score(r, &t, &s[k], e) < 0)
            return -1;
        rank[k] = (struct par_standing){ag->id, s[k].total.score, 0, k};
        k++;
    }
    par_rank(rank, k);
    units = json_array();
    for (i = 0; i < k; i++) {
        const struct par_sum *x = &s[rank[i].index].total;
        json_array_append_new(
            units, json_pack("{s:i, s:o, s:o, s:o, s:o, s:o, s:I, s:I}", "rank", rank[i].rank,
                             "agency", par_agency_json(&p, rank[i].subject), "max_points",
                             par_points(x->max), "self_score", par_points(x->self), "score",
                             par_points(x->score), "loss", par_points(x->loss), "leaves",
                             (json_int_t)x->leaves, "assessed", (json_int_t)x->assessed));
    }
    return resp_json(r, 200,
                     json_pack("{s:o, s:o, s:o}", "structure", par_structure_json(&t.st), "agency",
                               par_agency_json(&p, parent->id), "units", units));
}
