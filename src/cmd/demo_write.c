/*
 * Writing a demo dossier's life as far as the demo's moment: the dossier with
 * its applicant and components, its control sheet, its process step, a
 * consulted agency's linked dossier, the sample scan behind its files and the
 * applicant's rating.
 */
#include "cmd/demo_life.h"
#include "core/date.h"
#include "core/worktime.h"
#include "lib/crypto.h"
#include "lib/strbuf.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/ratings.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

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

/* Applies one event of the life to the dossier and fills its control-sheet row. */
static void apply(struct demo *c, struct life *l, int kind, int64_t t, struct dossier *d,
                  struct dossier_event *ev)
{
    const char *officer = !strcmp(l->unit, CENTRE) ? "Nguyễn Thị Lan" : "Cán bộ một cửa";

    ev->at = t;
    ev->action = demo_kind_action[kind];
    ev->from_status = kind == EV_SUBMIT || kind == EV_RECEIVE ? 0 : d->status;
    ev->to_status = demo_kind_to[kind] ? demo_kind_to[kind] : d->status;
    ev->unit = d->current_unit;
    ev->actor_name = officer;
    switch (kind) {
    case EV_SUBMIT: ev->actor_name = d->applicant_name; break;
    case EV_ACCEPT:
    case EV_RECEIVE:
        d->received_at = t;
        d->received_by = c->receivers[strcmp(l->unit, CENTRE) != 0];
        d->due_at = d->original_due_at = l->due;
        ev->step_due_at = l->due;
        break;
    case EV_REFUSE:
    case EV_WITHDRAW:
    case EV_STOP:
        d->closed_at = t;
        d->close_reason = ev->note = kind == EV_REFUSE ? "Hồ sơ không thuộc thẩm quyền giải quyết"
                                     : kind == EV_WITHDRAW ? "Người nộp đề nghị rút hồ sơ"
                                                           : "Dừng xử lý theo quy định";
        if (kind != EV_REFUSE)
            ev->actor_name = "Cán bộ xử lý";
        break;
    case EV_HANDOVER:
        d->current_unit = ev->to_unit = l->proc_unit;
        d->step = 1;
        ev->step_due_at = d->due_at;
        break;
    case EV_CONSULT:
        d->open_children = 1;
        ev->to_unit = l->consulted;
        ev->step_due_at = l->consulted_due;
        ev->actor_name = "Cán bộ xử lý";
        break;
    case EV_CONSULT_DONE:
        d->open_children = 0;
        ev->unit = l->consulted;
        ev->to_unit = d->current_unit;
        ev->actor_name = "Cán bộ phối hợp";
        break;
    case EV_SUPPLEMENT_REQUEST:
        d->resume_status = d->status;
        d->paused_at = t;
        d->supplement_count++;
        d->supplement_request = "{\"items\":[\"Bản sao giấy tờ còn thiếu\"],"
                                "\"reason\":\"Hồ sơ chưa đủ thành phần\"}";
        ev->note = "Hồ sơ chưa đủ thành phần. Cần bổ sung: Bản sao giấy tờ còn thiếu";
        ev->actor_name = "Cán bộ xử lý";
        break;
    case EV_SUPPLEMENT:
        d->paused_at = 0;
        d->resume_status = 0;
        d->due_at = d->original_due_at = l->due_final;
        ev->unit = d->agency;
        ev->step_due_at = d->due_at;
        break;
    case EV_PAYMENT_REQUEST:
        d->fee_amount = l->dp->fee;
        ev->note = arena_printf(&c->a, "Số tiền phải nộp: %ld đồng", l->dp->fee);
        ev->actor_name = "Cán bộ xử lý";
        break;
    case EV_PAY:
        d->fee_paid_amount = l->dp->fee;
        d->fee_method = rng_uniform(&c->rng) < 0.35 ? "online" : "cash";
        d->fee_receipt = arena_printf(&c->a, "BL%06d", rng_pick(&c->rng, 1000000));
        d->fee_paid_at = t;
        ev->unit = d->agency;
        ev->note = arena_printf(&c->a, "Đã nộp %ld đồng (%s), biên lai %s", l->dp->fee,
                                d->fee_method, d->fee_receipt);
        break;
    case EV_APOLOGY:
        d->apology_at = t;
        d->apology_previous_due_at = d->due_at;
        d->due_at = l->new_due;
        d->apology_cause = rng_uniform(&c->rng) < 0.6 ? "subjective" : "objective";
        d->apology_reason = ev->note = "Hồ sơ cần xác minh thêm tại thực địa";
        ev->step_due_at = l->new_due;
        ev->actor_name = "Lãnh đạo đơn vị";
        break;
    case EV_FINISH: {
        char *day = arena_alloc(&c->a, DATE_ISO_MAX);
        date_format_ymd(date_local_day(t), day);
        d->finished_at = t;
        d->result_number = arena_printf(&c->a, "%d/GCN", 100 + rng_pick(&c->rng, 9000));
        d->result_date = day;
        d->result_signer = "Lãnh đạo đơn vị";
        d->result_electronic = rng_uniform(&c->rng) < 0.6;
        d->current_unit = ev->to_unit = d->agency;
        ev->timeliness = timeliness_name(dossier_timeliness(t, d->original_due_at));
        ev->note = arena_printf(&c->a, "Kết quả số %s ngày %s, người ký: %s", d->result_number,
                                d->result_date, d->result_signer);
        ev->actor_name = "Lãnh đạo đơn vị";
        break;
    }
    case EV_RETURN:
        d->returned_at = t;
        d->return_method = l->channel == CHANNEL_POST                             ? "post"
                           : l->channel == CHANNEL_ONLINE && d->result_electronic ? "online"
                                                                                  : "counter";
        break;
    }
    if (demo_kind_to[kind])
        d->status = demo_kind_to[kind];
    d->updated_at = t;
}

