"""The search from a visitor's side: a place by its Chinese name, pinyin or English name in
either language; a search that finds nothing offers somewhere to go; the language switch keeps
the query."""

import pytest

from tests.helpers import tags, text_of

pytestmark = [pytest.mark.django_db, pytest.mark.indexes]


def first_link(client, url, query):
    html = text_of(client.get(url, {"q": query}))
    return next((a["href"] for a in tags(html, "a", **{"class": "yz-result__link"})), None)


@pytest.mark.parametrize("query", ["十八梯传统风貌区", "十八梯", "Shibati", "Shibati Traditional Area",
                                   "地铁", "metro", "无障碍", "step-free"])
def test_a_place_is_found_first_from_both_searches(client, shibati, query):
    from districts.models import VisitingFact

    for page in shibati.get_translations(inclusive=True).specific():
        page.english_name = "Shibati Traditional Area"
        page.visiting_facts.add(VisitingFact(
            kind="metro", value_zh="较场口站", value_en="Jiaochangkou Station",
            metro_station="较场口", source_name="example.org", tier="reported"))
        page.save_revision().publish()
    assert first_link(client, "/search/", query) == "/visit/shibati/"
    assert first_link(client, "/en/search/", query) == "/en/visit/shibati/"


def test_no_results_offers_the_visit_index_site_map_and_other_language(client, shibati):
    html = text_of(client.get("/en/search/", {"q": "zzqqxx"}))
    assert tags(html, "a", href="/en/visit/")
    assert tags(html, "a", href="/en/sitemap/")
    assert tags(html, "a", href="/search/?q=zzqqxx")
    chinese = text_of(client.get("/search/", {"q": "zzqqxx"}))
    assert tags(chinese, "a", href="/visit/") and tags(chinese, "a", href="/en/search/?q=zzqqxx")


def test_switching_language_keeps_the_query(client, shibati):
    html = text_of(client.get("/en/search/", {"q": "十八梯"}))
    assert tags(html, "a", hreflang="zh-Hans", href="/search/?q=%E5%8D%81%E5%85%AB%E6%A2%AF")
