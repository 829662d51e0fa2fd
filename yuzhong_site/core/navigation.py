"""Where a page sits in the tree: its ancestors, the site's home in the visitor's language and
the home's menu sections — each looked up once per request and shared by the site shell.

The header navigation, the breadcrumbs, the government-site metadata (栏目 / ColumnName), the
home page's sections and Wagtail's view-restriction check all need the same few rows; fetching
them once keeps an uncached page to a handful of queries (``PAGE_BUDGET`` in tests/helpers.py, asserted for every page type).
"""

from django.utils import translation
from wagtail.models import Page, Site

from .memo import memoized


def page_ancestors(page):
    """``page``'s ancestors, the tree root first (as ``page.get_ancestors()``): one query per
    page and publish (memo), remembered on the page object (looked up again if it has moved)."""
    path, cached = page.__dict__.get("_yz_ancestors", (None, None))
    if cached is None or path != page.path:
        if page.depth <= 1:
            cached = []
        elif page.pk is None:  # a preview of a page not saved yet
            cached = list(page.get_ancestors())
        else:  # the same for every visitor until something is published or moved
            cached = memoized(
                None, ("ancestors", page.pk, page.path), lambda: list(page.get_ancestors())
            )
        page.__dict__["_yz_ancestors"] = (page.path, cached)
    return cached


def ancestor_at_depth(page, depth):
    """``page`` itself or its ancestor at ``depth`` (None if it is shallower)."""
    if page.depth == depth:
        return page
    return next((a for a in page_ancestors(page) if a.depth == depth), None)


def site_home(request):
    """The site's root page in the active language (``site.root_page.localized``).

    For a page Wagtail has just routed, that is the routed page's ancestor at the root's depth:
    routing started from ``site.root_page.localized``, so no query is needed beyond the (shared)
    ancestors. Other views (search, site map…) ask Wagtail, once per publish (memo).
    """
    cached = getattr(request, "_yz_site_home", None)
    if cached is not None:
        return cached
    site = Site.find_for_request(request)
    if site is None:
        return None
    home = None
    route = getattr(request, "_wagtail_route_for_request", None)
    routed = getattr(route, "page", None)
    if isinstance(routed, Page):
        home = ancestor_at_depth(routed, site.root_page.depth)
    if home is None:  # the same for every visitor of this site and language until a publish
        language = translation.get_language()
        home = memoized(request, ("site-home", site.pk, language), lambda: site.root_page.localized)
    request._yz_site_home = home
    return home


def menu_children(home, request=None):
    """The live children of ``home`` shown in menus, in tree order: the header navigation and
    the home page's sections share one query, made once per publish (yuzhong_site/core/memo.py)."""
    if request is None:
        return list(_menu_queryset(home))
    return memoized(request, ("menu-children", home.pk), lambda: list(_menu_queryset(home)))


def _menu_queryset(home):
    return home.get_children().live().in_menu().order_by("path")
