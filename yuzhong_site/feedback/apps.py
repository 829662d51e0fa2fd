from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "yuzhong_site.feedback"
    label = "feedback"
    verbose_name = _("Residents' feedback")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import consultations  # noqa: F401 - it registers the consultation page's builders
