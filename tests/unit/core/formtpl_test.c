/* Tests for src/core/formtpl.c */
#include "../test.h"
#include "core/formtpl.h"

#include <stdio.h>
#include <stdlib.h>

#include "lib/strbuf.h"

extern const char *const form_sets[]; /* the shipped sets, one JSON text each */

static const char *const good =
    "{\"title\": \"GIẤY TIẾP NHẬN\", \"requires\": \"received\", \"font_size\": 12,"
    " \"orientation\": \"portrait\", \"blocks\": ["
    " {\"type\": \"header\", \"agency\": \"{agency.upper}\", \"date\": \"{place}\"},"
    " {\"type\": \"title\", \"text\": \"GIẤY TIẾP NHẬN\", \"size\": 14},"
    " {\"type\": \"text\", \"text\": \"Của: <b>{applicant.name}</b>\", \"style\": \"italic\","
    "  \"align\": \"justify\", \"indent\": 18, \"after\": 10},"
    " {\"type\": \"table\", \"source\": \"components\", \"size\": 11,"
    "  \"columns\": [{\"title\": \"TT\", \"width\": 6, \"align\": \"center\"}, {\"title\": \"Tên\","
    "  \"width\": 52}]},"
    " {\"type\": \"signatures\", \"columns\": [{\"title\": \"NGƯỜI NỘP\", \"name\": \"{x}\"}]},"
    " {\"type\": \"qr\", \"caption\": \"Quét mã\"}, {\"type\": \"space\", \"height\": 8}]}";

/* Checks json for form; returns the first field named, or "" when it passes. */
static const char *check(const char *json, const char *form, struct err *e)
{
    json_t *tpl = json_loads(json, 0, NULL);
    int rc;

    assert_non_null(tpl);
    err_clear(e);
    rc = formtpl_check(tpl, form, e);
    json_decref(tpl);
    if (rc == 0) {
        assert_int_equal(e->http, 0);
        return "";
    }
    assert_int_equal(e->http, 422);
    assert_true(e->nfields > 0);
    return e->fields[0].field;
}

/* The good template with the text `from` replaced by `to`. */
static const char *with(const char *from, const char *to)
{
    static char buf[4096];
    const char *at = strstr(good, from);

    assert_non_null(at);
    snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - good), good, to, at + strlen(from));
    return buf;
}

static void shipped_templates_pass(void **state)
{
    struct err e = ERR_INIT;
    size_t i, n = 0;

    (void)state;
    for (i = 0; form_sets[i]; i++) {
        json_t *set = json_loads(form_sets[i], 0, NULL), *tpl;
        const char *form;

        assert_non_null(set);
        json_object_foreach(json_object_get(set, "forms"), form, tpl)
        {
            char *json = json_dumps(tpl, JSON_COMPACT);
            const char *field = check(json, form, &e);
            if (*field)
                fail_msg("form %s: %s %s", form, field, e.fields[0].message);
            free(json);
            n++;
        }
        json_decref(set);
    }
    assert_true(n >= 13);
    assert_string_equal(check(good, "01", &e), "");
}

static void numbers_within_bounds(void **state)
{
    struct err e = ERR_INIT;

    (void)state;
    assert_string_equal(check(with("\"font_size\": 12", "\"font_size\": -5"), "01", &e),
                        "font_size");
    assert_string_equal(check(with("\"font_size\": 12", "\"font_size\": 0"), "01", &e),
                        "font_size");
    assert_string_equal(check(with("\"font_size\": 12", "\"font_size\": 1e300"), "01", &e),
                        "font_size");
    assert_string_equal(check(with("\"font_size\": 12", "\"font_size\": \"12\""), "01", &e),
                        "font_size");
    assert_string_equal(check(with("\"font_size\": 12", "\"font_size\": 6"), "01", &e), "");
    assert_string_equal(check(with("\"font_size\": 12", "\"font_size\": 40"), "01", &e), "");
    assert_string_equal(check(with("\"font_size\": 12", "\"font_size\": 40.5"), "01", &e),
                        "font_size");
    assert_string_equal(check(with("\"size\": 14", "\"size\": 5.9"), "01", &e), "blocks[1].size");
    assert_string_equal(check(with("\"indent\": 18", "\"indent\": 900"), "01", &e),
                        "blocks[2].indent");
    assert_string_equal(check(with("\"after\": 10", "\"after\": -1"), "01", &e), "blocks[2].after");
    assert_string_equal(check(with("\"height\": 8", "\"height\": 1e9"), "01", &e),
                        "blocks[6].height");
    assert_string_equal(check(with("\"width\": 52", "\"width\": 0"), "01", &e),
                        "blocks[3].columns[1].width");
    assert_string_equal(check(with("\"width\": 52", "\"width\": 1000"), "01", &e),
                        "blocks[3].columns[1].width");
    assert_string_equal(check(with("\"caption\": \"Quét mã\"", "\"size\": 900"), "01", &e),
                        "blocks[5].size");
}

