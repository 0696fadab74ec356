/* The demo province's agencies and procedures, shared by `motcua demo` and `motcua gen`. */
#include "cmd/demo_data.h"
#include "core/components.h"
#include "core/dossier.h"
#include "core/fold.h"
#include "core/worktime.h"
#include "store/agencies.h"
#include "store/procedures.h"

#include <stdio.h>
#include <string.h>

/* Extra communes are named from these, "Xã Tân An", "Xã Phú Bình", ... */
static const char *const first_words[] = {"Tân",  "Phú",   "An",    "Hòa",   "Vĩnh",
                                          "Bình", "Thạnh", "Long",  "Đông",  "Tây",
                                          "Nam",  "Bắc",   "Trung", "Quang", "Hưng"};
#define NFIRST (sizeof(first_words) / sizeof(first_words[0]))

/* What some procedures ask of the applicant (yêu cầu, điều kiện); the others ask nothing more. */
static const struct {
    const char *name, *conditions;
} conditions[] = {
    {"Đăng ký khai sinh",
     "Người đi đăng ký khai sinh là cha, mẹ, ông, bà hoặc người thân thích khác của trẻ em.\n"
     "Việc đăng ký khai sinh thực hiện trong thời hạn 60 ngày kể từ ngày sinh."},
    {"Đăng ký kết hôn",
     "Nam từ đủ 20 tuổi trở lên, nữ từ đủ 18 tuổi trở lên.\n"
     "Việc kết hôn do nam và nữ tự nguyện quyết định; hai bên không bị mất năng lực hành vi dân "
     "sự.\nKhông thuộc trường hợp cấm kết hôn theo Luật Hôn nhân và gia đình."},
    {"Cấp giấy phép xây dựng nhà ở riêng lẻ",
     "Phù hợp với mục đích sử dụng đất theo quy hoạch sử dụng đất được phê duyệt.\n"
     "Bảo đảm an toàn cho công trình, công trình lân cận và yêu cầu về bảo vệ môi trường, phòng "
     "cháy, chữa cháy."},
    {"Đăng ký thành lập hộ kinh doanh",
     "Cá nhân, thành viên hộ gia đình là công dân Việt Nam có năng lực hành vi dân sự đầy đủ.\n"
     "Tên hộ kinh doanh không trùng với tên hộ kinh doanh đã đăng ký trong phạm vi cấp xã."},
    {"Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam",
     "Công dân Việt Nam, người nước ngoài đã hoặc đang cư trú tại Việt Nam có quyền yêu cầu cấp "
     "Phiếu lý lịch tư pháp."},
};
#define NCONDITIONS (sizeof(conditions) / sizeof(conditions[0]))

static const char *conditions_of(const char *name)
{
    size_t i;

    for (i = 0; i < NCONDITIONS; i++)
        if (!strcmp(conditions[i].name, name))
            return conditions[i].conditions;
    return NULL;
}

static int add_agency(struct db *db, struct arena *a, int64_t now, const char *id, const char *name,
                      const char *parent, const char *level, struct err *e)
{
    struct agency ag = {0};

    ag.id = id;
    ag.name = name;
    ag.parent = parent;
    ag.level = level;
    ag.office_hours = "07:30-11:30,13:00-17:00";
    ag.active = 1;
    if (!strcmp(level, "centre")) {
        ag.address = "Số 2 đường Trần Hưng Đạo, phường Bắc Sơn, tỉnh Sơn Hà";
        ag.phone = "0239 3856 789";
        ag.opening_hours = "Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu; "
                           "sáng thứ Bảy 7h30–11h30";
    } else if (!strcmp(level, "commune")) {
        /* "Phường Bắc Sơn" is "phường Bắc Sơn" inside a sentence */
        ag.address = arena_printf(a, "Trụ sở Ủy ban nhân dân %c%s, tỉnh Sơn Hà",
                                  name[0] == 'P'   ? 'p'
                                  : name[0] == 'X' ? 'x'
                                                   : name[0],
                                  name + 1);
        ag.opening_hours = "Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu";
    }
    return agency_insert(db, &ag, now, e);
}

/*
 * How a component of the demo catalog is handed in online: the identity card's
 * copy is optional (the officer reads the population database); originals that
 * must be shown or signed before the officer are brought to the counter; the
 * rest is uploaded.
 */
static int requirement_of(const char *name)
{
    static const char *const counter[] = {"Giấy chứng nhận đã cấp", "Bản chính giấy tờ, văn bản",
                                          "Giấy tờ, văn bản cần chứng thực chữ ký",
                                          "Hợp đồng chuyển nhượng đã công chứng", NULL};
    size_t i;

    if (!strcmp(name, "Bản sao Căn cước công dân"))
        return COMPONENT_OPTIONAL;
    for (i = 0; counter[i]; i++)
        if (!strcmp(name, counter[i]))
            return COMPONENT_COUNTER;
    return COMPONENT_REQUIRED;
}

