/*
 * The demo's dossiers (see demo.h): a life planned forward over the working
 * calendar, cut at the demo's moment, written with its control sheet, its
 * process step, a consulted agency's linked dossier and the applicant's rating.
 */
#include "cmd/demo.h"
#include "core/date.h"
#include "core/worktime.h"
#include "lib/crypto.h"
#include "lib/strbuf.h"
#include "store/agencies.h"
#include "store/dossiers.h"
#include "store/files.h"
#include "store/ratings.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#define CENTRE        "000.00.01.H99"
#define COMMUNE_FIRST 17                      /* index of the first commune in demo_agencies */
#define SPAN          (510 * WORKDAY_MINUTES) /* how long before now a life may start: two years */

enum kind {
    EV_SUBMIT,
    EV_ACCEPT,
    EV_RECEIVE,
    EV_REFUSE,
    EV_HANDOVER,
    EV_CONSULT,
    EV_CONSULT_DONE,
    EV_SUPPLEMENT_REQUEST,
    EV_SUPPLEMENT,
    EV_PAYMENT_REQUEST,
    EV_PAY,
    EV_APOLOGY,
    EV_FINISH,
    EV_RETURN,
    EV_WITHDRAW,
    EV_STOP,
    MARK_DUE_SOON, /* a working day before the due time: not written */
    MARK_DUE,      /* the due time: not written */
};

/* The status each event leads to (0: unchanged). */
static const int kind_to[] = {
    DOSSIER_NEW,
    DOSSIER_RECEIVED,
    DOSSIER_RECEIVED,
    DOSSIER_REFUSED,
    DOSSIER_PROCESSING,
    0,
    0,
    DOSSIER_SUPPLEMENT,
    DOSSIER_PROCESSING,
    DOSSIER_FINANCIAL,
    DOSSIER_PROCESSING,
    0,
    DOSSIER_PROCESSED,
    DOSSIER_RETURNED,
    DOSSIER_WITHDRAWN,
    DOSSIER_STOPPED,
    0,
    0,
};

static const char *const kind_action[] = {
    "submit",       "accept",
    "receive",      "refuse",
    "handover",     "consult",
    "consult_done", "request-supplement",
    "supplement",   "request-payment",
    "pay",          "apologize",
    "finish",       "return",
    "withdraw",     "stop",
    NULL,           NULL,
};

struct moment {
    int64_t at;
    int kind;
};

/* One dossier's life, planned from a draw and the working minutes its receipt lies before now. */
struct life {
    struct rng rng;
    const struct demo_procedure *dp;
    int pidx, channel, duration_kind, n;
    const char *unit, *proc_unit, *consulted;
    int64_t submitted, received, due, due_final, new_due, handover, finish, consulted_due;
    int64_t paused, resumed, consult_at, answered_at;
    struct moment m[24];
};

static int64_t work(struct demo *c, int64_t t, int64_t minutes)
{
    int64_t out = t;
    if (worktime_add(&c->cal, &office_hours_default, t, minutes, &out, &c->e) < 0)
        err_clear(&c->e); /* a life beyond the calendar's years is cut by now anyway */
    return out;
}

static void at(struct life *l, int kind, int64_t t)
{
    l->m[l->n].at = t;
    l->m[l->n++].kind = kind;
}

/* The life of a wish whose receipt lies `x` working minutes before now. */
static void plan(struct demo *c, const struct demo_wish *w, int64_t x, uint64_t seed,
                 struct life *l)
{
    const struct demo_procedure *dp = l->dp;
    double span = dp->days * WORKDAY_MINUTES * (dp->calendar_days ? 5.0 / 7 : 1);
    int64_t start, cur, due;
    int i, j;

