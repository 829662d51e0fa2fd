"""The public-page cache: anonymous GETs are served from the Django cache, publishing purges it.

How it works (docs/architecture.md, "Caching and invalidation", explains why):

* ``PublicPageCacheMiddleware`` caches every anonymous ``GET``/``HEAD`` that ends in a plain
  ``200`` without cookies — every Wagtail page, the search page and any public view added later,
  with no per-view code. The cache key is the host, the full path (the language is in the path)
  and the reading mode (``yz_text`` and ``yz_contrast`` cookies), not the whole ``Cookie`` header.
* Admin, previews, ``/healthz``, forms (a CSRF token sets a cookie), ``POST`` and anyone with a
  session cookie (editors) are never cached and get ``private, no-cache, no-store``.
* Purging is a site-wide *generation* number kept in the same cache: every key contains it, and
  publishing, unpublishing, moving or deleting a page, or saving any data model of the site's
  apps, increments it. Old entries are then unreachable and expire on their own.
* When a CDN is configured (``wagtail.contrib.frontend_cache``), the same events purge the CDN.
"""

import hashlib
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.cache import add_never_cache_headers, patch_cache_control

from .text_size import display_mode

GENERATION_KEY = "yz:page-cache:generation"
CACHE_STATUS_HEADER = "X-Cache"
# Headers that belong to one response only and are never replayed from the cache.
_NOT_STORED = {"set-cookie", "date", CACHE_STATUS_HEADER.lower()}
_UNCACHEABLE_DIRECTIVES = ("private", "no-cache", "no-store", "max-age=0")


def page_cache():
    return caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]


def current_generation():
    cache = page_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        # First use, or the key was evicted: start from the clock so no old entry is reachable.
        cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def request_generation(request):
    """The generation, read once per request and remembered on it (the page cache's key and the
    per-publish memo share it)."""
    if request is None:
        return current_generation()
    generation = getattr(request, "_yz_generation", None)
    if generation is None:
        generation = request._yz_generation = current_generation()
    return generation


def _bump_generation():
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # missing (never set, or evicted)
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)


def _after_commit_purge():
    _bump_generation()
    purge_cdn()


def _after_commit_purge_pages_only():
    _bump_generation()


def purge_all_pages(*, cdn=True):
    """Make every cached page stale at once (and purge the CDN, if one is configured).

    Bumped at once (visible to this transaction's later reads) and again after the commit, so a
    request that rendered the old content between the two cannot leave it in the cache.

    Once per transaction: publishing a metric saves the metric and each of its measurements
    (a signal each); the generation is bumped at each (a cheap counter), but only one purge —
    of the cache and of the CDN — waits for the commit.
    """
    _bump_generation()
    callback = _after_commit_purge if cdn else _after_commit_purge_pages_only
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        pending = {func for _sids, func, _robust in connection.run_on_commit}
        if callback in pending or _after_commit_purge in pending:
            return  # already purging when this transaction commits
    transaction.on_commit(callback)


def purge_cdn():
    """Purge the CDN after a publish, when ``WAGTAILFRONTENDCACHE`` is configured.

    Every page can show what changed (the menus, the latest updates, the plan's figures on the
    home page), so the whole site goes, in the fewest calls each CDN allows: Cloudflare purges
    its zone (the site) in one call and CloudFront invalidates ``/*`` in one invalidation;
    other backends (an HTTP purger such as Varnish) get the URL of every live page, in batches.
    """
    if not getattr(settings, "WAGTAILFRONTENDCACHE", None):
        return
    from wagtail.contrib.frontend_cache.utils import PurgeBatch, get_backends

    by_url = [name for name, backend in get_backends().items() if not _purge_whole_site(backend)]
    if by_url:
        from wagtail.models import Page

        batch = PurgeBatch()
        batch.add_pages(Page.objects.live().specific(defer=True))
        batch.purge(backends=by_url)


def _purge_whole_site(backend):
    """Purge everything ``backend`` caches in one call; False if it can only purge URLs."""
    from wagtail.contrib.frontend_cache.backends import CloudflareBackend, CloudfrontBackend

    if isinstance(backend, CloudfrontBackend):
        backend._create_invalidation(backend.cloudfront_distribution_id, ["/*"])
        return True
    if isinstance(backend, CloudflareBackend):
        _cloudflare_purge_zone(backend)
        return True
    return False


def _cloudflare_purge_zone(backend):
    """Cloudflare's "purge everything" for the zone (the site), as Wagtail's backend authenticates."""
    import logging

    import requests

    if backend.cloudflare_token:
        headers = {"Authorization": f"Bearer {backend.cloudflare_token}"}
    else:
        headers = {"X-Auth-Email": backend.cloudflare_email, "X-Auth-Key": backend.cloudflare_api_key}
    try:
        response = requests.post(
            backend.cloudflare_purge_endpoint_url, json={"purge_everything": True},
            headers=headers, timeout=30,
        )
        response.raise_for_status()
    except requests.RequestException:
        logging.getLogger(__name__).exception("Couldn't purge the Cloudflare zone %s",
                                              backend.cloudflare_zoneid)


