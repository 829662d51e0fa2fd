"""Admin additions for editors (the translation status report) and public-search registrations."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from districts.models import District
from yuzhong_site.search.registry import register_public_search

from .translation_status import TranslationStatusView

# Districts are found by the public search (in both languages). Move this line to
# districts/wagtail_hooks.py, with a url=…, once districts have their own pages.
register_public_search(District)


@hooks.register("register_admin_urls")
def register_translation_status_url():
    return [
        path(
            "reports/translation-status/",
            TranslationStatusView.as_view(),
            name="yuzhong_translation_status",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_translation_status_menu_item():
    return MenuItem(
        _("Translation status"),
        reverse("yuzhong_translation_status"),
        name="translation-status",
        icon_name="site",
        order=650,
    )
