"""The Data page and its downloads, inside i18n_patterns: ``/data/…`` and ``/en/data/…``."""

from django.urls import path, re_path

from . import downloads

FORMAT = r"(?P<extension>csv|json)"

urlpatterns = [
    path("data/", downloads.open_data_page, name="open_data"),
    re_path(rf"^data/metrics\.{FORMAT}$", downloads.metrics_download, name="open_data_metrics"),
    re_path(
        rf"^data/metrics/(?P<slug>[-a-zA-Z0-9_]+)\.{FORMAT}$",
        downloads.metric_download,
        name="open_data_metric",
    ),
    re_path(rf"^data/projects\.{FORMAT}$", downloads.projects_download, name="open_data_projects"),
    re_path(
        rf"^data/heritage-sites\.{FORMAT}$",
        downloads.heritage_sites_download,
        name="open_data_heritage_sites",
    ),
]
