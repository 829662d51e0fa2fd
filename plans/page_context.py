"""What the plan's pages put in their template context: the plan's dashboard, a pillar, a
project, a metric, the updates list and one update, each with a fixed number of queries
(select_related / prefetch_related), whatever the amount of content.

Each builder registers itself for its page class (``@builds``) and the page asks for it by name
(``yuzhong_site/core/page_context.py``): this module imports the models, never the reverse."""

from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone, translation

from districts.district_links import district_links
from yuzhong_site.core.fragments import missing as missing_cards
from yuzhong_site.core.i18n import default_locale_page
from yuzhong_site.core.memo import memoized
from yuzhong_site.core.navigation import ancestor_at_depth
from yuzhong_site.core.page_context import builds

from .dashboard import (
    PROJECT_CARD,
    MetricSummary,
    PillarSummary,
    ResultRow,
    attach_public_urls,
    live_metrics,
    live_projects,
    project_as_of,
    project_prefetches,
)
from .feeds import feed_links
from .models import (
    Goal,
    PillarPage,
    PlanPage,
    Project,
    ProjectStatusReport,
    UpdateIndexPage,
    UpdatePage,
)
from .place_links import sites_for_project
from .status import ProjectStatus, indicator_sentence, roll_up, roll_up_plan, when_text
from .updates import attach_pillars, pillar_filter_keys, updates_for
from .visibility import public_pillar_ids, public_pillars, public_records


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



@builds(PlanPage)
def shared_plan_context(plan, request):
    """:func:`plan_context`, worked out once per publish for each plan, language and host
    (core/memo.py) and shared by the plan page and the home page's plan at a glance. A preview
    (a draft's figures are not the public's) works out its own."""
    if request is None or getattr(request, "is_preview", False):
        return plan_context(plan, request)
    key = ("plan-context", plan.pk, translation.get_language(), request.get_host())
    return memoized(request, key, lambda: plan_context(plan, request))



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



@builds(PillarPage)
def pillar_context(pillar, request):
    source = default_locale_page(pillar)
    plan = PlanPage.objects.get(path=pillar.path[: -pillar.steplen])  # its parent, in one query
    ended = plan.has_ended()
    base = _url_base(plan, request)
    goals = list(public_records(Goal.objects.filter(pillar=source)))  # plans/visibility.py
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



@builds(PlanPage, "project")
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
    # goals through the visibility rule too: a goal of another, hidden pillar is not shown
    public = set(public_pillar_ids())
    goals = [goal for goal in project.goals.all() if goal.live and goal.pillar_id in public]
    pillar = _pillar_in_language(project.pillar, plan)
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



def _related_projects(metric, request):
    """The public projects an editor linked to the metric, each with its latest status report
    (who said so, and when): one query, two when there are any."""
    reports = ProjectStatusReport.objects.order_by("date", "sort_order", "pk")
    projects = attach_public_urls(
        list(
            public_records(metric.related_projects.all())
            .select_related("pillar")
            .prefetch_related(Prefetch("status_reports", queryset=reports))
            .order_by("status_date", "sort_order", "pk")
        ),
        request,
    )
    related = []
    for project in projects:
        latest = list(project.status_reports.all())[-1:]
        related.append({
            "project": project,
            "report": latest[0] if latest else None,
            "when": when_text(latest[0].date, latest[0].precision) if latest else "",
        })
    return related


@builds(PlanPage, "metric")
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
        "related_projects": _related_projects(metric, request),
        "pillar": pillar,
        "plan_url": base,
        "crumbs": _crumbs(plan, pillar, request),
        "alternate_subpath": f"metrics/{slug}/",
        "data_untranslated": translation.get_language() != "zh-hans" and not metric.name_en,
    }



# ----------------------------------------------------------------------------- updates

PER_PAGE = 10


UPDATE_CARD = "components/update_card.html"



