"""Every public URL of the site, found at run time — for the benchmark, the load test and the
bad-input tests, so that pages and routes added later are covered without a hard-coded list.

* every live, public Wagtail page in every locale (translations and aliases are pages too);
* every named URL pattern that takes no arguments, outside the admin, in every language;
* the search page with a query, when a URL is named ``search``.
"""

from dataclasses import dataclass

from django.conf import settings
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

# Not public pages: the admin and document downloads (served with their own permission checks).
PRIVATE_PREFIXES = ("/admin/", "/django-admin/", "/documents/")
SEARCH_QUERIES = ("渝中", "Shibati", "十八梯")


@dataclass(frozen=True)
class PublicUrl:
    url: str
    kind: str  # "page", "route" or "search"
    label: str
    model: str = ""  # the page's model name, for pages


def live_pages():
    from wagtail.models import Page

    pages = Page.objects.live().public().filter(depth__gt=1).specific().order_by("path")
    return [page for page in pages if page.url_path]


def page_urls():
    found = []
    for page in live_pages():
        url = page.get_url()
        if url:
            found.append(PublicUrl(url, "page", page.title, type(page).__name__))
    return found


def _route_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}{pattern.namespace}:"
            yield from _route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}{pattern.name}"


def route_urls():
    found, seen = [], set()
    for name in dict.fromkeys(_route_names(get_resolver().url_patterns)):
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                try:
                    url = reverse(name)
                except NoReverseMatch:
                    continue  # needs arguments: reached through the pages that link to it
            if url in seen or url.startswith(PRIVATE_PREFIXES):
                continue
            seen.add(url)
            found.append(PublicUrl(url, "search" if name == "search" else "route", name))
    return found


def search_urls():
    from urllib.parse import urlencode

    found = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            try:
                base = reverse("search")
            except NoReverseMatch:
                return []
        for query in SEARCH_QUERIES:
            found.append(PublicUrl(f"{base}?{urlencode({'q': query})}", "search", f"search {query}"))
    return found


def all_public_urls():
    urls = [*page_urls(), *route_urls(), *search_urls()]
    return list({item.url: item for item in urls}.values())


def first_page_of(model_name):
    """The URL of the first live page of the model called ``model_name``, or None."""
    for item in page_urls():
        if item.model == model_name:
            return item.url
    return None
