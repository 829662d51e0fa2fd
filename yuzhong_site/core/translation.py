"""django-modeltranslation registrations for the site shell."""

from modeltranslation.translator import TranslationOptions, register

from .models import FooterSettings


@register(FooterSettings)
class FooterSettingsTranslation(TranslationOptions):
    fields = ("operator", "contact", "note")
