"""Links to the district pages under the visitors' section, in the reader's language."""

from dataclasses import dataclass

from django.utils import translation

from yuzhong_site.core.i18n import default_language

from .models import VisitIndexPage


def visit_index(request=None):
    """The live visitors' section in the reader's language (or the Chinese one), memoised on
    ``request``; ``None`` when the site has none. One query."""
    language = translation.get_language() or default_language()
    memo = getattr(request, "_yz_visit_index", None) if request is not None else None
    if memo is not None and language in memo:
        return memo[language]
    candidates = {
        page.locale.language_code: page
        for page in VisitIndexPage.objects.live()
        .filter(locale__language_code__in={language, default_language()})
        .select_related("locale")
        .order_by("-path")
    }
    index = candidates.get(language) or candidates.get(default_language())
    if request is not None:
        if memo is None:
            memo = request._yz_visit_index = {}
        memo[language] = index
    return index


def district_url(district, request=None):
    """``/visit/districts/<slug>/`` (or ``/en/…``) when there is a visitors' section, else
    ``None``."""
    index = visit_index(request)
    return index.district_url(district, request) if index is not None else None


@dataclass
class DistrictLink:
    district: object
    url: str | None


def district_links(districts, request=None):
    """Each district with its page's URL (``None`` without a visitors' section)."""
    return [DistrictLink(district, district_url(district, request)) for district in districts]
