"""What every page asks the database for and that only changes when something is published.

Without it, each request of an uncached page would look up the same rows again: the Wagtail
``Site`` for the host, the footer settings, the home page's menu sections, the latest updates…
They change only when an editor publishes, moves or deletes a page or saves site data — exactly
the events that bump the page cache's *generation* (``yuzhong_site.core.cache``). So each process
keeps them in a plain dictionary tagged with the generation it was filled under, and empties it as soon as a
request sees a newer generation. Across several app servers the generation lives in the shared
cache (Redis), so a publish on one server empties the memo on every server at its next request.

What is memoised must be the same for every anonymous visitor of that host and language (never
anything about a user or a form) — callers put everything it depends on in the key. The memo is
bounded: it is emptied when it reaches ``MAX_ENTRIES``.
"""

import threading

from .cache import request_generation

MAX_ENTRIES = 2000

_lock = threading.Lock()
_state = {"generation": None, "values": {}}


_current = threading.local()


def _generation(request):
    """The generation for ``request``; without one, the generation read for the request being
    served in this thread (one cache read per request, not one per call), or read afresh
    outside a request."""
    if request is None:
        return getattr(_current, "generation", None) or request_generation(None)
    return request_generation(request)


def memoized(request, key, compute):
    """``compute()``, remembered in this process until the next publish. ``key`` is a tuple
    naming the value and everything it depends on (host, language, page…)."""
    generation = _generation(request)
    with _lock:
        if _state["generation"] != generation:
            _state["generation"] = generation
            _state["values"] = {}
        values = _state["values"]
        if key in values:
            return values[key]
    value = compute()
    with _lock:
        if _state["generation"] == generation:
            if len(values) >= MAX_ENTRIES:
                values.clear()
            values[key] = value
    return value


def is_memoized(request, key):
    """Whether ``key`` already holds a value for the current generation (nothing is computed):
    a view asks before reading what only a missing value would need."""
    generation = _generation(request)
    with _lock:
        return _state["generation"] == generation and key in _state["values"]


def forget_all():
    """Empty the memo (tests; a publish does it through the generation)."""
    with _lock:
        _state["generation"] = None
        _state["values"] = {}


class MemoizedSiteMiddleware:
    """Find the request's Wagtail ``Site`` through the memo (Wagtail asks the database on every
    request otherwise). The key is what Wagtail matches on: the host name and the port."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.db import DatabaseError
        from django.http.request import split_domain_port
        from wagtail.models import Site

        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        try:
            request._wagtail_site = memoized(
                request, ("site", hostname, port), lambda: Site._find_for_request(request)
            )
        except DatabaseError:
            pass  # left to Wagtail (and /healthz, which reports the database as down)
        _current.generation = getattr(request, "_yz_generation", None)
        try:
            return self.get_response(request)
        finally:
            _current.generation = None
