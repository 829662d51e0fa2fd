"""Which data models (snippets) the public search covers, and how a result links and reads.

Pages need no registration: every live page in the visitor's language is searched. A snippet
model opts in with one line, e.g. in its app's ``wagtail_hooks.py``::

    register_public_search(Project, url=lambda project, request: project.get_url(request))

The model must be ``index.Indexed`` with ``SearchField``s for both languages of its
translated fields (``name_zh_hans`` and ``name_en``), so that an English query finds it on the
English site even before its page is translated.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models

_registry = {}


@dataclass(frozen=True)
class PublicSearchType:
    model: type
    label: object = None  # shown on each result; the model's verbose_name by default
    url: Callable | None = None  # (obj, request) -> str | None
    summary: Callable | str | None = None  # (obj) -> str, or a field/attribute name
    queryset: Callable | None = None  # (request) -> QuerySet of what the public may see
    # lookups read (prefetch_related_objects) for the results shown only, e.g. ("pillar",):
    # the search itself loads only what ranking needs
    prefetch: tuple = ()

    def get_label(self):
        return self.label or self.model._meta.verbose_name

    def get_queryset(self, request):
        if self.queryset is not None:
            return self.queryset(request)
        queryset = self.model._default_manager.all()
        field_names = {field.name for field in self.model._meta.get_fields()}
        if "live" in field_names:  # draft-state snippets: only what is published
            queryset = queryset.filter(live=True)
        return queryset

    def get_url(self, obj, request):
        if self.url is not None:
            return self.url(obj, request)
        if hasattr(obj, "get_url"):
            return obj.get_url(request)
        if hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return None

    def get_summary(self, obj):
        if callable(self.summary):
            return self.summary(obj)
        value = getattr(obj, self.summary or "description", "") or ""
        return value() if callable(value) else str(value)


def register_public_search(model=None, **options):
    """Make ``model``'s records appear in the public search. Usable as a class decorator."""
    if model is None:
        return lambda cls: register_public_search(cls, **options) or cls
    if not issubclass(model, models.Model) or not hasattr(model, "get_search_fields"):
        raise TypeError(f"{model!r} must be a model that inherits wagtail.search.index.Indexed")
    _registry[model._meta.label_lower] = PublicSearchType(model=model, **options)
    return model


def public_search_types():
    """Every registered type (apps register in their ``wagtail_hooks.py``)."""
    from wagtail import hooks

    hooks.search_for_hooks()
    return list(_registry.values())
