"""/healthz for load balancers and monitoring: is the database there, does the cache answer?

Always JSON, answered by ``HealthMiddleware`` near the top of the middleware stack (after the
HTTPS redirect) so no later middleware, session, template or page can turn a failing dependency
into an HTML error page: 200 when all is well, 503 naming what failed.
"""

import secrets

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

from .cache import _strict_get

HEALTH_PATH = "/healthz"


def _check_database():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def _check_cache():
    key = f"yz:healthz:{secrets.token_hex(8)}"
    cache.set(key, "ok", 10)
    value = _strict_get(cache, key)
    cache.delete(key)
    if value != "ok":
        raise RuntimeError("the cache did not return what was stored")


def healthz(request):
    if request.method not in ("GET", "HEAD"):
        response = JsonResponse({"error": "method not allowed"}, status=405)
        response["Allow"] = "GET, HEAD"
        return response
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache)):
        try:
            check()
            checks[name] = "ok"
        except Exception:  # noqa: BLE001 - any failure means "unhealthy", reported, not raised
            checks[name] = "error"
    healthy = all(value == "ok" for value in checks.values())
    response = JsonResponse(
        {"status": "ok" if healthy else "error", **checks, "checks": checks},
        status=200 if healthy else 503,
    )
    if not healthy:
        response["Retry-After"] = "30"
    add_never_cache_headers(response)
    return response


class HealthMiddleware:
    """Answer /healthz before anything else can fail."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info == HEALTH_PATH:
            return healthz(request)
        return self.get_response(request)
