/* The service index's parts and their scoring. */
#include "core/sindex.h"

#include <string.h>

/*
 * Per part: its code, whether motcua records it, what it counts; how a success
 * adds to it (enum sindex_growth), the noun of what it counts and what to do
 * to win its points back, with {n} for how many more and {p} for its maximum
 * (none for a part not recorded).
 */
static const struct {
    const char *code;
    int recorded;
    const char *source;
    int growth;
    const char *noun, *todo;
} parts[SI_COUNT] = {
    [SI_PUBLISHED_ON_TIME] = {"published_on_time", 1,
                              "Thủ tục công bố trên hệ thống không muộn hơn ngày có hiệu lực / thủ "
                              "tục có ngày hiệu lực",
                              SI_GROWS_NUMERATOR, "thủ tục",
                              "Bảo đảm thêm {n} thủ tục được công bố không muộn hơn ngày có hiệu "
                              "lực để đạt đủ {p} điểm"},
    [SI_COMPLETE_CONTENT] = {"complete_content", 1,
                             "Thủ tục có đủ căn cứ pháp lý, thành phần hồ sơ, thời hạn, kết quả / "
                             "thủ tục của đơn vị",
                             SI_GROWS_NUMERATOR, "thủ tục",
                             "Công khai đủ căn cứ pháp lý, thành phần hồ sơ, thời hạn, kết quả của "
                             "thêm {n} thủ tục để đạt đủ {p} điểm"},
    [SI_SYNCED_PORTAL] = {"synced_portal", 1,
                          "Hồ sơ có mọi thay đổi được đồng bộ lên Cổng Dịch vụ công quốc gia trong "
                          "vòng 24 giờ / hồ sơ tiếp nhận trong kỳ",
                          SI_GROWS_NUMERATOR, "hồ sơ",
                          "Đồng bộ kịp thời (trong vòng 24 giờ) thêm {n} hồ sơ lên Cổng Dịch vụ "
                          "công quốc gia để đạt đủ {p} điểm"},
    [SI_ON_TIME] =
        {"on_time", 1,
         "Hồ sơ giải quyết trước hạn, đúng hạn (trừ hồ sơ bổ sung quá một lần) / hồ sơ "
         "đã giải quyết và hồ sơ đang giải quyết đã quá hạn",
         SI_GROWS_BOTH, "hồ sơ",
         "Giải quyết đúng hạn thêm {n} hồ sơ, không để hồ sơ nào trễ hạn, để đạt đủ {p} điểm"},
    [SI_PROCEDURES_ONLINE] =
        {"procedures_online", 1, "Thủ tục cung cấp dịch vụ công trực tuyến / thủ tục của đơn vị",
         SI_GROWS_NUMERATOR, "thủ tục",
         "Cung cấp dịch vụ công trực tuyến cho thêm {n} thủ tục để đạt đủ {p} điểm"},
    [SI_ONLINE_USED] = {"online_used", 1,
                        "Thủ tục trực tuyến có hồ sơ nộp trực tuyến trong kỳ / thủ tục trực tuyến",
                        SI_GROWS_NUMERATOR, "thủ tục",
                        "Có hồ sơ nộp trực tuyến trong kỳ cho thêm {n} thủ tục trực tuyến chưa "
                        "phát sinh hồ sơ để đạt đủ {p} điểm"},
    [SI_DOSSIERS_ONLINE] = {"dossiers_online", 1,
                            "Hồ sơ tiếp nhận trực tuyến / hồ sơ tiếp nhận mới trong kỳ",
                            SI_GROWS_BOTH, "hồ sơ",
                            "Tiếp nhận trực tuyến thêm {n} hồ sơ trong kỳ để đạt đủ {p} điểm"},
    [SI_PAID_ONLINE] =
        {"paid_online", 1, "Hồ sơ nộp phí, lệ phí trực tuyến / hồ sơ có nghĩa vụ tài chính",
         SI_GROWS_BOTH, "hồ sơ",
         "Có thêm {n} hồ sơ có nghĩa vụ tài chính được thanh toán trực tuyến để đạt đủ {p} điểm"},
    [SI_PROCEDURES_PAID_ONLINE] = {"procedures_paid_online", 1,
                                   "Thủ tục có phí, lệ phí được nộp trực tuyến trong kỳ / thủ tục "
                                   "có phí, lệ phí",
                                   SI_GROWS_NUMERATOR, "thủ tục",
                                   "Có thanh toán trực tuyến trong kỳ cho thêm {n} thủ tục có phí, "
                                   "lệ phí để đạt đủ {p} điểm"},
    [SI_PAYMENT_INTEGRATED] = {"payment_integrated", 0,
                               "Chưa ghi nhận: việc tích hợp nền tảng thanh toán trực tuyến",
                               SI_GROWS_NUMERATOR, "thủ tục", NULL},
    [SI_E_RESULTS] =
        {"e_results", 1, "Hồ sơ có kết quả điện tử / hồ sơ đã giải quyết", SI_GROWS_NUMERATOR,
         "hồ sơ",
         "Cấp kết quả điện tử cho thêm {n} hồ sơ đã giải quyết trong kỳ để đạt đủ {p} điểm"},
    [SI_DIGITISED] = {"digitised", 1,
                      "Thành phần hồ sơ có bản số hóa / thành phần hồ sơ đã tiếp nhận",
                      SI_GROWS_NUMERATOR, "thành phần hồ sơ",
                      "Số hóa thêm {n} thành phần hồ sơ đã tiếp nhận trong kỳ để đạt đủ {p} điểm"},
    [SI_REUSE] = {"reuse", 0, "Chưa ghi nhận: việc tái sử dụng dữ liệu đã số hóa",
                  SI_GROWS_NUMERATOR, "hồ sơ", NULL},
    [SI_CITIZEN_STORE] = {"citizen_store", 0,
                          "Chưa ghi nhận: việc đồng bộ kho dữ liệu của tổ chức, cá nhân",
                          SI_GROWS_NUMERATOR, "hồ sơ", NULL},
    [SI_POPULATION_AUTH] = {"population_auth", 0,
                            "Chưa ghi nhận: việc xác thực bằng tài khoản định danh điện tử",
                            SI_GROWS_BOTH, "hồ sơ", NULL},
    [SI_POPULATION_DATA] = {"population_data", 0,
                            "Chưa ghi nhận: việc khai thác Cơ sở dữ liệu quốc gia về dân cư",
                            SI_GROWS_BOTH, "hồ sơ", NULL},
    [SI_E_COPIES] = {"e_copies", 0, "Chưa ghi nhận: việc cấp bản sao điện tử có chứng thực",
                     SI_GROWS_BOTH, "hồ sơ", NULL},
    [SI_SATISFIED] = {"satisfied", 1, "Đánh giá rất hài lòng, hài lòng / tổng số đánh giá trong kỳ",
                      SI_GROWS_BOTH, "đánh giá",
                      "Có thêm {n} đánh giá hài lòng, rất hài lòng trong kỳ để đạt đủ {p} điểm"},
    [SI_FEEDBACK_ON_TIME] = {"feedback_on_time", 1,
                             "Phản ánh, kiến nghị được xử lý đúng hạn / phản ánh, kiến nghị đã "
                             "xử lý trong kỳ và đang xử lý đã quá hạn",
                             SI_GROWS_BOTH, "phản ánh, kiến nghị",
                             "Xử lý đúng hạn thêm {n} phản ánh, kiến nghị để đạt đủ {p} điểm"},
    [SI_FEEDBACK_SATISFIED] = {"feedback_satisfied", 1,
                               "Đánh giá rất hài lòng, hài lòng về kết quả trả lời phản ánh, kiến "
                               "nghị / tổng số đánh giá trong kỳ",
                               SI_GROWS_BOTH, "đánh giá",
                               "Có thêm {n} đánh giá hài lòng, rất hài lòng về kết quả trả lời "
                               "phản ánh, kiến nghị để đạt đủ {p} điểm"},
};

