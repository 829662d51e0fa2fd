"""The elderly-friendly large-text mode (长者模式): a cookie set by a plain link, no JavaScript."""

from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache

COOKIE_NAME = "yz_text"
LARGE = "large"
NORMAL = "normal"
ONE_YEAR = 365 * 24 * 60 * 60


def text_size_for(request):
    return LARGE if request.COOKIES.get(COOKIE_NAME) == LARGE else NORMAL


def safe_next(request, fallback="/"):
    target = request.GET.get("next") or request.META.get("HTTP_REFERER") or fallback
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return fallback
    return target


@never_cache
def set_text_size(request):
    size = LARGE if request.GET.get("size") == LARGE else NORMAL
    response = HttpResponseRedirect(safe_next(request))
    if size == LARGE:
        response.set_cookie(
            COOKIE_NAME, LARGE, max_age=ONE_YEAR, samesite="Lax", secure=request.is_secure()
        )
    else:
        response.delete_cookie(COOKIE_NAME, samesite="Lax")
    return response
