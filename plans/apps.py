from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("The plan")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import pre_delete

        # These import models, so they can be imported only once the models are loaded.
        from districts.models import District

        from . import feeds, page_context  # noqa: F401 - they register the pages' builders
        from .protection import protect_referenced_district

        pre_delete.connect(
            protect_referenced_district, sender=District, dispatch_uid="plans_protect_district"
        )