const char *sindex_part_code(int part)
{
    return part >= 0 && part < SI_COUNT ? parts[part].code : NULL;
}

int sindex_part_parse(const char *code)
{
    int p;

    for (p = 0; p < SI_COUNT; p++)
        if (!strcmp(parts[p].code, code))
            return p;
    return -1;
}

const char *sindex_part_source(int part)
{
    return part >= 0 && part < SI_COUNT ? parts[part].source : NULL;
}

int sindex_part_recorded(int part)
{
    return part >= 0 && part < SI_COUNT && parts[part].recorded;
}

int sindex_part_growth(int part)
{
    return part >= 0 && part < SI_COUNT ? parts[part].growth : SI_GROWS_NUMERATOR;
}

const char *sindex_part_noun(int part)
{
    return part >= 0 && part < SI_COUNT ? parts[part].noun : NULL;
}

const char *sindex_part_todo(int part)
{
    return part >= 0 && part < SI_COUNT ? parts[part].todo : NULL;
}

double sindex_part_points(int64_t num, int64_t den, const struct sindex_weight *w)
{
    double share;

    if (den <= 0)
        return 0;
    share = w->full_at > 0 ? (double)num / (double)den / w->full_at : 1;
    return w->max_points * (share > 1 ? 1 : share);
}

void sindex_compute(const struct sindex_measure m[SI_COUNT], const struct sindex_weight w[SI_COUNT],
                    struct sindex_result *out)
{
    int p;

    memset(out, 0, sizeof(*out));
    for (p = 0; p < SI_COUNT; p++) {
        struct sindex_score *s = &out->part[p];
        s->rate = -1;
        if (!parts[p].recorded) {
            s->applicable = m[p].den >= 0;
        } else if (m[p].den > 0) {
            s->applicable = 1;
            out->measured++;
            s->rate = (double)m[p].num / (double)m[p].den;
            s->points = sindex_part_points(m[p].num, m[p].den, &w[p]);
        }
        if (s->applicable) {
            out->points += s->points;
            out->max_points += w[p].max_points;
        }
    }
    out->total = out->max_points > 0 ? 100 * out->points / out->max_points : 0;
}

int sindex_grade(double total, const double *min_points, int ngrades)
{
    int g;

    for (g = 0; g < ngrades; g++)
        if (total + 1e-9 >= min_points[g])
            return g;
    return -1;
}
