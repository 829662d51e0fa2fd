"""Admin additions for editors (the translation status report). Data models register for the
public search in their own app's ``wagtail_hooks.py``."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .editors_home import add_editors_home
from .translation_status import TranslationStatusView


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


@hooks.register("construct_homepage_panels")
def editors_home(request, panels):
    """待办 / What needs you: drafts, translations and (from other apps) stale data."""
    add_editors_home(request, panels)