int demo_sample_scan(const char *data_dir, char sha[65], int64_t *size, struct err *e)
{
    static const char *const objects[] = {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R"
        " /Resources << /Font << /F1 5 0 R >> >> >>",
        NULL, /* the content stream */
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    };
    static const char text[] = "BT /F1 16 Tf 72 770 Td (Ban quet mau - motcua demo) Tj ET";
    struct strbuf pdf = STRBUF_INIT;
    size_t offsets[5], i, xref;
    char dir[4200], path[4300];
    FILE *f;
    int rc = -1;

    strbuf_addstr(&pdf, "%PDF-1.4\n");
    for (i = 0; i < 5; i++) {
        offsets[i] = pdf.len;
        if (objects[i])
            strbuf_addf(&pdf, "%zu 0 obj\n%s\nendobj\n", i + 1, objects[i]);
        else
            strbuf_addf(&pdf, "%zu 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream\nendobj\n",
                        i + 1, sizeof(text) - 1, text);
    }
    xref = pdf.len;
    strbuf_addstr(&pdf, "xref\n0 6\n0000000000 65535 f \n");
    for (i = 0; i < 5; i++)
        strbuf_addf(&pdf, "%010zu 00000 n \n", offsets[i]);
    strbuf_addf(&pdf, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
    crypto_sha256_hex(pdf.buf, pdf.len, sha);
    *size = (int64_t)pdf.len;
    snprintf(dir, sizeof(dir), "%s/%.2s", data_dir, sha);
    snprintf(path, sizeof(path), "%s/%s", dir, sha);
    if ((mkdir(data_dir, 0750) < 0 && errno != EEXIST) ||
        (mkdir(dir, 0750) < 0 && errno != EEXIST)) {
        err_storage(e, errno, dir);
        goto out;
    }
    if (!(f = fopen(path, "wb"))) {
        err_storage(e, errno, path);
        goto out;
    }
    rc = fwrite(pdf.buf, 1, pdf.len, f) == pdf.len ? 0 : -1;
    if (fclose(f) != 0 || rc < 0) {
        rc = -1;
        err_storage(e, errno, path);
    }
out:
    strbuf_release(&pdf);
    return rc;
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

/* The consulted agency's linked dossier, answered when the life got that far. */
static int write_child(struct demo *c, struct life *l, const struct dossier *parent,
                       const char *code, int answered)
{
    struct dossier ch = {0};
    struct dossier_step step = {
        1, "Cho ý kiến, phối hợp giải quyết", NULL, NULL, "consult", 24, 0, 0, 0};
    struct dossier_event ev = {0};

    ch = *parent;
    ch.id = 0;
    ch.code = code;
    ch.agency = ch.current_unit = l->consulted;
    ch.parent_id = parent->id;
    ch.status = answered ? DOSSIER_RETURNED : DOSSIER_PROCESSING;
    ch.submitted_by = 0;
    ch.summary = arena_printf(&c->a, "Lấy ý kiến cho hồ sơ %s", parent->code);
    ch.duration_kind = "working";
    ch.duration_days = 3;
    ch.submitted_at = ch.received_at = ch.created_at = l->consult_at;
    ch.due_at = ch.original_due_at = l->consulted_due;
    ch.finished_at = ch.returned_at = answered ? l->answered_at : 0;
    ch.closed_at = ch.paused_at = ch.apology_at = ch.apology_previous_due_at = 0;
    ch.fee_amount = ch.fee_paid_amount = ch.fee_paid_at = 0;
    ch.fee_method = ch.fee_receipt = ch.close_reason = ch.apology_reason = NULL;
    ch.apology_cause = NULL;
    ch.return_method = answered ? "inter-agency" : NULL;
    ch.result_number = answered ? arena_printf(&c->a, "%d/CV", 100 + rng_pick(&c->rng, 900)) : NULL;
    ch.result_date = ch.result_signer = NULL;
    ch.result_electronic = 0;
    ch.step = 1;
    ch.supplement_count = ch.open_children = ch.resume_status = 0;
    ch.supplement_request = NULL;
    ch.components = NULL;
    ch.ncomponents = 0;
    ch.updated_at = answered ? ch.returned_at : l->consult_at;
    if (dossier_insert(c->db, &ch, &c->e) < 0)
        return -1;
    step.unit = l->consulted;
    step.started_at = l->consult_at;
    step.due_at = l->consulted_due;
    step.finished_at = ch.finished_at;
    ev.at = l->consult_at;
    ev.action = "receive";
    ev.to_status = DOSSIER_PROCESSING;
    ev.actor_name = "Cán bộ xử lý";
    ev.unit = parent->current_unit;
    ev.to_unit = l->consulted;
    ev.note = arena_printf(&c->a, "Liên thông từ hồ sơ %s", parent->code);
    ev.step_due_at = l->consulted_due;
    if (dossier_steps_insert(c->db, ch.id, &step, 1, &c->e) < 0 ||
        dossier_add_event(c->db, ch.id, &ev, &c->e) < 0)
        return -1;
    if (!answered)
        return 0;
    memset(&ev, 0, sizeof(ev));
    ev.at = ch.finished_at;
    ev.action = "finish";
    ev.from_status = DOSSIER_PROCESSING;
    ev.to_status = DOSSIER_RETURNED;
    ev.actor_name = "Lãnh đạo đơn vị";
    ev.unit = ev.to_unit = l->consulted;
    ev.timeliness = timeliness_name(dossier_timeliness(ch.finished_at, ch.due_at));
    ev.note = arena_printf(&c->a, "Kết quả số %s", ch.result_number);
    return dossier_add_event(c->db, ch.id, &ev, &c->e);
}

/* Writes the life as far as it has come by now: the dossier, its step, its events, the rest. */
int demo_write_life(struct demo *c, const struct demo_wish *w, struct life *l)
{
    struct dossier d = {0};
    struct dossier_event ev[24];
    struct dossier_step step = {1, "Thụ lý, giải quyết hồ sơ", NULL, NULL, "process", 0, 0, 0, 0};
    const char *child_code = NULL;
    int n = demo_reached(c, l), i, nev = 0, answered = 0;

    if (applicant(c, l, &d) < 0)
        return -1;
    for (i = 0; i < n; i++) {
        int kind = l->m[i].kind;
        if (kind >= MARK_DUE_SOON)
            continue;
        memset(&ev[nev], 0, sizeof(ev[nev]));
        apply(c, l, kind, l->m[i].at, &d, &ev[nev]);
        if (kind == EV_CONSULT) {
            if (next_code(c, l->consulted, l->consult_at, &child_code) < 0)
                return -1;
            ev[nev].note = arena_printf(&c->a, "Hồ sơ liên thông %s", child_code);
        }
        if (kind == EV_CONSULT_DONE) {
            answered = 1;
            ev[nev].note = arena_printf(&c->a, "Hồ sơ liên thông %s: kết quả", child_code);
        }
        nev++;
    }
    if (dossier_insert(c->db, &d, &c->e) < 0 || add_scans(c, &d) < 0)
        return -1;
    for (i = 0; i < nev; i++)
        if (dossier_add_event(c->db, d.id, &ev[i], &c->e) < 0)
            return -1;
    if (d.step) {
        step.unit = l->proc_unit;
        step.hours = l->dp->days * WORKDAY_HOURS;
        step.started_at = l->handover;
        step.due_at = d.paused_at ? l->due : l->due_final; /* moved when the pause ends */
        step.finished_at = d.finished_at;
        if (dossier_steps_insert(c->db, d.id, &step, 1, &c->e) < 0)
            return -1;
    }
    if (child_code && write_child(c, l, &d, child_code, answered) < 0)
        return -1;
    c->counts[d.status]++;
    if (d.status == DOSSIER_RETURNED && w->rated && d.returned_at + 3600 <= c->now) {
        double r = rng_uniform(&c->rng);
        struct rating rt = {d.id, r < 0.72 ? 1 : r < 0.95 ? 2 : 3, {0}, NULL, d.returned_at + 3600};
        for (int k = 0; k < RATING_CRITERIA; k++)
            rt.criteria[k] = rng_uniform(&c->rng) < 0.6 ? 3 + rng_pick(&c->rng, 3) : 0;
        if (rating_insert(c->db, &rt, &c->e) < 0)
            return -1;
    }
    return 0;
}
