"""Plan, pillar, project and metric pages use a fixed number of queries, whatever the content."""

import pytest

from districts.models import District
from tests.helpers import assert_page_budget

from .factories import make_metric, make_plan, make_project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

# Measured (Chinese / English, 10 and 60 alike), later requests: plan 6/8, pillar 9/10,
# project 7/9, metric 4/6; first requests 12/16, 16-17/19, 9/13, 7/11 (tests/helpers.py says
# what the budgets are).
PAGES = {
    "plan": ["/plan/", "/en/plan/"],
    "pillar": ["/plan/services/", "/en/plan/services/"],
    "project": ["/plan/projects/p/", "/en/plan/projects/p/"],
    "metric": ["/plan/metrics/m/", "/en/plan/metrics/m/"],
}


def _fill(pillars, count):
    district = District.objects.create(slug="d", name_zh_hans="区", kind="sub_district")
    per_pillar = count // len(pillars)
    for pillar in pillars.values():
        for index in range(per_pillar):
            make_metric(pillar, measurements=[(2021, index), (2022, index + 1)], target_value=10, target_year=2025)
            make_project(pillar, districts=[district], milestones=2)


# 60: thirty metrics and thirty projects per pillar; a query per item would be thirty more.
@pytest.mark.parametrize("count", [10, 60])
def test_page_query_counts_do_not_grow_with_content(client, home, count):
    _plan, pillars = make_plan(home)
    _fill(pillars, count)
    # the metric and project pages measured below (each must answer 200)
    make_metric(pillars["services"], slug="m", measurements=[(2021, 1)])
    make_project(pillars["services"], slug="p", milestones=5)
    client.get("/")  # warm Wagtail's site-root cache and the site-wide memo entries
    client.get("/en/")
    assert_page_budget(client, [path for paths in PAGES.values() for path in paths], f"({count})")


def test_home_page_with_the_plan_stays_within_its_budget(client, home, django_assert_max_num_queries):
    _plan, pillars = make_plan(home)
    _fill(pillars, 30)
    client.get("/")
    client.get("/en/")
    for path in ("/", "/en/"):
        with django_assert_max_num_queries(9):
            assert client.get(path).status_code == 200
