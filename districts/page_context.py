"""What the visitor pages put in their template context: a fixed number of queries each.

Kept apart from the models so that the page classes read as data: each builder registers
itself for its page class (``@builds``), and the page asks for it by name
(``yuzhong_site/core/page_context.py``), so this module imports the models and not the
reverse. The plan's side of a place (a site's project, a district's projects) is added by
the apps above this one through the ``place_context`` Wagtail hook (``plans/wagtail_hooks.py``):
districts never imports plans.
"""

from django.core.paginator import Paginator
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from wagtail import hooks

from yuzhong_site.core.fragments import missing as missing_cards
from yuzhong_site.core.i18n import active_locale
from yuzhong_site.core.page_context import builds

from . import geo
from .models import (
    EXPECTED_FACT_KINDS,
    SINGLE_VALUE_KINDS,
    SITES_PER_PAGE,
    Category,
    District,
    FactKind,
    HeritageSiteImage,
    HeritageSitePage,
    RoutePage,
    SourceTier,
    VisitIndexPage,
)
from .models.notices import is_old, notices_by_state
from .structured_data import heritage_site_data, route_data

SITE_CARD = "components/heritage_site_card.html"

# Relations a heritage page or card shows. The related project is read from the Chinese page
# (``plans.place_links.project_for_site``), so that the English page shows the same one.
HERITAGE_SELECT_RELATED = ["district"]


def gallery_prefetch():
    """Gallery images with their image and every stored rendition: no query per picture."""
    return Prefetch(
        "gallery_images",
        queryset=HeritageSiteImage.objects.select_related("image").prefetch_related(
            "image__renditions"
        ),
    )


def heritage_sites_under(index_page):
    """The live heritage pages under ``index_page``, in tree order: only their keys are read
    here; :func:`with_cards` reads the rest for the cards not written yet."""
    return HeritageSitePage.objects.live().child_of(index_page).order_by("path").only("id")


def with_cards(request, sites):
    """``sites`` as a list for their cards (``components/heritage_site_card.html``): the pages
    whose card is not written yet in this generation are read in full, with their district,
    gallery and renditions (two or three queries); none when every card is remembered
    (yuzhong_site/core/fragments.py)."""
    sites = list(sites)
    wanted = [site.pk for site in missing_cards(request, SITE_CARD, sites)]
    if not wanted:
        return sites
    full = {
        site.pk: site
        for site in HeritageSitePage.objects.filter(pk__in=wanted).select_related(
            *HERITAGE_SELECT_RELATED
        )
    }
    prefetch_related_objects(list(full.values()), gallery_prefetch(), "notices")
    return [full.get(site.pk, site) for site in sites]


@builds(VisitIndexPage)
def visit_index_context(page, request):
    districts = list(District.objects.all())
    by_slug = {district.slug: district for district in districts}
    notices = []

    category = request.GET.get("category", "")
    if category and category not in Category.values:
        notices.append(_("We do not know that category, so all categories are shown."))
        category = ""
    district_slug = request.GET.get("district", "")
    district = by_slug.get(district_slug)
    if district_slug and district is None:
        notices.append(_("We do not know that district, so all districts are shown."))

    sites = heritage_sites_under(page)
    if category:
        sites = sites.filter(category=category)
    if district is not None:
        sites = sites.filter(district=district)
    paginator = Paginator(sites, SITES_PER_PAGE)
    sites_page = paginator.get_page(request.GET.get("page"))
    sites_page.object_list = with_cards(request, sites_page.object_list)

    filter_query = {key: value for key, value in (("category", category), ("district", district.slug if district else "")) if value}
    return {
        "sites": sites_page,
        "page_numbers": list(
            paginator.get_elided_page_range(sites_page.number, on_each_side=2, on_ends=1)
        ),
        "filter_query": filter_query,
        "paginator": paginator,
        "filter_notices": notices,
        "categories": Category.choices,
        "selected_category": category,
        "districts": districts,
        "selected_district": district,
        "is_filtered": bool(category or district),
        "routes": RoutePage.objects.live().child_of(page).order_by("path"),
        "district_links": [
            {"district": d, "url": page.district_url(d, request)} for d in districts
        ],
    }


