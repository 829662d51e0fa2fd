"""``site_audit`` knows time: figures need a source link, projects a dated status, "final
outturn" only for the plan's last year; a project under way unreported for a year warns."""

import datetime

import pytest

from plans.models import Measurement, Project, ProjectStatusReport
from yuzhong_site.open_data import audit

from .factories import make_metric, make_plan, make_project

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 11, 29)


def findings(severity):
    report = audit.Report()
    audit.check_plan(report, today=TODAY)
    return [f.message for f in report.of("plan", severity)]


@pytest.fixture
def pillars(home):
    return make_plan(home)[1]


def test_a_sourced_dated_plan_passes(pillars):
    make_metric(pillars["services"], slug="ok", source_url="https://example.org/m", measurements=[(2022, 1)])
    make_metric(pillars["services"], slug="print", source_in_print=True, measurements=[(2021, 1)])
    make_project(pillars["services"], slug="fresh", reports=[(datetime.date(2026, 6, 1), "under_way")])
    assert findings(audit.FAILURE) == [] and findings(audit.WARNING) == []


def test_a_figure_without_a_source_link_fails(pillars):
    make_metric(pillars["services"], slug="nolink", measurements=[(2022, 1)])
    assert findings(audit.FAILURE) == ["figure without a source link: nolink 2022"]


def test_a_project_without_a_dated_status_fails(pillars):
    project = make_project(pillars["services"], slug="undated")
    ProjectStatusReport.objects.filter(project=project).delete()
    assert findings(audit.FAILURE) == ["project without a dated status: undated"]


def test_final_outturn_claimed_outside_the_last_year_fails(pillars):
    metric = make_metric(pillars["services"], slug="claim", source_url="https://example.org/m",
                         measurements=[(2023, 1)])
    Measurement.objects.filter(metric=metric).update(note_en="final outturn")
    assert findings(audit.FAILURE) == [
        "“final outturn” claimed for claim 2023, outside the plan's last year (2025)"
    ]


def test_a_project_under_way_without_a_report_for_a_year_warns(pillars):
    make_project(pillars["services"], slug="stale", reports=[(datetime.date(2024, 6, 20), "under_way")])
    assert findings(audit.FAILURE) == []
    assert findings(audit.WARNING) == [
        "project under way with no status report for 892 days: stale (latest 2024-06-20)"
    ]
    assert Project.objects.get(slug="stale").status == "under_way"
