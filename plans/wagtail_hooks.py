"""The plan's data in the Wagtail admin: goals, metrics (with measurements) and projects
(with milestones), grouped under one menu item; and warnings that help editors."""

from django.contrib import messages
from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.panels import ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from districts.models import District
from yuzhong_site.core.search_registry import register_public_search

from . import site_map
from .csv_admin import CsvIndexView
from .dashboard import pillar_goal_url, public_data_url
from .editorial import (
    PillarScopedEditView,
    PillarScopedForm,
    PillarScopedPermissionPolicy,
    ensure_pillar_editors,
)
from .editors_home import plan_sections
from .models import Goal, Metric, PlanData, PlanPage, Project
from .place_links import project_for_site, projects_in_district
from .protection import district_refusal, page_refusal
from .revisions import StaleDraftError, rebase_for_publish
from .visibility import searchable_records

# Plan data is scoped per pillar: an editor of one pillar changes only that pillar's records.
for _model in (Goal, Metric, Project):
    register_permission_policy(_model, PillarScopedPermissionPolicy(_model), exact_class=True)


def _published_words(record):
    """A mark and words, not Python's True/False: ✓ 已发布 / — 未发布."""
    return _("✓ published") if record.live else _("— not published")


PUBLISHED_COLUMN = Column("live", label=gettext_lazy("published"), accessor=_published_words)


class GoalViewSet(SnippetViewSet):
    model = Goal
    edit_view_class = PillarScopedEditView
    edit_handler = ObjectList(Goal.panels, base_form_class=PillarScopedForm)
    icon = "pick"
    list_display = ["statement", "pillar", PUBLISHED_COLUMN]
    search_fields = ["statement_zh_hans", "statement_en"]


class MetricViewSet(SnippetViewSet):
    model = Metric
    edit_view_class = PillarScopedEditView
    index_view_class = CsvIndexView
    edit_handler = ObjectList(Metric.panels, base_form_class=PillarScopedForm)
    icon = "order"
    list_display = ["name", "pillar", "unit", PUBLISHED_COLUMN]
    list_filter = ["unit", "kind"]
    search_fields = ["name_zh_hans", "name_en", "slug"]


class ProjectViewSet(SnippetViewSet):
    model = Project
    edit_view_class = PillarScopedEditView
    index_view_class = CsvIndexView
    edit_handler = ObjectList(Project.panels, base_form_class=PillarScopedForm)
    icon = "cogs"
    list_display = ["name", "pillar", "status", PUBLISHED_COLUMN]
    list_filter = ["status"]
    search_fields = ["name_zh_hans", "name_en", "slug"]


class PlanDataGroup(SnippetViewSetGroup):
    items = (GoalViewSet, MetricViewSet, ProjectViewSet)
    menu_icon = "list-ul"
    menu_label = gettext_lazy("Plan data")
    menu_name = "plan-data"
    menu_order = 250


register_snippet(PlanDataGroup)

# The public search finds projects, indicators and goals (in both languages, by their Chinese
# or English words) and links to their pages: projects and metrics have their own, a goal is
# shown on its pillar page. Each search reads only what a result shows (its name, summary and
# link), not the whole record.
register_public_search(
    Project,
    label=gettext_lazy("Plan project"),
    url=lambda project, request: public_data_url(project, "project", request),
    summary="summary",
    queryset=lambda request: searchable_records(
        Project.objects.annotate(pillar_path=F("pillar__path")).only("slug", "name", "summary")
    ),
)
register_public_search(
    Metric,
    label=gettext_lazy("Indicator"),
    url=lambda metric, request: public_data_url(metric, "metric", request),
    summary="notes",
    queryset=lambda request: searchable_records(
        Metric.objects.annotate(pillar_path=F("pillar__path")).only("slug", "name", "notes")
    ),
)
register_public_search(
    Goal,
    label=gettext_lazy("Plan goal"),
    url=pillar_goal_url,
    summary="explanation",
    queryset=lambda request: searchable_records(
        Goal.objects.only("pillar", "statement", "explanation")
    ),
    prefetch=("pillar",),
)