def place_context(kind, place, request):
    """What the apps above this one add to a visitor page's context: every function registered
    with ``@hooks.register("place_context")`` is called as ``fn(kind, place, request)`` (``kind``
    is ``"district"`` or ``"heritage_site"``) and returns a dict (or ``None``)."""
    context = {}
    for fn in hooks.get_hooks("place_context"):
        context.update(fn(kind, place, request) or {})
    return context


@builds(VisitIndexPage, "district")
def district_context(page, request, slug):
    district = District.objects.filter(slug=slug).first()
    if district is None:
        raise Http404(_("There is no district with that name."))
    return {
        "district": district,
        "district_sites": with_cards(request, heritage_sites_under(page).filter(district=district)),
        # the language links point at the same district in the other language
        "alternate_subpath": page.reverse_subpage("district", args=(district.slug,)),
        "visit_index": page,
        **place_context("district", district, request),
    }


def page_language(page):
    """The language of ``page``'s locale: the active locale's (remembered per publish) for a
    page in it — the usual case, no query — else the page's own."""
    active = active_locale()
    if page.locale_id == active.pk:
        return active.language_code
    return getattr(page.locale, "language_code", None) or get_language()


def visiting_facts_context(page, facts, language, today=None):
    """Facts grouped by kind in a fixed order; where two sources give different values both are
    shown, each with its source; kinds nobody published go into one "not known" line (unless
    the editor wrote that line). A fact whose source is more than two years old says so."""
    groups = {}
    for fact in facts:
        groups.setdefault(fact.kind, []).append(fact)
    fact_groups = []
    for kind, label in FactKind.choices:
        items = groups.get(kind)
        if not items:
            continue
        values = {fact.value_for(language).strip() for fact in items}
        prices = {fact.price_yuan for fact in items if fact.price_yuan is not None}
        if kind == FactKind.ADMISSION and prices:
            values = prices  # prices are compared as numbers; a concession is no conflict
        fact_groups.append(
            {
                "kind": kind,
                "label": label,
                "facts": [
                    {"fact": fact, "value": fact.value_for(language),
                     "reported": fact.tier == SourceTier.REPORTED,
                     "unsourced": fact.tier == SourceTier.UNSOURCED,
                     "old": is_old(fact.source_date, today)}
                    for fact in items
                ],
                "sources_differ": any(fact.disagrees for fact in items) or (
                    kind in SINGLE_VALUE_KINDS and len(values) > 1
                    and len({f.source_name for f in items}) > 1
                ),
            }
        )
    missing = [] if page.unknown_note else [
        label for kind, label in FactKind.choices
        if kind in EXPECTED_FACT_KINDS and kind not in groups
    ]
    address = next(iter(groups.get(FactKind.ADDRESS, [])), None)
    phone = next(iter(groups.get(FactKind.PHONE, [])), None)
    dated = sorted(fact.source_date for fact in facts if fact.source_date)
    return {
        # "Information as of": the latest date a source gave one of these facts (as it gave
        # it: 2025, 2024-09 or 2025-09-01), not the day the page was last saved.
        "information_as_of": dated[-1] if dated else "",
        "fact_groups": fact_groups,
        "unknown_kinds": missing,
        "has_reported_facts": any(f.tier == SourceTier.REPORTED for f in facts),
        "contact_phone": phone.value_zh if phone else "",
        "driver": {
            "name": page.chinese_name,
            "address": address.value_zh if address else "",
            "pinyin": page.pinyin_name,
        } if language != "zh-hans" and page.chinese_name else None,
    }


@builds(HeritageSitePage)
def heritage_site_context(page, request):
    gallery = list(page.gallery_images.select_related("image").prefetch_related("image__renditions"))
    facts = list(page.visiting_facts.all())
    notices = notices_by_state(page.notices.all())
    language = page_language(page)
    district_url = ""
    if page.district is not None:
        index_page = VisitIndexPage.objects.parent_of(page).first()
        if index_page is not None:
            district_url = index_page.district_url(page.district, request)
    return {
        "district_url": district_url,
        "gallery": gallery,
        "notices": notices,
        "language": language,
        **visiting_facts_context(page, facts, language),
        "structured_data": heritage_site_data(page, request, gallery, facts),
        **place_context("heritage_site", page, request),
    }


