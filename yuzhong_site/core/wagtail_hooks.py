"""Admin additions for editors (the translation status report). Data models register for the
public search in their own app's ``wagtail_hooks.py``."""

from django.apps import apps
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .concurrent_edits import ConflictCheckedPageViewSet
from .editors_home import add_editors_home
from .media_review import ReviewedMediaPolicy
from .models import BasePage
from .translation_status import TranslationStatusView


def _register_reviewed_media_policies():
    """Images and documents used on live pages: only moderators delete them
    (yuzhong_site/core/media_review.py). Registered for the exact models, which the registry
    prefers to Wagtail's own (registered for the class and its subclasses), whatever the order
    in which the apps start."""
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model
    from wagtail.permissions import register_permission_policy

    register_permission_policy(
        get_image_model(),
        ReviewedMediaPolicy(get_image_model(), auth_model="wagtailimages.Image", owner_field_name="uploaded_by_user"),
        exact_class=True,
    )
    register_permission_policy(
        get_document_model(),
        ReviewedMediaPolicy(
            get_document_model(), auth_model="wagtaildocs.Document", owner_field_name="uploaded_by_user"
        ),
        exact_class=True,
    )


_register_reviewed_media_policies()


@hooks.register("register_admin_viewset")
def conflict_checked_page_editors():
    """Every page type of the site is edited in ``ConflictCheckedPageEditView``
    (yuzhong_site/core/concurrent_edits.py): a save never silently replaces a newer version that
    another editor saved meanwhile."""
    return [
        ConflictCheckedPageViewSet(f"yz_pages_{model._meta.label_lower.replace('.', '_')}", model=model)
        for model in apps.get_models()
        if issubclass(model, BasePage)
    ]


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
