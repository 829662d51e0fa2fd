"""Places: pages of the visitors' section (``pages.py``) and the district's areas they and the
plan point at (``data.py``).

``from districts.models import X`` is the way to import them; the app label stays ``districts``.
"""

from .data import (
    District,
    clean_coordinate_pair,
    latitude_field,
    longitude_field,
)
from .pages import (
    CHONGQING_BOUNDS,
    EXPECTED_FACT_KINDS,
    SITES_PER_PAGE,
    Category,
    FactKind,
    HeritageSiteImage,
    HeritageSitePage,
    RoutePage,
    RouteStop,
    SourceTier,
    TourBrand,
    VisitIndexPage,
    VisitingFact,
    clean_chongqing_position,
)

__all__ = [
    "CHONGQING_BOUNDS",
    "Category",
    "District",
    "EXPECTED_FACT_KINDS",
    "FactKind",
    "HeritageSiteImage",
    "HeritageSitePage",
    "RoutePage",
    "RouteStop",
    "SITES_PER_PAGE",
    "SourceTier",
    "TourBrand",
    "VisitIndexPage",
    "VisitingFact",
    "clean_chongqing_position",
    "clean_coordinate_pair",
    "latitude_field",
    "longitude_field",
]
