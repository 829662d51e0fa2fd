"""Language helpers used everywhere a page or a URL must be found in the other language."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

from .memo import memoized


def default_language():
    return settings.LANGUAGE_CODE


def default_locale():
    """Wagtail's default (Chinese) ``Locale``: asked for on nearly every page, so remembered
    until the next publish (yuzhong_site/core/memo.py) instead of one query each time."""
    return memoized(None, ("default-locale", settings.LANGUAGE_CODE), Locale.get_default)


def active_locale():
    """The ``Locale`` of the active language (``Locale.get_active()``), remembered until the next
    publish like :func:`default_locale`."""
    language = translation.get_language()
    return memoized(None, ("active-locale", language), Locale.get_active)


def default_locale_page(page):
    """The default-locale (Chinese) page of ``page``'s translation group.

    Data models (metrics, projects…) always point at the Chinese page; an English page finds
    its data through this helper.
    """
    if page is None:
        return None
    default = default_locale()
    if page.locale_id == default.pk:
        return page
    if page.alias_of_id:
        source = Page.objects.filter(pk=page.alias_of_id).first()
        if source is not None and source.locale_id == default.pk:
            return source.specific
    translated = page.get_translation_or_none(default)
    return translated.specific if translated is not None else page


def is_untranslated_alias(page):
    """True for a page in a non-default locale that only mirrors its Chinese source."""
    return bool(page is not None and page.alias_of_id)


def page_translations(page, request=None):
    """``page`` and its live translations (and aliases), with their locales: one query, made
    once per publish when ``request`` is given (the language links and the outdated-translation
    notice share it; yuzhong_site/core/memo.py)."""
    def find():
        return list(page.get_translations(inclusive=True).live().select_related("locale"))

    if request is None or page.pk is None:  # a new page's preview has no translations yet
        return find()
    return memoized(request, ("page-translations", page.pk), find)


def absolute_page_url(page, request):
    """``page``'s absolute URL on the host the visitor asked (as the canonical and hreflang
    links are), not on the Wagtail Site's hostname, which may be a name nobody uses (the demo's
    localhost:80). Hosts are bounded by ALLOWED_HOSTS; the page cache keys on the host.
    A page of another Wagtail site keeps that site's root URL. ``None`` for a page with no URL."""
    url = page.get_url(request)
    return absolute_local_url(request, url) if url else None


def local_path(path):
    """``path`` with its leading slashes collapsed to one: a request for ``//evil.example/``
    must never turn into a link to another site (``//host/`` is a network-path reference)."""
    return "/" + (path or "").lstrip("/\\")


def absolute_local_url(request, url):
    """``request.build_absolute_uri`` for a path on this site (leading slashes collapsed)."""
    if url.startswith(("/", "\\")):
        url = local_path(url)
    return request.build_absolute_uri(url)


def path_urls_by_language(path):
    """{language_code: url} for a non-page URL (search, data pages…)."""
    path = local_path(path)
    return {code: local_path(translate_url(path, code)) for code, _name in settings.LANGUAGES}


def source_updated_since_translation(page, request=None):
    """When the Chinese source of a translated page was published after the translation: the
    source's publication time, else ``None``. No query of its own when ``request`` is given (it
    shares ``page_translations``), none for aliases, and none for a default-locale page."""
    if page is None or page.alias_of_id or not page.last_published_at:
        return None
    if translation.get_language() == default_language() and request is not None:
        return None
    for translated in page_translations(page, request):
        if translated.pk == page.pk or translated.locale.language_code != default_language():
            continue
        if translated.last_published_at and translated.last_published_at > page.last_published_at:
            return translated.last_published_at
    return None


def page_url_function(request):
    """``url(url_path)``: the URL ``Page.get_url(request)`` gives the page at ``url_path``, for
    lists of many pages read as plain values (the sitemap): Wagtail's rules — the first site
    root the path is under (the request's site when several are), the root's language (or the
    active variant of it), that language's URL prefix, and a relative URL on the request's own
    site — with the language prefixes worked out once per call instead of once per page.
    ``tests/test_findability.py`` checks it against ``get_url`` for every page."""
    return _PageUrls(request).url


class _PageUrls:
    def __init__(self, request):
        from wagtail.coreutils import get_supported_content_language_variant
        from wagtail.models import Site

        self.site = Site.find_for_request(request)
        try:  # where Wagtail keeps them for the request
            self.roots = request._wagtail_cached_site_root_paths
        except AttributeError:
            self.roots = request._wagtail_cached_site_root_paths = Site.get_site_root_paths()
        self.active = translation.get_language()
        try:
            self.active_content = get_supported_content_language_variant(self.active)
        except LookupError:
            self.active_content = None
        self.prefixes = {}

    def prefix(self, language):
        from django.urls import NoReverseMatch, reverse

        if language not in self.prefixes:
            try:
                with translation.override(language):
                    self.prefixes[language] = reverse("wagtail_serve", args=("",))
            except NoReverseMatch:
                self.prefixes[language] = None
        return self.prefixes[language]

    def root(self, url_path):
        possible = [root for root in self.roots if url_path.startswith(root.root_path)]
        if self.site is not None and len({root.site_id for root in possible}) > 1:
            possible = [root for root in possible if root.site_id == self.site.pk] + possible
        return possible[0] if possible else None

    def url(self, url_path):
        from urllib.parse import quote

        from wagtail.coreutils import WAGTAIL_APPEND_SLASH

        root = self.root(url_path)
        if root is None:
            return None
        site_id, root_path, root_url, language = root
        start = self.prefix(self.active if self.active_content == language else language)
        if start is None:
            return None
        page_path = start + quote(url_path[len(root_path):], safe="/~:@!$&'()*+,;=")
        if not WAGTAIL_APPEND_SLASH and page_path != "/":
            page_path = page_path.rstrip("/")
        if self.site is not None and site_id == self.site.pk:
            return page_path
        return root_url + page_path