class PublicPageCacheMiddleware:
    """Serve anonymous public GETs from the cache; mark everything else private."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.enabled = getattr(settings, "PAGE_CACHE_ENABLED", True)
        self.timeout = getattr(settings, "PAGE_CACHE_TIMEOUT", 600)
        self.max_age = getattr(settings, "PAGE_CACHE_MAX_AGE", 60)
        self.s_maxage = getattr(settings, "PAGE_CACHE_S_MAXAGE", 300)
        self.stale_while_revalidate = getattr(settings, "PAGE_CACHE_STALE_WHILE_REVALIDATE", 60)
        self.excluded = tuple(getattr(settings, "PAGE_CACHE_EXCLUDED_PREFIXES", ()))
        self.query_parameters = set(getattr(settings, "PAGE_CACHE_QUERY_PARAMETERS", ()))

    # -- which requests and responses -------------------------------------------------------
    def request_is_cacheable(self, request):
        return (
            self.enabled
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and "HTTP_AUTHORIZATION" not in request.META
            and not request.path.startswith(self.excluded)
        )

    def response_is_cacheable(self, request, response):
        if response.status_code != 200 or response.streaming or response.cookies:
            return False
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
            return False  # the page holds a CSRF token: it belongs to one visitor
        cache_control = response.get("Cache-Control", "").lower()
        if any(directive in cache_control for directive in _UNCACHEABLE_DIRECTIVES):
            return False
        user = getattr(request, "user", None)
        return not (user is not None and user.is_authenticated)

    def cache_key(self, request, generation):
        """The key of a cacheable request, or ``None``. Only query parameters that some public
        page reads (``PAGE_CACHE_QUERY_PARAMETERS``) are cached, in a normal order: a request
        with any other parameter (``/?zz=<random>``) is served fresh and never stored, so
        random query strings cannot fill the cache."""
        if set(request.GET) - self.query_parameters:
            return None
        query = urlencode(sorted(request.GET.lists()), doseq=True)
        try:
            location = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        except DisallowedHost:
            return None
        digest = hashlib.sha256(location.encode("utf-8", "surrogateescape")).hexdigest()
        return f"yz:page:{generation}:{display_mode(request)}:{digest}"

    # -- the middleware -----------------------------------------------------------------------
    def __call__(self, request):
        if not self.request_is_cacheable(request):
            return self.private(self.get_response(request))
        cache = page_cache()
        key = self.cache_key(request, request_generation(request))
        if key is None:
            return self.private(self.get_response(request))
        stored = cache.get(key)
        if stored is not None:
            return self.replay(request, stored)
        response = self.get_response(request)
        if not self.response_is_cacheable(request, response):
            return self.private(response)
        self.make_public(response)
        cache.set(key, self.to_storable(request, response), self.timeout)
        response[CACHE_STATUS_HEADER] = "MISS"
        return response

    def private(self, response):
        if not response.has_header("Cache-Control"):
            add_never_cache_headers(response)
        return response

    def make_public(self, response):
        patch_cache_control(
            response,
            public=True,
            max_age=self.max_age,
            s_maxage=self.s_maxage,
            stale_while_revalidate=self.stale_while_revalidate,
        )
        # The language is in the path, so Accept-Language does not change the page; the large-text
        # cookie does, and downstream caches can only express that with `Vary: Cookie`.
        vary = [
            value.strip()
            for value in response.get("Vary", "").split(",")
            if value.strip() and value.strip().lower() not in {"accept-language", "cookie"}
        ]
        response["Vary"] = ", ".join([*vary, "Cookie"])

    def to_storable(self, request, response):
        return {
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in _NOT_STORED
            ],
            "content": response.content,
        }

    def replay(self, request, stored):
        from django.http import HttpResponse

        response = HttpResponse(stored["content"], status=stored["status"])
        for name, value in stored["headers"]:
            response[name] = value
        response[CACHE_STATUS_HEADER] = "HIT"
        return response


# -- purge on publish, unpublish, move, delete and data changes --------------------------------
def _purge(**kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    purge_all_pages()


def _purge_for_data(sender, **kwargs):
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Page

    if kwargs.get("raw"):
        return
    if issubclass(sender, Page):
        # Publish/unpublish/move/delete have their own signals; this catches a live page saved
        # directly (scripts, data migrations). Draft saves of live pages purge too: harmless.
        if kwargs.get("signal") is post_save and getattr(kwargs.get("instance"), "live", False):
            purge_all_pages()
        return
    if kwargs.get("created") and issubclass(sender, (BaseSiteSetting, BaseGenericSetting)):
        return  # created empty on first read, while a page renders: nothing shown changed
    if sender._meta.app_label in settings.PAGE_CACHE_PURGE_APPS or sender._meta.label in (
        settings.PAGE_CACHE_PURGE_MODELS
    ):
        purge_all_pages()


def _purge_for_deleted_page(sender, **kwargs):
    from wagtail.models import Page

    if issubclass(sender, Page):
        purge_all_pages()


def connect_signals():
    from wagtail.signals import page_published, page_unpublished, post_page_move

    page_published.connect(_purge, dispatch_uid="yz_cache_page_published")
    page_unpublished.connect(_purge, dispatch_uid="yz_cache_page_unpublished")
    post_page_move.connect(_purge, dispatch_uid="yz_cache_page_moved")
    post_delete.connect(_purge_for_deleted_page, dispatch_uid="yz_cache_page_deleted")
    # The one generic hook for data shown on pages (snippets, settings, images…): any save or
    # delete of a model in PAGE_CACHE_PURGE_APPS / PAGE_CACHE_PURGE_MODELS purges every page.
    post_save.connect(_purge_for_data, dispatch_uid="yz_cache_data_saved")
    post_delete.connect(_purge_for_data, dispatch_uid="yz_cache_data_deleted")