    rng_seed(&l->rng, seed);
    l->n = 0;
    l->new_due = l->consult_at = l->paused = 0;
    if (worktime_sub(&c->cal, &office_hours_default, c->now, x, &start, &c->e) < 0)
        start = c->now - x * 60;
    if (l->channel == CHANNEL_ONLINE) {
        l->submitted = start - rng_pick(&l->rng, 16 * 3600);
        at(l, EV_SUBMIT, l->submitted);
        if (w->end == END_REFUSED) {
            at(l, EV_REFUSE, work(c, l->submitted, 30 + rng_pick(&l->rng, 200)));
            return;
        }
        l->received = work(c, l->submitted, 30 + rng_pick(&l->rng, 450));
        at(l, EV_ACCEPT, l->received);
    } else {
        l->submitted = l->received = start;
        at(l, EV_RECEIVE, l->received);
    }
    if (worktime_due(&c->cal, &office_hours_default, l->received, l->duration_kind, dp->days, &due,
                     &c->e) < 0)
        due = l->received + (int64_t)(dp->days * 86400);
    l->due = l->due_final = due;
    if (w->end == END_REFUSED) { /* at the counter, while the applicant waits */
        at(l, EV_REFUSE, work(c, l->received, 5 + rng_pick(&l->rng, 60)));
        return;
    }
    cur = l->handover = work(c, l->received, 15 + rng_pick(&l->rng, (int)(span / 5) + 1));
    at(l, EV_HANDOVER, cur);
    if (w->consult) {
        l->consult_at = work(c, cur, 30 + rng_pick(&l->rng, (int)(span / 10) + 1));
        l->consulted_due = work(c, l->consult_at, 3 * WORKDAY_MINUTES);
        at(l, EV_CONSULT, l->consult_at);
        l->answered_at = cur = work(c, l->consult_at, 60 + rng_pick(&l->rng, (int)(span / 3) + 1));
        at(l, EV_CONSULT_DONE, cur);
    }
    if (w->supplement) {
        l->paused = work(c, cur, 60 + rng_pick(&l->rng, 480));
        l->resumed = work(c, l->paused, 480 + rng_pick(&l->rng, 2400));
        worktime_resume(&c->cal, &office_hours_default, l->due, l->paused, l->resumed,
                        &l->due_final, &c->e);
        at(l, EV_SUPPLEMENT_REQUEST, l->paused);
        at(l, EV_SUPPLEMENT, cur = l->resumed);
    }
    if (w->end == END_WITHDRAWN || w->end == END_STOPPED) {
        at(l, w->end == END_WITHDRAWN ? EV_WITHDRAW : EV_STOP,
           work(c, cur, 240 + rng_pick(&l->rng, 960)));
        return;
    }
    if (w->fee && dp->fee) {
        at(l, EV_PAYMENT_REQUEST, cur = work(c, cur, 30 + rng_pick(&l->rng, (int)(span / 8) + 1)));
        at(l, EV_PAY, cur = work(c, cur, 30 + rng_pick(&l->rng, (int)(span / 8) + 1)));
    }
    due = l->due_final;
    if (w->late) {
        l->finish = work(c, due, 60 + rng_pick(&l->rng, 2400));
    } else { /* somewhere in the working time left, most well before the due time */
        int64_t left = 0;
        double f = rng_uniform(&l->rng) < 0.6 ? 0.1 + 0.6 * rng_uniform(&l->rng)
                                              : 0.8 + 0.2 * rng_uniform(&l->rng);
        worktime_between(&c->cal, &office_hours_default, cur, due, &left, &c->e);
        l->finish = work(c, cur, left > 30 ? 30 + (int64_t)(f * (double)(left - 30)) : 30);
    }
    if (w->apology && l->finish > due) { /* at least a working day before the due time */
        int64_t apology = 0;
        worktime_sub(&c->cal, &office_hours_default, due, 480 + rng_pick(&l->rng, 480), &apology,
                     &c->e);
        if (apology > cur) {
            l->new_due = work(c, l->finish, rng_pick(&l->rng, 960));
            at(l, EV_APOLOGY, apology);
        }
    }
    at(l, EV_FINISH, l->finish);
    at(l, EV_RETURN, work(c, l->finish, 1 + rng_pick(&l->rng, 1440)));
    if (worktime_sub(&c->cal, &office_hours_default, due, WORKDAY_MINUTES, &start, &c->e) == 0)
        at(l, MARK_DUE_SOON, start);
    at(l, MARK_DUE, due);
    for (i = 1; i < l->n; i++) /* in time order; stable */
        for (j = i; j > 0 && l->m[j].at < l->m[j - 1].at; j--) {
            struct moment t = l->m[j];
            l->m[j] = l->m[j - 1];
            l->m[j - 1] = t;
        }
}

