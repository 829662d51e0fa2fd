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
