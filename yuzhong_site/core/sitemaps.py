"""Finding the site from outside and inside: sitemap.xml (with hreflang alternates),
robots.txt, and the HTML site map (网站地图) in both languages."""

from datetime import datetime

from django.conf import settings
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view
from wagtail.models import Page, Site

from .i18n import absolute_local_url, active_locale, default_language, page_url_function
from .privacy import restricted_in_any_language
from .site_map_registry import site_map_groups

BCP47 = {"zh-hans": "zh-Hans", "en": "en"}


def _site_roots(request):
    """The home page of the site in every language (one query)."""
    site = Site.find_for_request(request) or Site.objects.get(is_default_site=True)
    return list(site.root_page.get_translations(inclusive=True).select_related("locale"))


class TranslatedSitemap(Sitemap):
    """Every live, public page in every language, each listing its translations as
    ``xhtml:link rel="alternate" hreflang`` (and x-default: the Chinese page).

    English aliases of untranslated pages are left out: they show the Chinese text and name
    the Chinese page as canonical, as their ``<link rel="alternate">`` tags do.
    """

    # What a sitemap entry needs of a page, read as plain values (its URL comes from url_path).
    FIELDS = ("pk", "url_path", "translation_key", "locale__language_code",
              "last_published_at", "latest_revision_created_at")

    def items(self):
        if getattr(self, "_pages", None) is None:  # the paginator and _urls share it
            under_a_home = Q()
            for root in _site_roots(self.request):
                under_a_home |= Q(path__startswith=root.path)
            self._pages = (
                Page.objects.live()
                .public()
                .filter(under_a_home, alias_of__isnull=True)
                .filter(~restricted_in_any_language())  # core/privacy.py
                .order_by("path")
                .values(*self.FIELDS)
            )
        return self._pages

    def _urls(self, page, protocol, domain):
        pages = list(self.paginator.page(page).object_list)
        # The whole group of translations for the pages on this sitemap page: the pages not
        # already on this sitemap page (only with 50,000 and more) are read, and every page's
        # URL is built once.
        keys = {item["translation_key"] for item in pages}
        by_pk = {item["pk"]: item for item in pages}
        if self.paginator.num_pages > 1:
            by_pk.update(
                (item["pk"], item)
                for item in self.items().filter(translation_key__in=keys).exclude(pk__in=by_pk)
            )
        url_of = page_url_function(self.request)
        located = {}
        for pk, item in by_pk.items():
            url = url_of(item["url_path"])
            located[pk] = absolute_local_url(self.request, url) if url else None
        group = {}
        for pk, item in by_pk.items():
            if located[pk]:
                group.setdefault(item["translation_key"], {})[item["locale__language_code"]] = located[pk]
        urls = []
        for item in pages:
            location = located[item["pk"]]
            if not location:
                continue
            by_language = group.get(item["translation_key"], {})
            alternates = [
                {"lang_code": BCP47.get(code, code), "location": url}
                for code, url in sorted(by_language.items())
            ]
            default = by_language.get(default_language()) or location
            alternates.append({"lang_code": "x-default", "location": default})
            urls.append(
                {
                    "item": item,
                    "location": location,
                    "lastmod": item["last_published_at"] or item["latest_revision_created_at"],
                    "alternates": alternates,
                }
            )
        return urls


class RegisteredViewsSitemap(Sitemap):
    """The page-like views the apps register in ``site_map_registry`` (indicators, projects,
    districts, updates by year, downloads, the API), in every language."""

    def items(self):
        found, seen = [], set()
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                for _group, entries, _under in site_map_groups(self.request):
                    for entry in entries:
                        if entry.url not in seen:
                            seen.add(entry.url)
                            found.append(entry)
        return found

    def _urls(self, page, protocol, domain):
        return [
            {
                "item": entry,
                "location": self.request.build_absolute_uri(entry.url),
                "lastmod": entry.lastmod,
                "alternates": [],
            }
            for entry in self.paginator.page(page).object_list
        ]


def _day(value):
    """``value|date:"Y-m-d"``: an aware date and time in the current time zone."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.strftime("%Y-%m-%d")


def _urlset_xml(urls):
    """The ``<urlset>`` of django.contrib.sitemaps' template, written directly: the same
    elements, escaping and dates (``date:"Y-m-d"`` in the current time zone), several times
    faster than rendering the template for every URL and alternate."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/'
        'schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">'
    ]
    for url in urls:
        parts.append(f"<url><loc>{escape(url['location'])}</loc>")
        if url.get("lastmod"):
            parts.append(f"<lastmod>{_day(url['lastmod'])}</lastmod>")
        parts.extend(
            f'<xhtml:link rel="alternate" hreflang="{escape(alternate["lang_code"])}" '
            f'href="{escape(alternate["location"])}"/>'
            for alternate in url.get("alternates", ())
        )
        parts.append("</url>")
    parts.append("</urlset>\n")
    return "".join(parts)


@cache_control(max_age=3600, public=True)
def sitemap_xml(request):
    response = wagtail_sitemap_view(
        request, sitemaps={"pages": TranslatedSitemap, "views": RegisteredViewsSitemap}
    )
    # The view gathers the URLs (and sets Last-Modified, X-Robots-Tag); we write the XML.
    response.content = _urlset_xml(response.context_data["urlset"])
    return response


@require_GET
@cache_control(max_age=86400, public=True)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "Disallow: /en/search/",
        "Disallow: /text-size/",
        "Disallow: /contrast/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_xml'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


def _tree(pages, root_depth):
    """Nested [{"page", "url", "children", "groups"}] from pages ordered by path."""
    nodes, stack = [], []
    for page, url in pages:
        node = {"page": page, "url": url, "children": [], "groups": []}
        level = page.depth - root_depth - 1
        del stack[level:]
        (stack[-1]["children"] if stack else nodes).append(node)
        stack.append(node)
    return nodes


def _attach_groups(sections, groups):
    """Put each registered group inside the section of the page it names (``under``); the
    others become sections of their own. Returns those."""
    by_url = {}

    def walk(nodes):
        for node in nodes:
            by_url[node["url"]] = node
            walk(node["children"])

    walk(sections)
    standalone = []
    for group, entries, under in groups:
        item = {"title": group.title, "key": group.key, "entries": entries}
        if under and under in by_url:
            by_url[under]["groups"].append(item)
        else:
            standalone.append(item)
    return standalone


def site_map(request):
    """网站地图: every page of the site and every page-like view (indicators, projects,
    districts, updates by year, downloads, the API) in the visitor's language, grouped by
    section; from the same sources as sitemap.xml."""
    locale = active_locale()
    home = next(
        (root for root in _site_roots(request) if root.locale_id == locale.pk), None
    )
    sections = []
    if home is not None:
        pages = (
            home.get_descendants()
            .live()
            .public()
            .filter(alias_of__isnull=True)
            .filter(~restricted_in_any_language())  # core/privacy.py
            .order_by("path")
        )
        sections = _tree(
            [(page, page.get_url(request)) for page in pages], home.depth
        )
    groups = _attach_groups(sections, site_map_groups(request))
    return render(
        request,
        "yuzhong_site/site_map.html",
        {
            "home": home,
            "home_url": home.get_url(request) if home else "/",
            "sections": sections,
            "groups": groups,
            "column_name": translation.gettext("Site map"),
        },
    )
