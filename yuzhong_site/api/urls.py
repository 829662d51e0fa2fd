"""``/api/…``: the JSON API (not language-prefixed; ``?lang=`` chooses the language)."""

from django.urls import path, re_path

from . import views

urlpatterns = [
    path("v1/", views.api_root, name="api_root"),
    path("v1/openapi.json", views.openapi_json, name="api_openapi"),
    path("v1/<str:resource>/", views.api_list, name="api_list"),
    path("v1/<str:resource>/<str:slug>/", views.api_detail, name="api_detail"),
    re_path(r"^(?P<rest>.*)$", views.api_not_found),
]