def _localized_sites(route, site_ids):
    """{source page id: the live page to show, in the route's language} — two queries."""
    if not site_ids:
        return {}
    sources = {
        p.pk: p
        for p in HeritageSitePage.objects.filter(pk__in=site_ids).only(
            "pk", "translation_key", "live", "locale_id"
        )
    }
    keys = {p.translation_key for p in sources.values()}
    localized = {
        p.translation_key: p
        for p in HeritageSitePage.objects.live().filter(
            translation_key__in=keys, locale_id=route.locale_id
        )
    }
    resolved = {}
    for pk, source in sources.items():
        page = localized.get(source.translation_key)
        if page is not None:
            resolved[pk] = page
    return resolved


@builds(RoutePage)
def route_context(page, request):
    raw_stops = list(page.stops.all())
    sites = _localized_sites(page, [s.site_id for s in raw_stops if s.site_id])
    stops, skipped = [], 0
    previous, after_skip = None, False
    for raw in raw_stops:
        site = sites.get(raw.site_id) if raw.site_id else None
        # An unpublished or deleted site (or an empty row) is left out, with a note.
        if (raw.site_id and site is None) or (not raw.site_id and not raw.name):
            skipped += 1
            after_skip = True
            continue
        latitude = raw.latitude if raw.latitude is not None else getattr(site, "latitude", None)
        longitude = raw.longitude if raw.longitude is not None else getattr(site, "longitude", None)
        has_position = latitude is not None and longitude is not None
        name = site.title if site is not None else raw.name
        stop = {
            "number": len(stops) + 1,
            "name": name,
            "site": site,
            "url": site.get_url(request) if site is not None else "",
            "latitude": latitude,
            "longitude": longitude,
            "map_links": geo.map_links(latitude, longitude, name) if has_position else None,
            "approximate": site.coordinates_approximate if site is not None else True,
            # A leg measured to a stop that is no longer shown no longer applies.
            "walk_minutes": None if after_skip else raw.walk_minutes,
            "walk_metres": None if after_skip else raw.walk_metres,
            "leg_note": "" if after_skip else raw.leg_note,
            "step_free_note": "" if after_skip else raw.step_free_note,
            "transit_note": "" if after_skip else raw.transit_note,
            "straight_metres": None,
            "estimated_metres": None,
            "long_leg": False,
            "is_first": not stops,
        }
        if previous is not None and has_position and previous["map_links"]:
            straight = geo.distance_metres(
                (previous["latitude"], previous["longitude"]), (latitude, longitude)
            )
            stop["straight_metres"] = round(straight, -1)
            # Streets and stairs are longer than the straight line: a stated, labelled factor.
            stop["estimated_metres"] = round(straight * geo.WALKING_FACTOR, -1)
            measured = stop["walk_metres"] or stop["estimated_metres"]
            stop["long_leg"] = measured > geo.LONG_LEG_METRES
        stops.append(stop)
        previous, after_skip = stop, False

    legs = stops[1:]
    total_minutes = (
        sum(s["walk_minutes"] for s in legs)
        if legs and all(s["walk_minutes"] is not None for s in legs)
        else None
    )
    positioned = [s for s in stops if s["map_links"]]
    long_legs = [s for s in stops if s["long_leg"]]
    return {
        "walking_factor": geo.WALKING_FACTOR,
        "long_leg_km": geo.LONG_LEG_METRES / 1000,
        "long_legs": long_legs,
        "route_stops": stops,
        "skipped_stops": skipped,
        "total_minutes": total_minutes,
        "sketch": geo.sketch(
            [(s["latitude"], s["longitude"], s["number"], s["name"]) for s in positioned]
        ),
        "unplaced_stops": [s for s in stops if not s["map_links"]],
        "structured_data": route_data(page, request, stops),
    }