def measurement_period_warnings(metric):
    """Measurements outside the plan period: allowed (a baseline year, a late figure), but
    worth a second look. Returns the warning texts."""
    if not metric.pillar_id:
        return []
    pillar = metric.pillar
    plan = PlanPage.objects.filter(path=pillar.path[: -PlanPage.steplen]).first()
    if plan is None:
        return []
    warnings = []
    for measurement in metric.measurements.all():
        if not plan.start_year <= measurement.year <= plan.end_year:
            warnings.append(
                _(
                    "The figure for %(year)s is outside the plan period %(start)s–%(end)s. "
                    "It was saved; check that the year is right."
                )
                % {"year": measurement.year, "start": plan.start_year, "end": plan.end_year}
            )
    return warnings


def _after_save(request, instance):
    if isinstance(instance, Metric):
        for warning in measurement_period_warnings(instance):
            messages.warning(request, warning)


@hooks.register("after_create_snippet")
def warn_after_create(request, instance):
    _after_save(request, instance)


@hooks.register("after_edit_snippet")
def warn_after_edit(request, instance):
    _after_save(request, instance)


@hooks.register("yuzhong_editorial_setup")
def set_up_pillar_editors():
    """``setup_editorial`` and the demo also create the per-pillar editor groups."""
    ensure_pillar_editors()


@hooks.register("place_context")
def plan_side_of_a_place(kind, place, request):
    """The plan's part of a visitor page: a heritage site's project, a district's projects."""
    if kind == "heritage_site":
        return {"related_project": project_for_site(place, request)}
    if kind == "district":
        return {"district_projects": projects_in_district(place, request)}
    return None


@hooks.register("before_publish")
def refuse_stale_plan_draft(request, instance):
    """Publishing a draft started before newer figures were published: rebased if the changes
    do not overlap, else refused here with a message (the draft is kept), never an error page."""
    from django.shortcuts import redirect
    from wagtail.admin.admin_url_finder import AdminURLFinder

    if not isinstance(instance, PlanData) or instance.latest_revision is None:
        return None
    stored = type(instance).objects.get(pk=instance.pk)
    try:
        rebase_for_publish(stored, instance.latest_revision, save=False)
    except StaleDraftError as error:
        messages.error(request, str(error))
        return redirect(AdminURLFinder(request.user).get_edit_url(stored) or "wagtailadmin_home")
    return None


def _refuse(request, message, fallback):
    from django.shortcuts import redirect

    messages.error(request, message)
    return redirect(fallback)


@hooks.register("before_delete_page")
def refuse_deleting_a_pillar_with_data(request, page):
    """Deleting a pillar (or the plan, or anything above) that plan data belongs to."""
    from django.urls import reverse

    message = page_refusal(page, "delete")  # already when the confirmation page is asked for
    if message:
        return _refuse(request, message, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_unpublish_page")
def refuse_unpublishing_a_pillar_with_live_data(request, page):
    from django.urls import reverse

    message = page_refusal(page, "unpublish")
    if message:
        return _refuse(request, message, reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("before_delete_snippet")
def refuse_deleting_a_referenced_district(request, instances):
    from django.urls import reverse


    for instance in instances:
        if isinstance(instance, District):
            message = district_refusal(instance)
            if message:
                return _refuse(
                    request, message, reverse("wagtailsnippets_districts_district:list")
                )
    return None


@hooks.register("yuzhong_editors_home_sections")
def plan_editors_home_sections(request):
    """The plan's part of the editors' home: data awaiting review, drafts, stale figures."""
    return plan_sections(request)
# Indicators, projects and updates by year in the site map and sitemap.xml (plans/site_map.py).
site_map.register()


# The plan on the core's home page (templates/yuzhong_site/home_page.html): its feeds' discovery
# links in the head, the plan at a glance and the latest updates in the content.
@hooks.register("home_page_head")
def home_page_feed_links():
    return "plans/home_page_head.html"


@hooks.register("home_page_content")
def home_page_plan():
    return "plans/home_page_content.html"
