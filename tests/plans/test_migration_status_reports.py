"""Existing data migrates without loss: "approximate" becomes "close to", a metric with a target
becomes a plan indicator, a project's single status becomes its first dated status report."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("plans", "0002_updates")]


def _latest():
    """Every app's latest migration: the schema the rest of the tests expect."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def _state(target):
    executor = MigrationExecutor(connection)
    executor.migrate(target)
    executor.loader.build_graph()
    return executor.loader.project_state(target).apps


def test_old_figures_and_statuses_are_kept():
    old = _state(BEFORE)
    try:
        Page = old.get_model("wagtailcore", "Page")
        Locale = old.get_model("wagtailcore", "Locale")
        Pillar = old.get_model("plans", "PillarPage")
        Metric = old.get_model("plans", "Metric")
        Measurement = old.get_model("plans", "Measurement")
        Project = old.get_model("plans", "Project")
        ContentType = old.get_model("contenttypes", "ContentType")
        locale = Locale.objects.get_or_create(language_code="zh-hans")[0]
        pillar_type = ContentType.objects.get_or_create(app_label="plans", model="pillarpage")[0]
        root = Page.objects.filter(depth=1).first() or Page.objects.create(
            title="Root", slug="root", path="0001", depth=1, numchild=0, url_path="/",
            locale=locale, draft_title="Root",
            content_type=ContentType.objects.get_or_create(app_label="wagtailcore", model="page")[0],
        )  # a flush by an earlier transactional test removes Wagtail's root page
        pillar = Pillar.objects.create(
            title="支柱", slug="p-mig", path=root.path + "9999", depth=2, locale=locale,
            content_type=pillar_type, key="services", positioning="定位", draft_title="支柱",
        )
        metric = Metric.objects.create(
            pillar=pillar, name="指标", name_zh_hans="指标", slug="mig", unit="number",
            source_name="来源", source_name_zh_hans="来源", target_value=5, target_year=2022,
        )
        Measurement.objects.create(metric=metric, year=2021, value=6000000, approximate=True,
                                   source_name="某报", sort_order=0)
        Project.objects.create(
            pillar=pillar, name="项目", name_zh_hans="项目", slug="mig-project", status="opened",
            actual_completion=datetime.date(2021, 1, 25), source_name="文章",
            source_name_zh_hans="文章",
        )
    finally:
        new = _state(_latest())
    Metric = new.get_model("plans", "Metric")
    Measurement = new.get_model("plans", "Measurement")
    Project = new.get_model("plans", "Project")
    Report = new.get_model("plans", "ProjectStatusReport")
    assert Metric.objects.get(slug="mig").figure_type == "indicator"
    measurement = Measurement.objects.get(metric__slug="mig")
    assert measurement.qualifier == "close_to" and measurement.value == 6000000
    assert measurement.source_name_zh_hans == "某报"
    project = Project.objects.get(slug="mig-project")
    report = Report.objects.get(project=project)
    assert (report.status, report.date, report.source_name_zh_hans) == ("opened", datetime.date(2021, 1, 25), "文章")
    assert project.status_date == datetime.date(2021, 1, 25)
