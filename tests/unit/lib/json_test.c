/* Tests for src/lib/json.c and src/lib/err.c */
#include "../test.h"
#include "lib/json.h"

static json_t *parse(const char *s)
{
    struct err e = ERR_INIT;
    json_t *j = NULL;

    assert_int_equal(json_parse_object(s, strlen(s), &j, &e), 0);
    return j;
}

static void parsing(void **state)
{
    struct err e = ERR_INIT;
    json_t *j;

    (void)state;
    assert_int_equal(json_parse_object("", 0, &j, &e), -1);
    assert_int_equal(e.http, 400);
    err_clear(&e);
    assert_int_equal(json_parse_object("[1]", 3, &j, &e), -1);
    assert_int_equal(e.http, 400);
    err_clear(&e);
    assert_int_equal(json_parse_object("{\"a\":1,\"a\":2}", 13, &j, &e), -1);
    err_clear(&e);
    assert_int_equal(json_parse_object("{\"a\":\"\xc3\x28\"}", 10, &j, &e), -1); /* bad UTF-8 */
    j = parse("{\"big\": 9007199254740993}");
    assert_int_equal(json_integer_value(json_object_get(j, "big")), 9007199254740993LL);
    json_decref(j);
}

static void readers(void **state)
{
    static const char *const keys[] = {"name", "n", "x", "flag", "kind", "obj", NULL}; /* not ctl */
    static const char *const kinds[] = {"working", "calendar", NULL};
    json_t *j = parse("{\"name\":\"  Nguyễn Văn A \",\"n\":5,\"x\":2.5,\"flag\":true,"
                      "\"kind\":\"lunar\",\"obj\":[],\"extra\":1,\"ctl\":\"a\\nb\"}");
    struct err e = ERR_INIT;
    int64_t n;
    double x;
    int b;

    (void)state;
    assert_int_equal(jv_known(j, NULL, keys, &e), -1);
    assert_string_equal(e.fields[0].field, "extra");
    assert_string_equal(jv_string(j, NULL, "name", JV_REQUIRED, 20, &e), "  Nguyễn Văn A ");
    assert_null(jv_string(j, NULL, "name", JV_REQUIRED, 5, &e)); /* too long: 15 characters */
    assert_int_equal(jv_int(j, NULL, "n", 0, 1, 10, &n, &e), 1);
    assert_int_equal(n, 5);
    assert_int_equal(jv_int(j, NULL, "n", 0, 6, 10, &n, &e), -1);
    assert_int_equal(jv_int(j, NULL, "x", 0, 0, 10, &n, &e), -1);
    assert_int_equal(jv_number(j, NULL, "x", 0, 0, 10, &x, &e), 1);
    assert_int_equal(jv_bool(j, NULL, "flag", 0, &b, &e), 1);
    assert_true(b);
    assert_int_equal(jv_int(j, NULL, "missing", 0, 0, 1, &n, &e), 0);
    assert_int_equal(jv_int(j, "p", "missing", JV_REQUIRED, 0, 1, &n, &e), -1);
    assert_null(jv_string(j, NULL, "ctl", 0, 10, &e));
    {
        json_t *blank = parse("{\"s\":\"  \"}");
        int before = e.nfields;
        assert_null(jv_string(blank, NULL, "s", 0, 10, &e)); /* blank optional: absent */
        assert_int_equal(e.nfields, before);
        json_decref(blank);
    }
    assert_string_equal(jv_string(j, NULL, "ctl", JV_MULTILINE, 10, &e), "a\nb");
    assert_int_equal(jv_choice("lunar", kinds, NULL, "kind", &e), -1);
    assert_int_equal(jv_choice("calendar", kinds, NULL, "kind", &e), 1);
    assert_null(jv_typed(j, NULL, "obj", JSON_OBJECT, 0, &e));
    assert_non_null(jv_typed(j, NULL, "obj", JSON_ARRAY, 0, &e));
    assert_int_equal(e.http, 422);
    {
        const char *want[] = {"extra", "ctl", "name", "n", "x", "p.missing", "ctl", "kind", "obj"};
        /* the stable codes and parameters the web translates */
        const char *codes[] = {"unknown_field",      "unknown_field", "too_long",
                               "out_of_range",       "type",          "required",
                               "control_characters", "not_one_of",    "type"};
        const char *params[] = {"",      "", "5", "6..10", "integer", "", "", "working, calendar",
                                "object"};
        int i;
        assert_int_equal(e.nfields, 9);
        for (i = 0; i < 9; i++) {
            assert_string_equal(e.fields[i].field, want[i]);
            assert_string_equal(e.fields[i].code, codes[i]);
            assert_string_equal(e.fields[i].param, params[i]);
        }
    }
    json_decref(j);
}

static void errors(void **state)
{
    struct err e = ERR_INIT;
    int i;

    (void)state;
    assert_int_equal(err_set(&e, 404, "not_found", "no %s", "thing"), -1);
    assert_string_equal(e.msg, "no thing");
    err_wrap(&e, "lookup");
    assert_string_equal(e.msg, "lookup: no thing");
    err_clear(&e);
    for (i = 0; i < ERR_FIELDS_MAX + 5; i++)
        err_field(&e, "f", "m%d", i);
    assert_int_equal(e.nfields, ERR_FIELDS_MAX);
    assert_int_equal(e.http, 422);
    assert_int_equal(utf8_length("Đất đai"), 7);
}

/* Every string of a body comes out in NFC, at any depth; lengths count the NFC form. */
static void bodies_come_out_in_nfc(void **state)
{
    struct err e = ERR_INIT;
    json_t *j = parse("{\"name\": \"nguye\\u0302\\u0303n\", \"list\": [{\"x\": \"e\\u0302\"}],"
                      " \"short\": \"e\\u0302\\u0303e\\u0302\\u0303\"}");

    (void)state;
    assert_string_equal(json_string_value(json_object_get(j, "name")), "nguy\xe1\xbb\x85n");
    assert_string_equal(
        json_string_value(json_object_get(json_array_get(json_object_get(j, "list"), 0), "x")),
        "\xc3\xaa");
    /* six code points as sent, two characters once composed */
    assert_non_null(jv_string(j, NULL, "short", 0, 2, &e));
    assert_int_equal(e.http, 0);
    json_decref(j);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parsing),
        cmocka_unit_test(readers),
        cmocka_unit_test(errors),
        cmocka_unit_test(bodies_come_out_in_nfc),
    };
    return cmocka_run_group_tests_name("lib/json", tests, NULL, NULL);
}
