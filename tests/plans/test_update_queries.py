"""Updates pages and the pages that list the latest updates use a fixed number of queries,
whatever the number of updates."""

import pytest

from .factories import make_plan, make_project, make_update, make_updates_index

pytestmark = pytest.mark.django_db

# Measured (Chinese / English), the same with 3 and with 60 updates — see the report.
# Zh/en: index 22/24, update 23/26, feed 9/13, home 19/21, plan 23/27, pillar 27/30,
# project 27/34 (the latest-updates block adds about 6 constant queries to a page).
BOUNDS = {"index": 24, "update": 26, "feed": 13, "home": 21, "plan": 27, "pillar": 30, "project": 34}


@pytest.mark.parametrize("count", [3, 60])
def test_update_pages_query_counts_do_not_grow_with_updates(
    client, home, count, django_assert_max_num_queries
):
    _plan, pillars = make_plan(home)
    index = make_updates_index(home)
    project = make_project(pillars["services"], slug="p", milestones=2)
    updates = [
        make_update(index, f"2021-01-{(n % 28) + 1:02d}", list(pillars.values()), [project])
        for n in range(count)
    ]
    client.get("/")
    paths = {
        "index": ["/updates/", "/en/updates/", "/updates/?pillar=services&year=2021&page=2"],
        "update": [updates[0].url, "/en" + updates[0].url],
        "feed": ["/updates/feed/rss/", "/en/updates/feed/services/atom/"],
        "home": ["/", "/en/"],
        "plan": ["/plan/", "/en/plan/"],
        "pillar": ["/plan/services/", "/en/plan/services/"],
        "project": ["/plan/projects/p/", "/en/plan/projects/p/"],
    }
    for name, urls in paths.items():
        for url in urls:
            with django_assert_max_num_queries(BOUNDS[name]):
                assert client.get(url).status_code == 200, url