size_t demo_process_of(const struct demo_procedure *dp, struct process_step *out)
{
    double total = dp->days * WORKDAY_HOURS, approve, issue;

    if (dp->calendar_days)
        return 0;
    approve = total >= 10 ? (double)(int)(total * 0.2 + 0.5) : 2;
    issue = total >= 20 ? (double)(int)(total * 0.1 + 0.5) : 1;
    out[0] = (struct process_step){"Chuyên viên thụ lý, thẩm định hồ sơ", NULL, "process",
                                   total - 1 - approve - issue};
    out[1] = (struct process_step){"Lãnh đạo phê duyệt", NULL, "approve", approve};
    out[2] = (struct process_step){"Ban hành kết quả, chuyển Bộ phận một cửa trả kết quả", NULL,
                                   "process", issue};
    return DEMO_PROCESS_STEPS;
}

/* The procedure's one variant with its process, when it has one. */
static int add_process(struct db *db, struct arena *a, const struct demo_procedure *dp,
                       int64_t procedure_id, int64_t *variant_id, struct err *e)
{
    struct procedure_variant v = {0};

    *variant_id = 0;
    v.steps = arena_calloc(a, DEMO_PROCESS_STEPS, sizeof(*v.steps));
    if (!(v.nsteps = demo_process_of(dp, v.steps)))
        return 0;
    v.name = "Quy trình giải quyết";
    v.duration_days = dp->days;
    v.duration_kind = "working";
    v.online_duration_days = -1;
    if (procedure_set_variants(db, procedure_id, &v, 1, e) < 0)
        return -1;
    *variant_id = v.id;
    return 0;
}

static int add_procedures(struct db *db, struct arena *a, int64_t now, int64_t ids[],
                          int64_t variant_ids[], struct err *e)
{
    int64_t variant;
    size_t i;

    for (i = 0; i < demo_procedures_len && i < DEMO_PROCEDURES_MAX; i++) {
        const struct demo_procedure *d = &demo_procedures[i];
        struct procedure p = {0};
        char *parts = arena_strdup(a, d->components), *tok, *save = NULL;
        const char *raw;
        char *folded;

        p.code = arena_printf(a, "1.%06zu", 900101 + i * 7 % 899);
        p.name = d->name;
        p.field = d->field;
        p.level = d->level;
        p.agency = d->owner;
        p.duration_days = d->days;
        p.duration_kind = d->calendar_days ? "calendar" : "working";
        p.online_duration_days = -1;
        p.online_class = d->online == 2 ? "full" : d->online == 1 ? "partial" : NULL;
        p.online_level = d->online == 2 ? 4 : d->online == 1 ? 3 : 2;
        p.result_name = arena_printf(a, "Kết quả giải quyết: %s", d->name);
        p.legal_basis = "Quyết định công bố danh mục thủ tục hành chính của Chủ tịch Ủy ban nhân "
                        "dân tỉnh Sơn Hà";
        p.decision_number = "1234/QĐ-UBND";
        p.decision_date = "2025-07-01";
        p.effective_date = "2025-07-01";
        p.status = "active";
        p.any_place = !strcmp(d->level, "commune");
        p.conditions = conditions_of(d->name);
        p.components = arena_calloc(a, 8, sizeof(*p.components));
        for (tok = strtok_r(parts, "|", &save); tok && p.ncomponents < 8;
             tok = strtok_r(NULL, "|", &save)) {
            char *colon = strchr(tok, ':');
            *colon = '\0';
            p.components[p.ncomponents].kind = tok;
            p.components[p.ncomponents].name = colon + 1;
            p.components[p.ncomponents].count = 1;
            p.components[p.ncomponents].requirement = requirement_of(colon + 1);
            p.ncomponents++;
        }
        if (d->fee) {
            p.fees = arena_calloc(a, 1, sizeof(*p.fees));
            p.fees[0].name = "Lệ phí";
            p.fees[0].amount = d->fee;
            p.nfees = 1;
        }
        raw = arena_printf(a, "%s %s %s", p.code, p.name, p.field);
        folded = arena_alloc(a, strlen(raw) + 1);
        fold_text(raw, strlen(raw), folded);
        if (procedure_insert(db, &p, folded, now, e) < 0 ||
            add_process(db, a, d, p.id, &variant, e) < 0)
            return -1;
        ids[i] = p.id;
        if (variant_ids)
            variant_ids[i] = variant;
    }
    return 0;
}

int demo_add_catalog(struct db *db, struct arena *a, int64_t now, int extra_communes,
                     int64_t procedure_ids[], int64_t variant_ids[], struct err *e)
{
    size_t i;
    int k;

    for (i = 0; i < demo_agencies_len; i++)
        if (add_agency(db, a, now, demo_agencies[i].id, demo_agencies[i].name,
                       demo_agencies[i].parent, demo_agencies[i].level, e) < 0)
            return -1;
    for (k = 0; k < extra_communes; k++) {
        const char *id = arena_printf(a, "000.%02d.%02d.H99", 1 + k / 60, 31 + k % 60);
        const char *name = arena_printf(a, "Xã %s %s", first_words[k % NFIRST],
                                        demo_given[(k / NFIRST) % demo_given_len]);
        if (add_agency(db, a, now, id, name, demo_agencies[0].id, "commune", e) < 0)
            return -1;
    }
    return add_procedures(db, a, now, procedure_ids, variant_ids, e);
}
