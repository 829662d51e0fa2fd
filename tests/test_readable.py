"""Readable for everyone, without a browser: the reading-mode links, honest error
pages in the requested language, titles without repetition, a site map that matches
sitemap.xml. (The browser checks are in tests/browser/test_readable_browser.py.)"""

import re
from html import unescape
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from tests.helpers import tags, text_of
from yuzhong_site.core import public_urls

pytestmark = pytest.mark.django_db


def h1_text(html):
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    return unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip() if match else None


def main_of(html):
    assert '<main id="main"' in html
    return html.split('<main id="main"', 1)[1].split("</main>", 1)[0]


def test_high_contrast_is_a_second_plain_link_that_combines_with_large_text(client, home):
    html = text_of(client.get("/"))
    link = [a for a in tags(html, "a") if a.get("href", "").startswith(reverse("contrast"))][0]
    response = client.get(link["href"])
    assert response.status_code == 302 and response["Location"] == "/"
    assert response.cookies["yz_contrast"].value == "high"
    client.get(reverse("text_size") + "?size=large&next=/")
    html_class = tags(text_of(client.get("/")), "html")[0]["class"]
    assert "yz-high-contrast" in html_class and "yz-large-text" in html_class
    html = text_of(client.get("/en/"))
    assert "Standard contrast" in html and "Standard text size" in html
    response = client.get(reverse("contrast") + "?contrast=normal&next=https://evil.example/")
    assert response["Location"] == "/"
    assert "yz-high-contrast" not in tags(text_of(client.get("/")), "html")[0]["class"]


@pytest.mark.parametrize(
    ("path", "first", "second", "home_link", "search", "site_map"),
    [
        ("/en/no-such-page/", "This page cannot be found", "找不到这个页面", "/en/", "/en/search/",
         "/en/sitemap/"),
        ("/no-such-page/", "找不到这个页面", "This page cannot be found", "/", "/search/",
         "/sitemap/"),
    ],
)
def test_404_page_is_in_the_requested_language_first_with_search_site_map_and_home(
    client, home, settings, path, first, second, home_link, search, site_map
):
    settings.DEBUG = False
    response = client.get(path)
    assert response.status_code == 404
    html = text_of(response)
    main = main_of(html)
    assert h1_text(main) == first
    assert main.index(first) < main.index(second)
    assert tags(html, "html")[0]["lang"] == ("en" if path.startswith("/en/") else "zh-Hans")
    assert tags(main, "form", action=search)
    assert tags(main, "a", href=site_map)
    assert tags(main, "a", href=home_link)
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1)
    assert title.startswith(first)


@pytest.mark.parametrize(("language", "first", "search"), [
    ("en", "Something went wrong", "/en/search/"), ("zh-hans", "服务暂时出错", "/search/"),
])
def test_500_page_is_in_the_requested_language_first_and_needs_no_database(
    rf, language, first, search, django_assert_num_queries
):
    from django.utils import translation
    from django.views.defaults import server_error

    with translation.override(language), django_assert_num_queries(0):
        response = server_error(rf.get("/"))
    html = text_of(response)
    assert response.status_code == 500
    assert h1_text(html) == first
    assert "服务暂时出错" in html and "Something went wrong" in html
    assert tags(html, "form", action=search)
    assert tags(html, "a", href=search.replace("search/", "sitemap/"))
    assert tags(html, "a", href=search.replace("search/", ""))


def _html_urls(client):
    """Every public HTML page: pages and routes (core/public_urls.py) and the page-like views
    that need arguments (indicators, projects, districts…), found through sitemap.xml."""
    urls = [item.url for item in public_urls.all_public_urls() if item.kind != "search"]
    urls += sorted(_sitemap_xml_paths(client))
    return [
        url for url in dict.fromkeys(urls)
        if not re.search(r"\.(csv|json|xml|txt)$|/api/|feed/|/_util/", url)
    ]


