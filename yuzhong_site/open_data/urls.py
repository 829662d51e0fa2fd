"""``/api/…``: the JSON API (not language-prefixed; ``?lang=`` chooses the language)."""

from django.urls import include, path, re_path

from . import views
from .api import api
from .http import open_data_view


def _open_data_patterns(urls):
    """ninja's URL patterns, each behind ``open_data_view`` (GET only, CORS, cache headers)."""
    patterns, app_name, namespace = urls
    for pattern in patterns:
        pattern.callback = open_data_view(pattern.callback)
    return include((patterns, app_name), namespace=namespace)


urlpatterns = [
    path("v1/", _open_data_patterns(api.urls)),
    # Everything else is a JSON 404, or a 301 to the same path with a slash when that exists
    # (this catch-all matches every path, so CommonMiddleware's APPEND_SLASH never sees one).
    re_path(r"^(?P<rest>.*)$", views.api_not_found, name="api_not_found"),
]
