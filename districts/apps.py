from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistrictsConfig(AppConfig):
    name = "districts"
    verbose_name = _("Places")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        # It imports the models, so it can be imported only once they are loaded.
        from . import page_context  # noqa: F401 - it registers the pages' builders
