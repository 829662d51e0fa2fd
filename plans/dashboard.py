"""The plan's figures as its pages show them (metric and pillar summaries, a project's "as of"),
the querysets that read them with a fixed number of queries, and the public URLs of projects and
metrics shown elsewhere. The pages' contexts are put together in ``plans/page_context.py``."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch
from django.utils import translation

from yuzhong_site.core.i18n import active_locale, default_language
from yuzhong_site.core.memo import memoized

from .charts import metric_chart, period_text, target_text
from .models import (
    Measurement,
    Metric,
    Milestone,
    PillarPage,
    PlanPage,
    Project,
    ProjectStatusReport,
)
from .status import (
    DONE_PROJECT_STATUSES,
    ProjectStatus,
    assess_metric,
    indicator_sentence,
    when_text,
)
from .units import format_value, qualified_value
from .visibility import public_records


def live_metrics():
    measurements = Measurement.objects.order_by("year", "sort_order", "pk")
    return (
        public_records(Metric.objects.all())
        .select_related("goal")
        .prefetch_related(Prefetch("measurements", queryset=measurements))
    )


def project_prefetches():
    """What a project's card and page show besides the project: its districts, milestones and
    status reports, in order."""
    milestones = Milestone.objects.order_by("sort_order", "pk")
    reports = ProjectStatusReport.objects.order_by("date", "sort_order", "pk")
    return (
        "districts",
        Prefetch("milestones", queryset=milestones),
        Prefetch("status_reports", queryset=reports),
    )


def live_projects():
    return public_records(Project.objects.all()).prefetch_related(*project_prefetches())


@dataclass
class Figure:
    """One measurement as the pages show it: the figure with its qualifier, when, who said so.
    Each is worked out once (a results table reads them several times per cell)."""

    measurement: Measurement
    metric: Metric

    @property
    def year(self):
        return self.measurement.year

    @cached_property
    def text(self):
        """The figure with its qualifier and unit, in the active language ("" without a value)."""
        return qualified_value(self.measurement.value, self.measurement.qualifier, self.metric.unit)

    @cached_property
    def when(self):
        return period_text(self.measurement.year, self.measurement.period)

    @cached_property
    def note(self):
        return self.measurement.note

    @cached_property
    def _source(self):
        """(name, URL): the measurement's own source when it names one, else the metric's."""
        name, url = self.measurement.source_name, self.measurement.source_url
        if name or url:
            return name or url, url
        return self.metric.source_name, self.metric.source_url

    @property
    def source_name(self):
        return self._source[0]

    @property
    def source_url(self):
        return self._source[1]


def project_as_of(project, plan):
    """What the pages say about a project's status: "Last reported (January 2021): planned",
    and whether nothing has been reported since an ended plan's end."""
    ended = plan.has_ended()
    stale = (
        ended
        and project.status_date is not None
        and project.status_date.year < plan.end_year
        and project.status not in DONE_PROJECT_STATUSES
    )
    return {
        "when": when_text(project.status_date, project.status_precision),
        "label": ProjectStatus(project.status).label if project.status else "",
        "stale": stale,
    }


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
        return qualified_value(latest.value, latest.qualifier, self.metric.unit)

    @property
    def figures(self):
        """Every measurement, oldest first, as :class:`Figure` (with or without a value)."""
        return [Figure(m, self.metric) for m in self.measurements]

    @property
    def latest_source(self):
        latest = self.assessment.latest
        return Figure(latest, self.metric) if latest is not None else None

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
    projects: list = None  # [{"status", "label", "count", "first", "last"}], by status

    @property
    def indicators(self):
        return [m for m in self.metrics if m.metric.is_indicator]

    @property
    def reported(self):
        return [m for m in self.metrics if not m.metric.is_indicator]

    @property
    def indicator_counts(self):
        """[(status label, count)] of the plan indicators, e.g. [("No data", 2)]."""
        counts = {}
        for summary in self.indicators:
            label = str(summary.assessment.label)
            counts[label] = counts.get(label, 0) + 1
        return list(counts.items())

    @property
    def indicator_text(self):
        return indicator_sentence(
            [m.assessment for m in self.indicators], [m.metric.target_year for m in self.indicators]
        )


@dataclass
class ResultRow:
    """A district result in the results panel: its figures by year, and the years without one."""

    summary: MetricSummary
    figures: list
    missing_years: list
    cells: list = None  # one per year of the panel: the year's first Figure, or None
    years: list = None  # the panel's years, one per cell

    @property
    def year_cells(self):
        """``(year, cell)`` for each year of the panel."""
        return list(zip(self.years or [], self.cells or [], strict=False))

    @property
    def latest(self):
        with_value = [f for f in self.figures if f.measurement.value is not None]
        return with_value[-1] if with_value else None


PROJECT_CARD = "components/project_card.html"


# ------------------------------------------------ public URLs of data shown elsewhere
# (district and heritage pages, search results): a fixed number of queries per request.


def plan_urls(plan_paths, request=None):
    """{plan page path: the plan's URL in the active language} for the paths asked.

    Every plan's, worked out once per publish for each host and language (core/memo.py): two
    queries the first time after a publish, none after."""
    language = translation.get_language()
    host = request.get_host() if request is not None else ""
    every = memoized(
        request, ("plan-urls", host, language), lambda: _every_plan_url(language, request)
    )
    return {path: every.get(path) for path in plan_paths}


def _every_plan_url(language, request):
    """{path of every plan page, in any language: that plan's URL in ``language``} (the
    translation's when there is a live one)."""
    plans = list(PlanPage.objects.select_related("locale"))
    local = {
        page.translation_key: page
        for page in plans
        if page.live and page.locale.language_code == language
    }
    return {
        plan.path: local.get(plan.translation_key, plan).get_url(request) or None
        for plan in plans
    }


def _plan_path(obj):
    """The plan page's path, from the pillar's: ``obj.pillar_path`` when the query annotated it
    (no pillar page read), else ``obj.pillar.path``."""
    pillar_path = getattr(obj, "pillar_path", None) or obj.pillar.path
    return pillar_path[: -PlanPage.steplen]


def public_data_url(obj, route, request=None):
    """A project's or metric's page (``route`` "project" or "metric") in the active language.
    ``obj.pillar`` should be select_related."""
    base = plan_urls([_plan_path(obj)], request).get(_plan_path(obj))
    return f"{base}{route}s/{obj.slug}/" if base else None


def attach_public_urls(projects, request=None):
    """Set ``public_url`` (what the project card links to) on each project; projects need
    their pillar select_related or ``pillar_path`` annotated. Returns the projects."""
    bases = plan_urls({_plan_path(project) for project in projects}, request)
    for project in projects:
        base = bases.get(_plan_path(project))
        project.public_url = f"{base}projects/{project.slug}/" if base else ""
    return projects


def pillar_goal_url(goal, request=None):
    """A goal's place on its pillar page, in the active language (goal.pillar select_related)."""
    pillar = goal.pillar
    if translation.get_language() != default_language():
        pillar = pillar.get_translation_or_none(
            active_locale()
        ) or pillar
    url = pillar.get_url(request)
    return f"{url}#goal-{goal.pk}" if url else None

