"""No cascading loss: a pillar page with plan data, or a district that projects or sites name,
cannot be deleted (or the pillar unpublished) — the admin says what is attached; the database
refuses too."""

import pytest
from django.db import transaction
from django.db.models import ProtectedError

from plans.models import Goal, Measurement, Metric, Project
from tests.districts.builders import make_district

from .factories import make_metric, make_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_and_pillars(home):
    return make_plan(home)


@pytest.fixture
def data(plan_and_pillars):
    _plan, pillars = plan_and_pillars
    pillar = pillars["services"]
    goal = Goal.objects.create(pillar=pillar, statement_zh_hans="目标甲", live=True)
    metric = make_metric(pillar, slug="sales", name_zh_hans="销售额", measurements=[(2021, "1")], goal=goal)
    project = make_project(pillar, slug="cbd", name_zh_hans="解放碑项目")
    return {"pillar": pillar, "goal": goal, "metric": metric, "project": project}


def _messages(response):
    from django.contrib.messages import get_messages

    return " ".join(str(m) for m in get_messages(response.wsgi_request))


@pytest.mark.parametrize("target", ["pillar", "plan"])
def test_deleting_a_page_with_plan_data_is_refused_and_lists_it(admin_client, data, plan_and_pillars, target):
    page = data["pillar"] if target == "pillar" else plan_and_pillars[0]
    url = f"/admin/pages/{page.pk}/delete/"
    shown = admin_client.get(url)
    assert shown.status_code == 302 and "销售额" in _messages(shown)
    response = admin_client.post(url)
    assert response.status_code == 302
    message = _messages(response)
    assert "销售额" in message and "解放碑项目" in message and "目标甲" in message
    assert Metric.objects.filter(pk=data["metric"].pk).exists()
    assert Measurement.objects.filter(metric=data["metric"]).count() == 1
    assert Project.objects.filter(pk=data["project"].pk).exists()
    page.refresh_from_db()  # still there


def test_the_database_refuses_too(data):
    with pytest.raises(ProtectedError), transaction.atomic():
        data["pillar"].delete()
    assert Metric.objects.filter(pk=data["metric"].pk).exists()


def test_a_pillar_without_data_can_still_be_deleted(admin_client, plan_and_pillars):
    pillar = plan_and_pillars[1]["heritage"]
    response = admin_client.post(f"/admin/pages/{pillar.pk}/delete/")
    assert response.status_code == 302
    assert not type(pillar).objects.filter(pk=pillar.pk).exists()


def test_unpublishing_a_pillar_with_published_data_is_refused(admin_client, data):
    pillar = data["pillar"]
    response = admin_client.post(f"/admin/pages/{pillar.pk}/unpublish/")
    assert response.status_code == 302 and "销售额" in _messages(response)
    pillar.refresh_from_db()
    assert pillar.live


def test_a_district_named_by_a_project_or_site_is_not_deleted(admin_client, data):
    district = make_district()
    data["project"].districts.add(district)
    data["project"].save()
    response = admin_client.post(f"/admin/snippets/districts/district/delete/{district.pk}/")
    assert response.status_code == 302 and "解放碑项目" in _messages(response)
    assert type(district).objects.filter(pk=district.pk).exists()
    with pytest.raises(ProtectedError), transaction.atomic():
        district.delete()
    assert data["project"].districts.filter(pk=district.pk).exists()
