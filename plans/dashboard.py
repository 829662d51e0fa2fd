"""What the plan, pillar, project and metric pages show: built here with a fixed number of
queries (select_related / prefetch_related), whatever the amount of content."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Prefetch
from django.utils import translation

from yuzhong_site.core.i18n import default_locale_page

from .charts import metric_chart, period_text, target_text
from .models import Goal, Measurement, Metric, Milestone, PillarPage, PlanPage, Project
from .status import assess_metric, roll_up, roll_up_plan
from .units import format_value


def live_metrics():
    measurements = Measurement.objects.order_by("year", "sort_order", "pk")
    return (
        Metric.objects.filter(live=True)
        .select_related("goal")
        .prefetch_related(Prefetch("measurements", queryset=measurements))
    )


def live_projects():
    milestones = Milestone.objects.order_by("sort_order", "pk")
    return (
        Project.objects.filter(live=True)
        .prefetch_related("districts", Prefetch("milestones", queryset=milestones))
    )


@dataclass
class MetricSummary:
    """A metric as the pages show it: status, figures in the active language, chart, link."""

    metric: Metric
    plan: PlanPage
    url: str

    @cached_property
    def measurements(self):
        return list(self.metric.measurements.all())

    @cached_property
    def assessment(self):
        return assess_metric(self.metric, self.measurements, plan_end_year=self.plan.end_year)

    @property
    def latest_figure(self):
        latest = self.assessment.latest
        if latest is None:
            return ""
        return format_value(latest.value, self.metric.unit)

    @property
    def latest_when(self):
        latest = self.assessment.latest
        return period_text(latest.year, latest.period, latest.date) if latest else ""

    @property
    def baseline_when(self):
        return period_text(self.metric.baseline_year, self.metric.baseline_label)

    @property
    def latest(self):
        return self.assessment.latest

    @property
    def baseline_figure(self):
        return format_value(self.metric.baseline_value, self.metric.unit)

    @property
    def target_figure(self):
        return target_text(self.metric)

    @cached_property
    def chart(self):
        return metric_chart(
            self.metric, self.measurements, plan_start=self.plan.start_year, plan_end=self.plan.end_year
        )


@dataclass
class PillarSummary:
    page: PillarPage  # in the visitor's language
    source: PillarPage  # the Chinese page the data points at
    metrics: list
    roll_up: object
    url: str


def _url_base(plan, request):
    return plan.get_url(request) or ""


def plan_context(plan, request):
    """The dashboard: every pillar with its roll-up, every metric with its chart."""
    source_plan = default_locale_page(plan)
    ended = plan.has_ended()
    base = _url_base(plan, request)
    source_pillars = list(PillarPage.objects.live().child_of(source_plan).order_by("path"))
    if source_plan.pk == plan.pk:
        local = {p.translation_key: p for p in source_pillars}
    else:
        local = {
            p.translation_key: p
            for p in PillarPage.objects.live().filter(
                locale_id=plan.locale_id,
                translation_key__in=[p.translation_key for p in source_pillars],
            )
        }
    metrics_by_pillar = {}
    for metric in live_metrics().filter(pillar__in=source_pillars):
        metrics_by_pillar.setdefault(metric.pillar_id, []).append(
            MetricSummary(metric, plan, f"{base}metrics/{metric.slug}/")
        )
    project_counts = {}
    for row in (
        Project.objects.filter(live=True, pillar__in=source_pillars)
        .values("pillar_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        project_counts.setdefault(row["pillar_id"], []).extend([row["status"]] * row["n"])
    pillars = []
    for source in source_pillars:
        page = local.get(source.translation_key, source)
        metrics = metrics_by_pillar.get(source.pk, [])
        pillars.append(
            PillarSummary(
                page=page,
                source=source,
                metrics=metrics,
                roll_up=roll_up(
                    [m.assessment for m in metrics], project_counts.get(source.pk, []), final=ended
                ),
                url=page.get_url(request),
            )
        )
    return {
        "plan": plan,
        "plan_ended": ended,
        "pillars": pillars,
        "plan_roll_up": roll_up_plan([p.roll_up for p in pillars], final=ended),
    }


def pillar_context(pillar, request):
    source = default_locale_page(pillar)
    plan = pillar.get_parent().specific
    ended = plan.has_ended()
    base = _url_base(plan, request)
    goals = list(Goal.objects.filter(live=True, pillar=source))
    metrics = [
        MetricSummary(metric, plan, f"{base}metrics/{metric.slug}/")
        for metric in live_metrics().filter(pillar=source)
    ]
    projects = list(live_projects().filter(pillar=source))
    for project in projects:
        project.public_url = f"{base}projects/{project.slug}/"
    summary = roll_up([m.assessment for m in metrics], [p.status for p in projects], final=ended)
    return {
        "plan": plan,
        "plan_url": base,
        "plan_ended": ended,
        "goals": goals,
        "metrics": metrics,
        "projects": projects,
        "pillar_roll_up": summary,
        "pillar_source": source,
    }


def _pillar_in_language(source_pillar, plan):
    if source_pillar.locale_id == plan.locale_id:
        return source_pillar
    return source_pillar.get_translation_or_none(plan.locale) or source_pillar


def _crumbs(plan, pillar, request):
    home = plan.get_parent()
    return [
        {"title": home.title, "url": home.get_url(request)},
        {"title": plan.title, "url": plan.get_url(request)},
        {"title": pillar.title, "url": pillar.get_url(request)},
    ]


def project_context(plan, request, slug):
    source_plan = default_locale_page(plan)
    project = (
        live_projects()
        .select_related("pillar", "image")
        .prefetch_related("goals")
        .filter(slug=slug, pillar__path__startswith=source_plan.path)
        .first()
    )
    if project is None:
        return None
    goals = [goal for goal in project.goals.all() if goal.live]
    pillar = _pillar_in_language(project.pillar, plan)
    # The places side (heritage pages, district pages) lives in districts; imported here only.
    from districts.district_links import district_links
    from plans.place_links import sites_for_project

    return {
        "project": project,
        "project_districts": district_links(project.districts.all(), request),
        "visit_sites": sites_for_project(project, request),
        "project_goals": goals,
        "pillar": pillar,
        "plan_url": _url_base(plan, request),
        "crumbs": _crumbs(plan, pillar, request),
        "alternate_subpath": f"projects/{slug}/",
        "data_untranslated": translation.get_language() != "zh-hans" and not project.name_en,
    }


def metric_context(plan, request, slug):
    source_plan = default_locale_page(plan)
    metric = (
        live_metrics()
        .select_related("pillar")
        .filter(slug=slug, pillar__path__startswith=source_plan.path)
        .first()
    )
    if metric is None:
        return None
    pillar = _pillar_in_language(metric.pillar, plan)
    base = _url_base(plan, request)
    return {
        "metric_summary": MetricSummary(metric, plan, f"{base}metrics/{slug}/"),
        "pillar": pillar,
        "plan_url": base,
        "crumbs": _crumbs(plan, pillar, request),
        "alternate_subpath": f"metrics/{slug}/",
        "data_untranslated": translation.get_language() != "zh-hans" and not metric.name_en,
    }


# ------------------------------------------------ public URLs of data shown elsewhere
# (district and heritage pages, search results): a fixed number of queries per request.


def plan_urls(plan_paths, request=None):
    """{plan page path: the plan's URL in the active language}, memoised on ``request``.

    One query for any number of plans in their own language, two for their translations."""
    memo = getattr(request, "_yz_plan_urls", None) if request is not None else None
    language = translation.get_language()
    if memo is None:
        memo = {}
        if request is not None:
            request._yz_plan_urls = memo
    wanted = [path for path in plan_paths if (language, path) not in memo]
    if wanted:
        plans = list(PlanPage.objects.filter(path__in=wanted).select_related("locale"))
        keys = [p.translation_key for p in plans if p.locale.language_code != language]
        local = {}
        if keys:
            local = {
                page.translation_key: page
                for page in PlanPage.objects.live().filter(
                    locale__language_code=language, translation_key__in=keys
                )
            }
        for path in wanted:
            memo[(language, path)] = None
        for plan in plans:
            shown = local.get(plan.translation_key, plan)
            memo[(language, plan.path)] = shown.get_url(request) or None
    return {path: memo[(language, path)] for path in plan_paths}


def _plan_path(obj):
    return obj.pillar.path[: -PlanPage.steplen]


def public_data_url(obj, route, request=None):
    """A project's or metric's page (``route`` "project" or "metric") in the active language.
    ``obj.pillar`` should be select_related."""
    base = plan_urls([_plan_path(obj)], request).get(_plan_path(obj))
    return f"{base}{route}s/{obj.slug}/" if base else None


def attach_public_urls(projects, request=None):
    """Set ``public_url`` (what the project card links to) on each project; projects need
    their pillar select_related. Returns the projects."""
    bases = plan_urls({_plan_path(project) for project in projects}, request)
    for project in projects:
        base = bases.get(_plan_path(project))
        project.public_url = f"{base}projects/{project.slug}/" if base else ""
    return projects


def pillar_goal_url(goal, request=None):
    """A goal's place on its pillar page, in the active language (goal.pillar select_related)."""
    from yuzhong_site.core.i18n import default_language

    pillar = goal.pillar
    if translation.get_language() != default_language():
        pillar = pillar.get_translation_or_none(
            _active_locale()
        ) or pillar
    url = pillar.get_url(request)
    return f"{url}#goal-{goal.pk}" if url else None


def _active_locale():
    from wagtail.models import Locale

    return Locale.get_active()
