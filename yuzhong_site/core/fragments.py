"""Cards written once per publish: the same place, project or figure card on several pages.

A card (``components/heritage_site_card.html``, ``project_card.html``, ``metric_card.html``)
shows one record and nothing about the visitor or the page around it. Rendering its template
costs more than the rest of a card's work, and the same card appears on the visitors' index,
a district page and a project's page, in every filter and page of a list. So a card is kept in
the per-publish memo (``memo.py``) — emptied by every publish, unpublish, move or save of site
data — keyed by its template, the record's key, the language, the host, today's date (a status
can depend on it) and the card's scalar options (``heading="h3"``…).

In a template, ``{% fragment "components/heritage_site_card.html" site.pk site=site %}`` stands
for ``{% include "components/heritage_site_card.html" with site=site %}``: the card's template
sees only what is passed (and ``request``). Non-scalar values (the record, a summary) are
context only and must be named by the key; scalar values are part of the key.

A view can ask which cards are not written yet (:func:`missing`) and read what only those need
(their pictures, their prefetches), so a page whose cards are all remembered skips that work.
"""

from django.template.loader import get_template
from django.utils import timezone, translation
from django.utils.safestring import mark_safe

from .memo import is_memoized, memoized

SCALARS = (str, int, float, bool, type(None))


def _options(values):
    return tuple(sorted((name, value) for name, value in values.items() if isinstance(value, SCALARS)))


def _context_key(request, template_name, values):
    """What every card of ``template_name`` with these values depends on besides its record."""
    host = request.get_host() if request is not None else ""
    return ("fragment", template_name, translation.get_language(), host, timezone.localdate(),
            _options(values))


def render_fragment(request, template_name, key, **values):
    """``template_name`` rendered with ``values`` (and ``request``), once per publish for
    ``key`` and the scalar values."""

    def render():
        html = get_template(template_name).render({**values, "request": request})
        return mark_safe(html)  # noqa: S308 - our own template's output, escaped by it

    return memoized(request, (_context_key(request, template_name, values), key), render)


def missing(request, template_name, objects, key=lambda obj: obj.pk, **scalars):
    """The ``objects`` whose card (``template_name`` with these scalar options) is not written
    yet in this generation."""
    context = _context_key(request, template_name, scalars)
    return [obj for obj in objects if not is_memoized(request, (context, key(obj)))]
