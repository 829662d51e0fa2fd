"""Cards written once per publish (yuzhong_site/core/fragments.py): a place's or a project's
card is the same on every page that shows it, is not written again on the next view, and shows
an edit at once everywhere."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.helpers import text_of
from tests.plans.factories import make_plan, make_project

from .builders import make_image, make_site

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

PLACE_PAGES = ["/visit/", "/visit/districts/jiaochangkou/"]


def test_an_edited_place_shows_at_once_on_every_page_with_its_card(client, shibati):
    for url in PLACE_PAGES:
        assert "十八梯传统风貌区" in text_of(client.get(url))
    assert "Shibati Traditional Area" in text_of(client.get("/en/visit/"))
    shibati.title = "十八梯传统风貌区（新）"
    shibati.save_revision().publish()
    for url in PLACE_PAGES:
        assert "十八梯传统风貌区（新）" in text_of(client.get(url)), url
    assert "Shibati Traditional Area" in text_of(client.get("/en/visit/"))


def test_a_written_card_reads_no_pictures_on_the_next_view(client, visit_index, district):
    make_site(visit_index, "lane", title="老巷子", district=district, image=make_image())
    first = client.get("/visit/")
    with CaptureQueriesContext(connection) as captured:
        second = client.get("/visit/")
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert "heritagesiteimage" not in sql and "rendition" not in sql
    # …and the card, picture included, is the one written the first time
    assert second.content == first.content
    assert b"<picture" in second.content


def test_an_edited_project_shows_at_once_on_its_pillar_and_district_pages(
    client, home, visit_index, district
):
    _plan, pillars = make_plan(home)
    project = make_project(pillars["services"], districts=[district], name_zh_hans="老城更新一期")
    urls = ("/plan/services/", "/visit/districts/jiaochangkou/")
    for url in urls:
        assert "老城更新一期" in text_of(client.get(url)), url
    project.name_zh_hans = "老城更新二期"
    project.save()
    for url in urls:
        text = text_of(client.get(url))
        assert "老城更新二期" in text and "老城更新一期" not in text, url
