"""Links to the district pages under the visitors' section, in the reader's language."""

from dataclasses import dataclass

from django.utils import translation

from yuzhong_site.core.i18n import default_language
from yuzhong_site.core.memo import memoized

from .models import VisitIndexPage


def visit_index(request=None):
    """The live visitors' section in the reader's language (or the Chinese one), remembered
    until the next publish when ``request`` is given; ``None`` when the site has none."""
    language = translation.get_language() or default_language()

    def find():
        candidates = {
            page.locale.language_code: page
            for page in VisitIndexPage.objects.live()
            .filter(locale__language_code__in={language, default_language()})
            .select_related("locale")
            .order_by("-path")
        }
        return candidates.get(language) or candidates.get(default_language())

    if request is None:
        return find()
    return memoized(request, ("visit-index", language), find)


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
