"""What a visitor sees on /search/ and /en/search/: ranked, labelled, highlighted, paginated
results, and a polite answer to any input."""

import pytest

from tests.helpers import assert_page_budget, tags, text_of
from tests.search_fixtures import build_many_pages, build_search_content
from tests.snapshots import snapshot_fixture
from yuzhong_site.search import views

pytestmark = [pytest.mark.django_db, pytest.mark.indexes]


@pytest.fixture
@snapshot_fixture
def content(home, english_home):
    return build_search_content(home)


def result_titles(html):
    from html.parser import HTMLParser

    class Titles(HTMLParser):
        def __init__(self):
            super().__init__()
            self.titles, self.inside, self.current = [], False, ""

        def handle_starttag(self, tag, attrs):
            if tag == "h2" and ("class", "yz-result__title") in attrs:
                self.inside, self.current = True, ""

        def handle_endtag(self, tag):
            if tag == "h2" and self.inside:
                self.titles.append(self.current.strip())
                self.inside = False

        def handle_data(self, data):
            if self.inside:
                self.current += data

    parser = Titles()
    parser.feed(html)
    return parser.titles


def search(client, query, language="zh-hans", **params):
    url = "/en/search/" if language == "en" else "/search/"
    return client.get(url, {"q": query, **params})


MATRIX = [
    # (language, query, top result)
    ("zh-hans", "十八梯", "十八梯传统风貌区"),
    ("zh-hans", "崖壁步道", "戴家巷崖壁步道"),
    ("zh-hans", "领事馆", "白俄罗斯驻重庆总领事馆开馆"),
    ("zh-hans", "金融", "现代金融"),
    ("zh-hans", "老旧小区", "老旧小区改造"),
    ("zh-hans", "红岩", "红岩村"),
    ("zh-hans", "解放碑", "解放碑街道"),  # a district name in the title beats a page mention
    ("zh-hans", "朝天门", "朝天门街道"),
    ("zh-hans", "梯", "十八梯传统风貌区"),
    ("zh-hans", "鹅岭", "鹅岭历史街区"),
    ("en", "Shibati", "Shibati traditional quarter"),
    ("en", "consulate", "Belarus opens a consulate general"),
    ("en", "Hongyan", "Hongyan Village"),
    ("en", "walkway", "Daijiaxiang cliffside walkway"),
    ("en", "Chaotianmen", "Chaotianmen Sub-district"),  # a district by its English name
    ("en", "鹅岭", "鹅岭历史街区"),  # no English name yet: found, shown in Chinese
    ("en", "金融", "现代金融"),  # an untranslated page, found on the English site
]


@pytest.mark.parametrize(("language", "query", "top"), MATRIX)
def test_search_matrix_top_result(client, content, language, query, top):
    response = search(client, query, language)
    assert response.status_code == 200
    found = result_titles(text_of(response))
    assert found, f"no results for {query!r}"
    assert found[0] == top


def test_results_are_in_the_visitors_language(client, content):
    english = result_titles(text_of(search(client, "Shibati", "en")))
    assert "十八梯传统风貌区" not in english
    chinese = result_titles(text_of(search(client, "十八梯", "zh-hans")))
    assert "Shibati traditional quarter" not in chinese


def test_results_are_labelled_by_type_and_link_to_the_page(client, content):
    html = text_of(search(client, "解放碑"))
    assert "yz-result__label" in html
    assert "区县单元" not in html  # sanity: labels come from verbose names
    assert tags(html, "a", href="/cliff-walk/")  # the walkway page mentions 解放碑
    english = text_of(search(client, "Jiefangbei", "en"))
    assert tags(english, "a", href="/en/cliff-walk/")


def test_matched_words_are_highlighted(client, content):
    html = text_of(search(client, "崖壁步道"))
    assert "戴家巷<mark>崖壁步道</mark>" in html
    html = text_of(search(client, "walkway", "en"))
    assert "cliffside <mark>walkway</mark>" in html.lower()


def test_highlighting_escapes_the_text_before_marking_it(client, home, english_home):
    from yuzhong_site.core.models import StandardPage
    from yuzhong_site.core.pages import ensure_child_page

    ensure_child_page(home, StandardPage, "tricky", title="<b>步道</b> & 台阶", introduction="")
    html = text_of(search(client, "步道"))
    assert "&lt;b&gt;<mark>步道</mark>&lt;/b&gt; &amp; 台阶" in html
    assert "<b>步道" not in html


