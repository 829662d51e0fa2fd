"""The plan as open data: plans, pillars, metrics (+ measurements and status), projects
(+ milestones) as plain records with stable snake_case keys.

Used by the Data page's downloads and by the JSON API (``yuzhong_site.open_data``), so the files, the
API and the pages show the same figures: values are exactly as stored (decimal text, never
rounded) and units are separate fields. Public data = live records under live pages. Each
``*_records`` function adds a fixed number of queries, whatever the number of records.
"""

from django.db.models import Count, Max, Prefetch, Q

from districts.models import HeritageSitePage
from plans.models import (
    Measurement,
    Metric,
    Milestone,
    PillarPage,
    PlanPage,
    Project,
    ProjectStatusReport,
)
from plans.status import assess_metric
from plans.units import Unit
from plans.visibility import public_pillars, public_records
from yuzhong_site.open_data.records import (
    LANGUAGES,
    Translations,
    decimal_text,
    default_locale,
    iso,
)


def plans():
    return PlanPage.objects.live().public().filter(locale=default_locale()).order_by("path")


def pillars():
    return (
        public_pillars()
        .filter(locale=default_locale())
        .annotate(
            metric_count=Count("metrics", filter=Q(metrics__live=True), distinct=True),
            project_count=Count("projects", filter=Q(projects__live=True), distinct=True),
        )
        .order_by("path")
    )


def metrics():
    measurements = Measurement.objects.order_by("year", "sort_order", "pk")
    return (
        public_records(Metric.objects.filter(pillar__locale=default_locale()))
        .select_related("pillar", "goal")
        .prefetch_related(Prefetch("measurements", queryset=measurements))
        .order_by("pillar__path", "sort_order", "pk")
    )


def projects():
    return (
        public_records(Project.objects.filter(pillar__locale=default_locale()))
        .select_related("pillar")
        .prefetch_related(
            "districts",
            Prefetch("milestones", queryset=Milestone.objects.order_by("sort_order", "pk")),
            Prefetch("status_reports", queryset=ProjectStatusReport.objects.order_by("date", "pk")),
        )
        .order_by("pillar__path", "sort_order", "pk")
    )


class _PlanIndex:
    """The live plans in the default locale with their translations: the plan of each pillar
    and the plan's URL in every language (for ``…/metrics/<slug>/`` and ``…/projects/<slug>/``)."""

    def __init__(self, request, pillar_pages=()):
        self.plans = {plan.path: plan for plan in plans()}
        self.translations = Translations(
            [*self.plans.values(), *pillar_pages], request
        )

    def plan_of(self, pillar):
        return self.plans.get(pillar.path[: -PlanPage.steplen])

    def urls(self, pillar, route, slug):
        plan = self.plan_of(pillar)
        if plan is None:
            return dict.fromkeys(LANGUAGES)
        return self.translations.urls(plan, f"{route}/{slug}/")


def _unit_fields(unit):
    return {"unit": unit, "unit_label": str(Unit(unit).label) if unit in Unit.values else unit}


def measurement_record(measurement):
    return {
        "year": measurement.year,
        "period": measurement.period,
        "date": iso(measurement.date),
        "value": decimal_text(measurement.value),
        "approximate": measurement.approximate,
        "qualifier": measurement.qualifier,
        "qualifier_label": str(measurement.get_qualifier_display()),
        "source_name": measurement.source_name,
        "source_url": measurement.source_url,
        "source_date": iso(measurement.source_date),
        "note": measurement.note,
    }


def status_report_record(report):
    return {
        "date": iso(report.date),
        "precision": report.precision,
        "status": report.status,
        "status_label": str(report.get_status_display()),
        "source_name": report.source_name,
        "source_url": report.source_url,
        "note": report.note,
    }


def metric_records(items, request):
    """Each metric with its baseline, target, measurements and computed status."""
    items = list(items)
    index = _PlanIndex(request, {metric.pillar.pk: metric.pillar for metric in items}.values())
    records = []
    for metric in items:
        measurements = list(metric.measurements.all())
        plan = index.plan_of(metric.pillar)
        assessment = assess_metric(
            metric, measurements, plan_end_year=plan.end_year if plan else None
        )
        goal = metric.goal if metric.goal_id and metric.goal.live else None
        records.append(
            {
                "slug": metric.slug,
                "name": metric.name,
                "pillar": metric.pillar.key,
                "pillar_title": index.translations.page(metric.pillar).title,
                "plan": plan.slug if plan else None,
                "goal": goal.statement if goal else None,
                "kind": metric.kind,
                "figure_type": metric.figure_type,
                "district_result": metric.district_result,
                "direction": metric.direction,
                **_unit_fields(metric.unit),
                "baseline_value": decimal_text(metric.baseline_value),
                "baseline_year": metric.baseline_year,
                "baseline_label": metric.baseline_label,
                "target_value": decimal_text(metric.target_value),
                "target_year": metric.target_year,
                "target_qualifier": metric.target_qualifier,
                "status": assessment.status,
                "status_label": str(assessment.label),
                "status_final": assessment.final,
                "latest_value": decimal_text(assessment.latest.value) if assessment.latest else None,
                "latest_year": assessment.latest.year if assessment.latest else None,
                "source_name": metric.source_name,
                "source_url": metric.source_url,
                "notes": metric.notes,
                "figures_note": metric.figures_note,
                "last_published_at": iso(metric.last_published_at),
                "urls": index.urls(metric.pillar, "metrics", metric.slug),
                "measurements": [measurement_record(m) for m in measurements],
            }
        )
    return records


