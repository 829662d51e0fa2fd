"""Every change to plan data goes through revisions: a CSV import publishes a revision per
record (logged with the importing user) or refuses records with a pending draft, and publishing
an older draft never drops what was published after it was started."""

from decimal import Decimal

import pytest
from django.utils import translation
from wagtail.models import ModelLogEntry

from plans import csv_io
from plans.models import Measurement, Metric, Project
from plans.revisions import StaleDraftError

from .factories import make_metric, make_plan, make_project

pytestmark = pytest.mark.django_db


@pytest.fixture
def pillars(home):
    return make_plan(home)[1]


@pytest.fixture
def sales(pillars):
    metric = make_metric(pillars["services"], slug="sales", measurements=[(2020, "8526.95")])
    metric.save_revision().publish()  # a first published revision: the base of later drafts
    return Metric.objects.get(pk=metric.pk)


def _csv(text):
    return text.encode("utf-8")


def _save_draft(metric, **fields):
    draft = Metric.objects.get(pk=metric.pk).get_latest_revision_as_object()
    for name, value in fields.items():
        setattr(draft, name, value)
    return draft.save_revision()


def test_import_publishes_a_revision_logged_with_the_importing_user(sales, superuser):
    plan = csv_io.plan_import("measurements", _csv("metric,year,value\nsales,2021,9000\n"), user=superuser)
    before = sales.live_revision_id
    assert csv_io.apply_import(plan, user=superuser) == (1, 0)
    sales.refresh_from_db()
    assert sales.live_revision_id != before
    assert sales.live_revision.user == superuser
    assert Measurement.objects.filter(metric=sales, year=2021, value=9000).exists()
    assert ModelLogEntry.objects.filter(
        object_id=str(sales.pk), action="wagtail.publish", user=superuser
    ).exists()


@pytest.mark.parametrize("language,words", [("en", "unpublished changes"), ("zh-hans", "未发布的修改")])
def test_import_refuses_a_metric_with_a_pending_draft(sales, language, words):
    _save_draft(sales, notes_zh_hans="草稿说明")
    with translation.override(language):
        plan = csv_io.plan_import("measurements", _csv("metric,year,value\nsales,2021,9000\n"))
    assert not plan.is_valid
    assert plan.errors[0].line == 2 and words in plan.errors[0].message
    with pytest.raises(ValueError):
        csv_io.apply_import(plan)
    assert not Measurement.objects.filter(metric=sales, year=2021).exists()


def test_import_refuses_a_project_with_a_pending_draft(pillars):
    project = make_project(pillars["heritage"], slug="shibati", status="under_way")
    draft = Project.objects.get(pk=project.pk)
    draft.summary_zh_hans = "草稿"
    draft.save_revision()
    with translation.override("en"):
        plan = csv_io.plan_import("projects", _csv("slug,status\nshibati,opened\n"))
    assert not plan.is_valid and "unpublished changes" in plan.errors[0].message
    project.refresh_from_db()
    assert project.status == "under_way"


def test_import_of_a_project_change_is_a_published_revision(pillars, superuser):
    project = make_project(pillars["heritage"], slug="shibati", status="under_way")
    plan = csv_io.plan_import("projects", _csv(
        "slug,status,status_date,status_source,status_source_url\n"
        "shibati,opened,2021-09-30,CNR,https://example.org/shibati\n"
    ), user=superuser)
    assert plan.is_valid, plan.errors
    csv_io.apply_import(plan, user=superuser)
    project.refresh_from_db()
    assert project.status == "opened" and project.live_revision.user == superuser
    assert not project.has_unpublished_changes
    latest = project.latest_report
    assert (latest.date.isoformat(), latest.status, latest.source_url) == (
        "2021-09-30", "opened", "https://example.org/shibati")


def test_publishing_an_older_draft_keeps_figures_published_after_it(sales):
    draft = _save_draft(sales, notes_zh_hans="编辑的说明")
    # Published after the draft was started (a script, another editor's publish…).
    live = Metric.objects.get(pk=sales.pk)
    live.measurements = [*live.measurements.all(), Measurement(year=2021, value=Decimal("23421.18"))]
    live.save_revision().publish()
    draft.publish()
    sales.refresh_from_db()
    assert sales.notes_zh_hans == "编辑的说明"
    assert sorted(m.year for m in sales.measurements.all()) == [2020, 2021]


def test_publishing_an_older_draft_that_conflicts_is_refused_and_loses_nothing(sales):
    draft = _save_draft(sales, notes_zh_hans="编辑的说明")
    live = Metric.objects.get(pk=sales.pk)
    live.notes_zh_hans = "后来发布的说明"
    live.save_revision().publish()
    with pytest.raises(StaleDraftError) as error:
        draft.publish()
    assert "notes_zh_hans" in str(error.value)
    sales.refresh_from_db()
    assert sales.notes_zh_hans == "后来发布的说明"


def test_the_admin_refuses_a_conflicting_publish_with_a_message(admin_client, sales):
    draft = _save_draft(sales, notes_zh_hans="编辑的说明")
    live = Metric.objects.get(pk=sales.pk)
    live.notes_zh_hans = "后来发布的说明"
    live.save_revision().publish()
    draft.as_object().save_revision()  # the old draft restored from the history: the latest again
    from wagtail.models import Revision

    # The publish button of the edit view, with the draft's form content.
    edit_url = f"/admin/snippets/plans/metric/edit/{sales.pk}/"
    form = admin_client.get(edit_url).context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if value is None:
            continue
        data[name] = value
    for formset in form.formsets.values():
        management = formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for child in formset.forms:
            for name in child.fields:
                value = child[name].value()
                if value is not None and value is not False:
                    data[f"{child.prefix}-{name}"] = value
    data["action-publish"] = "1"
    revisions = Revision.objects.count()
    response = admin_client.post(edit_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    sales.refresh_from_db()
    assert sales.notes_zh_hans == "后来发布的说明"
    assert Revision.objects.count() == revisions + 1  # the editor's work is kept as a draft
    from django.contrib.messages import get_messages

    shown = " ".join(str(m) for m in get_messages(response.wsgi_request))
    assert "notes_zh_hans" in shown, shown


def test_the_admin_import_page_shows_the_pending_draft_row_and_imports_nothing(admin_client, sales):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _save_draft(sales, notes_zh_hans="草稿说明")
    upload = SimpleUploadedFile("f.csv", _csv("metric,year,value\nsales,2021,9000\n"))
    preview = admin_client.post("/admin/plan-data/csv/measurements/import/", {"file": upload})
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "unpublished changes" in html or "未发布的修改" in html
    assert "Confirm and import" not in html and "确认导入" not in html
    assert not Measurement.objects.filter(metric=sales, year=2021).exists()
    # the editor publishes (or discards) the draft, and the same file then goes in
    Metric.objects.get(pk=sales.pk).get_latest_revision().publish()
    upload = SimpleUploadedFile("f.csv", _csv("metric,year,value\nsales,2021,9000\n"))
    preview = admin_client.post("/admin/plan-data/csv/measurements/import/", {"file": upload})
    done = admin_client.post("/admin/plan-data/csv/measurements/import/",
                             {"token": preview.context["token"], "confirm": "1"})
    assert done.status_code == 302
    sales.refresh_from_db()
    assert sales.notes_zh_hans == "草稿说明"  # the draft's change was kept, and the figure too
    assert Measurement.objects.filter(metric=sales, year=2021, value=9000).exists()
