"""Private means private, in every language: one rule for a page and its translations.

Wagtail's view restrictions cover a page and the pages below it in *its* tree. The English tree
is a second tree of translations, so a password on the Chinese pillar page left its English
translation (and everything its page shows) public. Here a restriction on a page counts for
every translation of that page too, and so for everything below any of them: the served page's
check (``BasePage.get_view_restrictions``), the plan data's visibility rule
(``plans/visibility.py``), the sitemap and the site map all use these two helpers.
"""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr


def restricted_in_any_language(path_field="path"):
    """An expression, true where the page at ``path_field`` of the outer query, an ancestor, or a
    translation of either has a view restriction (one ``EXISTS`` subquery)."""
    from wagtail.models import Page, PageViewRestriction

    ancestors_or_self = Page.objects.filter(
        path=Substr(OuterRef(OuterRef(path_field)), 1, Length("path"))
    ).values("translation_key")
    return Exists(PageViewRestriction.objects.filter(page__translation_key__in=ancestors_or_self))


def restrictions_in_any_language(paths):
    """The view restrictions on the pages at ``paths`` or their translations (a queryset)."""
    from wagtail.models import Page, PageViewRestriction

    return PageViewRestriction.objects.filter(
        page__translation_key__in=Page.objects.filter(path__in=paths).values("translation_key")
    )


def unpublish_translations(sender, instance, **kwargs):
    """Unpublishing a page in the site's source language (Chinese) unpublishes its live
    translations too: the English page of an unpublished page would otherwise stay live, listed in
    the sitemap and linked from the English menus. (Publishing does not cascade: an English
    translation is published by an editor when it is ready.)"""
    from django.conf import settings
    from wagtail.models import Page

    if getattr(instance, "locale", None) is None or instance.alias_of_id:
        return
    if instance.locale.language_code != settings.LANGUAGE_CODE:
        return
    translations = Page.objects.filter(
        translation_key=instance.translation_key, live=True, alias_of__isnull=True
    ).exclude(pk=instance.pk)
    for translation in translations:
        translation.specific.unpublish(user=kwargs.get("user"))
