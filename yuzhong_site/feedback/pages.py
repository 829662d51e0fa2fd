"""Which page a 纠错 report is about, worked out on the server from its address: its title and
its section (whose moderators handle it). The link on every page passes only ``?url=``; nothing
the reader's browser sends decides where a report goes."""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import get_language_from_path

from districts.models import VisitIndexPage
from plans.models import Metric, PillarPage, PlanPage, Project
from yuzhong_site.core.i18n import default_locale_page
from yuzhong_site.core.navigation import page_ancestors
from yuzhong_site.core.routing import route_for_request


@dataclass
class AboutPage:
    url: str
    title: str
    section: object = None  # a default-locale PillarPage or VisitIndexPage, or None
    language: str = "zh-hans"


def local_path(url):
    """``url``'s path if it is an address on this site, else ``None``."""
    if not isinstance(url, str) or not url.startswith("/") or url.startswith("//"):
        return None
    if len(url) > 500 or "\\" in url:
        return None
    return urlsplit(url).path or None


def section_of(page):
    """The default-locale pillar or visitors' section ``page`` is in (itself included)."""
    for candidate in [page.specific, *reversed(page_ancestors(page))]:
        model = candidate.specific_class
        if model in (PillarPage, VisitIndexPage):
            return default_locale_page(candidate.specific)
    return None


def describe(request, url):
    """An ``AboutPage`` for a public address of this site, or ``None``."""
    path = local_path(url)
    if path is None:
        return None
    language = get_language_from_path(path) or translation.get_language()
    with translation.override(language):
        try:
            match = resolve(path)
        except Resolver404:
            return None
        if match.url_name != "wagtail_serve":
            return AboutPage(url=path, title=path, language=language)
        return _describe_page(request, path, language)


def _describe_page(request, path, language):
    prefix = f"/{language}/" if path.startswith(f"/{language}/") else "/"
    route = route_for_request(request, "/" + path[len(prefix):])
    if route is None:
        return None
    page = route.page
    about = AboutPage(url=path, title=page.title, language=language, section=section_of(page))
    if isinstance(page, PlanPage) and route.args:
        _view, _args, kwargs = route.args
        slug = kwargs.get("slug")
        for model in (Project, Metric):
            if f"/{model._meta.model_name}s/" in path:
                found = model.objects.filter(slug=slug).select_related("pillar").first()
                if found is not None:
                    name = getattr(found, "name_en", "") if language == "en" else ""
                    about.title = name or found.name
                    about.section = default_locale_page(found.pillar)
    return about
