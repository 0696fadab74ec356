/* Tests for src/core/filetype.c */
#include "../test.h"
#include "core/filetype.h"

static void sniffing(void **state)
{
    static const unsigned char pdf[] = "%PDF-1.7\n", jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10},
                               png[] = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0},
                               gif[] = "GIF89a", exe[] = "MZ\x90\x00", html[] = "<html>",
                               short_png[] = {0x89, 'P', 'N', 'G'};

    (void)state;
    assert_string_equal(filetype_sniff(pdf, sizeof(pdf) - 1), "application/pdf");
    assert_string_equal(filetype_sniff(jpg, sizeof(jpg)), "image/jpeg");
    assert_string_equal(filetype_sniff(png, sizeof(png)), "image/png");
    assert_null(filetype_sniff(gif, sizeof(gif) - 1));
    assert_null(filetype_sniff(exe, 4));
    assert_null(filetype_sniff(html, sizeof(html) - 1));
    assert_null(filetype_sniff(short_png, sizeof(short_png)));
    assert_null(filetype_sniff(pdf, 0));
    assert_null(filetype_sniff(pdf, 4)); /* "%PDF" without the dash */
    assert_string_equal(filetype_extension("image/png"), ".png");
    assert_string_equal(filetype_extension("text/plain"), "");
    assert_string_equal(filetype_extension(NULL), "");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniffing),
    };
    return cmocka_run_group_tests_name("core/filetype", tests, NULL, NULL);
}
