"""Creating and translating pages from code (demo content, factories, set-up commands).

Pages made here go through the same Wagtail actions an editor's clicks do: revisions,
publishing, translation copies and aliases.
"""

from django.conf import settings
from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Page


def locale_for(language_code):
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    return locale


def ensure_locales():
    return [locale_for(code) for code, _name in settings.LANGUAGES]


def ensure_child_page(parent, model, slug, **fields):
    """The live child of ``parent`` with ``slug``, created and published if missing.

    Returns ``(page, created)``. An existing page is left as editors made it.
    """
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    page = model(slug=slug, locale_id=parent.locale_id, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_translation(source, language_code, **fields):
    """A published translation of ``source`` in ``language_code`` with ``fields`` set.

    If the translation exists only as an alias it is converted to a real page first (as the
    editor's "translate" action does). An existing real translation is left unchanged.
    Returns ``(page, created)``.
    """
    locale = locale_for(language_code)
    target = source.get_translation_or_none(locale)
    if target is not None and not target.alias_of_id:
        return target.specific, False
    if target is None:
        target = source.copy_for_translation(locale, copy_parents=True)
    else:
        target = target.specific
        ConvertAliasPageAction(target).execute(skip_permission_checks=True)
        target = Page.objects.get(pk=target.pk).specific
    for name, value in fields.items():
        setattr(target, name, value)
    target.save_revision().publish()
    return target, True


def ensure_alias(source, language_code):
    """An untranslated alias of ``source`` in ``language_code`` (what the synced page tree does
    for pages created in the admin)."""
    locale = locale_for(language_code)
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    return source.copy_for_translation(locale, copy_parents=True, alias=True).specific
