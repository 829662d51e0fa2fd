"""Updates (news items): which ones a visitor sees, in their language, with a fixed number of
queries whatever the number of updates.

The Chinese (default-locale) update is the source of truth for what an update is about (its
pillars and projects); an English update is found through its translation group.
"""

from dataclasses import dataclass

from django.conf import settings

from yuzhong_site.core.memo import memoized

from .models import PillarPage, PlanPage, UpdateIndexPage, UpdatePage
from .visibility import public_pillars

LATEST = 3


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
    def compute():
        # public pillars only: a hidden pillar's tag leaves the update cards (plans/visibility.py)
        sources = public_pillars().filter(locale__language_code=_default_language())
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
    return memoized(None, ("pillar-filter-keys",), _pillar_filter_keys)


def _pillar_filter_keys():
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


