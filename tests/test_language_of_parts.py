"""Language of parts on Chinese pages (WCAG 2.1 SC 3.1.2): every English word on a Chinese page
is inside an element with lang="en", so that a screen reader reads it as English — names and
titles of English sources, "GDP", "PDF", "RSS", "OpenStreetMap", English-only links.

Words of no language are left as they are: web and e-mail addresses, domain names, identifiers
of letters and figures ("WGS-84", "v1"), computer code (<code>) and what is marked
translate="no" (the site's filing numbers, e.g. 渝ICP备00000000号, and printed addresses).
(The English pages' Chinese is checked in tests/test_phone_details.py.)"""

import re
from html.parser import HTMLParser

import pytest
from django.utils import translation

from tests.helpers import text_of
from tests.test_readable import _html_urls
from yuzhong_site.core.templatetags.yuzhong_tags import lang_parts, lang_parts_html

pytestmark = pytest.mark.django_db

# A word: what lies between white space and Chinese characters or punctuation.
WORD = re.compile(r"[^\s\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+")
LETTERS = re.compile(r"[A-Za-z]{2,}")


def no_language(word):
    """A web or e-mail address, a domain name, or an identifier of letters and figures."""
    word = word.strip("()[],.;:!?\"'“”‘’")
    return bool(
        re.match(r"[a-z]+://", word) or "@" in word
        or re.fullmatch(r"[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?", word)
        or (re.search(r"\d", word) and re.search(r"[A-Za-z]", word))
    )


class _UnmarkedEnglish(HTMLParser):
    """English words in <body> that no element with lang="en" encloses."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "source", "wbr", "col", "area"}
    SKIP = {"head", "script", "style", "title", "desc", "code"}

    def __init__(self):
        super().__init__()
        self.stack, self.found = [], []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        attrs = dict(attrs)
        self.stack.append((tag, attrs.get("lang"), attrs.get("translate") == "no"))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        while self.stack:
            name, _lang, _no = self.stack.pop()
            if name == tag:
                break

    def handle_data(self, data):
        if any(name in self.SKIP or no for name, _lang, no in self.stack):
            return
        languages = [lang for _name, lang, _no in self.stack if lang]
        if languages and languages[-1].lower().split("-")[0] == "en":
            return
        words = [w for w in WORD.findall(data) if LETTERS.search(w) and not no_language(w)]
        if words:
            self.found.append((" ".join(words)[:60], "/".join(name for name, _l, _n in self.stack[-3:])))


def unmarked_english(html):
    parser = _UnmarkedEnglish()
    parser.feed(html)
    return parser.found


@pytest.mark.crawl
def test_english_on_every_chinese_page_is_marked_as_english(demo_client):
    failures, checked = [], 0
    for url in _html_urls(demo_client):
        if url.startswith("/en/"):
            continue
        response = demo_client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        failures += [(url, *found) for found in unmarked_english(text_of(response))]
        checked += 1
    assert checked > 40
    assert failures == []


def test_the_parser_finds_english_and_leaves_words_of_no_language():
    html = ('<body><p>人均GDP，见<a href="https://a.example/">The Straits Times</a>'
            '（m.cq.bendibao.com，WGS-84，editors@example.org，https://a.example/x）'
            '<span lang="en">PDF</span><code>/api/v1/</code><span translate="no">渝ICP备0号</span></p></body>')
    assert [words for words, _where in unmarked_english(html)] == ["GDP", "The Straits Times"]


def test_lang_parts_marks_english_words_on_chinese_pages_but_not_addresses_or_identifiers():
    with translation.override("zh-hans"):
        assert lang_parts("人均GDP") == '人均<span lang="en">GDP</span>'
        assert lang_parts("china-travelnote.com (Huguang Guild Hall page)") == (
            '<span lang="en">china-travelnote.com (Huguang Guild Hall page)</span>')
        assert lang_parts("（来源：Tom & Jerry's）") == (
            '（来源：<span lang="en">Tom &amp; Jerry&#x27;s</span>）')
        for same in ("m.cq.bendibao.com", "（WGS-84，大致位置）", "1,781.8亿元", "2021年1月28日"):
            assert lang_parts(same) == same
        assert lang_parts_html('<a href="https://x.example/?a=1&amp;b=2">The &quot;Times&quot;</a>') == (
            '<a href="https://x.example/?a=1&amp;b=2"><span lang="en">The &quot;Times&quot;</span></a>')
    with translation.override("en"):
        assert lang_parts("GDP") == "GDP"
