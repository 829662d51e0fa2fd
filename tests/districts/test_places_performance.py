"""Query counts on the visitor pages do not grow with the number of heritage sites."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districts.models import RouteStop

from .builders import make_image, make_route, make_site

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

# Measured uncached (the page cache is off: a cache hit would cost nothing), with the
# heritage-site <-> plan-project links. The same bound holds for 5 and for 200 sites.
INDEX_QUERIES = 16
DISTRICT_QUERIES = 17
SITE_QUERIES = 19
ROUTE_QUERIES = 17


def build(visit_index, district, count):
    image = make_image()
    sites = [
        make_site(visit_index, f"site-{n}", title=f"地点{n}", district=district, image=image,
                  latitude="29.55", longitude=f"106.{5000 + n}")
        for n in range(count)
    ]
    make_route(visit_index, "long-walk", stops=[RouteStop(site=site) for site in sites])
    return sites



@pytest.mark.parametrize("count", [5, 200])
def test_query_counts_do_not_grow_with_the_number_of_sites(
    client, visit_index, district, count, django_assert_max_num_queries
):
    sites = build(visit_index, district, count)
    for url, bound in (
        ("/visit/", INDEX_QUERIES),
        ("/visit/?district=jiaochangkou&category=traditional_quarter", INDEX_QUERIES),
        ("/visit/districts/jiaochangkou/", DISTRICT_QUERIES),
        (f"/visit/{sites[-1].slug}/", SITE_QUERIES),
        ("/visit/long-walk/", ROUTE_QUERIES),
    ):
        client.get(url)  # renditions are made once, on the first visit
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        print(f"{url} with {count} sites: {len(captured)} queries")
        assert len(captured) <= bound, url

