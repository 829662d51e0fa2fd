"""What a visitor sees on every page: languages, navigation, footer, error pages, text size."""

import pytest
from django.urls import reverse
from wagtail.models import Site

from tests.helpers import tags, text_of
from yuzhong_site.core.models import FooterSettings, StandardPage
from yuzhong_site.core.pages import ensure_alias, ensure_child_page, ensure_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home):
    page, _ = ensure_child_page(
        home, StandardPage, "about", title="关于本站", introduction="中文简介", show_in_menus=True
    )
    ensure_translation(page, "en", title="About this site", introduction="English intro")
    return page


@pytest.fixture
def untranslated(home):
    page, _ = ensure_child_page(
        home, StandardPage, "notice", title="办事指南", introduction="只有中文的页面"
    )
    ensure_alias(page, "en")
    return page


def test_chinese_home_page_declares_simplified_chinese(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert tags(text_of(response), "html")[0]["lang"] == "zh-Hans"
    assert "渝中“十四五”" in text_of(response)


def test_english_home_page_declares_english(client, english_home):
    response = client.get("/en/")
    assert response.status_code == 200
    assert tags(text_of(response), "html")[0]["lang"] == "en"
    assert "Yuzhong Five-Year Plan" in text_of(response)


def test_language_switcher_links_to_the_same_page_in_the_other_language(client, about):
    chinese = text_of(client.get("/about/"))
    assert tags(chinese, "a", hreflang="en", href="/en/about/")
    english = text_of(client.get("/en/about/"))
    assert tags(english, "a", hreflang="zh-Hans", href="/about/")
    assert "English intro" in english


def test_pages_carry_hreflang_alternates_and_a_canonical_link(client, about):
    html = text_of(client.get("/en/about/"))
    alternates = {link["hreflang"]: link["href"] for link in tags(html, "link", rel="alternate")}
    assert alternates == {
        "zh-Hans": "http://testserver/about/",
        "en": "http://testserver/en/about/",
        "x-default": "http://testserver/about/",
    }
    assert tags(html, "link", rel="canonical")[0]["href"] == "http://testserver/en/about/"


def test_english_visitor_sees_fallback_notice_on_an_untranslated_page(client, untranslated):
    response = client.get("/en/notice/")
    html = text_of(response)
    assert response.status_code == 200
    assert "This page has not been translated into English yet" in html
    assert "只有中文的页面" in html  # the Chinese content is shown, never an empty page
    # the untranslated alias points search engines at the Chinese original
    assert tags(html, "link", rel="canonical")[0]["href"] == "http://testserver/notice/"
    assert not [link for link in tags(html, "link", rel="alternate") if link["hreflang"] == "en"]


def test_translated_page_has_no_fallback_notice(client, about):
    assert "has not been translated" not in text_of(client.get("/en/about/"))
    assert "has not been translated" not in text_of(client.get("/about/"))


def test_main_navigation_is_built_from_the_page_tree_in_each_language(client, about):
    chinese = text_of(client.get("/"))
    assert tags(chinese, "a", href="/about/")
    english = text_of(client.get("/en/"))
    assert tags(english, "a", href="/en/about/")


def test_breadcrumbs_lead_back_home(client, about):
    html = text_of(client.get("/en/about/"))
    assert 'aria-label="Breadcrumb"' in html
    assert tags(html, "a", href="/en/")


def test_skip_link_and_landmarks_are_present(client, home):
    html = text_of(client.get("/"))
    assert tags(html, "a", href="#main")
    assert tags(html, "main", id="main")
    assert tags(html, "header") and tags(html, "footer") and tags(html, "nav")


def test_footer_shows_filing_identifiers_only_when_set(client, home):
    html = text_of(client.get("/"))
    assert "beian.miit.gov.cn" not in html
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    footer.icp_number = "渝ICP备00000000号-1"
    footer.site_id_code = "5001030001"
    footer.operator_zh_hans = "渝中区示例单位"
    footer.operator_en = "Example office of Yuzhong District"
    footer.save()
    html = text_of(client.get("/"))
    assert tags(html, "a", href="https://beian.miit.gov.cn/")
    assert "渝ICP备00000000号-1" in html and "5001030001" in html
    assert "网站标识码" in html
    assert "渝中区示例单位" in html
    english = text_of(client.get("/en/"))
    assert "Example office of Yuzhong District" in english
    assert "Site identification code" in english


@pytest.mark.parametrize(
    "path",
    ["/nope/", "/fr/", "/fr/about/", "/en/nope/", "/" + "a" * 3000 + "/", "/%E4%B8%AD/", "/..%2F../"],
)
def test_unknown_or_malformed_paths_get_the_bilingual_404_page(client, home, path):
    response = client.get(path)
    assert response.status_code == 404
    html = text_of(response)
    assert "找不到这个页面" in html and "This page cannot be found" in html


def test_server_error_page_is_bilingual_and_needs_no_database(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/"))
    html = text_of(response)
    assert response.status_code == 500
    assert "服务暂时出错" in html and "Something went wrong" in html


def test_large_text_mode_is_a_plain_link_that_persists(client, home):
    html = text_of(client.get("/"))
    link = [a for a in tags(html, "a") if a.get("href", "").startswith(reverse("text_size"))][0]
    response = client.get(link["href"])
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert response.cookies["yz_text"].value == "large"
    html = text_of(client.get("/"))
    assert "yz-large-text" in tags(html, "html")[0]["class"]
    assert "标准字号" in html  # the link back to standard text
    client.get(reverse("text_size") + "?size=normal&next=/")
    assert "yz-large-text" not in (tags(text_of(client.get("/")), "html")[0].get("class") or "")


def test_text_size_link_never_redirects_off_site(client, home):
    response = client.get(reverse("text_size") + "?size=large&next=https://evil.example/")
    assert response["Location"] == "/"


def test_home_page_query_count_is_bounded_in_both_languages(
    client, about, page_cache_off, django_assert_max_num_queries
):
    """Uncached, the home page renders in at most 9 queries (8 in Chinese, 9 in English
    today)."""
    client.get("/")  # warm Wagtail's site-root cache, as any running server has
    for path in ("/", "/en/"):
        with django_assert_max_num_queries(9):
            assert client.get(path).status_code == 200


def test_home_page_query_count_does_not_grow_with_content(
    client, home, page_cache_off, django_assert_max_num_queries
):
    for index in range(30):
        page, _ = ensure_child_page(
            home, StandardPage, f"page-{index}", title=f"页面{index}", show_in_menus=True
        )
        ensure_alias(page, "en")
    client.get("/")
    for path in ("/", "/en/"):
        with django_assert_max_num_queries(9):
            assert client.get(path).status_code == 200
