"""The moderators' question form: a question is published only with its official reply."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm


class QuestionAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("published"):
            missing = {
                "reply": _("Write the reply before publishing."),
                "handling_unit": _("Say which unit replied before publishing."),
                "replied_on": _("Give the date of the reply before publishing."),
            }
            errors = {name: message for name, message in missing.items() if not cleaned.get(name)}
            if errors:
                raise ValidationError(errors)
        return cleaned
