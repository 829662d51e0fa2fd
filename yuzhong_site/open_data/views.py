"""What the API answers outside its endpoints: a 301 to the slashed path, or a JSON 404."""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve

from .http import NOT_FOUND, ApiError, open_data_view


@open_data_view
def api_not_found(request, rest=""):
    if settings.APPEND_SLASH and not request.path_info.endswith("/"):
        # What CommonMiddleware would do if this catch-all did not match: /api/v1 → /api/v1/.
        try:
            match = resolve(request.path_info + "/", getattr(request, "urlconf", None))
        except Resolver404:
            match = None
        if match is not None and match.url_name != "api_not_found":
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    raise ApiError(404, "not_found", NOT_FOUND)
