"""The reading modes: large text (大字模式, for older readers) and high contrast (高对比度).

Each is a cookie set by a plain link (no JavaScript); the two combine. The page cache keys on
``display_mode(request)``, so every combination is cached separately.
"""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

COOKIE_NAME = "yz_text"
LARGE = "large"
NORMAL = "normal"
CONTRAST_COOKIE_NAME = "yz_contrast"
HIGH = "high"
ONE_YEAR = 365 * 24 * 60 * 60


def text_size_for(request):
    return LARGE if request.COOKIES.get(COOKIE_NAME) == LARGE else NORMAL


def contrast_for(request):
    return HIGH if request.COOKIES.get(CONTRAST_COOKIE_NAME) == HIGH else NORMAL


def display_mode(request):
    """One word per combination of the two modes: normal, large, contrast, large+contrast."""
    parts = []
    if text_size_for(request) == LARGE:
        parts.append("large")
    if contrast_for(request) == HIGH:
        parts.append("contrast")
    return "+".join(parts) or NORMAL


def safe_next(request, fallback="/"):
    target = request.GET.get("next") or request.META.get("HTTP_REFERER") or fallback
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return fallback
    return target


def _toggle(request, cookie, value, on):
    response = HttpResponseRedirect(safe_next(request))
    if on:
        response.set_cookie(
            cookie, value, max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure()
        )
    else:
        response.delete_cookie(cookie, samesite="Lax")
    return response


@never_cache
def set_text_size(request):
    return _toggle(request, COOKIE_NAME, LARGE, request.GET.get("size") == LARGE)


@never_cache
def set_contrast(request):
    return _toggle(request, CONTRAST_COOKIE_NAME, HIGH, request.GET.get("contrast") == HIGH)