/* How many moments of the life have happened by now. */
static int reached(const struct demo *c, const struct life *l)
{
    int n = 0;
    while (n < l->n && l->m[n].at <= c->now)
        n++;
    return n;
}

/* The moment where the wish wants the cut: the last one leading to its status, or a mark. */
static int target(const struct demo_wish *w, const struct life *l)
{
    static const int moment_of[] = {-1, MARK_DUE, MARK_DUE_SOON, EV_APOLOGY, EV_CONSULT};
    int i, want = moment_of[w->at];

    for (i = l->n - 1; i >= 0; i--)
        if (want >= 0 ? l->m[i].kind == want : kind_to[l->m[i].kind] == w->status)
            return i;
    return -1;
}

/* -1 before the wished moment, 0 at it (it happened, the next has not), 1 past it. */
static int where(struct demo *c, const struct demo_wish *w, int64_t x, uint64_t seed,
                 struct life *l)
{
    int t, n;

    plan(c, w, x, seed, l);
    t = target(w, l);
    n = reached(c, l);
    if (t < 0)
        return 2;
    return n <= t ? -1 : n == t + 1 ? 0 : 1;
}

/* The least x in [lo, SPAN] at which where() reaches `side`, or SPAN + 1. */
static int64_t bisect(struct demo *c, const struct demo_wish *w, uint64_t seed, int side,
                      int64_t lo, struct life *l)
{
    int64_t hi = SPAN + 1;

    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (where(c, w, mid, seed, l) >= side)
            hi = mid;
        else
            lo = mid + 1;
    }
    return lo;
}

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
    char day[8], code[DOSSIER_CODE_MAX];
    int y, m, d, number;
    int64_t local = date_local_day(t);

    date_civil_from_days(local, &y, &m, &d);
    snprintf(day, sizeof(day), "%02d%02d%02d", y % 100, m, d);
    if (dossier_next_number(c->db, unit, day, &number, &c->e) < 0 ||
        dossier_code_format(unit, local, number, code) < 0)
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
    ev->action = kind_action[kind];
    ev->from_status = kind == EV_SUBMIT || kind == EV_RECEIVE ? 0 : d->status;
    ev->to_status = kind_to[kind] ? kind_to[kind] : d->status;
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
    if (kind_to[kind])
        d->status = kind_to[kind];
    d->updated_at = t;
}

