"""The district pages (/visit/districts/<slug>/) in the site map and sitemap.xml, inside the
visitors' section (core/site_map_registry.py)."""

from django.utils.translation import gettext_lazy as _

from yuzhong_site.core.site_map_registry import SiteMapEntry, register_site_map_group

from .district_links import visit_index
from .models import District


def _districts(request):
    index = visit_index(request)
    if index is None:
        return []
    return [
        SiteMapEntry(district.name, index.district_url(district, request))
        for district in District.objects.order_by("slug")
    ]


def _visit_url(request):
    index = visit_index(request)
    return index.get_url(request) if index is not None else None


def register():
    register_site_map_group(
        "districts", title=_("Districts"), order=30, entries=_districts, under=_visit_url
    )
