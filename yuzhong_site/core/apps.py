from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """The foundation every other app builds on. Its label stays ``yuzhong_site`` (the app it
    was split out of), so its tables, content types and migrations are unchanged."""

    name = "yuzhong_site.core"
    label = "yuzhong_site"
    verbose_name = _("Site shell")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.conf import settings
        from django.db.models.signals import post_save
        from wagtail.signals import page_published

        from . import cache, security, text  # noqa: F401 - imported once the models are loaded
        from .editorial import default_new_users_to_chinese_admin, review_new_sections

        post_save.connect(
            default_new_users_to_chinese_admin,
            sender=settings.AUTH_USER_MODEL,
            dispatch_uid="yuzhong_default_admin_language",
        )
        page_published.connect(review_new_sections, dispatch_uid="yuzhong_review_new_sections")
        from wagtail.signals import page_unpublished

        from .privacy import unpublish_translations

        page_unpublished.connect(unpublish_translations, dispatch_uid="yuzhong_unpublish_translations")
        cache.connect_signals()
        text.connect_signals()
