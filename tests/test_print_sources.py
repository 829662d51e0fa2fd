"""Printed pages keep their sources: each link to another site numbered, and the numbered list of
sources (name and web address) at the end of the page, rendered without JavaScript and shown
only in print. (The printed PDFs are read in tests/browser/test_readable_browser.py.)"""

import re
from html import unescape

import pytest

from tests.helpers import tags, text_of
from yuzhong_site.core.print_sources import number_links

pytestmark = pytest.mark.django_db

REF = re.compile(r'<sup class="yz-source-ref">\[(\d+)\]</sup>')


def _sources(html):
    """``{number: (name, url)}`` from the page's printed list of sources."""
    listing = html.split('class="yz-print-sources"', 1)[1].split("</section>", 1)[0]
    return {
        int(number): (re.sub(r"<[^>]+>", "", name).strip(), unescape(url))
        for number, name, url in re.findall(
            r'<li class="yz-print-sources__item">\[(\d+)\] (.*?)(?:：|: )'
            r'<span class="yz-print-sources__url" translate="no">([^<]*)</span></li>', listing, re.S)
    }


def test_one_address_has_one_number_and_a_figure_link_is_listed_by_its_source_name():
    html, sources = number_links(
        '<p><a href="https://a.example/report?x=1&amp;y=2">Work report</a> and '
        '<a href="/plan/">the plan</a></p>'
        '<td><a href="https://a.example/report?x=1&amp;y=2" data-source-name="Work report">1,781.8亿元</a></td>'
        '<td><a href="http://b.example/" data-source-name="Wenhui Daily">1,358亿元</a></td>'
        '<a class="yz-map-links__link" data-print-ref="none" href="https://uri.amap.com/x">Amap</a>'
    )
    assert [(s.number, s.url, s.name or str(s.name_html)) for s in sources] == [
        (1, "https://a.example/report?x=1&y=2", "Work report"),
        (2, "http://b.example/", "Wenhui Daily"),
    ]
    assert REF.findall(html) == ["1", "1", "2"]
    assert '1,781.8亿元</a><sup class="yz-source-ref">[1]</sup></td>' in html
    assert "the plan</a></p>" in html and html.endswith("Amap</a>")


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_the_plan_lists_every_source_it_links_once_numbered_as_its_links(demo_client, prefix):
    html = text_of(demo_client.get(f"{prefix}/plan/"))
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    sources = _sources(main)
    assert sorted(sources) == list(range(1, len(sources) + 1)) and len(sources) >= 5
    # Every link to another site is followed by its number, which lists its address.
    for link in re.finditer(r'<a\b[^>]*href="(https?://[^"]+)"[^>]*>.*?</a>(<sup class="yz-source-ref">\[(\d+)\]</sup>)?',
                            main.split('class="yz-print-sources"', 1)[0], re.S):
        assert link.group(2), link.group()
        assert sources[int(link.group(3))][1] == unescape(link.group(1))
    assert len({url for _name, url in sources.values()}) == len(sources)
    # A figure in the results table is listed under its source's name, not the figure.
    gdp_2025 = [a for a in tags(main, "a") if a.get("data-source-name") and "2026" in a["data-source-name"]]
    assert gdp_2025
    named = {url: name for name, url in sources.values()}
    assert named[gdp_2025[0]["href"]] == gdp_2025[0]["data-source-name"]
    assert not re.search(r"\d亿元", named[gdp_2025[0]["href"]])


def test_map_links_are_not_sources_and_a_page_without_sources_has_no_list(demo_client):
    html = text_of(demo_client.get("/visit/hongyan-village/"))
    listed = {url for _name, url in _sources(html).values()}
    assert listed and not any("amap.com" in url or "baidu.com" in url for url in listed)
    assert "yz-print-sources" not in text_of(demo_client.get("/sitemap/")).split("<main", 1)[1]
