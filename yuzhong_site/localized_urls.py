"""The site shell's own public routes, inside i18n_patterns (so also under /en/)."""

from django.urls import include, path

from .core.sitemaps import site_map

urlpatterns = [
    path("", include("yuzhong_site.search.urls")),
    path("sitemap/", site_map, name="site_map"),
    path("", include("yuzhong_site.open_data.data_urls")),
    path("", include("yuzhong_site.feedback.urls")),
]
