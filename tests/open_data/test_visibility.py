"""One visibility rule for plan data: a metric or project is public only while its pillar page
is live and public. Unpublish the pillar, or put a view restriction on it or on the plan above
it, and the record leaves every surface: its page, search, the pillar feed, the API, the
downloads and the sitemap."""

import pytest
from wagtail.models import PageViewRestriction

from tests.plans.factories import make_updates_index

pytestmark = pytest.mark.django_db

METRIC = "spring-festival-sales"
PROJECT = "shibati"


def _hide(how, plan, pillars):
    if how == "unpublished pillar":
        for pillar in pillars.values():
            pillar.unpublish()
    elif how == "private pillar":
        for pillar in pillars.values():
            PageViewRestriction.objects.create(page=pillar, restriction_type="password", password="pw")
    else:  # a restriction on the plan page above the pillars
        PageViewRestriction.objects.create(page=plan, restriction_type="login")


def _found(client, name):
    """Is ``name`` a result title on the search page (not just the query echoed back)?"""
    import re

    html = client.get("/search/", {"q": name}).content.decode()
    return any(name in title for title in re.findall(r'yz-result__title[^>]*>(.*?)</h2>', html, re.S))


def _surfaces(client):
    """What each public surface says about the metric and the project."""
    from django.core.cache import cache

    cache.clear()
    metrics_api = client.get("/api/v1/metrics/").json()
    projects_api = client.get("/api/v1/projects/").json()
    return {
        "metric page": client.get(f"/plan/metrics/{METRIC}/").status_code,
        "english metric page": client.get(f"/en/plan/metrics/{METRIC}/").status_code,
        "project page": client.get(f"/plan/projects/{PROJECT}/").status_code,
        "search": _found(client, "春节期间商场销售额") or _found(client, "十八梯传统风貌区提升"),
        "pillar feed": client.get("/updates/feed/heritage/rss/").status_code,
        "api list": metrics_api["count"] + projects_api["count"],
        "api detail": client.get(f"/api/v1/metrics/{METRIC}/").status_code,
        "downloads": METRIC in client.get("/data/metrics.csv").content.decode()
        or PROJECT in client.get("/data/projects.json").content.decode(),
        "metric download": client.get(f"/data/metrics/{METRIC}.csv").status_code,
        "sitemap": f"metrics/{METRIC}/" in client.get("/sitemap.xml").content.decode(),
    }


PUBLIC = {
    "metric page": 200, "english metric page": 200, "project page": 200, "search": True,
    "pillar feed": 200, "api list": 2, "api detail": 200, "downloads": True,
    "metric download": 200, "sitemap": True,
}
HIDDEN = {
    "metric page": 404, "english metric page": 404, "project page": 404, "search": False,
    "pillar feed": 404, "api list": 0, "api detail": 404, "downloads": False,
    "metric download": 404, "sitemap": False,
}


@pytest.mark.indexes  # search is one of the surfaces
@pytest.mark.parametrize("how", ["unpublished pillar", "private pillar", "private plan"])
def test_data_under_a_hidden_pillar_leaves_every_surface(client, plan_and_pillars, sales_metric, project, home, how):
    plan, pillars = plan_and_pillars
    make_updates_index(home)
    assert _surfaces(client) == PUBLIC
    _hide(how, plan, pillars)
    seen = _surfaces(client)
    if how == "private plan":
        # The plan's own routes ask for a login (Wagtail's restriction on the plan page).
        assert seen.pop("metric page") in (302, 404) and seen.pop("english metric page") in (302, 404)
        assert seen.pop("project page") in (302, 404)
        expected = {k: v for k, v in HIDDEN.items() if "page" not in k}
    else:
        expected = HIDDEN
    assert seen == expected


# -- the same rule for goals, the English pages, the sitemap and the updates' tags and filter ------
def _hide_english(plan, pillars):
    """A restriction on the English translation only: private in one language, private in all."""
    from plans.models import PillarPage

    for pillar in pillars.values():
        english = PillarPage.objects.get(translation_key=pillar.translation_key, locale__language_code="en")
        PageViewRestriction.objects.create(page=english, restriction_type="password", password="pw")


def _more_surfaces(client):
    from django.core.cache import cache

    cache.clear()
    updates = client.get("/updates/").content.decode()
    english_updates = client.get("/en/updates/").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    return {
        "goal on pillar page": "发展现代服务业目标" in client.get("/plan/services/").content.decode(),
        "goal on english pillar page": "Modern services goal"
        in client.get("/en/plan/services/").content.decode(),
        "english pillar in sitemap": "/en/plan/services/" in sitemap,
        "pillar in sitemap": "/plan/services/" in sitemap.replace("/en/plan/services/", ""),
        "update tag": "支柱services" in updates,
        "english update tag": "Pillar services" in english_updates,
        "pillar filter": 'value="services"' in updates,
        "english pillar filter": 'value="services"' in english_updates,
    }


@pytest.mark.parametrize(
    "how", ["unpublished pillar", "private pillar", "private plan", "private english pillar"]
)
def test_goals_english_pages_sitemap_and_update_tags_follow_the_same_rule(
    client, plan_and_pillars, home, how
):
    from plans.models import Goal
    from tests.plans.factories import make_update

    plan, pillars = plan_and_pillars
    index = make_updates_index(home)
    Goal.objects.create(
        pillar=pillars["services"], statement_zh_hans="发展现代服务业目标",
        statement_en="Modern services goal", live=True,
    )
    make_update(index, "2022-05-01", pillars=[pillars["services"]])
    public = _more_surfaces(client)
    assert public == dict.fromkeys(public, True)
    if how == "private english pillar":
        _hide_english(plan, pillars)
    else:
        _hide(how, plan, pillars)
    hidden = _more_surfaces(client)
    assert hidden == dict.fromkeys(hidden, False)