def project_records(items, request):
    """Each project with its districts, dates, status, progress and milestones."""
    items = list(items)
    index = _PlanIndex(request, {project.pillar.pk: project.pillar for project in items}.values())
    records = []
    for project in items:
        milestones = list(project.milestones.all())
        districts = list(project.districts.all())
        plan = index.plan_of(project.pillar)
        records.append(
            {
                "slug": project.slug,
                "name": project.name,
                "summary": project.summary,
                "pillar": project.pillar.key,
                "pillar_title": index.translations.page(project.pillar).title,
                "plan": plan.slug if plan else None,
                "status": project.status,
                "status_label": str(project.get_status_display()),
                "status_date": iso(project.status_date),
                "status_reports": [status_report_record(r) for r in project.status_reports.all()],
                "progress_percent": project.progress,
                "start_date": iso(project.start_date),
                "planned_completion": iso(project.planned_completion),
                "planned_completion_year": project.planned_completion_year,
                "actual_completion": iso(project.actual_completion),
                "districts": [{"slug": d.slug, "name": d.name} for d in districts],
                "latitude": decimal_text(project.latitude),
                "longitude": decimal_text(project.longitude),
                "source_name": project.source_name,
                "milestones_count": len(milestones),
                "milestones_done": sum(1 for m in milestones if m.done),
                "milestones": [
                    {"date": iso(m.date), "year": m.year, "title": m.title, "done": m.done}
                    for m in milestones
                ],
                "last_published_at": iso(project.last_published_at),
                "urls": index.urls(project.pillar, "projects", project.slug),
            }
        )
    return records


def plan_records(items, request):
    items = list(items)
    pillar_pages = list(
        public_pillars().filter(locale=default_locale()).order_by("path")
    )
    translations = Translations([*items, *pillar_pages], request, specific=True)
    records = []
    for plan in items:
        local = translations.page(plan)
        records.append(
            {
                "slug": plan.slug,
                "title": local.title,
                "summary": getattr(local, "summary", "") or plan.summary,
                "start_year": plan.start_year,
                "end_year": plan.end_year,
                "ended": plan.has_ended(),
                "pillars": [p.key for p in pillar_pages if p.path.startswith(plan.path)],
                "last_published_at": iso(plan.last_published_at),
                "urls": translations.urls(plan),
            }
        )
    return records


def pillar_records(items, request):
    items = list(items)
    plan_by_path = {plan.path: plan for plan in plans()}
    translations = Translations(items, request, specific=True)
    records = []
    for pillar in items:
        local = translations.page(pillar)
        plan = plan_by_path.get(pillar.path[: -PlanPage.steplen])
        records.append(
            {
                "slug": pillar.slug,
                "key": pillar.key,
                "title": local.title,
                "positioning": getattr(local, "positioning", "") or pillar.positioning,
                "intro": getattr(local, "intro", "") or pillar.intro,
                "plan": plan.slug if plan else None,
                "metric_count": pillar.metric_count,
                "project_count": pillar.project_count,
                "last_published_at": iso(pillar.last_published_at),
                "urls": translations.urls(pillar),
            }
        )
    return records


def last_updated():
    """When the published data last changed: the latest publication of a live metric,
    project, plan, pillar or heritage site (None if nothing is published)."""
    moments = [
        public_records(Metric.objects.all()).aggregate(m=Max("last_published_at"))["m"],
        public_records(Project.objects.all()).aggregate(m=Max("last_published_at"))["m"],
        PlanPage.objects.live().aggregate(m=Max("last_published_at"))["m"],
        PillarPage.objects.live().aggregate(m=Max("last_published_at"))["m"],
        HeritageSitePage.objects.live().aggregate(m=Max("last_published_at"))["m"],
    ]
    moments = [moment for moment in moments if moment is not None]
    return max(moments) if moments else None
