"""Query counts on the visitor pages do not grow with the number of heritage sites."""

import pytest

from districts.models import RouteStop
from tests.helpers import assert_page_budget
from yuzhong_site.core.pages import ensure_translation

from .builders import make_image, make_route, make_site, translate_site

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def build(visit_index, district, count):
    image = make_image()
    sites = [
        make_site(visit_index, f"site-{n}", title=f"地点{n}", district=district, image=image,
                  latitude="29.55", longitude=f"106.{5000 + n}")
        for n in range(count)
    ]
    make_route(visit_index, "long-walk", stops=[RouteStop(site=site) for site in sites])
    return sites


def route_page():
    from districts.models import RoutePage

    return RoutePage.objects.get(slug="long-walk")



# 40 sites: more than a page of the visitor index (24), every one of them a stop of the route;
# a query per site would be 40 more, far over the budget.
@pytest.mark.parametrize("count", [5, 40])
def test_query_counts_do_not_grow_with_the_number_of_sites(
    client, visit_index, district, count
):
    sites = build(visit_index, district, count)
    translate_site(sites[-1], "The last place")
    ensure_translation(route_page(), "en", title="The long walk")
    client.get("/")
    client.get("/en/")
    paths = [
        "/visit/",
        "/visit/?district=jiaochangkou&category=traditional_quarter",
        "/visit/districts/jiaochangkou/",
        f"/visit/{sites[-1].slug}/",
        "/visit/long-walk/",
    ]
    assert_page_budget(client, paths + ["/en" + path for path in paths], f"({count} sites)",
                       renditions=True)
