"""The editors' home (Wagtail dashboard): what waits for this user's review, this user's drafts,
what lacks English, and figures and project statuses older than twelve months, with links."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from plans.models import Metric, Project
from yuzhong_site.core.editorial import EDITORS_GROUP, MODERATORS_GROUP, ensure_editorial_setup

from .factories import make_metric, make_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(home, english_home, django_user_model):
    _plan, pillars = make_plan(home)
    ensure_editorial_setup()
    editor = django_user_model.objects.create_user("ed", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    moderator = django_user_model.objects.create_user("mod", password="pw")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    this_year = timezone.localdate().year
    fresh = make_metric(pillars["services"], slug="fresh", name_zh_hans="新指标", measurements=[(this_year, "1")])
    old = make_metric(pillars["services"], slug="old", name_zh_hans="旧指标", measurements=[(this_year - 3, "1")])
    project = make_project(pillars["heritage"], slug="old-status", name_zh_hans="旧状态项目", status="under_way")
    Project.objects.filter(pk=project.pk).update(last_published_at=timezone.now() - datetime.timedelta(days=400))
    draft = Metric.objects.get(pk=fresh.pk)
    draft.notes_zh_hans = "编辑的草稿"
    draft.save_revision(user=editor)
    return {"editor": editor, "moderator": moderator, "fresh": fresh, "old": old, "project": project}


def _section(html, key):
    start = html.index(f'id="yz-home-{key}"')
    end = html.find('id="yz-home-', start + 10)
    return html[start: end if end > 0 else len(html)]


def test_the_editor_sees_their_drafts_and_what_lacks_english(client, setup):
    client.force_login(setup["editor"])
    html = client.get("/admin/").content.decode()
    mine = _section(html, "my-plan-drafts")
    assert "新指标" in mine and f"/admin/snippets/plans/metric/edit/{setup['fresh'].pk}/" in mine
    assert 'id="yz-home-plan-review"' not in html  # editors cannot publish plan data
    assert "旧指标" in _section(html, "stale-figures") and "新指标" not in _section(html, "stale-figures")
    assert "旧状态项目" in _section(html, "stale-statuses")
    assert 'id="yz-home-no-english"' in html and 'id="yz-home-outdated-english"' in html


def test_the_moderator_sees_what_waits_for_review(client, setup):
    client.force_login(setup["moderator"])
    html = client.get("/admin/").content.decode()
    waiting = _section(html, "plan-review")
    assert "新指标" in waiting and f"/admin/snippets/plans/metric/edit/{setup['fresh'].pk}/" in waiting
    assert "新指标" not in _section(html, "my-plan-drafts")


def test_a_project_status_is_stale_by_its_latest_report_not_its_last_save(client, setup, home):
    """Saved yesterday, reported on in 2021: the dashboard says the status is old."""
    Project.objects.filter(pk=setup["project"].pk).update(last_published_at=timezone.now())
    client.force_login(setup["editor"])
    stale = _section(client.get("/admin/").content.decode(), "stale-statuses")
    assert "旧状态项目" in stale and "2021-03-01" in stale


def test_the_moderator_sees_pages_awaiting_review_first(client, setup, home):
    from wagtail.models import Page

    from yuzhong_site.core.models import StandardPage

    page = home.add_child(instance=StandardPage(title="待审核的动态", slug="waiting", live=False))
    page.save_revision(user=setup["editor"]).page  # noqa: B018
    Page.objects.get(pk=page.pk).specific.get_workflow().start(page, setup["editor"])
    client.force_login(setup["moderator"])
    html = client.get("/admin/").content.decode()
    sections = [html.index(f'id="yz-home-{key}"') for key in ("pages-review", "plan-review", "stale-figures", "stale-statuses")]
    assert sections == sorted(sections), "reviews first, then stale items"
    waiting = _section(html, "pages-review")
    assert "待审核的动态" in waiting and f"/admin/pages/{page.pk}/edit/" in waiting


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_approve_or_reject_from_the_dashboard_says_what_happened(client, setup, home, action):
    from wagtail.models import TaskState

    from yuzhong_site.core.models import StandardPage

    page = home.add_child(instance=StandardPage(title="待审核的动态", slug="waiting", live=False))
    page.save_revision(user=setup["editor"])
    page.get_workflow().start(page, setup["editor"])
    state = TaskState.objects.get(status=TaskState.STATUS_IN_PROGRESS, workflow_state__object_id=str(page.pk))
    client.force_login(setup["moderator"])
    response = client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{state.pk}/",
        {"comment": "请补充来源"},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    assert response.status_code == 200
    html = client.get("/admin/").content.decode()
    page.refresh_from_db()
    if action == "approve":
        assert page.live
        assert "“待审核的动态”已批准并发布。" in html
        assert f'href="{page.get_url()}"' in html or page.full_url in html
    else:
        assert not page.live
        assert "“待审核的动态”已退回给作者" in html
