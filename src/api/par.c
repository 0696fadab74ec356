/*
 * The PAR INDEX's shared steps (api/par.h): a structure's tree, a subject's
 * assessment with its linked figures measured now from the statistics (the
 * service index's measures of the subject's subtree over the structure's
 * year: a dossier finished late lowers the on-time figure at once), who sees
 * which items, and the JSON of items, files and agencies.
 */
#include "api/par.h"
#include "api/plans.h"
#include "api/app.h"
#include "api/sindex.h"
#include "core/agency.h"
#include "core/date.h"
#include "core/roles.h"

#include <math.h>
#include <string.h>

json_t *par_points(double x)
{
    return json_real(round(x * 100) / 100);
}

static json_t *maybe_points(double x)
{
    return x < 0 ? json_null() : par_points(x);
}

int par_tree_load(struct req *r, struct par_tree *t, struct err *e)
{
    int64_t id;

    memset(t, 0, sizeof(*t));
    if (param_id(r->params[0], "PAR INDEX structure", &id, e) < 0 ||
        par_structure_get(r->db, &r->arena, id, &t->st, e) < 0 ||
        par_structure_items(r->db, &r->arena, id, &t->items, &t->n, e) < 0)
        return -1;
    t->first = date_days_from_civil(t->st.year, 1, 1);
    t->last = date_days_from_civil(t->st.year, 12, 31);
    return 0;
}

int par_places_load(struct req *r, const struct agency *any, struct par_places *p, struct err *e)
{
    const char *slash = strchr(any->path, '/');
    const char *root =
        slash ? arena_strndup(&r->arena, any->path, (size_t)(slash - any->path)) : any->id;

    return agency_list(r->db, &r->arena, root, &p->list, &p->n, e);
}

const struct agency *par_place(const struct par_places *p, const char *id)
{
    size_t i;

    for (i = 0; id && i < p->n; i++)
        if (!strcmp(p->list[i].id, id))
            return &p->list[i];
    return NULL;
}

int par_query_subject(struct req *r, struct par_places *places, const struct agency **out,
                      struct err *e)
{
    const char *id = req_query(r, "agency");
    struct agency ag;

    if (!id && agency_first_root(r->db, &r->arena, &id, e) < 0)
        return -1;
    if (!id)
        return err_set(e, 404, "not_found", "there is no agency yet");
    if (agency_get(r->db, &r->arena, id, &ag, e) < 0) {
        err_clear(e);
        return err_set(e, 400, "invalid_query", "agency: no agency with identifier %s", id);
    }
    if (par_places_load(r, &ag, places, e) < 0)
        return -1;
    *out = par_place(places, ag.id);
    return *out ? 0 : err_set(e, 500, "internal", "agency %s is not in its own tree", ag.id);
}

const char *par_responsible(const struct par_subject *s, size_t i)
{
    return s->row[i] && s->row[i]->responsible ? s->row[i]->responsible : s->ag->id;
}

int par_figure_of(const struct par_item *it, const struct par_assessment *x)
{
    if (x && x->figure)
        return strcmp(x->figure, PAR_FIGURE_NONE) ? par_figure_parse(x->figure) : -1;
    return par_figure_parse(it->figure);
}

int par_subject_load(struct req *r, const struct par_tree *t, const struct agency *subject,
                     struct par_subject *s, struct err *e)
{
    struct par_assessment *rows;
    size_t nrows, i, k;

    memset(s, 0, sizeof(*s));
    s->ag = subject;
    s->row = arena_calloc(&r->arena, t->n + 1, sizeof(*s->row));
    s->figure = arena_calloc(&r->arena, t->n + 1, sizeof(*s->figure));
    s->figure_value = arena_calloc(&r->arena, t->n + 1, sizeof(*s->figure_value));
    s->from_figure = arena_calloc(&r->arena, t->n + 1, sizeof(*s->from_figure));
    s->marks = arena_calloc(&r->arena, t->n + 1, sizeof(*s->marks));
    s->sums = arena_calloc(&r->arena, t->n + 1, sizeof(*s->sums));
    if (par_assessments_of(r->db, &r->arena, t->st.id, subject->id, &rows, &nrows, e) < 0 ||
        par_files_of(r->db, &r->arena, t->st.id, subject->id, &s->files, &s->nfiles, e) < 0)
        return -1;
    for (k = 0; k < nrows; k++)
        for (i = 0; i < t->n; i++)
            if (t->items[i].id == rows[k].item_id)
                s->row[i] = &rows[k];
    for (i = 0; i < t->n; i++) {
        s->figure[i] = t->items[i].leaf ? par_figure_of(&t->items[i], s->row[i]) : -1;
        s->figure_value[i] = -1;
    }
    return 0;
}

