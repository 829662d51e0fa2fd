"""With the demo content: one name per place (the glossary), English that reads as written,
walks that can be walked, and a search that finds each place by its Chinese name, pinyin and
English name from either language's search, and by the visiting vocabulary."""

import re
from html import unescape

import pytest

from districts.demo import district_rows, glossary, route_rows, site_rows
from districts.models import District, HeritageSitePage, RoutePage
from tests.helpers import text_of

pytestmark = pytest.mark.django_db

HAN = "\u3400-\u9fff"


def visible_text(html):
    """The visible text of the page's main content, without the plan's project cards (plan data,
    named by the plan pages) and without the site shell (header, footer)."""
    html = html[html.index("<main"):html.index("</main>")]
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    html = re.sub(r'<article class="yz-project-card">.*?</article>', " ", html, flags=re.S)
    # the site-wide "report an error (纠错)" link is the site shell's wording (templates/components)
    html = re.sub(r'<p class="yz-report-error">.*?</p>', " ", html, flags=re.S)
    return unescape(re.sub(r"<[^>]+>", " ", html))


def english_visitor_urls():
    pages = HeritageSitePage.objects.filter(locale__language_code="en", live=True)
    routes = RoutePage.objects.filter(locale__language_code="en", live=True)
    urls = ["/en/visit/"] + [f"/en/visit/{p.slug}/" for p in [*pages, *routes]]
    urls += [f"/en/visit/districts/{d.slug}/" for d in District.objects.all()]
    return urls


# --- the glossary ------------------------------------------------------------------------------


def test_the_glossary_is_well_formed():
    names = glossary()
    for group in ("places", "districts", "stations"):
        for key, entry in names[group].items():
            assert re.fullmatch(rf"[{HAN}·]+", entry["zh"]), key
            # pinyin: words of plain Latin letters, each capitalised, no tone marks
            assert re.fullmatch(r"[A-Z][a-z]*(?:[ –][A-Z][a-z]*)*", entry["pinyin"]), key
            assert entry["en"].isascii() or "–" in entry["en"], key
            assert not re.search(rf"[{HAN}]", entry["en"]), key
    # one Chinese name and one English name per place
    places = names["places"].values()
    assert len({p["zh"] for p in places}) == len(places)
    assert len({p["en"] for p in places}) == len(places)


def test_pages_and_districts_use_the_glossary_names(demo_content):
    names = glossary()
    for row in site_rows():
        entry = names["places"][row["slug"]]
        for language, title in (("zh-hans", entry["zh"]), ("en", entry["en"])):
            page = HeritageSitePage.objects.get(slug=row["slug"], locale__language_code=language)
            assert page.title == title
            assert (page.chinese_name, page.pinyin_name) == (entry["zh"], entry["pinyin"])
    for row in district_rows():
        district = District.objects.get(slug=row["slug"])
        entry = names["districts"][row["slug"]]
        assert (district.name_zh_hans, district.name_en) == (entry["zh"], entry["en"])
    # route texts and stops name places only as the glossary does
    route_slugs = {stop["site"] for row in route_rows() for stop in row["stops"] if "site" in stop}
    assert route_slugs <= set(names["places"])


def test_one_place_has_one_english_name_everywhere(demo_client):
    avoid = [(key, word) for group in ("places", "districts")
             for key, entry in glossary()[group].items() for word in entry.get("avoid", [])]
    assert avoid
    for url in english_visitor_urls():
        text = visible_text(text_of(demo_client.get(url)))
        for key, word in avoid:
            assert word not in text, (url, key, word)


# --- English that reads as written --------------------------------------------------------------


def test_english_visitor_pages_have_no_chinese_labels_or_wan_yuan(demo_client):
    for url in english_visitor_urls():
        response = demo_client.get(url)
        assert response.status_code == 200, url
        text = visible_text(text_of(response))
        assert "万元" not in text, url
        # no Chinese words in brackets after an English label ("Sub-district (街道)")
        assert not re.search(rf"\([{HAN}]+\)|（[{HAN}]+）", text), (url, re.findall(
            rf"\([{HAN}]+\)|（[{HAN}]+）", text))
        # dates read "28 January 2021", never "2021 28 January"
        assert not re.search(r"\b(19|20)\d\d \d{1,2} [A-Z][a-z]+", text), url


