"""Page-context builders: what a page shows, read outside its model and asked for by name.

A page model describes its fields; what its template shows (read with a fixed number of queries)
is put together in its app's ``page_context`` module, which imports the models. The models do
not import that module back: each builder registers itself for a page class and a name, and the
page asks for it by name::

    # plans/page_context.py
    @builds(PillarPage)
    def pillar_context(pillar, request): ...

    # plans/models/pages.py
    class PillarPage(BuiltContext, BasePage): ...

(a page whose context needs more than that calls ``build(self, "context", request)`` from its own
``get_context``).

Every app's ``AppConfig.ready`` imports its ``page_context`` module, so the builders are
registered before a page is served.
"""

from django.core.exceptions import ImproperlyConfigured

_builders = {}


def builds(page_class, name="context"):
    """Register the decorated function as ``page_class``'s builder called ``name``."""

    def register(function):
        _builders[(page_class, name)] = function
        return function

    return register


def build(page, name, *args, **kwargs):
    """Call the builder ``name`` of ``page``'s class (or the nearest base class that has one)
    with ``page`` and the arguments given."""
    for page_class in type(page).__mro__:
        function = _builders.get((page_class, name))
        if function is not None:
            return function(page, *args, **kwargs)
    raise ImproperlyConfigured(
        f"No page-context builder {name!r} is registered for {type(page).__name__}: is its "
        "app's page_context module imported in AppConfig.ready()?"
    )


class BuiltContext:
    """Mixin for a page model: its template context is Wagtail's plus what its registered
    ``"context"`` builder returns."""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(build(self, "context", request))
        return context
