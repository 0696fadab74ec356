/*
 * Writing a demo dossier's life as far as the demo's moment: the dossier with
 * its applicant and components, its control sheet, its process step, a
 * consulted agency's linked dossier, the sample scan behind its files and the
 * applicant's rating; and the sample form templates of the demo's procedures.
 */
#include "cmd/demo_life.h"
#include "core/date.h"
#include "core/lifecycle.h"
#include "core/portal.h"
#include "core/workflow.h"
#include "lib/strbuf.h"
#include "store/agencies.h"
#include "store/blobs.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/portal.h"
#include "store/procedure_forms.h"
#include "store/procedures.h"
#include "store/ratings.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *person(struct demo *c)
{
    return arena_printf(&c->a, "%s %s %s", demo_surnames[rng_pick(&c->rng, (int)demo_surnames_len)],
                        demo_middle[rng_pick(&c->rng, (int)demo_middle_len)],
                        demo_given[rng_pick(&c->rng, (int)demo_given_len)]);
}

/* The procedure's components, all received; online ones (and most others) scanned. */
static void add_components(struct demo *c, const struct demo_procedure *dp, struct dossier *d)
{
    char *parts = arena_strdup(&c->a, dp->components), *tok, *save = NULL;
    size_t cap = 0;
    int scanned = d->channel == CHANNEL_ONLINE || rng_uniform(&c->rng) < 0.7;

    d->components = arena_alloc(&c->a, 0);
    d->ncomponents = 0;
    for (tok = strtok_r(parts, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
        struct dossier_component *k =
            arena_push(&c->a, &d->components, &d->ncomponents, &cap, sizeof(*k));
        char *colon = strchr(tok, ':');
        *colon = '\0';
        k->kind = tok;
        k->name = colon + 1;
        k->count = 1;
        k->received = 1;
        k->digitized = scanned;
    }
}

static int next_code(struct demo *c, const char *unit, int64_t t, const char **out)
{
    char code[DOSSIER_CODE_MAX];

    if (dossier_next_code(c->db, unit, t, code, &c->e) < 0)
        return -1;
    *out = arena_strdup(&c->a, code);
    return 0;
}

static const char *unit_name(const char *id)
{
    size_t i;
    for (i = 0; i < demo_agencies_len; i++)
        if (!strcmp(demo_agencies[i].id, id))
            return demo_agencies[i].name;
    return id;
}

/* The applicant and the request, as the desk records them. */
static int applicant(struct demo *c, struct life *l, struct dossier *d)
{
    const struct demo_procedure *dp = l->dp;
    char *last4 = arena_strdup(&c->a, "0000");

    if (next_code(c, l->unit, l->submitted, &d->code) < 0)
        return -1;
    d->procedure_id = c->procedure_ids[l->pidx];
    d->variant_id = c->variant_ids[l->pidx];
    d->agency = d->current_unit = l->unit;
    d->lead_agency = l->proc_unit;
    d->channel = l->channel;
    d->applicant_kind = strstr(dp->field, "doanh nghiệp") ? APPLICANT_BUSINESS : APPLICANT_CITIZEN;
    d->applicant_name = d->applicant_kind == APPLICANT_BUSINESS
                            ? arena_printf(&c->a, "Công ty TNHH %s",
                                           demo_given[rng_pick(&c->rng, (int)demo_given_len)])
                            : person(c);
    d->applicant_id_number =
        d->applicant_kind == APPLICANT_BUSINESS
            ? arena_printf(&c->a, "31%08d", rng_pick(&c->rng, 100000000))
            : arena_printf(&c->a, "099%d%02d%06d", rng_pick(&c->rng, 4), 50 + rng_pick(&c->rng, 50),
                           rng_pick(&c->rng, 1000000));
    d->applicant_phone = arena_printf(&c->a, "09%08d", rng_pick(&c->rng, 100000000));
    phone_last4(d->applicant_phone, last4);
    d->phone_last4 = last4;
    d->applicant_email = l->channel == CHANNEL_ONLINE ? arena_printf(&c->a, "nguoidan%d@example.vn",
                                                                     rng_pick(&c->rng, 100000))
                                                      : NULL;
    d->applicant_address =
        arena_printf(&c->a, "Số %d đường %s, %s", 1 + rng_pick(&c->rng, 300),
                     demo_streets[rng_pick(&c->rng, (int)demo_streets_len)], unit_name(l->unit));
    d->summary = arena_printf(&c->a, "Đề nghị giải quyết thủ tục: %s", dp->name);
    d->sets = 1;
    d->duration_days = dp->days;
    d->duration_kind = dp->calendar_days ? "calendar" : "working";
    d->submitted_at = d->created_at = l->submitted;
    d->submitted_by = l->channel == CHANNEL_ONLINE ? c->citizen : 0;
    add_components(c, dp, d);
    return 0;
}

/* The action of a moment of the life (its creation and the marks are none). */
static int action_of(int kind)
{
    switch (kind) {
    case EV_ACCEPT: return ACT_ACCEPT;
    case EV_REFUSE: return ACT_REFUSE;
    case EV_HANDOVER: return ACT_HANDOVER;
    case EV_CONSULT: return ACT_CONSULT;
    case EV_CONSULT_DONE: return ACT_FINISH; /* the consulted agency's, on its linked dossier */
    case EV_SUPPLEMENT_REQUEST: return ACT_REQUEST_SUPPLEMENT;
    case EV_SUPPLEMENT: return ACT_SUPPLEMENT;
    case EV_PAYMENT_REQUEST: return ACT_REQUEST_PAYMENT;
    case EV_PAY: return ACT_PAY;
    case EV_APOLOGY: return ACT_APOLOGIZE;
    case EV_FINISH: return ACT_FINISH;
    case EV_RETURN: return ACT_RETURN;
    case EV_WITHDRAW: return ACT_WITHDRAW;
    case EV_STOP: return ACT_STOP;
    case EV_FORWARD: return ACT_FORWARD;
    case EV_APPROVE: return ACT_APPROVE;
    }
    return -1;
}

/* Who takes the action, as the control sheet names them. */
static const char *actor_of(const struct life *l, int kind)
{
    switch (action_actor(action_of(kind), DOSSIER_PROCESSING)) {
    case ACTOR_DESK: return !strcmp(l->unit, CENTRE) ? "Nguyễn Thị Lan" : "Cán bộ một cửa";
    case ACTOR_PROCESSOR: return kind == EV_CONSULT_DONE ? "Cán bộ phối hợp" : "Cán bộ xử lý";
    default: return "Lãnh đạo đơn vị";
    }
}

/* What the officer enters for the action at time t. */
static void input_of(struct demo *c, struct life *l, int kind, int64_t t, struct action_input *in)
{
    static const char *const missing[] = {"Bản sao giấy tờ còn thiếu"};
    char *day = arena_alloc(&c->a, DATE_ISO_MAX);

    memset(in, 0, sizeof(*in));
    switch (kind) {
    case EV_REFUSE: in->reason = "Hồ sơ không thuộc thẩm quyền giải quyết"; break;
    case EV_WITHDRAW: in->reason = "Người nộp đề nghị rút hồ sơ"; break;
    case EV_STOP: in->reason = "Dừng xử lý theo quy định"; break;
    case EV_CONSULT:
        in->agency = l->consulted;
        in->days = 3;
        break;
    case EV_SUPPLEMENT_REQUEST:
        in->reason = "Hồ sơ chưa đủ thành phần";
        in->items = missing;
        in->nitems = 1;
        in->request_json = "{\"items\":[\"Bản sao giấy tờ còn thiếu\"],"
                           "\"reason\":\"Hồ sơ chưa đủ thành phần\"}";
        break;
    case EV_PAYMENT_REQUEST: in->amount = l->dp->fee; break;
    case EV_PAY:
        in->amount = l->dp->fee;
        in->method = rng_uniform(&c->rng) < 0.35 ? "online" : "cash";
        in->receipt = arena_printf(&c->a, "BL%06d", rng_pick(&c->rng, 1000000));
        break;
    case EV_APOLOGY:
        in->reason = "Hồ sơ cần xác minh thêm tại thực địa";
        in->new_due = l->new_due;
        in->cause = rng_uniform(&c->rng) < 0.6 ? "subjective" : "objective";
        break;
    case EV_FINISH:
    case EV_CONSULT_DONE:
        date_format_ymd(date_local_day(t), day);
        in->result_number = kind == EV_FINISH
                                ? arena_printf(&c->a, "%d/GCN", 100 + rng_pick(&c->rng, 9000))
                                : arena_printf(&c->a, "%d/CV", 100 + rng_pick(&c->rng, 900));
        in->result_date = day;
        in->signer = "Lãnh đạo đơn vị";
        break;
    case EV_RETURN:
        in->method = l->channel == CHANNEL_POST     ? "post"
                     : l->channel == CHANNEL_ONLINE ? "online"
                                                    : "counter";
        if (l->channel == CHANNEL_POST)
            in->tracking = arena_printf(&c->a, "EB%09dVN", rng_pick(&c->rng, 1000000000));
        break;
    }
}

/* The dossier as created: submitted online, or received at the desk with its due time. */
static void create(struct demo *c, struct life *l, int kind, int64_t t, struct dossier *d,
                   struct dossier_event *ev)
{
    memset(ev, 0, sizeof(*ev));
    ev->at = d->updated_at = t;
    ev->action = demo_kind_action[kind];
    ev->to_status = d->status = demo_kind_to[kind];
    ev->unit = d->current_unit;
    ev->actor_name = kind == EV_SUBMIT ? d->applicant_name : actor_of(l, EV_ACCEPT);
    if (kind == EV_RECEIVE) {
        d->received_at = t;
        d->received_by = c->receivers[strcmp(l->unit, CENTRE) != 0];
        d->due_at = d->original_due_at = ev->step_due_at = l->due;
    }
}

/* A one-page PDF holding one line of ASCII text, stored in the files directory. */
static int sample_pdf(const char *data_dir, const char *line, char sha[65], int64_t *size,
                      struct err *e)
{
    static const char *const objects[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        NULL, /* the content stream */
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    struct strbuf pdf = STRBUF_INIT, text = STRBUF_INIT;
    size_t offsets[5], i, xref;
    int rc;

    strbuf_addf(&text, "BT /F1 16 Tf 72 770 Td (%s) Tj ET", line);
    strbuf_addstr(&pdf, "%PDF-1.4\n");
    for (i = 0; i < 5; i++) {
        offsets[i] = pdf.len;
        if (objects[i])
            strbuf_addf(&pdf, "%zu 0 obj\n%s\nendobj\n", i + 1, objects[i]);
        else
            strbuf_addf(&pdf, "%zu 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
                        i + 1, text.len, text.buf);
    }
    xref = pdf.len;
    strbuf_addstr(&pdf, "xref\n0 6\n0000000000 65535 f \n");
    for (i = 0; i < 5; i++)
        strbuf_addf(&pdf, "%010zu 00000 n \n", offsets[i]);
    strbuf_addf(&pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    *size = (int64_t)pdf.len;
    rc = blob_write(data_dir, pdf.buf, pdf.len, sha, e);
    strbuf_release(&pdf);
    strbuf_release(&text);
    return rc;
}

int demo_sample_scan(const char *data_dir, char sha[65], int64_t *size, struct err *e)
{
    return sample_pdf(data_dir, "Ban quet mau - motcua demo", sha, size, e);
}

int demo_add_forms(struct db *db, struct arena *a, const char *data_dir, int64_t now,
                   const int64_t ids[], struct err *e)
{
    struct procedure_form f = {0};
    struct procedure p;
    char sha[65];
    size_t i, k;

    if (sample_pdf(data_dir, "Mau to khai - motcua demo", sha, &f.size, e) < 0)
        return -1;
    f.content_type = "application/pdf";
    f.sha256 = sha;
    f.uploaded_at = now;
    for (i = 0; i < demo_procedures_len && i < DEMO_PROCEDURES_MAX; i++) {
        if (procedure_get(db, a, ids[i], &p, e) < 0)
            return -1;
        for (k = 0; k < p.ncomponents; k++) {
            const char *c = p.components[k].name;
            if (strcmp(c, "Tờ khai theo mẫu") && strcmp(c, "Đơn đề nghị theo mẫu"))
                continue;
            f.procedure_id = p.id;
            f.title = arena_printf(a, "%s (%s)", c[0] == 'T' ? "Tờ khai" : "Đơn đề nghị", p.name);
            f.name = c[0] == 'T' ? "to-khai.pdf" : "don-de-nghi.pdf";
            if (procedure_form_insert(db, &f, e) < 0)
                return -1;
        }
    }
    return 0;
}

/* The sample scan behind each digitised component and an electronic result. */
static int add_scans(struct demo *c, const struct dossier *d)
{
    struct stored_file f = {0};
    size_t i;

    f.dossier_id = d->id;
    f.content_type = "application/pdf";
    f.sha256 = c->scan_sha;
    f.size = c->scan_size;
    f.kind = "component";
    f.uploaded_at = d->channel == CHANNEL_ONLINE ? d->submitted_at : d->received_at;
    for (i = 0; i < d->ncomponents; i++) {
        if (!d->components[i].digitized || !f.uploaded_at)
            continue;
        f.component = (int)i + 1;
        f.name = arena_printf(&c->a, "%s.pdf", d->components[i].name);
        if (file_insert(c->db, &f, &c->e) < 0)
            return -1;
    }
    if (!d->result_electronic)
        return 0;
    f.kind = "result";
    f.component = 0;
    f.name = arena_printf(&c->a, "Kết quả %s.pdf", d->result_number);
    f.uploaded_at = d->finished_at;
    return file_insert(c->db, &f, &c->e);
}

/* A life's writes, gathered until it has come as far as the demo's moment. */
struct lived {
    struct dossier d, child;
    struct dossier_step *steps, child_step;
    size_t nsteps;
    struct dossier_event ev[48], child_ev[3];
    int nev, nchild_ev, has_child;
};

static void add_events(struct dossier_event *to, int *n, int max, const struct dossier_event *ev,
                       size_t k)
{
    size_t i;
    for (i = 0; i < k && *n < max; i++)
        to[(*n)++] = ev[i];
}

/* What the action needs besides the dossier: the units of a handover, a consultation's code. */
static int facts_of(struct demo *c, struct life *l, int kind, struct lived *v, struct move_facts *f)
{
    struct agency ag;

    if (kind == EV_HANDOVER) {
        if (agency_get(c->db, &c->a, l->unit, &ag, &c->e) < 0)
            return -1;
        f->unit = (struct move_unit){ag.id, ag.path, ag.level};
        if (agency_get(c->db, &c->a, demo_procedures[l->pidx].owner, &ag, &c->e) < 0)
            return -1;
        f->owner = (struct move_unit){ag.id, ag.path, ag.level};
        /* the procedure's process, as its variant holds it */
        if (v->d.variant_id) {
            struct process_step *steps = arena_calloc(&c->a, DEMO_PROCESS_STEPS, sizeof(*steps));
            f->nprocess = demo_process_of(l->dp, steps);
            f->process = steps;
        }
    }
    if (kind == EV_CONSULT) {
        f->consulted.id = l->consulted;
        if (next_code(c, l->consulted, f->now, &f->child_code) < 0)
            return -1;
    }
    if (kind == EV_CONSULT_DONE)
        f->parent = &v->d;
    return 0;
}

/* One moment of the life through core's lifecycle, as an officer would take it. */
static int live(struct demo *c, struct life *l, int kind, int64_t t, struct lived *v)
{
    static const struct action_context everyone = {.desk = 1, .processor = 1, .leader = 1};
    int action = action_of(kind), on_child = kind == EV_CONSULT_DONE;
    struct move_facts f = {.cal = &c->cal, .now = t, .who = &everyone};
    struct action_input in;
    struct move m;

    f.actor_name = actor_of(l, kind);
    if (action_actor(action, on_child ? DOSSIER_PROCESSING : v->d.status) == ACTOR_DESK)
        f.actor_id = c->receivers[strcmp(l->unit, CENTRE) != 0];
    input_of(c, l, kind, t, &in);
    if (facts_of(c, l, kind, v, &f) < 0 ||
        dossier_apply(action, &in, &f, on_child ? &v->child : &v->d,
                      on_child ? &v->child_step : v->steps, on_child ? 1 : v->nsteps, &m, &c->a,
                      &c->e) < 0)
        return -1;
    if (on_child) {
        v->child = m.d;
        v->child_step = m.steps[0];
        add_events(v->child_ev, &v->nchild_ev, 3, m.ev, m.nev);
        v->d = m.parent;
        add_events(v->ev, &v->nev, 48, &m.parent_ev, 1);
        return 0;
    }
    v->d = m.d;
    v->steps = m.steps;
    v->nsteps = m.nsteps;
    add_events(v->ev, &v->nev, 48, m.ev, m.nev);
    if (m.has_child) {
        v->has_child = 1;
        v->child = m.child;
        v->child_step = m.child_step;
        add_events(v->child_ev, &v->nchild_ev, 3, &m.child_ev, 1);
    }
    if (kind == EV_FINISH)
        v->d.result_electronic = rng_uniform(&c->rng) < 0.6;
    if (demo_kind_to[kind] && v->d.status != demo_kind_to[kind])
        return err_set(&c->e, 500, "internal", "the demo planned %s to lead to %s, core to %s",
                       demo_kind_action[kind], dossier_status_name(demo_kind_to[kind]),
                       dossier_status_name(v->d.status));
    return 0;
}

/* The linked dossier a consultation made, with its step and control sheet. */
static int write_child(struct demo *c, struct lived *v)
{
    int i;

    v->child.parent_id = v->d.id;
    if (dossier_insert(c->db, &v->child, &c->e) < 0 ||
        dossier_steps_insert(c->db, v->child.id, &v->child_step, 1, &c->e) < 0)
        return -1;
    for (i = 0; i < v->nchild_ev; i++)
        if (dossier_add_event(c->db, v->child.id, &v->child_ev[i], &c->e) < 0)
            return -1;
    return 0;
}

/*
 * The dossier as the national portal last received it: one record of its
 * state, taken seconds after its last change, by more than a day for one
 * dossier in 25 (late for the index); one changed too recently waits in the
 * queue. No draw of the generator: the rest of the demo stays as it was.
 */
static int sync_portal(struct demo *c, const struct lived *v)
{
    struct portal_status_map map;
    struct portal_facts f = {0};
    int64_t at = v->ev[v->nev - 1].at, sent = at + (v->d.id % 25 == 0 ? 30 * 3600 : 5);
    char *text;
    json_t *rec;
    int rc;

    portal_status_map_default(&map);
    f.d = &v->d;
    f.events = v->ev;
    f.nevents = (size_t)v->nev;
    f.map = &map;
    rec = portal_dossier_record(&f);
    text = json_dumps(rec, JSON_COMPACT);
    json_decref(rec);
    if (!text)
        return err_set(&c->e, 500, "internal", "out of memory");
    rc = sent <= c->now ? portal_record_synced(c->db, v->d.id, "dossier", text, at, sent, &c->e)
                        : portal_enqueue(c->db, v->d.id, "dossier", text, at, &c->e);
    free(text);
    return rc;
}

/* Writes the life as far as it has come by now: the dossier, its steps, its events, the rest. */
int demo_write_life(struct demo *c, const struct demo_wish *w, struct life *l)
{
    struct lived v = {0};
    int n = demo_reached(c, l), i;

    if (applicant(c, l, &v.d) < 0)
        return -1;
    create(c, l, l->m[0].kind, l->m[0].at, &v.d, &v.ev[v.nev++]);
    if (dossier_insert(c->db, &v.d, &c->e) < 0)
        return -1;
    for (i = 1; i < n; i++)
        if (l->m[i].kind < MARK_DUE_SOON && live(c, l, l->m[i].kind, l->m[i].at, &v) < 0)
            return -1;
    if ((n > 1 && dossier_update(c->db, &v.d, &c->e) < 0) || add_scans(c, &v.d) < 0 ||
        (v.nsteps && dossier_steps_insert(c->db, v.d.id, v.steps, v.nsteps, &c->e) < 0) ||
        (v.has_child && write_child(c, &v) < 0))
        return -1;
    for (i = 0; i < v.nev; i++)
        if (dossier_add_event(c->db, v.d.id, &v.ev[i], &c->e) < 0)
            return -1;
    if (sync_portal(c, &v) < 0)
        return -1;
    c->counts[v.d.status]++;
    if (v.d.status == DOSSIER_RETURNED && w->rated && v.d.returned_at + 3600 <= c->now) {
        double r = rng_uniform(&c->rng);
        struct rating rt = {v.d.id,
                            r < 0.72   ? 1
                            : r < 0.95 ? 2
                                       : 3,
                            {0},
                            NULL,
                            v.d.returned_at + 3600};
        for (int k = 0; k < RATING_CRITERIA; k++)
            rt.criteria[k] = rng_uniform(&c->rng) < 0.6 ? 3 + rng_pick(&c->rng, 3) : 0;
        if (rating_insert(c->db, &rt, &c->e) < 0)
            return -1;
    }
    return 0;
}
