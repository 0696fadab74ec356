/* Tests for src/core/filename.c */
#include <stdlib.h>

#include "../test.h"
#include "core/filename.h"

static const char *display(const char *given, const char *type)
{
    static char out[FILENAME_BYTES];

    assert_int_equal(filename_display(given, type, out), 0);
    return out;
}

static void keeps_a_plain_name(void **state)
{
    (void)state;
    assert_string_equal(display("t\xe1\xbb\x9d khai.pdf", "application/pdf"),
                        "t\xe1\xbb\x9d khai.pdf");
    assert_string_equal(display("bao-cao.v2.final.pdf", "application/pdf"), "bao-cao.v2.final.pdf");
    /* decomposed marks are composed: o + horn + grave is one letter */
    assert_string_equal(display("to\xcc\x9b\xcc\x80 khai.pdf", "application/pdf"),
                        "t\xe1\xbb\x9d khai.pdf");
}

static void the_extension_comes_from_the_content(void **state)
{
    (void)state;
    assert_string_equal(display("evil.html", "application/pdf"), "evil.pdf");
    assert_string_equal(display("scan.jpeg", "image/jpeg"), "scan.jpg");
    assert_string_equal(display("anh", "image/png"), "anh.png");
    assert_string_equal(display("x.exe", NULL), "x");
}

static void no_path_parts(void **state)
{
    (void)state;
    assert_string_equal(display("../../etc/passwd.pdf", "application/pdf"), "passwd.pdf");
    assert_string_equal(display("C:\\Users\\lan\\scan.png", "image/png"), "scan.png");
    assert_string_equal(display("..", "application/pdf"), "tep-tin.pdf");
    assert_string_equal(display(".htaccess", "application/pdf"), "htaccess.pdf");
    assert_string_equal(display("dir/", "application/pdf"), "tep-tin.pdf");
}

static void no_controls_overrides_or_invalid_bytes(void **state)
{
    (void)state;
    /* a right-to-left override shows "invoice\u202Efdp.exe" as "invoiceexe.pdf" */
    assert_string_equal(display("invoice\xe2\x80\xae"
                                "fdp.exe",
                                "application/pdf"),
                        "invoicefdp.pdf");
    assert_string_equal(display("a\xe2\x81\xa6"
                                "b\xe2\x81\xa9"
                                "c\xe2\x80\x8f.pdf",
                                "application/pdf"),
                        "abc.pdf");
    assert_string_equal(display("a\r\nb\x7f\xc2\x85"
                                "c.pdf",
                                "application/pdf"),
                        "abc.pdf");
    assert_string_equal(display("t\xffo\xc3.pdf", "application/pdf"), "to.pdf");
    assert_string_equal(display("\xff\xfe", "image/png"), "tep-tin.png");
    assert_string_equal(display("a\"b*c:d<e>f?g|h.pdf", "application/pdf"), "a_b_c_d_e_f_g_h.pdf");
    assert_string_equal(display(NULL, "application/pdf"), "tep-tin.pdf");
    assert_string_equal(display("  . ten .  .pdf", "application/pdf"), "ten.pdf");
}

static void bounded_length(void **state)
{
    char *longname = malloc(5000 * 3 + 5);
    const char *out;
    size_t i;

    (void)state;
    for (i = 0; i < 5000; i++)
        memcpy(longname + i * 3, "\xe1\xbb\x85", 3); /* ễ */
    strcpy(longname + 5000 * 3, ".pdf");
    out = display(longname, "application/pdf");
    assert_int_equal(strlen(out), (FILENAME_MAX_CHARS - 4) * 3 + 4);
    assert_string_equal(out + (FILENAME_MAX_CHARS - 4) * 3, ".pdf");
    memset(longname, 'a', 5000);
    longname[5000] = '\0';
    assert_int_equal(strlen(display(longname, "image/png")), FILENAME_MAX_CHARS);
    free(longname);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(keeps_a_plain_name),
        cmocka_unit_test(the_extension_comes_from_the_content),
        cmocka_unit_test(no_path_parts),
        cmocka_unit_test(no_controls_overrides_or_invalid_bytes),
        cmocka_unit_test(bounded_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
