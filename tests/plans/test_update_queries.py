"""Updates pages and the pages that list the latest updates use a fixed number of queries,
whatever the number of updates."""

import pytest

from tests.helpers import assert_page_budget

from .factories import make_plan, make_project, make_update, make_updates_index

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]

# Within the page budget (tests/helpers.py), the same with 3 and with 25 updates; a feed is
# not a page but is held to the same budget.


# 25 updates: three pages of ten (page 2 is full), and a query per update would be 25 more.
@pytest.mark.parametrize("count", [3, 25])
def test_update_pages_query_counts_do_not_grow_with_updates(
    client, home, count
):
    _plan, pillars = make_plan(home)
    index = make_updates_index(home)
    project = make_project(pillars["services"], slug="p", milestones=2)
    updates = [
        make_update(index, f"2021-01-{(n % 28) + 1:02d}", list(pillars.values()), [project])
        for n in range(count)
    ]
    client.get("/")
    client.get("/en/")
    paths = {
        "index": ["/updates/", "/en/updates/", "/updates/?pillar=services&year=2021&page=2"],
        "update": [updates[0].url, "/en" + updates[0].url],
        "feed": ["/updates/feed/rss/", "/en/updates/feed/services/atom/"],
        "home": ["/", "/en/"],
        "plan": ["/plan/", "/en/plan/"],
        "pillar": ["/plan/services/", "/en/plan/services/"],
        "project": ["/plan/projects/p/", "/en/plan/projects/p/"],
    }
    assert_page_budget(client, [url for urls in paths.values() for url in urls], f"({count})")