@pytest.mark.crawl
def test_no_page_title_repeats_a_segment(demo_client):
    checked = 0
    for url in _html_urls(demo_client):
        response = demo_client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        title = unescape(re.search(r"<title>(.*?)</title>", text_of(response), re.S).group(1))
        segments = [segment.strip() for segment in title.split(" · ")]
        assert all(segments), (url, title)
        assert len(segments) == len(set(segments)), (url, title)
        checked += 1
    assert checked > 40
    home_title = re.search(r"<title>(.*?)</title>", text_of(demo_client.get("/"))).group(1)
    assert home_title.count("十四五") == 1


def _sitemap_xml_paths(client):
    xml = text_of(client.get("/sitemap.xml"))
    return {
        urlsplit(unescape(loc)).path + ("?" + urlsplit(unescape(loc)).query if urlsplit(unescape(loc)).query else "")
        for loc in re.findall(r"<loc>(.*?)</loc>", xml)
    }


def _site_map_paths(client, url):
    main = main_of(text_of(client.get(url)))
    body = main.split("yz-site-map__home", 1)[1]  # after the search form
    body = body.split('class="yz-report-error"', 1)[0]  # the page's own 纠错 link is no entry
    return {unescape(a["href"]) for a in tags(body, "a")}


def test_site_map_lists_exactly_what_sitemap_xml_lists_in_each_language(demo_client):
    in_xml = _sitemap_xml_paths(demo_client)
    chinese = _site_map_paths(demo_client, "/sitemap/")
    english = _site_map_paths(demo_client, "/en/sitemap/")
    api = {path for path in in_xml if path.startswith("/api/")}
    assert chinese == {p for p in in_xml if not p.startswith("/en/")}
    assert english == {p for p in in_xml if p.startswith("/en/")} | api
    # every kind of page and page-like view is there
    for wanted in ("/plan/services/", "/plan/metrics/", "/plan/projects/", "/visit/districts/",
                   "/visit/shibati/", "/visit/red-culture-walk/", "/updates/?year=2021",
                   "/data/", "/data/metrics.csv", "/api/v1/openapi.json"):
        assert any(path.startswith(wanted) for path in chinese), wanted
        assert any(path.startswith(wanted) or path.startswith("/en" + wanted) for path in english)


def test_site_map_query_count_does_not_grow_with_content(client, demo_content, page_cache_off,
                                                          django_assert_max_num_queries):
    # Fixed per section and per registered group, never per page or record: the demo content
    # has 100+ pages, 9 indicators, 14 projects and 7 districts.
    with django_assert_max_num_queries(35):
        assert client.get("/en/sitemap/").status_code == 200
    with django_assert_max_num_queries(55):
        assert client.get("/sitemap.xml").status_code == 200


MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
ENGLISH_DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b")
CHINESE_DATE = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日")
# Anything else that looks like a day: ISO or slashed numbers, "Jan. 28, 2021", "2021 28 January",
# "January 28", a Chinese date on an English page.
OTHER_DATES = re.compile(
    rf"\b\d{{4}}[-/.]\d{{1,2}}[-/.]\d{{1,2}}\b|\b\d{{1,2}}/\d{{1,2}}/\d{{4}}\b"
    rf"|\b(?:{MONTHS}|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{{1,2}}\b"
    rf"|\b\d{{4}} \d{{1,2}} (?:{MONTHS})\b|\d{{4}}年\d{{1,2}}月\d{{1,2}}日"
)


