"""Plan, pillar, project and metric pages use a fixed number of queries, whatever the content."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from districts.models import District

from .factories import make_metric, make_plan, make_project

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

# Measured uncached (Chinese / English), before the latest-updates block: plan 15/18,
# pillar 19/21, project 20/26, metric 18/24 — the same with 10 and with 300 metrics and
# projects; home 8/9. The latest updates and feed links add 2-3 (with updates see
# test_update_queries.py), the links to places 1-2.
BOUNDS = {"plan": 21, "pillar": 26, "project": 30, "metric": 25}


def _fill(pillars, count):
    district = District.objects.create(slug="d", name_zh_hans="区", kind="sub_district")
    per_pillar = count // len(pillars)
    for pillar in pillars.values():
        for index in range(per_pillar):
            make_metric(pillar, measurements=[(2021, index), (2022, index + 1)], target_value=10, target_year=2025)
            make_project(pillar, districts=[district], milestones=2)


@pytest.mark.parametrize("count", [10, 300])
def test_page_query_counts_do_not_grow_with_content(
    client, home, count, django_assert_max_num_queries
):
    _plan, pillars = make_plan(home)
    _fill(pillars, count)
    metric = make_metric(pillars["services"], slug="m", measurements=[(2021, 1)])
    project = make_project(pillars["services"], slug="p", milestones=5)
    assert metric and project
    client.get("/")  # warm Wagtail's site-root cache
    pages = {
        "plan": ["/plan/", "/en/plan/"],
        "pillar": ["/plan/services/", "/en/plan/services/"],
        "project": ["/plan/projects/p/", "/en/plan/projects/p/"],
        "metric": ["/plan/metrics/m/", "/en/plan/metrics/m/"],
    }
    for name, paths in pages.items():
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                assert client.get(path).status_code == 200, path
            print(f"{path} with {count}: {len(captured)} queries")
            assert len(captured) <= BOUNDS[name], path


def test_home_page_with_the_plan_stays_within_its_budget(client, home, django_assert_max_num_queries):
    _plan, pillars = make_plan(home)
    _fill(pillars, 30)
    client.get("/")
    client.get("/en/")
    for path in ("/", "/en/"):
        with django_assert_max_num_queries(9):
            assert client.get(path).status_code == 200