int par_subject_score(struct req *r, const struct par_tree *t, struct par_subject *s, struct err *e)
{
    struct sindex_measures m;
    double done = -1;
    size_t i;
    int measure = 0, plans = 0;

    for (i = 0; i < t->n; i++) {
        measure |= s->figure[i] >= 0 && s->figure[i] < SI_COUNT;
        plans |= s->figure[i] == PAR_FIGURE_PLAN_COMPLETION;
    }
    if (measure && sindex_measure_agency(r, s->ag, t->first, t->last, &m, e) < 0)
        return -1;
    if (plans && plan_completion_of(r, s->ag->path, t->st.year, t->last, &done, e) < 0)
        return -1;
    for (i = 0; i < t->n; i++)
        if (s->figure[i] == PAR_FIGURE_PLAN_COMPLETION)
            s->figure_value[i] = done;
        else if (s->figure[i] >= 0)
            s->figure_value[i] = par_figure_value(&m.m[s->figure[i]]);
    for (i = 0; i < t->n; i++) {
        const struct par_item *it = &t->items[i];
        const struct par_assessment *x = s->row[i];
        struct par_mark *mk = &s->marks[i];
        mk->self = mk->appraised = -1;
        mk->unit = par_responsible(s, i);
        s->from_figure[i] = 0;
        if (!it->leaf)
            continue;
        if (s->figure[i] >= 0 && par_scored_by_value(it)) {
            s->from_figure[i] = 1;
            if (s->figure_value[i] >= 0)
                mk->self = par_score_of_value(it, s->figure_value[i]);
        } else if (x && x->value >= 0 && par_scored_by_value(it)) {
            mk->self = par_score_of_value(it, x->value);
        } else if (x) {
            mk->self = x->self_score;
        }
        if (x)
            mk->appraised = x->appraised_score;
    }
    par_tree_sum(t->items, t->n, s->marks, s->sums, &s->total);
    return 0;
}

int par_subject_sight(struct req *r, const struct par_tree *t, const struct par_places *places,
                      struct par_subject *s, struct err *e)
{
    const struct user *u = req_user(r);
    size_t i, seen = 0;

    s->visible = arena_calloc(&r->arena, t->n + 1, 1);
    s->full = user_can_at(u, CAP_VIEW_PAR, s->ag->path);
    for (i = t->n; i-- > 0;) {
        const struct par_item *it = &t->items[i];
        const struct agency *unit = it->leaf ? par_place(places, par_responsible(s, i)) : NULL;
        if (s->full || (unit && user_can_at(u, CAP_ASSESS_PAR, unit->path)))
            s->visible[i] = 1;
        if (s->visible[i] && it->parent >= 0)
            s->visible[it->parent] = 1; /* the items above it, for its place in the tree */
        seen += s->visible[i] && it->leaf;
    }
    if (!s->full && !seen && !user_can_at(u, CAP_ASSESS_PAR, s->ag->path))
        return err_set(e, 403, "forbidden",
                       "the PAR INDEX assessment of %s is not yours to see: none of its criteria "
                       "is your unit's",
                       s->ag->id);
    return 0;
}

json_t *par_structure_json(const struct par_structure *s)
{
    return json_pack("{s:I, s:i, s:s, s:s, s:o, s:b, s:o, s:I, s:o}", "id", (json_int_t)s->id,
                     "year", s->year, "scope", s->scope, "name", s->name, "source",
                     json_str(s->source), "example", s->example, "max_points",
                     par_points(s->max_points), "item_count", (json_int_t)s->items, "created_at",
                     json_time(s->created_at));
}

