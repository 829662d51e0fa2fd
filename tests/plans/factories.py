"""Building plans, pillars, metrics and projects for tests (the same page helpers as the demo)."""

import datetime
import itertools
from decimal import Decimal

from plans.models import (
    Measurement,
    Metric,
    Milestone,
    PillarPage,
    PlanPage,
    Project,
    ProjectStatusReport,
)
from plans.units import Unit
from tests.snapshots import snapshotted
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

_counter = itertools.count(1)


def make_plan(home, start_year=2021, end_year=2025, keys=("services", "heritage"), slug="plan",
              title="十四五规划", title_en="The 14th plan"):
    """A published plan with published, translated pillars (copied from the first build when
    the database is in the same state: tests/snapshots.py)."""
    return snapshotted(
        ("make_plan", home.pk, start_year, end_year, tuple(keys), slug, title, title_en),
        lambda: _build_plan(home, start_year, end_year, keys, slug, title, title_en),
    )


def _build_plan(home, start_year, end_year, keys, slug, title, title_en):
    plan, _ = ensure_child_page(
        home, PlanPage, slug, title=title, start_year=start_year, end_year=end_year,
        summary="中文摘要", show_in_menus=True,
    )
    ensure_translation(plan, "en", title=title_en, summary="English summary")
    pillars = {}
    for key in keys:
        pillar, _ = ensure_child_page(
            plan, PillarPage, key, key=key, title=f"支柱{key}", positioning=f"定位{key}",
            intro="中文介绍",
        )
        ensure_translation(
            pillar, "en", title=f"Pillar {key}", positioning=f"Positioning {key}", intro="English intro"
        )
        pillars[key] = pillar
    return plan, pillars


def make_metric(pillar, measurements=(), live=True, **fields):
    number = next(_counter)
    values = {
        "slug": f"metric-{number}",
        "name_zh_hans": f"指标{number}",
        "name_en": f"Metric {number}",
        "unit": Unit.NUMBER,
        "source_name_zh_hans": "来源",
        "source_name_en": "The source",
    }
    values.setdefault(
        "figure_type",
        Metric.FigureType.INDICATOR if fields.get("target_value") is not None else Metric.FigureType.REPORTED,
    )
    values.update(fields)
    metric = Metric(pillar=pillar, live=live, **values)
    metric.measurements = [
        Measurement(year=year, value=Decimal(str(value))) for year, value in measurements
    ]
    metric.save()
    return metric


def make_project(pillar, districts=(), milestones=0, live=True, reports=None, **fields):
    """A project; ``reports`` are (date, status) pairs of its status reports (by default one,
    dated 2021-03-01, with the project's ``status``)."""
    number = next(_counter)
    values = {
        "slug": f"project-{number}",
        "name_zh_hans": f"项目{number}",
        "name_en": f"Project {number}",
        "status": "planned",
    }
    values.update(fields)
    project = Project(pillar=pillar, live=live, **values)
    project.milestones = [
        Milestone(title_zh_hans=f"节点{i}", title_en=f"Milestone {i}", year=2022, done=bool(i % 2))
        for i in range(milestones)
    ]
    project.districts = list(districts)
    if reports is None:
        reports = [(datetime.date(2021, 3, 1), values["status"])]
    project.status_reports = [
        ProjectStatusReport(
            date=date, status=status, source_name_zh_hans="来源", source_name_en="The source",
            source_url="https://example.org/report",
        )
        for date, status in reports
    ]
    project.save()
    return project


def make_updates_index(home):
    from plans.models import UpdateIndexPage

    index, _ = ensure_child_page(
        home, UpdateIndexPage, "updates", title="动态", intro="中文简介", show_in_menus=True
    )
    ensure_translation(index, "en", title="Updates", intro="English intro")
    return index


def make_update(index, date, pillars=(), projects=(), english=True, **fields):
    """A published Chinese update (and its English translation unless ``english`` is False)."""
    import datetime

    from plans.models import UpdatePage

    number = next(_counter)
    values = {"title": f"动态{number}", "summary": f"中文摘要{number}"}
    values.update(fields)
    if isinstance(date, str):
        date = datetime.date.fromisoformat(date)
    # pillars and projects go in with the first revision: one publish, as in the admin
    update, _ = ensure_child_page(
        index, UpdatePage, f"update-{number}", date=date, pillars=list(pillars),
        projects=list(projects), **values,
    )
    if english:
        ensure_translation(update, "en", title=f"Update {number}", summary=f"English summary {number}")
    return update