def test_untranslated_pages_say_so_in_english_results(client, content):
    html = text_of(search(client, "金融", "en"))
    assert "not yet translated" in html


BAD_QUERIES = [
    "", "   ", "!!!", "。，、", "a" * 10_000, "十" * 10_000, "<script>alert(1)</script>",
    "\x00", "十八\x00梯", "' OR 1=1 --", '"; DROP TABLE wagtailcore_page; --', "*", ":", "%",
    "a:b & c|d ! (", "NEAR(a b)", '十八梯"', "\\", "'''", "-", "AND OR NOT",
]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_bad_queries_get_a_polite_answer_never_an_error(client, content, language):
    for query in BAD_QUERIES:
        response = search(client, query, language)
        assert response.status_code in (200, 400), query
        html = text_of(response)
        assert "<script>alert" not in html, query
        assert "yz-search" in html, query


def test_an_empty_search_asks_for_a_word_in_the_visitors_language(client, content):
    assert "请输入" in text_of(search(client, "  "))
    assert "Please type a word" in text_of(search(client, "", "en"))


def test_punctuation_only_explains_what_to_type(client, content):
    assert "no letters, characters or numbers" in text_of(search(client, "!!!", "en"))


def test_a_very_long_query_is_shortened_and_says_so(client, content):
    response = search(client, "十八梯" + "x" * 10_000, "en")
    assert response.status_code == 200
    assert "shortened to its first 100 characters" in text_of(response)


def test_nul_in_the_url_is_harmless(client, content):
    response = client.get("/search/?q=%00%E5%8D%81%E5%85%AB%E6%A2%AF")
    assert response.status_code == 200
    assert result_titles(text_of(response))[0] == "十八梯传统风貌区"


@pytest.mark.parametrize("page", ["-1", "0", "abc", "1.5", "", "9" * 50])
def test_bad_page_numbers_answer_400_with_the_first_page(client, content, page):
    response = search(client, "十八梯", page=page)
    if page == "9" * 50:
        assert response.status_code == 200  # a huge number is just past the end
    else:
        assert response.status_code == 400
        assert "whole number" in text_of(search(client, "十八梯", "en", page=page))
    assert result_titles(text_of(response))


def test_a_page_past_the_end_shows_the_last_page(client, content, settings):
    response = search(client, "Shibati", "en", page="99999")
    assert response.status_code == 200
    assert "here is the last page" in text_of(response)
    assert result_titles(text_of(response)) == ["Shibati traditional quarter"]


def test_results_are_paginated(client, home, english_home, monkeypatch):
    monkeypatch.setattr(views, "RESULTS_PER_PAGE", 3)
    build_many_pages(home, 7)
    first = text_of(search(client, "街巷"))
    assert len(result_titles(first)) == 3
    assert "第 1 页，共 3 页" in first or "1" in first
    assert tags(first, "a", rel="next", href="?q=%E8%A1%97%E5%B7%B7&page=2")
    last = text_of(search(client, "街巷", page="3"))
    assert len(result_titles(last)) == 1
    assert tags(last, "a", rel="prev")


def test_the_header_has_a_search_box_that_works_without_javascript(client, content):
    html = text_of(client.get("/en/"))
    forms = tags(html, "form", role="search")
    assert forms and forms[0]["action"] == "/en/search/" and forms[0]["method"] == "get"
    assert [field for field in tags(html, "input", type="search") if field.get("name") == "q"]
    assert tags(text_of(client.get("/")), "form", action="/search/")


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_search_query_count_does_not_grow_with_content(
    client, home, english_home, language, page_cache_off
):
    path = ("/en/search/" if language == "en" else "/search/") + "?q=%E8%A1%97"
    build_search_content(home)
    client.get("/")
    client.get("/en/")
    few = assert_page_budget(client, [path], "with few pages")[path]
    build_many_pages(home, 25)
    many = assert_page_budget(client, [path], "with many pages")[path]
    # More pages can bring other page types among the shown results (a query for each type's
    # specific fields), never one per result: within the same budget either way.
    assert few and many
