"""What the plan, pillar, project and metric pages show: built here with a fixed number of
queries (select_related / prefetch_related), whatever the amount of content."""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import translation

from yuzhong_site.core.fragments import missing as missing_cards
from yuzhong_site.core.i18n import active_locale, default_locale_page
from yuzhong_site.core.memo import memoized
from yuzhong_site.core.navigation import ancestor_at_depth

from .charts import metric_chart, period_text, target_text
from .models import (
    Goal,
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
    roll_up,
    roll_up_plan,
    when_text,
)
from .units import format_value, qualified_value
from .visibility import public_pillars, public_records


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


def _url_base(plan, request):
    return plan.get_url(request) or ""


def _project_rows(rows):
    """Projects of a pillar grouped by their latest status, with the span of report dates."""
    order = [ProjectStatus.OPENED, ProjectStatus.COMPLETED, ProjectStatus.UNDER_WAY, ProjectStatus.PLANNED]
    grouped = {}
    for row in rows:
        entry = grouped.setdefault(row["status"], {"count": 0, "last": None, "precision": "day"})
        entry["count"] += 1
        if row["status_date"] and (entry["last"] is None or row["status_date"] > entry["last"]):
            entry["last"], entry["precision"] = row["status_date"], row["status_precision"]
    result = []
    for status in order:
        if status in grouped:
            entry = grouped[status]
            result.append({
                "status": status,
                "css": status.replace("_", "-"),
                "label": ProjectStatus(status).label,
                "count": entry["count"],
                "last": when_text(entry["last"], entry["precision"]),
            })
    return result


def results_panel(metric_summaries, plan):
    """The district results (reported figures marked as such), year by year from the year
    before the plan to its last year, with the years that have no published figure."""
    years = list(range(plan.start_year - 1, plan.end_year + 1))
    rows = []
    for summary in metric_summaries:
        if not summary.metric.district_result:
            continue
        figures = [f for f in summary.figures if f.year in years]
        by_year = {}
        for figure in figures:
            by_year.setdefault(figure.year, figure)
        rows.append(
            ResultRow(
                summary,
                figures,
                [y for y in years if y not in by_year],
                [by_year.get(y) for y in years],
                years,
            )
        )
    return {"rows": rows, "years": years, "first_year": years[0], "last_year": years[-1]}


def _latest_date(timeline, metric_summaries, project_rows):
    """The most recent date any figure, status report or plan event on the page refers to."""
    dates = [row["status_date"] for row in project_rows if row["status_date"]]
    for summary in metric_summaries:
        for measurement in summary.measurements:
            dates.extend(d for d in (measurement.source_date, measurement.date) if d)
    dates.extend(event.date for event in timeline)
    return max(dates) if dates else None


def plan_context(plan, request):
    """The dashboard: the answer first, a summary table by pillar, the district results."""
    source_plan = default_locale_page(plan)
    ended = plan.has_ended()
    base = _url_base(plan, request)
    source_pillars = list(public_pillars(PillarPage.objects.child_of(source_plan)).order_by("path"))
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
    all_metrics = []
    for metric in live_metrics().filter(pillar__in=source_pillars):
        summary = MetricSummary(metric, plan, f"{base}metrics/{metric.slug}/")
        metrics_by_pillar.setdefault(metric.pillar_id, []).append(summary)
        all_metrics.append(summary)
    project_rows = list(
        public_records(Project.objects.filter(pillar__in=source_pillars))
        .values("pillar_id", "status", "status_date", "status_precision")
        .order_by()
    )
    projects_by_pillar = {}
    for row in project_rows:
        projects_by_pillar.setdefault(row["pillar_id"], []).append(row)
    pillars = []
    for source in source_pillars:
        page = local.get(source.translation_key, source)
        metrics = metrics_by_pillar.get(source.pk, [])
        rows = projects_by_pillar.get(source.pk, [])
        pillars.append(
            PillarSummary(
                page=page,
                source=source,
                metrics=metrics,
                roll_up=roll_up(
                    [m.assessment for m in metrics if m.metric.is_indicator],
                    [row["status"] for row in rows],
                    final=ended,
                ),
                url=page.get_url(request),
                projects=_project_rows(rows),
            )
        )
    indicators = [m for m in all_metrics if m.metric.is_indicator]
    timeline = list(plan.timeline.all())
    return {
        "plan": plan,
        "plan_ended": ended,
        "pillars": pillars,
        "plan_roll_up": roll_up_plan([p.roll_up for p in pillars], final=ended),
        "indicator_text": indicator_sentence(
            [m.assessment for m in indicators], [m.metric.target_year for m in indicators]
        ),
        "results": results_panel(all_metrics, plan),
        "timeline": timeline,
        "latest_date": _latest_date(timeline, all_metrics, project_rows),
        "project_total": len(project_rows),
    }