def visible_text(html):
    html = re.sub(r"<(script|style|title)\b.*?</\1>", " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def test_long_date_is_the_one_date_format_per_language():
    import datetime

    from yuzhong_site.core.dates import long_date

    day = datetime.date(2021, 1, 28)
    assert long_date(day, "zh-hans") == "2021年1月28日"
    assert long_date(day, "en") == "28 January 2021"
    assert long_date(None) == ""


@pytest.mark.crawl
def test_every_english_page_writes_dates_one_way(demo_client):
    dates_seen, failures = 0, []
    for url in _html_urls(demo_client):
        if not url.startswith("/en/"):
            continue
        response = demo_client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        html = text_of(response)
        if '<main id="main"' not in html:
            continue  # not a page of the site (e.g. a redirect target outside the shell)
        if "has not been translated into English yet" in html:
            continue  # an untranslated page shows the Chinese text, and says so
        # Web addresses (the printed list of sources gives them) may hold dates of their own.
        text = re.sub(r"https?://\S+", " ", visible_text(main_of(html)))
        dates_seen += len(ENGLISH_DATE.findall(text))
        failures += [(url, found) for found in OTHER_DATES.findall(ENGLISH_DATE.sub("", text))]
    assert failures == []
    assert dates_seen >= 5


def test_chinese_pages_write_dates_as_year_month_day(demo_client):
    html = text_of(demo_client.get("/updates/"))
    assert CHINESE_DATE.search(visible_text(main_of(html)))
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", visible_text(main_of(html)))


def _choice_sets():
    from districts.models import Category, District, FactKind, SourceTier
    from plans.models import Metric
    from plans.status import MetricStatus, ProjectStatus

    return {
        "indicator kind": Metric.Kind, "indicator status": MetricStatus,
        "project status": ProjectStatus, "heritage category": Category,
        "district kind": District.Kind, "source tier": SourceTier, "visiting fact": FactKind,
    }


def test_each_choice_has_one_chinese_and_one_english_label():
    from django.utils import translation

    cjk = re.compile(r"[\u3400-\u9fff]")
    for name, choices in _choice_sets().items():
        with translation.override("en"):
            english = [str(label) for label in choices.labels]
        with translation.override("zh-hans"):
            chinese = [str(label) for label in choices.labels]
        assert len(set(english)) == len(english) and len(set(chinese)) == len(chinese), name
        for en, zh in zip(english, chinese, strict=True):
            assert not cjk.search(en), (name, en)  # no "Anticipatory (预期性)" mixtures
            assert cjk.search(zh) and not re.search(r"[A-Za-z]", zh), (name, zh)


@pytest.mark.crawl
def test_english_pages_use_the_english_labels_only(demo_client):
    from django.utils import translation

    with translation.override("zh-hans"):
        chinese_labels = {
            str(label) for choices in _choice_sets().values() for label in choices.labels
        }
    with translation.override("en"):  # the English labels these pages do show (project status…)
        english_labels = {
            str(label) for choices in _choice_sets().values() for label in choices.labels
        }
    found_label = False
    for url in _html_urls(demo_client):
        if not url.startswith("/en/plan/") and not url.startswith("/en/visit/"):
            continue
        html = text_of(demo_client.get(url))
        if "has not been translated into English yet" in html:
            continue
        # Chinese that is meant to be there is marked lang="zh-Hans" (the block to show a driver).
        english_only = re.sub(r'<(\w+)[^>]*\blang="zh-Hans"[^>]*>.*?</\1>', " ", main_of(html), flags=re.S)
        text = visible_text(english_only)
        leaked = [label for label in chinese_labels if len(label) >= 3 and label in text]
        assert leaked == [], (url, leaked)
        found_label = found_label or any(label in text for label in english_labels)
    assert found_label


def test_no_merge_conflict_leftovers_in_stylesheets_and_templates():
    # A stray "=======" line in site.css once made the browser drop the rule after it (the
    # driver block's border): CSS fails silently, so look for the markers themselves.
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    marker = re.compile(r"^(<{7}|={7}|>{7})(\s|$)", re.M)
    files = [*root.glob("static/**/*.css"), *root.glob("templates/**/*.html"),
             *root.glob("*/templates/**/*.html"), *root.glob("yuzhong_site/**/templates/**/*.html")]
    assert len(files) > 10
    assert [str(f.relative_to(root)) for f in files if marker.search(f.read_text())] == []
