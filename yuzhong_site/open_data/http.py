"""HTTP plumbing shared by the API and the downloads: language, errors, pagination, headers.

Errors are JSON, with the message in both languages (the API has no "current language" until
``?lang=`` has been read, and a caller who got it wrong deserves an answer they can read)::

    {"error": {"code": "invalid_parameter", "parameter": "lang",
               "message": {"zh-hans": "…", "en": "…"}}}
"""

import functools
import re

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _

from yuzhong_site.core.text import clean_data

LANGUAGES = tuple(code for code, _name in settings.LANGUAGES)
DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100
# Browsers and CDNs may keep data for five minutes; publishing purges the server-side cache.
MAX_AGE = 300
CORS_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "Accept, Accept-Language, Content-Type, If-None-Match",
    "Access-Control-Max-Age": "86400",
}


class ApiError(Exception):
    """A client error, answered as JSON with a bilingual message."""

    def __init__(self, status, code, message, parameter=None, **params):
        super().__init__(code)
        self.status, self.code, self.message = status, code, message
        self.parameter, self.params = parameter, params

    def response(self):
        body = {"code": self.code, "message": bilingual(self.message, **self.params)}
        if self.parameter:
            body["parameter"] = self.parameter
        return JsonResponse({"error": body}, status=self.status, json_dumps_params={"ensure_ascii": False})


def bilingual(message, **params):
    """``message`` (a lazy gettext string) in every language of the site."""
    texts = {}
    for code in LANGUAGES:
        with translation.override(code):
            text = str(message)
            texts[code] = text % params if params else text
    return texts


def add_cors_headers(response):
    for name, value in CORS_HEADERS.items():
        response[name] = value
    return response


def open_data_view(view):
    """GET/HEAD/OPTIONS only; CORS for everyone; public cache headers on success;
    ``ApiError`` becomes a JSON error. Never a 500 for bad input."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":  # CORS preflight
            response = HttpResponse(status=200)  # any 2xx will do; 200 for old clients
            response["Allow"] = "GET, HEAD, OPTIONS"
            return add_cors_headers(response)
        if request.method not in ("GET", "HEAD"):
            response = ApiError(405, "method_not_allowed", METHOD_NOT_ALLOWED).response()
            response["Allow"] = "GET, HEAD, OPTIONS"
            return add_cors_headers(response)
        try:
            response = view(request, *args, **kwargs)
        except ApiError as error:
            response = error.response()
            patch_cache_control(response, no_cache=True)
        else:
            if response.status_code == 200:
                patch_cache_control(response, public=True, max_age=MAX_AGE)
            elif response.status_code >= 400:
                patch_cache_control(response, no_cache=True)
        return add_cors_headers(response)

    wrapper.csrf_exempt = True
    return wrapper


# Messages (English msgids; Chinese in locale/zh_Hans).
METHOD_NOT_ALLOWED = _("This API is read-only: use GET.")
INVALID_LANGUAGE = _("Unknown language “%(value)s”: use lang=zh-hans (default) or lang=en.")
INVALID_PAGE = _("“page” must be a whole number of 1 or more.")
INVALID_PAGE_SIZE = _("“page_size” must be a whole number from 1 to %(max)s.")
PAGE_OUT_OF_RANGE = _("There is no page %(page)s: the last page is %(last)s.")
NOT_FOUND = _("Nothing was found at this address. The list of endpoints is at /api/v1/.")


def requested_language(request):
    """``?lang=`` (default zh-hans); anything else is a 400 with a bilingual message."""
    values = request.GET.getlist("lang")
    if not values:
        return settings.LANGUAGE_CODE
    value = values[-1].strip().lower()
    if value not in LANGUAGES:
        shown = re.sub(r"[^\w-]", "", values[-1])[:20]  # echo nothing that could be markup
        raise ApiError(400, "invalid_parameter", INVALID_LANGUAGE, parameter="lang", value=shown)
    return value


def _positive_int(request, name, default):
    raw = request.GET.get(name)
    if raw is None or raw == "":
        return default
    raw = raw.strip()
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9 or int(raw) < 1:
        return None
    return int(raw)


def pagination(request):
    """(page, page_size) from the query string; page_size above the cap is capped."""
    page = _positive_int(request, "page", 1)
    if page is None:
        raise ApiError(400, "invalid_parameter", INVALID_PAGE, parameter="page")
    size = _positive_int(request, "page_size", DEFAULT_PAGE_SIZE)
    if size is None:
        raise ApiError(
            400, "invalid_parameter", INVALID_PAGE_SIZE, parameter="page_size", max=MAX_PAGE_SIZE
        )
    return page, min(size, MAX_PAGE_SIZE)


def paginate(request, queryset):
    """The requested slice of ``queryset`` and the envelope fields (count, pages, links)."""
    page, size = pagination(request)
    count = queryset.count()
    last = max((count + size - 1) // size, 1)
    if page > last:
        raise ApiError(404, "page_out_of_range", PAGE_OUT_OF_RANGE, parameter="page", page=page, last=last)
    items = list(queryset[(page - 1) * size : page * size])

    def link(number):
        query = request.GET.copy()
        query["page"] = str(number)
        return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")

    envelope = {
        "count": count,
        "page": page,
        "page_size": size,
        "num_pages": last,
        "next": link(page + 1) if page < last else None,
        "previous": link(page - 1) if page > 1 else None,
    }
    return items, envelope


def json_response(data, status=200):
    # Second line of defence: control characters are already removed on save.
    return JsonResponse(
        clean_data(data), status=status, json_dumps_params={"ensure_ascii": False, "indent": 1}
    )
