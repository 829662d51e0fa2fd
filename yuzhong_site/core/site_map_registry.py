"""What the site map lists besides the page tree: page-like views of the higher layers
(indicators, projects, districts, updates by year, data downloads, the API).

Both ``sitemap.xml`` and the HTML site map (网站地图) read the page tree and this registry, so
the two cannot drift. An app registers a group once, usually in its ``wagtail_hooks.py``::

    register_site_map_group(
        "indicators", title=gettext_lazy("Indicators"), order=20,
        entries=lambda request: [SiteMapEntry(metric.name, url) for …],
        under=lambda request: plan_page_url,  # optional: shown inside that page's section
    )

``entries`` and ``under`` are called in the active language and return URL paths in it.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .memo import memoized

_registry = {}


@dataclass(frozen=True)
class SiteMapEntry:
    title: str
    url: str
    lastmod: object = None


@dataclass(frozen=True)
class SiteMapGroup:
    key: str
    title: object
    entries: Callable  # (request) -> iterable of SiteMapEntry, in the active language
    order: int = 100
    under: Callable | None = None  # (request) -> the URL of the page whose section it joins


def register_site_map_group(key, *, title, entries, order=100, under=None):
    _registry[key] = SiteMapGroup(key, title, entries, order, under)


def site_map_groups(request):
    """[(group, [entries], under_url or None)] in the active language, empty groups left out.
    Computed once per publish for each host and language (core/memo.py: any change to content
    starts a new generation), as the site map and sitemap.xml both ask for every group."""
    from django.utils import translation

    key = ("site-map-groups", request.get_host(), translation.get_language())
    return memoized(request, key, lambda: _site_map_groups(request))


def _site_map_groups(request):
    found = []
    for group in sorted(_registry.values(), key=lambda group: (group.order, group.key)):
        entries = [entry for entry in group.entries(request) if entry.url]
        if entries:
            found.append((group, entries, group.under(request) if group.under else None))
    return found