def shared_plan_context(plan, request):
    """:func:`plan_context`, worked out once per publish for each plan, language and host
    (core/memo.py) and shared by the plan page and the home page's plan at a glance. A preview
    (a draft's figures are not the public's) works out its own."""
    if request is None or getattr(request, "is_preview", False):
        return plan_context(plan, request)
    key = ("plan-context", plan.pk, translation.get_language(), request.get_host())
    return memoized(request, key, lambda: plan_context(plan, request))


PROJECT_CARD = "components/project_card.html"


def _pillar_metrics(plan, source, request):
    """The pillar's figures: the plan's (shared_plan_context, once per publish) when the pillar
    is one of its public pillars; else (a preview, a pillar not public) read here."""
    if request is not None and not getattr(request, "is_preview", False):
        for summary in shared_plan_context(plan, request)["pillars"]:
            if summary.source.pk == source.pk:
                return summary.metrics
    base = _url_base(plan, request)
    return [
        MetricSummary(metric, plan, f"{base}metrics/{metric.slug}/")
        for metric in live_metrics().filter(pillar=source)
    ]


def pillar_context(pillar, request):
    source = default_locale_page(pillar)
    plan = PlanPage.objects.get(path=pillar.path[: -pillar.steplen])  # its parent, in one query
    ended = plan.has_ended()
    base = _url_base(plan, request)
    goals = list(Goal.objects.filter(live=True, pillar=source))
    metrics = _pillar_metrics(plan, source, request)
    projects = list(public_records(Project.objects.filter(pillar=source)))
    # what a project card shows, read for the cards not written yet (core/fragments.py)
    prefetch_related_objects(
        missing_cards(request, PROJECT_CARD, projects, dated=True), *project_prefetches()
    )
    for project in projects:
        project.public_url = f"{base}projects/{project.slug}/"
        project.as_of = project_as_of(project, plan)
    indicators = [m for m in metrics if m.metric.is_indicator]
    summary = roll_up([m.assessment for m in indicators], [p.status for p in projects], final=ended)
    return {
        "plan": plan,
        "plan_url": base,
        "plan_ended": ended,
        "goals": goals,
        "metrics": metrics,
        "indicators": indicators,
        "reported": [m for m in metrics if not m.metric.is_indicator],
        "indicator_text": indicator_sentence(
            [m.assessment for m in indicators], [m.metric.target_year for m in indicators]
        ),
        "projects": projects,
        "project_groups": _project_rows(
            [{"status": p.status, "status_date": p.status_date, "status_precision": p.status_precision}
             for p in projects]
        ),
        "pillar_roll_up": summary,
        "pillar_source": source,
    }


def _pillar_in_language(source_pillar, plan):
    if source_pillar.locale_id == plan.locale_id:
        return source_pillar
    translated = (
        PillarPage.objects.live()
        .filter(translation_key=source_pillar.translation_key, locale_id=plan.locale_id)
        .first()
    )
    return translated or source_pillar


def _crumbs(plan, pillar, request):
    home = ancestor_at_depth(plan, plan.depth - 1)
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

    reports = list(project.status_reports.all())
    return {
        "project": project,
        "project_as_of": project_as_of(project, plan),
        "status_reports": [
            {"report": r, "when": when_text(r.date, r.precision)} for r in reversed(reports)
        ],
        "project_districts": district_links(project.districts.all(), request),
        "visit_sites": sites_for_project(project, request),
        "project_goals": goals,
        "pillar": pillar,
        "plan_url": _url_base(plan, request),
        "plan_end_year": plan.end_year,
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
    from yuzhong_site.core.i18n import default_language

    pillar = goal.pillar
    if translation.get_language() != default_language():
        pillar = pillar.get_translation_or_none(
            active_locale()
        ) or pillar
    url = pillar.get_url(request)
    return f"{url}#goal-{goal.pk}" if url else None

