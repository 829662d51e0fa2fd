"""Language helpers used everywhere a page or a URL must be found in the other language."""

from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page


def default_language():
    return settings.LANGUAGE_CODE


def other_languages(current=None):
    current = current or translation.get_language()
    return [code for code, _name in settings.LANGUAGES if code != current]


def default_locale_page(page):
    """The default-locale (Chinese) page of ``page``'s translation group.

    Data models (metrics, projects…) always point at the Chinese page; an English page finds
    its data through this helper.
    """
    if page is None:
        return None
    default = Locale.get_default()
    if page.locale_id == default.pk:
        return page
    if page.alias_of_id:
        source = Page.objects.filter(pk=page.alias_of_id).first()
        if source is not None and source.locale_id == default.pk:
            return source.specific
    translated = page.get_translation_or_none(default)
    return translated.specific if translated is not None else page


def is_untranslated_alias(page):
    """True for a page in a non-default locale that only mirrors its Chinese source."""
    return bool(page is not None and page.alias_of_id)


def page_translations(page):
    """``page`` and its translations (and aliases) that are live, with their locales: one query."""
    return page.get_translations(inclusive=True).live().select_related("locale")


def path_urls_by_language(path):
    """{language_code: url} for a non-page URL (search, data pages…)."""
    return {code: translate_url(path, code) for code, _name in settings.LANGUAGES}


def source_updated_since_translation(page):
    """When the Chinese source of a translated page was published after the translation: the
    source's publication time, else ``None``. At most one query (none for aliases); for a Chinese
    page there is no other default-locale page in its group, so the answer is ``None``."""
    if page is None or page.alias_of_id or not page.last_published_at:
        return None
    source_published = (
        Page.objects.filter(
            translation_key=page.translation_key, locale__language_code=default_language()
        )
        .exclude(pk=page.pk)
        .values_list("last_published_at", flat=True)
        .first()
    )
    if source_published and source_published > page.last_published_at:
        return source_published
    return None
