"""Server errors in the client's format and language, needing neither the database nor the cache.

Django's own ``server_error`` renders 500.html in whatever language is active — the default
(Chinese) when the failure came before ``LocaleMiddleware``, as a Redis failure in the page cache
did — and answers HTML to API clients. This handler (``handler500`` in the root URLconf):

* takes the language from the URL (``/en/…``), not from middleware that may not have run;
* answers JSON under ``/api/`` (the API's error shape: a code and a bilingual message);
* answers **503 with Retry-After** when a dependency is down (the database; the cache, should an
  error get past django-redis' ``IGNORE_EXCEPTIONS``), 500 otherwise.

Django calls it inside its ``except`` block, so ``sys.exc_info()`` is the failure.
"""

import sys

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.utils.translation import gettext_lazy as _

RETRY_AFTER_SECONDS = 60
UNAVAILABLE = _("The service is temporarily unavailable. Please try again in a minute.")
SERVER_ERROR = _("Sorry, the site had a problem and the error has been logged.")


def dependency_is_down(error):
    """Is ``error`` a failure of the database or the cache (not of our code)?"""
    if isinstance(error, DatabaseError):
        return True
    try:
        from django_redis.exceptions import ConnectionInterrupted
        from redis.exceptions import ConnectionError as RedisConnectionError
        from redis.exceptions import TimeoutError as RedisTimeoutError
    except ImportError:  # pragma: no cover
        return False
    return isinstance(error, (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError))


def url_language(request):
    language = translation.get_language_from_path(getattr(request, "path_info", "") or "")
    return language or settings.LANGUAGE_CODE


def bilingual(message):
    texts = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts[code] = str(message)
    return texts


def server_error(request, template_name="500.html"):
    unavailable = dependency_is_down(sys.exc_info()[1])
    status = 503 if unavailable else 500
    if request.path_info.startswith("/api/"):
        code = "unavailable" if unavailable else "server_error"
        response = JsonResponse(
            {"error": {"code": code, "message": bilingual(UNAVAILABLE if unavailable else SERVER_ERROR)}},
            status=status, json_dumps_params={"ensure_ascii": False},
        )
        response["Access-Control-Allow-Origin"] = "*"
    else:
        with translation.override(url_language(request)):
            html = loader.get_template(template_name).render({"unavailable": unavailable})
        response = HttpResponse(html, status=status)
    if unavailable:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response