json_t *par_agency_json(const struct par_places *p, const char *id)
{
    const struct agency *ag = par_place(p, id);

    if (!id)
        return json_null();
    return json_pack("{s:s, s:o}", "id", id, "name", ag ? json_string(ag->name) : json_null());
}

json_t *par_item_json(const struct par_item *it)
{
    json_t *bands = json_null();
    int i;

    if (it->scoring == PAR_SCALE) {
        bands = json_array();
        for (i = 0; i < it->nbands; i++)
            json_array_append_new(bands,
                                  json_pack("{s:o, s:o}", "from", par_points(it->bands[i].from),
                                            "points", par_points(it->bands[i].points)));
    }
    return json_pack("{s:s, s:s, s:i, s:b, s:o, s:o, s:o, s:o, s:o}", "code", it->code, "name",
                     it->name, "depth", it->depth, "leaf", it->leaf, "max_points",
                     par_points(it->max_points), "scoring", json_str(par_scoring_name(it->scoring)),
                     "target", it->scoring == PAR_PROPORTION ? par_points(it->target) : json_null(),
                     "bands", bands, "figure", json_str(it->leaf ? it->figure : NULL));
}

json_t *par_file_json(struct req *r, const struct par_file *f)
{
    return json_pack("{s:I, s:s, s:s, s:I, s:o, s:s}", "id", (json_int_t)f->id, "name", f->name,
                     "content_type", f->content_type, "size", (json_int_t)f->size, "uploaded_at",
                     json_time(f->uploaded_at), "url",
                     arena_printf(&r->arena, "/api/v1/par/files/%lld", (long long)f->id));
}

json_t *par_assessed_json(struct req *r, const struct par_tree *t, const struct par_places *p,
                          const struct par_subject *s, size_t i)
{
    const struct par_item *it = &t->items[i];
    const struct par_assessment *x = s->row[i];
    const struct par_sum *sum = &s->sums[i];
    json_t *j = par_item_json(it), *files;
    size_t k;

    if (!it->leaf) {
        json_object_set_new(j, "self_score", s->full ? par_points(sum->self) : json_null());
        json_object_set_new(j, "score", s->full ? par_points(sum->score) : json_null());
        json_object_set_new(j, "loss", s->full ? par_points(sum->loss) : json_null());
        json_object_set_new(j, "assessed", json_integer(s->full ? (json_int_t)sum->assessed : 0));
        json_object_set_new(j, "leaves", json_integer((json_int_t)sum->leaves));
        return j;
    }
    files = json_array();
    for (k = 0; k < s->nfiles; k++)
        if (s->files[k].item_id == it->id)
            json_array_append_new(files, par_file_json(r, &s->files[k]));
    json_object_set_new(j, "figure", json_str(par_figure_code(s->figure[i])));
    json_object_set_new(j, "figure_source", json_str(par_figure_source(s->figure[i])));
    json_object_set_new(j, "figure_value", maybe_points(s->figure_value[i]));
    json_object_set_new(j, "responsible", par_agency_json(p, par_responsible(s, i)));
    json_object_set_new(j, "assigned", json_boolean(x && x->responsible));
    json_object_set_new(j, "value", maybe_points(x ? x->value : -1));
    json_object_set_new(j, "from_figure", json_boolean(s->from_figure[i]));
    json_object_set_new(j, "self_score",
                        s->marks[i].self < 0 ? json_null()
                                             : par_points(fmin(s->marks[i].self, it->max_points)));
    json_object_set_new(j, "appraised_score", maybe_points(x ? x->appraised_score : -1));
    json_object_set_new(j, "score", par_points(sum->score));
    json_object_set_new(j, "loss", par_points(sum->loss));
    json_object_set_new(j, "note", json_str(x ? x->note : NULL));
    json_object_set_new(j, "evidence", files);
    json_object_set_new(j, "updated_at", json_time(x ? x->updated_at : 0));
    return j;
}
