"""The small things a phone user expects and the language of parts: tap-to-call
numbers, the address beside the map links, a language switcher that keeps the filters, and
Chinese on English pages marked as Chinese (WCAG 2.1 SC 3.1.2)."""

import datetime
import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from districts.templatetags.places_tags import phone_links, tel_href
from tests.helpers import tags, text_of
from tests.plans.factories import make_update, make_updates_index
from yuzhong_site.core.pages import ensure_alias
from yuzhong_site.core.templatetags.yuzhong_tags import lang_parts

pytestmark = pytest.mark.django_db

CHINESE = re.compile(r"[\u3400-\u9fff]")


@pytest.mark.parametrize(
    "written,href",
    [
        ("023-63637990", "tel:+862363637990"),
        ("+86 23 6363 7990", "tel:+862363637990"),
        ("(023) 6363 7990", "tel:+862363637990"),
        ("138 0000 1111", "tel:+8613800001111"),
        ("400-123-4567", "tel:4001234567"),
    ],
)
def test_a_telephone_number_is_dialled_in_international_form(written, href):
    assert tel_href(written) == href
    assert f'href="{href}"' in phone_links(f"电话：{written}（讲解预约）")


def test_figures_and_years_are_not_taken_for_telephone_numbers():
    text = "建于1939年，2023年接待游客8,000万人次，票价20元"
    assert phone_links(text) == text
    assert "&lt;b&gt;" in phone_links("<b>023-63637990</b>")  # the rest is escaped


def test_the_places_telephone_is_a_tap_to_call_link_and_its_address_is_beside_the_map(demo_client):
    for path in ("/visit/hongyan-village/", "/en/visit/hongyan-village/"):
        html = text_of(demo_client.get(path))
        assert tags(html, "a", href="tel:+862363637990"), path
        location = html[html.index("yz-visiting__address"):]
        assert location.index("yz-visiting__address") < location.index("yz-map-links")
    english = text_of(demo_client.get("/en/visit/hongyan-village/"))
    assert '<p class="yz-visiting__address">52 Hongyancun' in english


def test_the_language_switcher_keeps_the_filters_and_the_page(demo_client):
    html = text_of(demo_client.get("/updates/", {"year": "2021", "pillar": "heritage"}))
    switch = tags(html, "a", **{"class": "yz-tools__link yz-lang__link"})
    assert [a["href"] for a in switch] == ["/en/updates/?year=2021&pillar=heritage"]
    # the hreflang alternates and the canonical link stay the page's own address
    assert {link["href"] for link in tags(html, "link", rel="alternate") if link.get("hreflang")} == {
        "http://testserver/updates/", "http://testserver/en/updates/"}
    html = text_of(demo_client.get("/en/updates/", {"page": "2"}))
    assert tags(html, "a", hreflang="zh-Hans", href="/updates/?page=2")


class _UnmarkedChinese(HTMLParser):
    """Text with Chinese characters in <main> that no element with lang="zh-Hans" encloses."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"}

    def __init__(self):
        super().__init__()
        self.stack, self.in_main, self.found = [], 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        self.stack.append((tag, attrs.get("lang")))
        if tag == "main":
            self.in_main += 1

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            name, _lang = self.stack.pop()
            if name == "main":
                self.in_main -= 1
            if name == tag:
                break

    def handle_data(self, data):
        if not self.in_main or not CHINESE.search(data):
            return
        # An SVG's <title> and <desc> are plain text: they cannot mark a part's language.
        if any(name in ("script", "style", "title", "desc") for name, _ in self.stack):
            return
        languages = [lang for _name, lang in self.stack if lang]
        if not languages or languages[-1] != "zh-Hans":
            self.found.append(data.strip()[:40])


@pytest.mark.parametrize(
    "path",
    ["/en/plan/", "/en/plan/metrics/district-gdp/", "/en/updates/", "/en/visit/hongyan-village/"],
)
def test_chinese_on_english_pages_is_marked_as_chinese(demo_client, path):
    parser = _UnmarkedChinese()
    parser.feed(text_of(demo_client.get(path)))
    assert parser.found == [], path


def test_lang_parts_marks_chinese_runs_with_their_figures_only_on_english_pages():
    with translation.override("en"):
        assert lang_parts("178.18 billion yuan (1,781.8亿元)") == (
            '178.18 billion yuan (<span lang="zh-Hans">1,781.8亿元</span>)')
        assert lang_parts("<i>红岩村</i>") == '&lt;i&gt;<span lang="zh-Hans">红岩村</span>&lt;/i&gt;'
    with translation.override("zh-hans"):
        assert lang_parts("1,781.8亿元") == "1,781.8亿元"


def test_an_untranslated_update_in_the_english_list_says_in_chinese_only(client, home):
    index = make_updates_index(home)
    update = make_update(index, datetime.date(2024, 5, 1), english=False, title="只有中文的动态")
    ensure_alias(update, "en")  # the English alias serves the Chinese page
    html = text_of(client.get("/en/updates/"))
    card = html[html.index("只有中文的动态") - 200:html.index("只有中文的动态") + 200]
    assert 'lang="zh-Hans"' in card and "in Chinese only" in card
