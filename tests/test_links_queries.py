"""The cross-linked pages keep a fixed number of queries: a heritage page with its project, a
district page with its projects and sites, a project page with its places and districts —
the page budget (tests/helpers.py) with few and with many of each, in both languages."""

import pytest

from districts.models import District, VisitIndexPage
from tests.districts.builders import make_image, make_site, translate_site
from tests.helpers import assert_page_budget
from tests.plans.factories import make_plan, make_project
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


def build(home, count):
    _plan, pillars = make_plan(home)
    index, _ = ensure_child_page(home, VisitIndexPage, "visit", title="游渝中", introduction="地标")
    ensure_translation(index, "en", title="Visit Yuzhong", introduction="Places")
    districts = [
        District.objects.create(slug=f"d{n}", name_zh_hans=f"片区{n}", name_en=f"Area {n}",
                                kind="sub_district")
        for n in range(max(1, count // 10))
    ]
    main = make_project(pillars["heritage"], slug="main", districts=districts, milestones=3,
                        progress=50, status="under_way")
    for _n in range(count):
        make_project(pillars["heritage"], districts=[districts[0]], milestones=2)
    image = make_image()
    for n in range(count):
        site = make_site(index, f"site-{n}", title=f"地点{n}", district=districts[0],
                         related_project=main, image=image)
        if n % 2:  # half translated, half not: both kinds of link on the English project page
            translate_site(site, f"Place {n}")
    return index


PATHS = {
    "heritage": ["/visit/site-1/", "/en/visit/site-1/"],
    "district": ["/visit/districts/d0/", "/en/visit/districts/d0/"],
    "project": ["/plan/projects/main/", "/en/plan/projects/main/"],
}


# 25 places and 25 projects in one area, the places linked to one project: a query per link
# would be 25 more, far over the budget.
@pytest.mark.parametrize("count", [3, 25])
def test_cross_linked_pages_keep_a_fixed_number_of_queries(client, home, count):
    build(home, count)
    client.get("/")
    client.get("/en/")
    assert_page_budget(client, [path for paths in PATHS.values() for path in paths], f"({count})")
