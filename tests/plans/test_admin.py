"""Editors add figures and milestones in the admin; the public pages change after publishing."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from plans.models import Metric
from tests.helpers import text_of

from .factories import make_metric, make_plan, make_project

pytestmark = pytest.mark.django_db


def metric_form(metric, measurements, **changes):
    data = {
        "pillar": metric.pillar_id,
        "goal": "",
        "name_zh_hans": metric.name_zh_hans,
        "name_en": metric.name_en,
        "slug": metric.slug,
        "unit": metric.unit,
        "direction": metric.direction,
        "kind": metric.kind,
        "figure_type": metric.figure_type,
        "district_result": "",
        "baseline_value": metric.baseline_value or "",
        "baseline_year": metric.baseline_year or "",
        "baseline_label_zh_hans": "",
        "baseline_label_en": "",
        "target_qualifier": metric.target_qualifier,
        "target_value": metric.target_value if metric.target_value is not None else "",
        "target_year": metric.target_year or "",
        "source_name_zh_hans": metric.source_name_zh_hans,
        "source_name_en": metric.source_name_en,
        "source_url": "",
        "source_in_print": "",
        "notes_zh_hans": "",
        "notes_en": "",
        "sort_order": 0,
        "measurements": inline_formset(measurements),
    }
    data.update(changes)
    return nested_form_data(data)


def measurement(year, value):
    return {
        "year": year, "date": "", "value": value, "qualifier": "", "period_zh_hans": "",
        "period_en": "", "source_name_zh_hans": "", "source_name_en": "", "source_url": "",
        "source_date": "", "note_zh_hans": "", "note_en": "",
    }


@pytest.fixture
def pillars(home):
    return make_plan(home)[1]


def test_editor_adds_a_measurement_and_the_public_page_changes_after_publishing(
    admin_client, client, pillars
):
    metric = make_metric(
        pillars["services"], slug="friends", unit="friendship_cities", target_value=5,
        target_year=2022, name_zh_hans="友好城市", name_en="Friendship cities",
    )
    assert "No data" in text_of(client.get("/en/plan/metrics/friends/"))
    url = f"/admin/snippets/plans/metric/edit/{metric.pk}/"
    assert admin_client.get(url).status_code == 200

    # Saved as a draft: the public page does not change yet.
    response = admin_client.post(url, metric_form(metric, [measurement(2022, "5")]))
    assert response.status_code == 302, text_of(response)[:3000]
    assert "No data" in text_of(client.get("/en/plan/metrics/friends/"))

    response = admin_client.post(
        url, {**metric_form(metric, [measurement(2022, "5")]), "action-publish": "publish"}
    )
    assert response.status_code == 302, text_of(response)[:3000]
    html = text_of(client.get("/en/plan/metrics/friends/"))
    # A 2022 figure is not the final outturn of a plan that ran to 2025.
    assert "Target met" in html and "Final outturn" not in html
    assert "5 friendship cities" in html
    assert "已达目标" in text_of(client.get("/plan/metrics/friends/"))


def test_a_future_figure_is_refused_in_the_admin_and_nothing_is_saved(admin_client, pillars):
    import datetime

    metric = make_metric(pillars["services"], slug="future")
    future = datetime.date.today().year + 1
    response = admin_client.post(
        f"/admin/snippets/plans/metric/edit/{metric.pk}/",
        {**metric_form(metric, [measurement(future, "3")]), "action-publish": "publish"},
    )
    assert response.status_code == 200
    assert "此年份在未来" in text_of(response)
    assert not Metric.objects.get(pk=metric.pk).measurements.exists()


def test_measurement_outside_the_plan_period_is_saved_with_a_warning(admin_client, pillars):
    metric = make_metric(pillars["services"], slug="early")
    response = admin_client.post(
        f"/admin/snippets/plans/metric/edit/{metric.pk}/",
        {**metric_form(metric, [measurement(2019, "3")]), "action-publish": "publish"},
        follow=True,
    )
    assert response.status_code == 200
    assert Metric.objects.get(pk=metric.pk).measurements.get().year == 2019
    assert "2019年的数据不在规划期2021—2025年之内" in text_of(response)


@pytest.mark.parametrize("language,message", [
    ("zh-hans", "目标年份不能早于基期年份。"),
    ("en", "The target year cannot be before the baseline year."),
])
def test_target_year_before_baseline_year_is_refused_politely(
    admin_client, pillars, language, message
):
    admin_client.cookies["django_language"] = language
    from django.contrib.auth import get_user_model
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(get_user_model().objects.get(username="root-editor"))
    profile.preferred_language = language
    profile.save()
    metric = make_metric(pillars["services"], slug="bad", baseline_value=1, baseline_year=2022)
    response = admin_client.post(
        f"/admin/snippets/plans/metric/edit/{metric.pk}/",
        metric_form(metric, [], target_value="2", target_year="2020", baseline_value="1",
                    baseline_year="2022"),
    )
    assert response.status_code == 200
    assert message in text_of(response)


def test_project_validation_messages(pillars):
    import datetime

    from django.core.exceptions import ValidationError
    from django.utils import translation

    project = make_project(pillars["services"], slug="dates")
    project.progress = 120
    project.start_date = datetime.date(2022, 1, 1)
    project.actual_completion = datetime.date(2021, 1, 1)
    with pytest.raises(ValidationError) as error:
        project.clean()
    with translation.override("en"):
        english = str(error.value.message_dict)
    with translation.override("zh-hans"):
        chinese = str(error.value.message_dict)
    assert "Progress is a percentage between 0 and 100." in english
    assert "Completion cannot be before the start date." in english
    assert "进度是0到100之间的百分数。" in chinese
    assert "完工日期不能早于开工日期。" in chinese
