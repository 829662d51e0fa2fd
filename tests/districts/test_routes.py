"""A visitor follows a walking route: ordered stops, legs, sketch, map links, JSON-LD."""

import json
import re
from decimal import Decimal

import pytest

from districts.models import HeritageSitePage, RouteStop
from tests.helpers import tags, text_of
from tests.snapshots import snapshot_fixture

from .builders import make_route, make_site, translate_site

pytestmark = pytest.mark.django_db


@pytest.fixture
@snapshot_fixture
def route(visit_index, english_visit_index, shibati):
    other = make_site(
        visit_index, "luzumiao", title="鲁祖庙传统风貌区", publish_revision=True,
        latitude=Decimal("29.5560"), longitude=Decimal("106.5790"),
    )
    translate_site(other, "Luzumiao Traditional Area")
    page = make_route(
        visit_index, "mother-city-walk", title="母城文化游", brand="mother_city",
        introduction="从鲁祖庙走到十八梯",
        stops=[
            RouteStop(site=other),
            RouteStop(site=shibati, walk_minutes=12, walk_metres=650,
                      leg_note="石阶较多", step_free_note="沿马路绕行"),
            RouteStop(name="下半城观景点", walk_minutes=8,
                      latitude=Decimal("29.5520"), longitude=Decimal("106.5720")),
        ],
    )
    from yuzhong_site.core.pages import ensure_translation

    ensure_translation(
        page, "en", title="Mother City Culture Walk", introduction="From Luzumiao to Shibati",
        stops=[
            RouteStop(site=other),
            RouteStop(site=shibati, walk_minutes=12, walk_metres=650,
                      leg_note="Many stone steps", step_free_note="Follow the road round"),
            RouteStop(name="Lower Town viewpoint", walk_minutes=8,
                      latitude=Decimal("29.5520"), longitude=Decimal("106.5720")),
        ],
    )
    return page


def test_route_shows_ordered_stops_with_legs_and_total_time(client, route):
    html = text_of(client.get("/en/visit/mother-city-walk/"))
    positions = [html.index(name) for name in (
        "Luzumiao Traditional Area", "Shibati Traditional Area", "Lower Town viewpoint")]
    assert positions == sorted(positions)
    assert "about 12 min on foot" in html and "650 m" in html
    assert "Many stone steps" in html and "Follow the road round" in html
    assert "about 20 min" in html  # total walking time
    # heritage-site stops link to the page in the visitor's language
    assert tags(html, "a", href="/en/visit/shibati/")
    assert tags(html, "a", href="/en/visit/luzumiao/")


def test_route_in_chinese(client, route):
    html = text_of(client.get("/visit/mother-city-walk/"))
    assert "十八梯传统风貌区" in html and "石阶较多" in html
    assert tags(html, "a", href="/visit/shibati/")


def test_route_sketch_is_inline_svg_without_external_resources(client, route):
    html = text_of(client.get("/en/visit/mother-city-walk/"))
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count("<circle") == 3
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert 'style="' not in html and "<script>" not in html
    assert len([a for a in tags(html, "a") if a.get("href", "").startswith("geo:")]) == 3


def test_route_json_ld_is_a_tourist_trip_with_an_itinerary(client, route):
    html = text_of(client.get("/en/visit/mother-city-walk/"))
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "TouristTrip"
    items = data["itinerary"]["itemListElement"]
    assert [i["position"] for i in items] == [1, 2, 3]
    assert items[1]["item"]["name"] == "Shibati Traditional Area"
    assert items[1]["item"]["url"] == "http://testserver/en/visit/shibati/"


def test_unpublished_stop_is_skipped_with_a_note_not_a_crash(client, route, shibati):
    shibati.get_translations(inclusive=True).update(live=False)
    HeritageSitePage.objects.filter(pk=shibati.pk).update(live=False)
    for url in ("/en/visit/mother-city-walk/", "/visit/mother-city-walk/"):
        response = client.get(url)
        assert response.status_code == 200
    html = text_of(client.get("/en/visit/mother-city-walk/"))
    assert "Shibati Traditional Area" not in html
    assert "One stop on this route is not available at the moment" in html
    # the leg measured to the missing stop no longer applies; the total is not claimed
    assert "about 20 min" not in html


