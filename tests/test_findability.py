"""Search engines and readers find their way: sitemap.xml, robots.txt, meta tags (Open Graph
and the government-site tags), the HTML site map, and the report-an-error link."""

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own sitemap in tests

import pytest
from wagtail.models import Site

from tests.helpers import assert_page_budget, tags, text_of
from tests.search_fixtures import build_many_pages, build_search_content
from tests.snapshots import snapshot_fixture
from yuzhong_site.core.models import FooterSettings, StandardPage
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


@pytest.fixture
@snapshot_fixture
def content(home, english_home):
    pages = build_search_content(home)
    # a second level, so that the section (ColumnName) differs from the page
    child, _ = ensure_child_page(
        pages["shibati"], StandardPage, "lanes", title="十八梯的街巷", introduction="老街巷。"
    )
    ensure_translation(child, "en", title="The lanes of Shibati", introduction="Old lanes.")
    return pages


@pytest.fixture
def footer(home):
    settings = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    settings.site_id_code = "5001030001"
    settings.operator_zh_hans = "渝中“十四五”编辑组"
    settings.operator_en = "The Yuzhong Plan editors"
    settings.contact_email = "editors@example.org"
    settings.save()
    return settings


def sitemap_entries(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314
    entries = {}
    for url in root.findall("s:url", NS):
        loc = url.find("s:loc", NS).text
        entries[loc] = {
            link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
        }
    return entries


def test_sitemap_lists_every_page_in_both_languages_with_hreflang_pairs(client, content):
    entries = sitemap_entries(client)
    zh, en = "http://testserver/shibati/", "http://testserver/en/shibati/"
    expected = {"zh-Hans": zh, "en": en, "x-default": zh}
    assert entries[zh] == expected
    assert entries[en] == expected
    assert entries["http://testserver/"]["en"] == "http://testserver/en/"
    assert entries["http://testserver/shibati/lanes/"]["en"] == "http://testserver/en/shibati/lanes/"
    # every alternate points back: the pairs are symmetric
    for loc, alternates in entries.items():
        for language, href in alternates.items():
            if language != "x-default":
                assert entries[href] == alternates, loc


def test_sitemap_urls_are_on_the_host_that_robots_txt_and_the_pages_name(client, content):
    # The demo's Wagtail Site says localhost:80; `make run` serves 127.0.0.1:8000. The sitemap's
    # locations must agree with robots.txt's Sitemap line and with each page's canonical link.
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()
    host = {"HTTP_HOST": "127.0.0.1:8000"}
    assert "Sitemap: http://127.0.0.1:8000/sitemap.xml" in text_of(client.get("/robots.txt", **host))
    root = ET.fromstring(client.get("/sitemap.xml", **host).content)  # noqa: S314
    locations = [url.find("s:loc", NS).text for url in root.findall("s:url", NS)]
    alternates = [link.get("href") for link in root.iter("{http://www.w3.org/1999/xhtml}link")]
    assert "http://127.0.0.1:8000/en/shibati/" in locations
    assert locations and all(url.startswith("http://127.0.0.1:8000/") for url in locations + alternates)
    canonical = tags(text_of(client.get("/en/shibati/", **host)), "link", rel="canonical")[0]["href"]
    assert canonical in locations


def test_untranslated_aliases_are_left_out_of_the_sitemap(client, content):
    entries = sitemap_entries(client)
    assert "http://testserver/finance/" in entries
    assert "http://testserver/en/finance/" not in entries
    assert entries["http://testserver/finance/"] == {
        "zh-Hans": "http://testserver/finance/",
        "x-default": "http://testserver/finance/",
    }


@pytest.mark.parametrize("url", ["/sitemap.xml", "/sitemap/", "/en/sitemap/"])
def test_sitemap_query_counts_do_not_grow_with_pages(client, home, english_home, url,
                                                     page_cache_off):
    # sitemap.xml also lists the registered page-like views (indicators, projects, districts,
    # updates by year, downloads) in both languages: a fixed few queries per group and language.
    build_search_content(home)
    client.get("/")
    client.get("/en/")
    few = assert_page_budget(client, [url], "with few pages")[url]
    build_many_pages(home, 20)
    many = assert_page_budget(client, [url], "with many pages")[url]
    assert many[1] <= few[1]


def test_robots_txt_disallows_the_admin_and_links_the_sitemap(client, home):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


def meta(html):
    found = {}
    for tag in tags(html, "meta"):
        key = tag.get("name") or tag.get("property")
        if key:
            found.setdefault(key, []).append(tag.get("content"))
    return {key: values[0] if len(values) == 1 else values for key, values in found.items()}


def test_content_pages_carry_open_graph_and_government_meta_tags(client, content, footer):
    html = text_of(client.get("/shibati/lanes/"))
    tags_ = meta(html)
    assert tags_["description"] == "老街巷。"
    assert tags_["og:title"] == "十八梯的街巷"
    assert tags_["og:description"] == "老街巷。"
    assert tags_["og:url"] == "http://testserver/shibati/lanes/"
    assert tags_["og:type"] == "article"
    assert tags_["og:locale"] == "zh_CN"
    assert tags_["og:locale:alternate"] == "en_GB"
    assert tags_["og:site_name"] == "渝中“十四五”"
    assert "og:image" not in tags_  # the page has no image
    assert tags_["SiteName"] == "渝中“十四五”"
    assert tags_["SiteDomain"] == "testserver"
    assert tags_["SiteIDCode"] == "5001030001"
    assert tags_["ColumnName"] == "十八梯传统风貌区"  # the top-level section
    assert tags_["ArticleTitle"] == "十八梯的街巷"
    assert len(tags_["PubDate"]) == len("2021-01-25 10:00")
    assert tags_["ContentSource"] == "渝中“十四五”编辑组"
    assert tags(html, "link", rel="canonical")[0]["href"] == "http://testserver/shibati/lanes/"


def test_pub_date_is_in_the_site_time_zone(client, content, footer):
    from datetime import UTC, datetime

    lanes = StandardPage.objects.get(slug="lanes", locale__language_code="zh-hans")
    StandardPage.objects.filter(pk=lanes.pk).update(first_published_at=datetime(2021, 1, 24, 18, 30, tzinfo=UTC))
    assert meta(text_of(client.get("/shibati/lanes/")))["PubDate"] == "2021-01-25 02:30"  # Asia/Shanghai


def test_english_pages_carry_english_metadata(client, content, footer):
    tags_ = meta(text_of(client.get("/en/shibati/lanes/")))
    assert tags_["og:locale"] == "en_GB"
    assert tags_["og:locale:alternate"] == "zh_CN"
    assert tags_["og:site_name"] == "Yuzhong Five-Year Plan"
    assert tags_["ColumnName"] == "Shibati traditional quarter"
    assert tags_["ContentSource"] == "The Yuzhong Plan editors"


def test_the_home_page_is_a_website_without_article_tags(client, content, footer):
    tags_ = meta(text_of(client.get("/")))
    assert tags_["og:type"] == "website"
    assert tags_["ColumnName"] == "首页"
    assert "ArticleTitle" not in tags_


def test_a_page_with_an_image_shares_it(client, content, monkeypatch):
    from io import BytesIO

    from django.core.files.images import ImageFile
    from PIL import Image as PILImage
    from wagtail.images.models import Image

    buffer = BytesIO()
    PILImage.new("RGB", (1600, 900), "#8f1d21").save(buffer, "PNG")
    image = Image.objects.create(
        title="十八梯", file=ImageFile(buffer, name="shibati.png"), description="十八梯的街巷"
    )
    monkeypatch.setattr(StandardPage, "get_meta_image", lambda self: image)
    tags_ = meta(text_of(client.get("/shibati/")))
    assert tags_["og:image"].startswith("http://testserver/")
    assert tags_["og:image:width"] == "1200"


def test_the_search_and_site_map_pages_carry_metadata_too(client, content, footer):
    for url in ["/search/?q=十八梯", "/sitemap/", "/en/sitemap/"]:
        tags_ = meta(text_of(client.get(url)))
        assert tags_["og:url"].startswith("http://testserver/")
        assert tags_["SiteIDCode"] == "5001030001"
        assert tags_["ColumnName"]


def test_the_site_map_lists_the_sections_and_pages_in_each_language(client, content):
    chinese = text_of(client.get("/sitemap/"))
    assert tags(chinese, "a", href="/shibati/")
    assert tags(chinese, "a", href="/shibati/lanes/")
    assert "网站地图" in chinese
    english = text_of(client.get("/en/sitemap/"))
    assert tags(english, "a", href="/en/shibati/lanes/")
    assert "The lanes of Shibati" in english


def test_the_footer_links_to_the_site_map(client, content):
    assert tags(text_of(client.get("/")), "a", href="/sitemap/")
    assert tags(text_of(client.get("/en/shibati/")), "a", href="/en/sitemap/")


def test_every_page_links_to_the_on_site_report_an_error_form(client, content, footer):
    """纠错 goes to the feedback app's form (by URL name: core does not import it), with the
    page's address; the form knows the page's title."""
    from urllib.parse import parse_qs, urlparse

    html = text_of(client.get("/shibati/lanes/"))
    report = [a for a in tags(html, "a") if a.get("href", "").startswith("/report-error/")]
    assert report, "no report-an-error link"
    assert parse_qs(urlparse(report[0]["href"]).query)["url"] == ["/shibati/lanes/"]
    assert "纠错" in html
    assert "十八梯的街巷" in text_of(client.get(report[0]["href"]))
    english = text_of(client.get("/en/shibati/lanes/"))
    assert "Report an error on this page" in english
    assert tags(english, "a", href="/en/report-error/?url=%2Fen%2Fshibati%2Flanes%2F")


def test_without_the_form_the_link_is_a_mailto_to_the_contact_address(
    client, content, footer, monkeypatch
):
    from urllib.parse import parse_qs, urlparse

    from yuzhong_site.core.templatetags import meta_tags

    monkeypatch.setattr(meta_tags, "REPORT_ERROR_URL_NAME", "no_such_url_name")
    html = text_of(client.get("/shibati/lanes/"))
    report = [a for a in tags(html, "a") if a.get("href", "").startswith("mailto:")
              and "subject=" in a["href"]]
    href = urlparse(report[0]["href"])
    assert href.path == "editors@example.org"
    assert "十八梯的街巷" in parse_qs(href.query)["subject"][0]


def test_the_sitemaps_page_urls_are_the_ones_wagtail_gives(rf, content):
    """The sitemap builds page URLs from plain values (core/i18n.py page_url_function): the same
    URL as ``Page.get_url`` for every page, in both languages and with a Chinese slug."""
    from django.utils import translation
    from wagtail.models import Page

    from yuzhong_site.core.i18n import page_url_function

    ensure_child_page(content["shibati"], StandardPage, "十八梯街巷", title="街巷", introduction="老街巷。")
    pages = list(Page.objects.all())
    for language in ("zh-hans", "en"):
        with translation.override(language):
            request = rf.get("/")
            url_of = page_url_function(request)
            for page in pages:
                assert url_of(page.url_path) == page.get_url(rf.get("/")), (language, page.url_path)
    assert any("%E5%8D%81" in (page.get_url() or "") for page in pages)  # the Chinese slug
