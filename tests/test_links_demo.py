"""With the full demo content: heritage sites and plan projects point at each other, the demo
step keeps doing so idempotently, and the search finds the right page, project, indicator or
heritage site first (the same matrix runs on SQLite and PostgreSQL)."""

import re
from html import unescape

import pytest

from districts.models import HeritageSitePage
from plans.demo import SITE_PROJECTS, link_sites_to_projects
from yuzhong_site.core.demo import DemoContext

pytestmark = pytest.mark.django_db


def results(client, query, language):
    """[(title, href)] of the results on the first page, best first."""
    url = "/en/search/" if language == "en" else "/search/"
    response = client.get(url, {"q": query})
    assert response.status_code == 200
    found = []
    for block in re.findall(r'<h2 class="yz-result__title">(.*?)</h2>', response.content.decode(), re.S):
        href = re.search(r'href="([^"]*)"', block)
        title = unescape(re.sub(r"<[^>]+>", "", block)).strip()
        found.append((title, href.group(1) if href else None))
    return found


# (language, query, a title in the top three, its link, another result expected on the first page)
MATRIX = [
    ("zh-hans", "十八梯", "十八梯传统风貌区", "/visit/shibati/", "/plan/projects/shibati/"),
    ("zh-hans", "崖壁步道", "戴家巷崖壁步道", "/visit/daijiaxiang-cliffside-walkway/",
     "/plan/projects/daijiaxiang-cliffside-walkway/"),
    # (three consulates opened in the plan period: "领事馆" alone finds their updates first)
    ("zh-hans", "白俄罗斯", "白俄罗斯驻重庆总领事馆", "/plan/projects/belarus-consulate-general/", None),
    ("zh-hans", "金融", "金融业规模保持全市第一，建设西部金融中心主承载区", "/plan/services/#goal-",
     "/plan/services/"),
    ("zh-hans", "老旧小区", "老旧小区改造", "/plan/projects/old-residential-compounds/",
     "/plan/metrics/old-compounds-renovated/"),
    ("zh-hans", "较场口", "较场口·十八梯", "/visit/districts/jiaochangkou/", "/visit/shibati/"),
    ("en", "Shibati", "Shibati Traditional Area", "/en/visit/shibati/", "/en/plan/projects/shibati/"),
    ("en", "Belarus", "Consulate General of Belarus in Chongqing",
     "/en/plan/projects/belarus-consulate-general/", None),
    ("en", "Hongyan", "Hongyan Village", "/en/visit/hongyan-village/", "/en/plan/projects/hongyan-park/"),
    ("en", "walkway", "Daijiaxiang Cliffside Walkway", "/en/visit/daijiaxiang-cliffside-walkway/",
     "/en/plan/projects/daijiaxiang-cliffside-walkway/"),
    # an English query finds a project by its English name (the project has no page of its own)
    ("en", "bonded extension", "Bonded extension zone", "/en/plan/projects/bonded-extension-zone/",
     None),
    ("en", "old residential compounds", "Renovating old residential compounds",
     "/en/plan/projects/old-residential-compounds/", "/en/plan/metrics/old-compounds-renovated/"),
]


def test_search_finds_the_right_result_first_on_the_demo_content(demo_client):
    failures = []
    table = []
    for language, query, title, link, also in MATRIX:
        found = results(demo_client, query, language)
        top = found[0] if found else (None, None)
        table.append(f"{language:7} {query:28} → {top[0]} ({top[1]})")
        # the expected page or record is among the first three (an update about the same
        # thing, e.g. the consulate's opening, may rank above it)
        if not any(t == title and (h or "").startswith(link) for t, h in found[:3]):
            failures.append((language, query, found[:3]))
        elif also and not any((href or "").startswith(also) for _t, href in found):
            failures.append((language, query, "missing " + also, found))
    print("\n".join(table))
    assert failures == []
    # every result links somewhere that answers
    for _language, _query, _title, link, _also in MATRIX:
        if "#" not in link:
            assert demo_client.get(link).status_code == 200, link


def test_heritage_sites_and_projects_link_both_ways_on_the_demo_content(demo_client):
    chinese = {page.slug: page for page in HeritageSitePage.objects.filter(
        locale__language_code="zh-hans", slug__in=SITE_PROJECTS)}
    assert {slug: page.related_project.slug for slug, page in chinese.items()} == SITE_PROJECTS
    for site_slug, project_slug in SITE_PROJECTS.items():
        for prefix in ("", "/en"):
            site_html = demo_client.get(f"{prefix}/visit/{site_slug}/").content.decode()
            assert f'href="{prefix}/plan/projects/{project_slug}/"' in site_html, site_slug
            project_html = demo_client.get(f"{prefix}/plan/projects/{project_slug}/").content.decode()
            assert f'href="{prefix}/visit/{site_slug}/"' in project_html, project_slug


def test_the_demo_step_sets_a_missing_link_in_a_new_revision_and_is_idempotent(demo_content):
    shibati = HeritageSitePage.objects.get(locale__language_code="zh-hans", slug="shibati")
    HeritageSitePage.objects.filter(pk=shibati.pk).update(related_project=None)
    revisions = shibati.revisions.count()

    link_sites_to_projects(DemoContext())
    shibati.refresh_from_db()
    assert shibati.related_project.slug == "shibati"
    assert shibati.revisions.count() == revisions + 1
    assert shibati.live and not shibati.has_unpublished_changes

    link_sites_to_projects(DemoContext())
    assert shibati.revisions.count() == revisions + 1