def test_deleted_stop_is_skipped_too(client, route, shibati):
    for page in shibati.get_translations(inclusive=True):
        page.delete()
    assert client.get("/en/visit/mother-city-walk/").status_code == 200


def test_route_without_any_positions_has_no_sketch(client, visit_index):
    make_route(visit_index, "no-positions", stops=[RouteStop(name="甲"), RouteStop(name="乙")])
    html = text_of(client.get("/visit/no-positions/"))
    assert "<svg" not in html
    assert "甲" in html and "乙" in html


def test_route_is_listed_on_the_visitors_index(client, route):
    html = text_of(client.get("/en/visit/"))
    assert tags(html, "a", href="/en/visit/mother-city-walk/")


def _stops():
    return [
        RouteStop(name="起点", latitude=Decimal("29.5573"), longitude=Decimal("106.5770")),
        RouteStop(name="近处", latitude=Decimal("29.5532"), longitude=Decimal("106.5746")),
        RouteStop(name="远处", latitude=Decimal("29.5730"), longitude=Decimal("106.5260"),
                  transit_note="轨道交通9号线红岩村站"),
    ]


def test_each_leg_has_a_distance_from_the_coordinates_labelled_as_an_estimate(
    client, visit_index, english_visit_index
):
    from yuzhong_site.core.pages import ensure_translation

    route = make_route(visit_index, "far-walk", title="远行", stops=_stops())
    ensure_translation(route, "en", title="Far walk", stops=_stops())
    from districts import geo

    near = geo.distance_metres((29.5573, 106.5770), (29.5532, 106.5746))
    far = geo.distance_metres((29.5532, 106.5746), (29.5730, 106.5260))
    html = text_of(client.get("/en/visit/far-walk/"))
    # straight line, and the walking estimate with its factor stated
    assert f"{round(near, -1):.0f} m in a straight line" in html
    assert f"about {round(near * 1.4, -1):.0f} m (an estimate: the straight line × 1.4" in html
    assert f"{round(far, -1):.0f} m in a straight line" in html
    # only the leg over 1.5 km offers the metro, with the station given
    assert html.count("take the metro or a bus for this leg") == 1
    assert "轨道交通9号线红岩村站" in html
    assert "walking time not yet surveyed" not in html
    # every stop with a position is drawn
    svg = html[html.index("<svg"):html.index("</svg>")]
    assert svg.count("<circle") == 3


def test_a_route_that_cannot_be_walked_whole_says_it_is_a_themed_itinerary(
    client, visit_index, english_visit_index
):
    from yuzhong_site.core.pages import ensure_translation

    route = make_route(visit_index, "tour", title="主题之旅", is_itinerary=True,
                       stops=[RouteStop(name="甲")])
    ensure_translation(route, "en", title="Tour", stops=[RouteStop(name="A")])
    assert "A themed itinerary, not one walk" in text_of(client.get("/en/visit/tour/"))


def test_stops_saved_without_a_sort_order_keep_the_order_they_were_saved_in(
    client, visit_index, english_visit_index
):
    """Stops made by a script or the demo loader have no sort order, so they tie. PostgreSQL
    returns tied rows in whatever order they lie in the table (after deletions and restores,
    not the order they were saved in): the stops must still be listed in saved order."""
    page = make_route(visit_index, "three-stops", title="三站", stops=_stops())
    rows = list(RouteStop.objects.filter(page=page).order_by("pk").values())
    assert [row["sort_order"] for row in rows] == [None, None, None]
    RouteStop.objects.filter(page=page).delete()
    for row in reversed(rows):  # the same rows, lying in the table last first
        RouteStop.objects.create(**row)
    html = text_of(client.get("/visit/three-stops/"))
    main = html[html.index("<main"):]
    positions = [main.index(name) for name in ("起点", "近处", "远处")]
    assert positions == sorted(positions)