def _filter_pillars(index):
    """The pillars a visitor can filter by: ``[(key, title, Chinese pillar, plan title)]``,
    titled in the visitor's language (the plan's title tells two plans' pillars apart)."""
    entries = pillar_filter_keys()
    wanted = [source.translation_key for _key, source, _plan in entries]
    wanted += [plan.translation_key for _key, _source, plan in entries]
    local = {}
    if wanted:
        local = {
            page.translation_key: page
            for model in (PillarPage, PlanPage)
            for page in model.objects.live()
            .filter(locale_id=index.locale_id, translation_key__in=wanted)
            .only("pk", "title", "translation_key")
        }
    return [
        (
            key,
            local.get(source.translation_key, source).title,
            source,
            local.get(plan.translation_key, plan).title,
        )
        for key, source, plan in entries
    ]



def _int_or_none(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 1900 <= number <= 2200 else None



@builds(UpdateIndexPage)
def index_context(index, request):
    """The updates list: filters (pillar, year) from the query string, ten per page."""
    pillars = _filter_pillars(index)
    chosen_key = request.GET.get("pillar") or ""
    chosen = next((source for key, _title, source, _plan in pillars if key == chosen_key), None)
    unknown_pillar = bool(chosen_key) and chosen is None
    year = _int_or_none(request.GET.get("year"))
    bad_year = bool(request.GET.get("year")) and year is None
    updates = updates_for(index.locale_id, pillar=chosen, year=year)
    years = [
        d.year
        for d in UpdatePage.objects.live()
        .filter(locale_id=index.locale_id)
        .dates("date", "year", order="DESC")
    ]
    # Years since the first update with nothing recorded: said plainly, not left to be inferred.
    this_year = timezone.localdate().year
    years_without = (
        [y for y in range(min(years), this_year + 1) if y not in set(years)] if years else []
    )
    paginator = Paginator(updates, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))  # bad or too high → first/last page
    query = {}
    if chosen is not None:
        query["pillar"] = chosen_key
    if year is not None:
        query["year"] = year
    shown = list(page_obj.object_list)
    # an update card's pillars are read only for the cards not written yet (core/fragments.py)
    attach_pillars(missing_cards(request, UPDATE_CARD, shown, heading="h2"), index.locale_id, request)
    return {
        "updates": shown,
        "page_obj": page_obj,
        "page_numbers": list(
            paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)
        ),
        "filter_pillars": [
            {"key": key, "title": title, "plan": plan} for key, title, _source, plan in pillars
        ],
        "filter_plans": len({plan for *_rest, plan in pillars}),
        "filter_years": years,
        "years_without": years_without,
        "chosen_pillar": chosen_key if chosen is not None else "",
        "chosen_pillar_page": chosen,
        "chosen_year": year,
        "unknown_pillar": unknown_pillar,
        "bad_year": bad_year,
        "filter_query": query,
        "feed_discovery": feed_links(index, request, chosen_key if chosen is not None else ""),
    }



def project_urls(projects, locale_id, request=None):
    """Set ``public_url`` on each project (its page under its plan, in the visitor's language):
    two queries for any number of projects."""
    projects = list(projects)
    plan_paths = {p.pillar.path[: -PlanPage.steplen] for p in projects}
    plans = list(PlanPage.objects.filter(path__in=plan_paths)) if plan_paths else []
    local = {}
    if plans:
        local = {
            p.translation_key: p
            for p in PlanPage.objects.live().filter(
                locale_id=locale_id, translation_key__in=[p.translation_key for p in plans]
            )
        }
    bases = {}
    for plan in plans:
        shown = local.get(plan.translation_key, plan)
        bases[plan.path] = shown.get_url(request) or ""
    for project in projects:
        base = bases.get(project.pillar.path[: -PlanPage.steplen], "")
        project.public_url = f"{base}projects/{project.slug}/" if base else ""
    return projects



@builds(UpdatePage)
def update_context(update, request):
    """One update: its pillars and projects (from the Chinese source), in the visitor's language."""
    source = default_locale_page(update)
    attach_pillars([update], update.locale_id, request)
    projects = (
        public_records(Project.objects.filter(updates=source))
        .select_related("pillar")
        .order_by("sort_order", "pk")
    )
    return {
        "update_projects": project_urls(projects, update.locale_id, request),
        "updates_index": update.get_parent(),
    }
