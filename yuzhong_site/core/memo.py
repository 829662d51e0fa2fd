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


_UNKNOWN = object()


def _generation(request):
    """The memo's tag for ``request``: the page cache's generation and the local date. Without a
    request, the tag of the request being served in this thread (one cache read per request,
    not one per call), or read afresh outside a request. ``None`` — compute, remember nothing —
    while the cache cannot be read, and for previews."""
    if request is None:
        generation = getattr(_current, "generation", _UNKNOWN)
        if generation is _UNKNOWN:
            generation = _dated(request_generation(None))
        return generation
    if getattr(request, "is_dummy", False):  # a preview (Wagtail's dummy request): draft content
        return None
    return _dated(request_generation(request))


def _dated(generation):
    """The generation and today's local date: what depends on the date (a target year passing,
    "as of" wording) is computed afresh after local midnight, by every worker alike."""
    from django.utils import timezone

    return None if generation is None else (generation, timezone.localdate())


def memoized(request, key, compute):
    """``compute()``, remembered in this process until the next publish. ``key`` is a tuple
    naming the value and everything it depends on (host, language, page…). While the generation
    cannot be read (the shared cache is down) nothing is remembered: a publish on another server
    could not be seen."""
    generation = _generation(request)
    if generation is None:
        return compute()
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
    if generation is None:
        return False
    with _lock:
        return _state["generation"] == generation and key in _state["values"]


def recall(request, key):
    """The value kept under ``key`` for the current generation, or ``None``."""
    generation = _generation(request)
    if generation is None:
        return None
    with _lock:
        if _state["generation"] != generation:
            return None
        return _state["values"].get(key)


def remember(request, key, value):
    """Store ``value`` under ``key`` for the current generation (a value computed earlier in the
    request, kept only once it proved good: routing.py keeps a route only when it served 200)."""
    generation = _generation(request)
    if generation is None:
        return
    with _lock:
        if _state["generation"] != generation:
            _state["generation"] = generation
            _state["values"] = {}
        values = _state["values"]
        if len(values) >= MAX_ENTRIES:
            values.clear()
        values[key] = value


def forget_all():
    """Empty the memo (tests; a publish does it through the generation)."""
    with _lock:
        _state["generation"] = None
        _state["values"] = {}


_UNSET = object()


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
        # Previews (Wagtail's dummy requests) neither read nor fill the memo: None.
        # A preview renders a page inside the admin's request, through this middleware again:
        # the outer request's generation is put back afterwards, not deleted under it.
        outer = getattr(_current, "generation", _UNSET)
        _current.generation = _generation(request)
        try:
            return self.get_response(request)
        finally:
            if outer is _UNSET:
                del _current.generation
            else:
                _current.generation = outer
