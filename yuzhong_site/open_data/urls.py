"""``/api/…``: the JSON API (not language-prefixed; ``?lang=`` chooses the language)."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("v1/", views.api_root, name="api_root"),
    path("v1/openapi.json", views.openapi_json, name="api_openapi"),
    path("v1/<str:resource>/", views.api_list, name="api_list"),
    path("v1/<str:resource>/<str:slug>/", views.api_detail, name="api_detail"),
    # Everything else is a JSON 404, or a 301 to the same path with a slash when that exists
    # (this catch-all matches every path, so CommonMiddleware's APPEND_SLASH never sees one).
    re_path(r"^(?P<rest>.*)$", views.api_not_found, name="api_not_found"),
]
