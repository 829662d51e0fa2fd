"""Wagtail's search API finds Chinese substrings: the same matrix runs on SQLite and PostgreSQL."""

import pytest
from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from districts.models import District
from tests.search_fixtures import build_search_content
from tests.snapshots import snapshot_fixture

pytestmark = [pytest.mark.django_db, pytest.mark.indexes]


@pytest.fixture
@snapshot_fixture
def content(home, english_home):
    return build_search_content(home)


def titles(query, language="zh-hans", **kwargs):
    locale = Locale.objects.get(language_code=language)
    return [
        page.title
        for page in Page.objects.live().filter(locale=locale).search(query, **kwargs)
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("十八梯", "十八梯传统风貌区"),
        ("风貌区", "十八梯传统风貌区"),
        ("崖壁步道", "戴家巷崖壁步道"),
        ("领事馆", "白俄罗斯驻重庆总领事馆开馆"),
        ("总领事馆", "白俄罗斯驻重庆总领事馆开馆"),
        ("老旧小区", "老旧小区改造"),
        ("金融", "现代金融"),
        ("红岩", "红岩村"),
        ("梯", "十八梯传统风貌区"),  # one character
        ("区", "十八梯传统风貌区"),  # one character, last of its run
        ("十八梯 2021", "十八梯传统风貌区"),  # mixed Chinese and digits
        ("较场口", "十八梯传统风貌区"),  # found in the introduction
    ],
)
def test_chinese_queries_find_pages_containing_them(content, query, expected):
    assert expected in titles(query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Shibati", "Shibati traditional quarter"),
        ("consulate", "Belarus opens a consulate general"),
        ("Hongyan", "Hongyan Village"),
        ("cliffside walkway", "Daijiaxiang cliffside walkway"),
        ("十八梯", None),  # English pages are searched in English…
        ("金融", "现代金融"),  # …but an untranslated alias still shows its Chinese text
    ],
)
def test_english_queries_find_english_pages(content, query, expected):
    found = titles(query, "en")
    if expected is None:
        assert found == []
    else:
        assert expected in found


def test_a_query_does_not_match_pages_that_only_share_one_character(content):
    assert "现代金融" not in titles("老旧小区")
    assert titles("步道梯") == []  # all bigrams of a word must match


def test_results_put_the_best_match_first(content):
    assert titles("十八梯")[0] == "十八梯传统风貌区"
    assert titles("崖壁步道")[0] == "戴家巷崖壁步道"


def test_queries_of_punctuation_or_syntax_match_nothing_and_never_fail(content):
    for query in ['"', "'", "*", "!!!", "：", '"; DROP TABLE wagtailcore_page; --', "a:b & c|d"]:
        assert isinstance(titles(query), list)
    assert titles("！？。") == []


def test_or_operator_combines_words(content):
    found = titles("十八梯 红岩", operator="or")
    assert {"十八梯传统风貌区", "红岩村"} <= set(found)


def test_snippets_are_searched_in_both_languages(content):
    backend = get_search_backend()
    assert [d.slug for d in backend.search("解放碑", District)] == ["jiefangbei"]
    assert [d.slug for d in backend.search("Chaotianmen", District)] == ["chaotianmen"]
    assert [d.slug for d in backend.search("鹅岭", District)] == ["eling"]
    assert {d.slug for d in backend.search("街道", District)} == {"jiefangbei", "chaotianmen"}


def test_autocomplete_finds_a_chinese_prefix(content):
    found = [p.title for p in Page.objects.live().autocomplete("十八")]
    assert "十八梯传统风貌区" in found


def test_the_backend_is_the_chinese_aware_one():
    backend = get_search_backend()
    assert type(backend).__name__.startswith("Chinese")


def test_admin_page_search_finds_chinese_substrings(admin_client, content):
    response = admin_client.get("/admin/pages/search/", {"q": "崖壁步道"})
    assert response.status_code == 200
    assert "戴家巷崖壁步道" in response.content.decode()


QUERIES = ["十八梯", "风貌区", "红岩", "区", "梯", "Shibati", "finance", "渝中", "nothing-here", "!!"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_one_query_for_every_source_ranks_as_each_sources_own_search(rf, content, language):
    """The public search reads pages and every registered data type from one full-text query
    (``ranked_ids``); what each source finds, and in which order, is what that source's own
    search (modelsearch's, with its relevance order) finds — on SQLite and on PostgreSQL."""
    from django.utils import translation

    from yuzhong_site.search import views

    backend = get_search_backend()
    assert hasattr(backend, "ranked_ids")
    found_any = False
    with translation.override(language):
        for query in QUERIES:
            request = rf.get("/search/", {"q": query})
            ranked = [(n, [o.pk for o in objs]) for n, _t, objs in views._sources(request, query)]
            method = type(backend).ranked_ids
            del type(backend).ranked_ids  # each source searched on its own, as before
            try:
                each = [(n, [o.pk for o in objs]) for n, _t, objs in views._sources(request, query)]
            finally:
                type(backend).ranked_ids = method
            assert ranked == each, (language, query)
            found_any = found_any or any(ids for _n, ids in ranked)
    assert found_any