int demo_store_scan(struct demo *c, const char *data_dir)
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
    crypto_sha256_hex(pdf.buf, pdf.len, c->scan_sha);
    c->scan_size = (int64_t)pdf.len;
    snprintf(dir, sizeof(dir), "%s/%.2s", data_dir, c->scan_sha);
    snprintf(path, sizeof(path), "%s/%s", dir, c->scan_sha);
    if ((mkdir(data_dir, 0750) < 0 && errno != EEXIST) ||
        (mkdir(dir, 0750) < 0 && errno != EEXIST)) {
        err_storage(&c->e, errno, dir);
        goto out;
    }
    if (!(f = fopen(path, "wb"))) {
        err_storage(&c->e, errno, path);
        goto out;
    }
    rc = fwrite(pdf.buf, 1, pdf.len, f) == pdf.len ? 0 : -1;
    if (fclose(f) != 0 || rc < 0) {
        rc = -1;
        err_storage(&c->e, errno, path);
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
static int write_life(struct demo *c, const struct demo_wish *w, struct life *l)
{
    struct dossier d = {0};
    struct dossier_event ev[24];
    struct dossier_step step = {1, "Thụ lý, giải quyết hồ sơ", NULL, NULL, "process", 0, 0, 0, 0};
    const char *child_code = NULL;
    int n = reached(c, l), i, nev = 0, answered = 0;

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
        step.hours = l->dp->days * 8;
        step.started_at = l->handover;
        step.due_at = l->due_final;
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

/* The procedure, the units and the channel of a wish. */
static void choose(struct demo *c, const struct demo_wish *w, struct life *l)
{
    const struct demo_procedure *dp;
    int i;

    for (i = 0;; i++) { /* commune procedures are filed most */
        l->pidx = rng_pick(&c->rng, (int)demo_procedures_len);
        dp = &demo_procedures[l->pidx];
        int commune = !strcmp(dp->level, "commune");
        if ((w->commune >= 0 && commune != w->commune) ||
            (w->owner && strcmp(dp->owner, w->owner)) || (w->fee && !dp->fee) ||
            (w->channel == CHANNEL_ONLINE && !dp->online))
            continue;
        if (w->commune >= 0 || commune || !rng_pick(&c->rng, 3) || i > 100)
            break;
    }
    l->dp = dp;
    l->duration_kind = dp->calendar_days ? DURATION_CALENDAR : DURATION_WORKING;
    l->unit = w->unit ? w->unit
              : strcmp(dp->level, "commune")
                  ? CENTRE
                  : demo_agencies[COMMUNE_FIRST +
                                  rng_pick(&c->rng, (int)demo_agencies_len - COMMUNE_FIRST)]
                        .id;
    l->proc_unit = !strcmp(dp->level, "commune") ? l->unit : dp->owner;
    /* a department asks another department; a commune asks the land office */
    l->consulted = strcmp(l->proc_unit, "000.00.02.H99") ? "000.00.02.H99" : "000.00.04.H99";
    l->channel = w->channel                                  ? w->channel
                 : dp->online && rng_uniform(&c->rng) < 0.55 ? CHANNEL_ONLINE
                 : rng_uniform(&c->rng) < 0.06               ? CHANNEL_POST
                                                             : CHANNEL_COUNTER;
}

int demo_dossier_random(struct demo *c)
{
    struct demo_wish w = {0};
    struct life l;
    double roll = rng_uniform(&c->rng);

    w.commune = -1;
    choose(c, &w, &l);
    w.end = roll < 0.02   ? END_REFUSED
            : roll < 0.03 ? END_WITHDRAWN
            : roll < 0.04 ? END_STOPPED
                          : END_RESULT;
    w.supplement = roll > 0.06 && rng_uniform(&c->rng) < 0.08;
    w.consult = strcmp(l.proc_unit, l.unit) && rng_uniform(&c->rng) < 0.05;
    w.fee = 1;
    w.late = rng_uniform(&c->rng) < 0.02;
    w.apology = rng_uniform(&c->rng) < 0.7;
    w.rated = rng_uniform(&c->rng) < 0.15;
    plan(c, &w, 1 + (int64_t)rng_pick(&c->rng, SPAN), rng_next(&c->rng), &l);
    return write_life(c, &w, &l);
}

int demo_dossier_wished(struct demo *c, const struct demo_wish *w)
{
    struct life l;
    int64_t lo, hi, x = 1;
    uint64_t seed = 0;
    int tries;

    choose(c, w, &l);
    for (tries = 0; tries < 20; tries++) {
        seed = rng_next(&c->rng);
        lo = bisect(c, w, seed, 0, 1, &l);
        if (lo > SPAN)
            continue;
        hi = bisect(c, w, seed, 1, lo, &l);
        if (hi > SPAN) /* the wished moment is the last: a recent one */
            hi = lo + 20 * WORKDAY_MINUTES;
        if (hi <= lo)
            continue;
        x = lo + rng_pick(&c->rng, (int)(hi - lo));
        if (where(c, w, x, seed, &l) == 0)
            break;
    }
    plan(c, w, x, seed, &l);
    return write_life(c, w, &l);
}
