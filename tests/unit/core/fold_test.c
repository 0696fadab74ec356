/* Tests for src/core/fold.c */
#include "../test.h"
#include "core/fold.h"
#include "lib/json.h"

static void expect_fold(const char *in, const char *want)
{
    char out[256];
    size_t n = fold_text(in, strlen(in), out);

    assert_string_equal(out, want);
    assert_int_equal(n, strlen(want));
}

static void vietnamese(void **state)
{
    (void)state;
    expect_fold("Thủ tục Đất đai", "thu tuc dat dai");
    expect_fold("ĐĂNG KÝ KHAI SINH", "dang ky khai sinh");
    expect_fold("Cấp giấy phép xây dựng nhà ở riêng lẻ", "cap giay phep xay dung nha o rieng le");
    expect_fold("Chứng thực bản sao từ bản chính", "chung thuc ban sao tu ban chinh");
    expect_fold("ưởng ựa ỹ ỵ ằ ẵ ặ ẫ ậ ề ễ ệ ổ ỗ ộ ờ ỡ ợ ừ ữ ự",
                "uong ua y y a a a a a e e e o o o o o o u u u");
}

/* Every letter of the Vietnamese alphabet with every tone, upper and lower case. */
static void every_vietnamese_letter(void **state)
{
    static const char *const groups[][2] = {
        {"aàáảãạăằắẳẵặâầấẩẫậAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬ", "a"},
        {"eèéẻẽẹêềếểễệEÈÉẺẼẸÊỀẾỂỄỆ", "e"},
        {"iìíỉĩịIÌÍỈĨỊ", "i"},
        {"oòóỏõọôồốổỗộơờớởỡợOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢ", "o"},
        {"uùúủũụưừứửữựUÙÚỦŨỤƯỪỨỬỮỰ", "u"},
        {"yỳýỷỹỵYỲÝỶỸỴ", "y"},
        {"dđDĐ", "d"},
    };
    size_t g;

    (void)state;
    for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
        char out[512];
        size_t n = fold_text(groups[g][0], strlen(groups[g][0]), out), i;
        for (i = 0; i < n; i++)
            if (out[i] != groups[g][1][0])
                fail_msg("group %s: character %zu folded to '%c'", groups[g][1], i, out[i]);
        assert_int_equal(n, utf8_length(groups[g][0]));
    }
}

/* Decomposed input (NFD): base letters followed by combining marks. */
static void decomposed(void **state)
{
    (void)state;
    /* "Thủ tục" as T h u + U+0309 space t u + U+0323 c */
    expect_fold("Thu\xcc\x89 tu\xcc\xa3\x63", "thu tuc");
    /* "Đất" with â as a + U+0302 and the tone U+0301 */
    expect_fold("\xc4\x90\x61\xcc\x82\xcc\x81t", "dat");
}

static void other_text(void **state)
{
    (void)state;
    expect_fold("", "");
    expect_fold("ABC xyz 123 -_.", "abc xyz 123 -_.");
    expect_fold("Ελλάδα", "Ελλάδα"); /* other scripts pass through */
    expect_fold("日本 ç", "日本 c");
    expect_fold("\xff\xfe"
                "A",
                "\xff\xfe"
                "a"); /* invalid bytes kept, never lengthened */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(vietnamese),
        cmocka_unit_test(every_vietnamese_letter),
        cmocka_unit_test(decomposed),
        cmocka_unit_test(other_text),
    };
    return cmocka_run_group_tests_name("core/fold", tests, NULL, NULL);
}