def test_every_english_place_page_has_the_driver_block(demo_client):
    for row in site_rows():
        html = text_of(demo_client.get(f"/en/visit/{row['slug']}/"))
        entry = glossary()["places"][row["slug"]]
        assert "Show this to a driver" in html, row["slug"]
        block = html[html.index('class="yz-driver"'):]
        block = block[:block.index("</div>")]
        assert entry["zh"] in block and entry["pinyin"] in block, row["slug"]
        address = next((f["zh"] for f in row["facts"] if f["kind"] == "address"), None)
        if address:
            assert address in block, row["slug"]


# --- walks that can be walked --------------------------------------------------------------------


def test_demo_routes_draw_every_stop_and_measure_every_leg(demo_client):
    for row in route_rows():
        html = text_of(demo_client.get(f"/en/visit/{row['slug']}/"))
        svg = html[html.index("<svg"):html.index("</svg>")]
        assert svg.count("<circle") == len(row["stops"]), row["slug"]
        legs = len(row["stops"]) - 1
        assert html.count("in a straight line") == legs, row["slug"]
        assert "not yet surveyed" not in html and "Distance not known" not in html
        # a leg over 1.5 km names the metro station FACTS-2 gives at one end at least
        for advice in re.findall(r'<p class="yz-stops__transit">(.*?)</p>', html, re.S):
            if "take the metro or a bus for this leg" in advice:
                assert "Station" in advice, (row["slug"], advice)
    mother = text_of(demo_client.get("/en/visit/mother-city-culture-walk/"))
    assert "take the metro or a bus for this leg" in mother and "Jiaochangkou Station" in mother
    red = text_of(demo_client.get("/en/visit/red-culture-walk/"))
    assert "A themed itinerary, not one walk" in red
    assert "take the metro or a bus for this leg" in red and "Hongyancun Station" in red
    river = text_of(demo_client.get("/en/visit/mountain-and-river-city-walk/"))
    assert "Linjiangmen Station" in river and "Liziba Station" in river


# --- search ---------------------------------------------------------------------------------------


def first_result(client, query, language):
    url = "/en/search/" if language == "en" else "/search/"
    html = client.get(url, {"q": query}).content.decode()
    match = re.search(r'<h2 class="yz-result__title">.*?href="([^"]*)"', html, re.S)
    return match.group(1) if match else None


PLACES = ["shibati", "hongyan-village", "daijiaxiang-cliffside-walkway", "huguang-guild-hall",
          "jiefangbei", "hongyadong"]


def test_search_matrix_finds_each_place_first_by_every_name_from_both_languages(
    client, demo_content
):
    names = glossary()["places"]
    failures, table = [], []
    for slug in PLACES:
        entry = names[slug]
        queries = {entry["zh"], entry.get("short_zh", entry["zh"]), entry["pinyin"].split()[0],
                   entry["en"]}
        for query in sorted(queries):
            for language, prefix in (("zh-hans", ""), ("en", "/en")):
                found = first_result(client, query, language)
                table.append(f"{language:7} {query:40} → {found}")
                if found != f"{prefix}/visit/{slug}/":
                    failures.append((language, query, found))
    print("\n".join(table))
    assert failures == [], failures


@pytest.mark.parametrize("query,language", [
    ("地铁", "zh-hans"), ("metro", "en"), ("subway", "en"), ("metro", "zh-hans"), ("地铁", "en"),
    ("门票", "zh-hans"), ("ticket", "en"), ("admission", "en"),
    ("开放时间", "zh-hans"), ("opening hours", "en"),
    ("无障碍", "zh-hans"), ("step-free", "en"), ("accessible", "en"),
])
def test_visiting_vocabulary_is_searchable_in_both_languages(demo_client, query, language):
    """The first result is a place, not the visitors' index that mentions the word; for the
    metro, tickets and hours, a place whose page gives that fact."""
    from districts.synonyms import vocabulary_kinds

    found = first_result(demo_client, query, language)
    match = re.fullmatch(r"(?:/en)?/visit/([\w-]+)/", found or "")
    assert match and match.group(1) in glossary()["places"], (query, language, found)
    kinds = vocabulary_kinds(query)
    if kinds:
        place = HeritageSitePage.objects.get(slug=match.group(1), locale__language_code="zh-hans")
        assert kinds & {fact.kind for fact in place.visiting_facts.all()}, (query, found)
