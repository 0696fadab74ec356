/* Tests for src/core/components.c */
#include "../test.h"
#include "core/components.h"
#include "core/dossier.h"

static void names(void **state)
{
    (void)state;
    assert_int_equal(component_requirement_parse("required"), COMPONENT_REQUIRED);
    assert_int_equal(component_requirement_parse("optional"), COMPONENT_OPTIONAL);
    assert_int_equal(component_requirement_parse("counter"), COMPONENT_COUNTER);
    assert_int_equal(component_requirement_parse("Counter"), -1);
    assert_int_equal(component_requirement_parse(""), -1);
    assert_int_equal(component_requirement_parse(NULL), -1);
    assert_string_equal(component_requirement_name(COMPONENT_COUNTER), "counter");
    assert_string_equal(component_requirement_name(COMPONENT_OPTIONAL), "optional");
    assert_string_equal(component_requirement_name(7), "required");
}

static void uploads(void **state)
{
    (void)state;
    /* online: only a required component must come as a file */
    assert_true(component_upload_needed(COMPONENT_REQUIRED, CHANNEL_ONLINE));
    assert_false(component_upload_needed(COMPONENT_OPTIONAL, CHANNEL_ONLINE));
    assert_false(component_upload_needed(COMPONENT_COUNTER, CHANNEL_ONLINE));
    /* at the counter and by post the officer checks the papers: nothing is refused for a file */
    assert_false(component_upload_needed(COMPONENT_REQUIRED, CHANNEL_COUNTER));
    assert_false(component_upload_needed(COMPONENT_REQUIRED, CHANNEL_POST));
    assert_true(component_mandatory(COMPONENT_REQUIRED));
    assert_true(component_mandatory(COMPONENT_COUNTER));
    assert_false(component_mandatory(COMPONENT_OPTIONAL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(names),
        cmocka_unit_test(uploads),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
