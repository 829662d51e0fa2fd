"""Updates (news items): which ones a visitor sees, in their language, with a fixed number of
queries whatever the number of updates.

The Chinese (default-locale) update is the source of truth for what an update is about (its
pillars and projects); an English update is found through its translation group.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.paginator import Paginator

from yuzhong_site.core.fragments import missing as missing_cards
from yuzhong_site.core.i18n import default_locale_page

from .feeds import feed_links
from .models import PillarPage, Project, UpdateIndexPage, UpdatePage
from .visibility import public_records

PER_PAGE = 10
LATEST = 3
UPDATE_CARD = "components/update_card.html"


def _default_language():
    return settings.LANGUAGE_CODE


def updates_for(locale_id, pillar=None, project=None, year=None):
    """Live, public updates in ``locale_id``, newest first; ``pillar`` (a Chinese pillar page)
    and ``project`` narrow them to the updates whose Chinese source is about it."""
    updates = UpdatePage.objects.live().public().filter(locale_id=locale_id)
    if pillar is not None or project is not None:
        sources = UpdatePage.objects.filter(locale__language_code=_default_language())
        if pillar is not None:
            sources = sources.filter(pillars=pillar)
        if project is not None:
            sources = sources.filter(projects=project)
        updates = updates.filter(translation_key__in=sources.values("translation_key"))
    if year is not None:
        updates = updates.filter(date__year=year)
    return updates.order_by("-date", "-first_published_at", "-pk")


@dataclass
class PillarLink:
    key: str
    accent: str
    title: str
    url: str


def attach_pillars(updates, locale_id, request=None):
    """Give each update ``pillar_links`` (its live pillars, in the visitor's language): one
    query whatever the number of updates (which pillars their Chinese sources name); the links
    themselves are worked out once per publish (``_pillar_links``)."""
    updates = list(updates)
    if not updates:
        return updates
    rows = (
        UpdatePage.objects.filter(
            locale__language_code=_default_language(),
            translation_key__in=[u.translation_key for u in updates],
            pillars__isnull=False,
        )
        .order_by("pillars__path")
        .values_list("translation_key", "pillars__translation_key")
    )
    links = _pillar_links(locale_id, request)
    by_update = {}
    for update_key, pillar_key in rows:
        if pillar_key in links:
            by_update.setdefault(update_key, []).append(links[pillar_key])
    for update in updates:
        update.pillar_links = by_update.get(update.translation_key, [])
    return updates


def _pillar_links(locale_id, request=None):
    """{translation key: PillarLink in ``locale_id``} for every live pillar (its title and URL
    from the translation when there is a live one), once per publish for each host."""
    from yuzhong_site.core.memo import memoized

    def compute():
        sources = PillarPage.objects.live().filter(locale__language_code=_default_language())
        local = {
            p.translation_key: p for p in PillarPage.objects.live().filter(locale_id=locale_id)
        }
        links = {}
        for source in sources:
            shown = local.get(source.translation_key, source)
            links[source.translation_key] = PillarLink(
                key=source.key, accent=source.accent, title=shown.title,
                url=shown.get_url(request) or "",
            )
        return links

    host = request.get_host() if request is not None else ""
    return memoized(request, ("pillar-links", host, locale_id), compute)


def latest_updates(locale_id, request=None, pillar=None, project=None, limit=LATEST):
    return attach_pillars(
        updates_for(locale_id, pillar=pillar, project=project)[:limit], locale_id, request
    )


def updates_index_for(locale_id):
    """The live updates index in ``locale_id`` (for "all updates" links and feeds)."""
    return UpdateIndexPage.objects.live().filter(locale_id=locale_id).first()


def pillar_filter_keys():
    """``[(key, Chinese pillar page, Chinese plan page)]`` for every public pillar, in tree order:
    the key that names a pillar in the updates filter (``?pillar=``) and its feeds
    (``feed/<key>/rss/``). A pillar of the first plan (the earliest in the page tree) is named by
    its role alone (``services``), so published feed addresses keep working when
    a plan is added; a pillar of any other plan by its plan's slug and its role
    (``plan-13-services``), so two plans' pillars of one role never share an address. Remembered
    until the next publish."""
    from yuzhong_site.core.memo import memoized

    return memoized(None, ("pillar-filter-keys",), _pillar_filter_keys)


def _pillar_filter_keys():
    from .models import PlanPage
    from .visibility import public_pillars

    pillars = list(
        public_pillars().filter(locale__language_code=_default_language()).order_by("path")
    )
    plans = {
        plan.path: plan
        for plan in PlanPage.objects.filter(
            path__in={p.path[: -PlanPage.steplen] for p in pillars}
        ).only("pk", "path", "slug", "title", "translation_key", "locale_id")
    }
    first = (
        PlanPage.objects.filter(locale__language_code=_default_language())
        .order_by("path")
        .values_list("path", flat=True)
        .first()
    )
    keys = []
    for pillar in pillars:
        plan = plans.get(pillar.path[: -PlanPage.steplen])
        if plan is None:
            continue
        key = pillar.key if plan.path == first else f"{plan.slug}-{pillar.key}"
        keys.append((key, pillar, plan))
    return keys


def pillar_filter_key(pillar):
    """The filter and feed key of a Chinese pillar page (``""`` if it is not public)."""
    pk = getattr(pillar, "pk", None)
    return next((key for key, source, _plan in pillar_filter_keys() if source.pk == pk), "")


def pillar_for_filter_key(key):
    """The public Chinese pillar page that ``key`` names, or ``None``."""
    return next((source for found, source, _plan in pillar_filter_keys() if found == key), None)


def _filter_pillars(index):
    """The pillars a visitor can filter by: ``[(key, title, Chinese pillar, plan title)]``,
    titled in the visitor's language (the plan's title tells two plans' pillars apart)."""
    from .models import PlanPage

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
    from django.utils import timezone

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
    from .models import PlanPage

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
