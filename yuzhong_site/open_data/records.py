"""Plain records for open data: the pages' translations and URLs, heritage sites, districts.

Every function here works on a list already fetched and adds a fixed number of queries,
whatever its length. Text is in the active language (call inside ``translation.override``);
numbers are exactly as stored (decimal text, no rounding, no thousands separators).
"""

from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q
from django.utils import translation
from wagtail.models import Locale, Page

from districts.models import District, HeritageSitePage, VisitIndexPage
from yuzhong_site.core.i18n import absolute_page_url, default_locale

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)


def decimal_text(value):
    """A stored Decimal as exact text (``23421.1800`` → ``"23421.18"``); None stays None."""
    if value is None:
        return None
    text = format(Decimal(value), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def iso(value):
    return value.isoformat() if value is not None else None


def current_language():
    return translation.get_language() or settings.LANGUAGE_CODE


class Translations:
    """The live translations (and aliases) of default-locale pages: two queries in all.

    ``page(source)`` is the page whose words to show in the active language (the source when
    that language only has an alias); ``urls(source)`` the absolute URL in every language.
    """

    def __init__(self, pages, request, specific=False):
        self.request = request
        locales = {locale.pk: locale.language_code for locale in Locale.objects.all()}
        keys = {page.translation_key for page in pages}
        queryset = Page.objects.live().public().filter(translation_key__in=keys)
        if specific:
            queryset = queryset.specific()
        self.by_key = {
            (page.translation_key, locales.get(page.locale_id)): page for page in queryset
        }

    def page(self, source, language=None):
        found = self.by_key.get((source.translation_key, language or current_language()))
        if found is None or found.alias_of_id:
            return source
        return found

    def url(self, source, language):
        found = self.by_key.get((source.translation_key, language))
        return absolute_page_url(found, self.request) if found is not None else None

    def urls(self, source, suffix=""):
        urls = {}
        for code in LANGUAGES:
            url = self.url(source, code)
            urls[code] = url + suffix if url else None
        return urls


# --- heritage sites ----------------------------------------------------------------------------


def heritage_sites():
    return (
        HeritageSitePage.objects.live()
        .public()
        .filter(locale=default_locale())
        .select_related("district")
        .order_by("path")
    )


def heritage_site_records(sites, request):
    """Name, category, district, address, coordinates and both page URLs of each site."""
    sites = list(sites)
    translations = Translations(sites, request, specific=True)
    records = []
    for site in sites:
        local = translations.page(site)
        district = site.district
        records.append(
            {
                "slug": site.slug,
                "name": local.title,
                "introduction": getattr(local, "introduction", "") or site.introduction,
                "category": site.category,
                "category_label": str(site.get_category_display()),
                "district": district.slug if district else None,
                "district_name": district.name if district else None,
                "address": getattr(local, "address", "") or site.address,
                "latitude": decimal_text(site.latitude),
                "longitude": decimal_text(site.longitude),
                "coordinates_approximate": site.coordinates_approximate,
                "translated": local.pk != site.pk or current_language() == settings.LANGUAGE_CODE,
                "last_published_at": iso(site.last_published_at),
                "urls": translations.urls(site),
            }
        )
    return records


# --- districts ---------------------------------------------------------------------------------


def districts():
    locale = default_locale()
    return District.objects.annotate(
        heritage_site_count=Count(
            "heritage_sites",
            filter=Q(heritage_sites__live=True, heritage_sites__locale=locale),
            distinct=True,
        ),
        project_count=Count("projects", filter=Q(projects__live=True), distinct=True),
    ).order_by("sort_order", "slug")


def district_records(items, request):
    items = list(items)
    visit = VisitIndexPage.objects.live().filter(locale=default_locale()).order_by("path").first()
    translations = Translations([visit] if visit else [], request)
    records = []
    for district in items:
        if visit is not None:
            suffix = visit.reverse_subpage("district", args=(district.slug,))
            urls = translations.urls(visit, suffix)
        else:
            urls = dict.fromkeys(LANGUAGES)
        records.append(
            {
                "slug": district.slug,
                "name": district.name,
                "kind": district.kind,
                "kind_label": str(district.get_kind_display()),
                "description": district.description,
                "latitude": decimal_text(district.latitude),
                "longitude": decimal_text(district.longitude),
                "heritage_site_count": district.heritage_site_count,
                "project_count": district.project_count,
                "urls": urls,
            }
        )
    return records
