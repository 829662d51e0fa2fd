"""The plan's page-like views in the site map and sitemap.xml (core/site_map_registry.py):
every indicator, every project (grouped inside the plan's section) and the updates by year."""

from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yuzhong_site.core.i18n import active_locale
from yuzhong_site.core.memo import memoized
from yuzhong_site.core.site_map_registry import SiteMapEntry, register_site_map_group

from .dashboard import plan_urls
from .models import Metric, PlanPage, Project, UpdateIndexPage, UpdatePage
from .visibility import public_records


def _memo(request, key, compute):
    """``compute()`` once per publish, site and language (the groups ask for the same pages;
    yuzhong_site/core/memo.py)."""
    site = getattr(request, "_wagtail_site", None)
    return memoized(
        request, ("site-map", key, getattr(site, "pk", None), active_locale().pk), compute
    )


def _plan_url(request):
    def compute():
        plan = PlanPage.objects.live().public().filter(locale=active_locale()).first()
        return plan.get_url(request) if plan else None

    return _memo(request, "plan", compute)


def _data_entries(model, route):
    def entries(request):
        rows = list(
            public_records(model.objects.all())  # the one visibility rule (plans/visibility.py)
            # a name and a link each: neither the whole record nor its pillar page
            .order_by("pillar__path", "pk")
            .values_list("slug", "name_zh_hans", "name_en", "pillar__path")
        )
        english = translation.get_language() == "en"
        bases = plan_urls({path[: -PlanPage.steplen] for *_rest, path in rows}, request)
        return [
            SiteMapEntry(
                (name_en if english and name_en else name_zh),  # modeltranslation's fallback
                f"{base}{route}s/{slug}/",
            )
            for slug, name_zh, name_en, path in rows
            if (base := bases.get(path[: -PlanPage.steplen]))
        ]

    return entries


def _updates_index(request):
    return _memo(
        request,
        "updates",
        lambda: UpdateIndexPage.objects.live().public().filter(locale=active_locale()).first(),
    )


def _updates_index_url(request):
    index = _updates_index(request)
    return index.get_url(request) if index else None


def _updates_by_year(request):
    index = _updates_index(request)
    if index is None:
        return []
    url = index.get_url(request)
    years = (
        UpdatePage.objects.live().public().child_of(index).dates("date", "year", order="DESC")
    )
    return [
        SiteMapEntry(gettext("Updates of %(year)s") % {"year": day.year}, f"{url}?year={day.year}")
        for day in years
    ]


def register():
    register_site_map_group(
        "indicators", title=_("Indicators"), order=20,
        entries=_data_entries(Metric, "metric"), under=_plan_url,
    )
    register_site_map_group(
        "projects", title=_("Projects"), order=21,
        entries=_data_entries(Project, "project"), under=_plan_url,
    )
    register_site_map_group(
        "updates-by-year", title=_("Updates by year"), order=40,
        entries=_updates_by_year, under=_updates_index_url,
    )
