"""Routing a request to its page with one query instead of one or two per level of the path.

Wagtail routes ``/en/visit/shibati/`` by asking the database for the localized home page, then
for each child on the way and its specific type: seven queries on that page, before the page
does anything. Where a path leads only changes when something is published, moved or deleted,
the same events that move the per-publish memo's generation (``memo.py``). So the first request
for a path routes through Wagtail's own ``route()`` (its exact rules: live pages, aliases,
RoutablePageMixin sub-routes first) and the memo keeps *where* it led — the page's class and
primary key and, for a sub-route, the rest of the path. Later requests fetch that one page
(one query) and resolve the sub-route again on it. Nothing about a visitor is kept, and a route
is kept only once its page answered 200 (so unknown paths, including sub-routes that match a
pattern but name nothing, cannot fill the memo).
"""

from django.http import Http404
from django.utils import translation
from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Site
from wagtail.url_routing import RouteResult
from wagtail.views import serve as wagtail_serve

from .memo import memoized, recall, remember


def _where(request, site, components):
    """Route the Wagtail way; ``(result, (class, pk, sub-route components))`` or ``None``."""
    try:
        result = site.root_page.localized.specific.route(request, components)
    except Http404:
        return None
    page = result.page
    sub_route = None
    if isinstance(page, RoutablePageMixin) and result.args:
        depth_below_root = page.depth - site.root_page.depth
        sub_route = tuple(components[depth_below_root:])
    return result, (type(page), page.pk, sub_route)


def route_for_request(request, path):
    """The ``RouteResult`` for ``path`` (as ``Page.route_for_request`` gives it), or ``None``."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    key = ("route", site.pk, translation.get_language(), tuple(components))
    remembered = recall(request, key)
    if remembered is None:
        found = _where(request, site, components)
        if found is None:
            return None
        # Kept by serve() only once the page answered 200: a sub-route that matched its pattern
        # but named nothing (/plan/metrics/no-such-1/) never fills the memo.
        request._yz_route_to_remember = (key, found[1])
        return found[0]
    model, pk, sub_route = remembered
    page = model.objects.filter(pk=pk).first()
    if page is None:
        return None
    if sub_route is None:
        return RouteResult(page)
    try:
        match = page.resolve_subpage("/" + "".join(f"{part}/" for part in sub_route))
    except Http404:
        return None
    request.routable_resolver_match = match
    view, args, kwargs = match
    return RouteResult(page, args=(view, args, kwargs))


def serve(request, path):
    """Wagtail's page view, with the route found through the memo, and the page's view
    restrictions too (Wagtail checks them before serving; adding, changing or removing one
    purges, like a publish)."""
    if not hasattr(request, "_wagtail_route_for_request"):
        request._wagtail_route_for_request = route_for_request(request, path)
    route = request._wagtail_route_for_request
    if route is not None and hasattr(route.page, "served_view_restrictions"):
        page = route.page
        page.served_view_restrictions = memoized(
            request, ("view-restrictions", page.path),
            lambda: list(page.get_view_restrictions()),
        )
    response = wagtail_serve(request, path)
    pending = getattr(request, "_yz_route_to_remember", None)
    if pending is not None and response.status_code == 200:
        remember(request, *pending)
    return response




def page_urlpatterns():
    """Wagtail's front-end URLs (password and login views, then every page), pages served by
    :func:`serve`."""
    from django.urls import re_path
    from wagtail import urls as wagtail_urls
    from wagtail.urls import serve_pattern

    patterns = [pattern for pattern in wagtail_urls.urlpatterns
                if getattr(pattern, "name", None) != "wagtail_serve"]
    return [*patterns, re_path(serve_pattern, serve, name="wagtail_serve")]