static void known_names_only(void **state)
{
    struct err e = ERR_INIT;

    (void)state;
    assert_string_equal(check(good, "99", &e), "form");
    assert_string_equal(check(good, "1", &e), "form");
    assert_string_equal(
        check(with("\"requires\": \"received\"", "\"requires\": \"any\""), "01", &e), "requires");
    assert_string_equal(check(with("\"requires\": \"received\"", "\"requires\": null"), "01", &e),
                        "");
    assert_string_equal(check(with("\"type\": \"space\"", "\"type\": \"image\""), "01", &e),
                        "blocks[6].type");
    assert_string_equal(
        check(with("\"source\": \"components\"", "\"source\": \"nothing\""), "01", &e),
        "blocks[3].source");
    /* the register is form 06's table, not a dossier form's */
    assert_string_equal(
        check(with("\"source\": \"components\"", "\"source\": \"register\""), "01", &e),
        "blocks[3].source");
    assert_string_equal(check(with("\"style\": \"italic\"", "\"style\": \"blink\""), "01", &e),
                        "blocks[2].style");
    assert_string_equal(check(with("\"align\": \"justify\"", "\"align\": \"middle\""), "01", &e),
                        "blocks[2].align");
    assert_string_equal(
        check(with("\"orientation\": \"portrait\"", "\"orientation\": \"up\""), "01", &e),
        "orientation");
    assert_string_equal(
        check(with("\"height\": 8", "\"height\": 8, \"colour\": \"red\""), "01", &e),
        "blocks[6].colour");
    assert_string_equal(check(with("\"title\": \"GIẤY TIẾP NHẬN\", \"requires\"",
                                   "\"title\": \"x\", \"script\": 1, \"requires\""),
                              "01", &e),
                        "script");
    assert_string_equal(check(with("{\"type\": \"space\", \"height\": 8}", "7"), "01", &e),
                        "blocks[6]");
}

static void counts_and_size_bounded(void **state)
{
    struct err e = ERR_INIT;
    struct strbuf sb = STRBUF_INIT;
    int i;

    (void)state;
    /* 500 tables */
    strbuf_addstr(&sb, "{\"title\": \"x\", \"blocks\": [");
    for (i = 0; i < 500; i++)
        strbuf_addf(&sb,
                    "%s{\"type\": \"table\", \"source\": \"components\", \"columns\": "
                    "[{\"title\": \"a\"}]}",
                    i ? ", " : "");
    strbuf_addstr(&sb, "]}");
    assert_string_equal(check(sb.buf, "01", &e), "blocks");
    /* five tables in few blocks */
    strbuf_reset(&sb);
    strbuf_addstr(&sb, "{\"title\": \"x\", \"blocks\": [");
    for (i = 0; i < 5; i++)
        strbuf_addf(&sb,
                    "%s{\"type\": \"table\", \"source\": \"control\", \"columns\": "
                    "[{\"title\": \"a\"}]}",
                    i ? ", " : "");
    strbuf_addstr(&sb, "]}");
    assert_string_equal(check(sb.buf, "05", &e), "blocks[4]");
    /* more columns than the source has */
    assert_string_equal(
        check(with("{\"title\": \"TT\"", "{}, {}, {}, {\"title\": \"TT\""), "01", &e),
        "blocks[3].columns");
    /* a text too long, and blocks too big in all */
    strbuf_reset(&sb);
    strbuf_addstr(&sb, "{\"title\": \"x\", \"blocks\": [");
    for (i = 0; i < 20; i++) {
        strbuf_addf(&sb, "%s{\"type\": \"text\", \"text\": \"", i ? ", " : "");
        for (int k = 0; k < 1900; k++)
            strbuf_addch(&sb, 'a');
        strbuf_addstr(&sb, "\"}");
    }
    strbuf_addstr(&sb, "]}");
    assert_string_equal(check(sb.buf, "01", &e), "blocks");
    assert_string_equal(check(with("Quét mã", "Quét mã\\u0001"), "01", &e), "blocks[5].caption");
    strbuf_release(&sb);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(shipped_templates_pass),
        cmocka_unit_test(numbers_within_bounds),
        cmocka_unit_test(known_names_only),
        cmocka_unit_test(counts_and_size_bounded),
    };
    return cmocka_run_group_tests_name("core/formtpl", tests, NULL, NULL);
}
