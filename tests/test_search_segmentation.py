"""Chinese text is indexed and searched as overlapping character bigrams."""

from yuzhong_site.search.segmentation import (
    MAX_QUERY_LENGTH,
    QueryTerm,
    bigrams,
    clean_query,
    highlight_terms,
    segment_for_index,
    segment_query,
)


def test_a_run_of_chinese_becomes_overlapping_bigrams_plus_its_last_character():
    assert segment_for_index("十八梯传统风貌区") == "十八 八梯 梯传 传统 统风 风貌 貌区 区"


def test_latin_text_and_digits_are_left_alone():
    assert segment_for_index("Shibati reopened in 2021") == "Shibati reopened in 2021"


def test_mixed_text_splits_chinese_runs_from_latin_words_and_punctuation():
    assert segment_for_index("十八梯Shibati，老街") == "十八 八梯 梯 Shibati， 老街 街"


def test_a_single_character_is_kept_as_itself():
    assert segment_for_index("区") == "区"
    assert bigrams("区") == ["区"]
    assert segment_for_index("") == ""


def test_query_words_become_groups_of_bigrams():
    assert segment_query("老旧小区") == [
        [QueryTerm("老旧"), QueryTerm("旧小"), QueryTerm("小区")]
    ]
    assert segment_query("领事馆 Belarus") == [
        [QueryTerm("领事"), QueryTerm("事馆")],
        [QueryTerm("Belarus")],
    ]


def test_a_single_chinese_character_is_searched_as_a_prefix():
    assert segment_query("梯") == [[QueryTerm("梯", prefix=True)]]


def test_query_punctuation_and_syntax_never_reach_the_database():
    assert segment_query('"; DROP TABLE x; -- *') == [[QueryTerm("DROP")], [QueryTerm("TABLE")], [QueryTerm("x")]]
    assert segment_query("！？。，…") == []
    assert segment_query("   ") == []
    assert segment_query("<script>alert(1)</script>") == [
        [QueryTerm("script"), QueryTerm("alert"), QueryTerm("1"), QueryTerm("script")]
    ]


def test_queries_are_bounded():
    groups = segment_query("十" * 10_000)
    assert sum(len(group) for group in groups) <= 32
    text, truncated = clean_query("a" * 10_000)
    assert len(text) == MAX_QUERY_LENGTH and truncated


def test_control_characters_and_nul_are_removed():
    assert clean_query("十八\x00梯\t\n  ") == ("十八 梯", False)


def test_highlight_terms_prefer_the_whole_word_then_its_bigrams():
    assert highlight_terms("崖壁步道 walk") == ["崖壁步道", "walk", "崖壁", "壁步", "步道"]
