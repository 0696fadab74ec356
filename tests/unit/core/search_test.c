/* Procedure search expressions: all words, synonyms in place, any word. */
#include "../test.h"
#include "core/search.h"

static const struct synonym syn[] = {
    {"giay khai sinh", "khai sinh"},
    {"cccd", "can cuoc"},
    {"lltp", "ly lich tu phap"},
};

static void expr(const char *q, enum search_mode mode, const char *want)
{
    struct strbuf sb = STRBUF_INIT;

    search_expr(q, syn, 3, mode, &sb);
    assert_string_equal(sb.len ? sb.buf : "", want);
    strbuf_release(&sb);
}

static void every_word_is_a_required_prefix(void **state)
{
    (void)state;
    expr("dang ky khai sinh", SEARCH_ALL, "(\"dang\"* AND \"ky\"* AND \"khai\"* AND \"sinh\"*)");
    expr("  ,, ", SEARCH_ALL, "");
    expr("a-b", SEARCH_ALL, "(\"a\"* AND \"b\"*)");
}

static void a_synonym_is_another_way_to_match(void **state)
{
    (void)state;
    expr("giay khai sinh", SEARCH_ALL,
         "(\"giay\"* AND \"khai\"* AND \"sinh\"*) OR (\"khai\"* AND \"sinh\"*)");
    expr("cap cccd moi", SEARCH_ALL,
         "(\"cap\"* AND \"cccd\"* AND \"moi\"*) OR (\"cap\"* AND \"can\"* AND \"cuoc\"* AND "
         "\"moi\"*)");
    expr("lltp", SEARCH_ALL, "(\"lltp\"*) OR (\"ly\"* AND \"lich\"* AND \"tu\"* AND \"phap\"*)");
    /* a term's words must follow each other */
    expr("khai giay sinh", SEARCH_ALL, "(\"khai\"* AND \"giay\"* AND \"sinh\"*)");
}

static void any_word_when_none_matches_all(void **state)
{
    (void)state;
    expr("khai sinh con a", SEARCH_ANY, "\"khai\"* OR \"sinh\"* OR \"con\"*");
    expr("a", SEARCH_ANY, "\"a\"*");
    expr("w z", SEARCH_ANY, "\"w\"* OR \"z\"*");
    expr("lam cccd", SEARCH_ANY, "\"lam\"* OR \"cccd\"* OR (\"can\"* AND \"cuoc\"*)");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_word_is_a_required_prefix),
        cmocka_unit_test(a_synonym_is_another_way_to_match),
        cmocka_unit_test(any_word_when_none_matches_all),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
