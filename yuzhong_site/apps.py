from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class YuzhongSiteConfig(AppConfig):
    name = "yuzhong_site"
    verbose_name = _("Site shell")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import cache, security  # noqa: F401 - security connects the login-throttle signals

        cache.connect_signals()
