"""Translation status: what still needs an English translation, for editors.

Three lists, each with a link to fix the item:

- pages that are still untranslated aliases (they show the Chinese text);
- translated pages older than their Chinese source (the source was published again since);
- data records whose translated fields (django-modeltranslation) have Chinese but no English.
  Models are discovered from modeltranslation's registry, so every app's data is covered
  without listing it here.

Every list is capped at ``ROWS_PER_LIST`` rows with a total count, so the report's queries do not
grow with the content: two per list (rows and count) and two per registered model.
"""

from dataclasses import dataclass, field

from django.db import models
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Page

from .i18n import default_locale

ROWS_PER_LIST = 100
TEXT_FIELDS = (models.CharField, models.TextField)


@dataclass
class Listing:
    rows: list = field(default_factory=list)
    total: int = 0

    @property
    def more(self):
        return max(self.total - len(self.rows), 0)


def untranslated_aliases(limit=ROWS_PER_LIST):
    """Pages in another language that still only mirror their Chinese source."""
    default = default_locale()
    queryset = (
        Page.objects.filter(alias_of__isnull=False)
        .exclude(locale=default)
        .select_related("locale")
        .order_by("path")
    )
    rows = [
        {
            "page": page,
            "translate_url": reverse("wagtailadmin_pages:convert_alias", args=[page.pk]),
            "source_edit_url": reverse("wagtailadmin_pages:edit", args=[page.alias_of_id]),
        }
        for page in queryset[:limit]
    ]
    return Listing(rows, queryset.count())


def outdated_translations(limit=ROWS_PER_LIST):
    """Translated (non-alias) pages whose Chinese source was published after them."""
    default = default_locale()
    source_published = Page.objects.filter(
        translation_key=OuterRef("translation_key"), locale=default
    ).values("last_published_at")[:1]
    queryset = (
        Page.objects.filter(alias_of__isnull=True, last_published_at__isnull=False)
        .exclude(locale=default)
        .annotate(source_published_at=Subquery(source_published))
        .filter(source_published_at__gt=models.F("last_published_at"))
        .select_related("locale")
        .order_by("path")
    )
    rows = [
        {"page": page, "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk])}
        for page in queryset[:limit]
    ]
    return Listing(rows, queryset.count())


def translated_models():
    """(model, [field names]) for every concrete model registered with modeltranslation."""
    found = []
    for model in translator.get_registered_models(abstract=False):
        if model._meta.proxy or issubclass(model, Page):
            continue
        options = translator.get_options_for_model(model)
        names = sorted(name for name in options.fields if not model._meta.get_field(name).primary_key)
        if names:
            found.append((model, names))
    return sorted(found, key=lambda item: item[0]._meta.label)


def _is_blank(name, model_field):
    blank = Q(**{f"{name}__isnull": True})
    if isinstance(model_field, TEXT_FIELDS):
        blank |= Q(**{name: ""})
    return blank


def _missing_english_q(model, names, source_language, target_language):
    condition = Q(pk__in=[])
    for name in names:
        source = build_localized_fieldname(name, source_language)
        target = build_localized_fieldname(name, target_language)
        model_field = model._meta.get_field(source)
        condition |= ~_is_blank(source, model_field) & _is_blank(target, model._meta.get_field(target))
    return condition


def _missing_fields(record, names, source_language, target_language):
    missing = []
    for name in names:
        source = getattr(record, build_localized_fieldname(name, source_language))
        target = getattr(record, build_localized_fieldname(name, target_language))
        if source not in (None, "") and target in (None, ""):
            missing.append(record._meta.get_field(name).verbose_name)
    return missing


def records_missing_english(user, limit=ROWS_PER_LIST, target_language="en"):
    """Data records with Chinese but no English in a translated field, per registered model."""
    from django.conf import settings

    source_language = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
    finder = AdminURLFinder(user)
    listing = Listing()
    for model, names in translated_models():
        queryset = model._default_manager.filter(
            _missing_english_q(model, names, source_language, target_language)
        ).order_by("pk")
        count = queryset.count()
        if not count:
            continue
        listing.total += count
        for record in queryset[:limit]:
            listing.rows.append(
                {
                    "record": record,
                    "model_name": model._meta.verbose_name,
                    "missing": _missing_fields(record, names, source_language, target_language),
                    "edit_url": finder.get_edit_url(record),
                }
            )
    return listing


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "yuzhong_site/admin/translation_status.html"
    page_title = _("Translation status")
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["aliases"] = untranslated_aliases()
        context["outdated"] = outdated_translations()
        context["records"] = records_missing_english(self.request.user)
        context["limit"] = ROWS_PER_LIST
        return context
