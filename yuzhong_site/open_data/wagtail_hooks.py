"""The Data page, its downloads and the API in the site map and sitemap.xml
(core/site_map_registry.py)."""

from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yuzhong_site.core.site_map_registry import SiteMapEntry, register_site_map_group

from .downloads import DATASETS


def _entries(request):
    entries = [SiteMapEntry(gettext("Open data: downloads and API"), reverse("open_data"))]
    for _name, title, _description, url_name in DATASETS:
        for extension in ("csv", "json"):
            entries.append(
                SiteMapEntry(
                    f"{title} ({extension.upper()})",
                    reverse(url_name, kwargs={"extension": extension}),
                )
            )
    entries.append(SiteMapEntry(gettext("JSON API (for developers)"), reverse("api_v1:api_root")))
    entries.append(
        SiteMapEntry(gettext("API documentation (OpenAPI)"), reverse("api_v1:api_openapi"))
    )
    return entries


register_site_map_group("open-data", title=_("Open data"), order=50, entries=_entries)
