"""The one rule for who may see plan data.

A goal, metric or project is public only if it is live *and* its pillar page is live and public
(no view restriction — password, login or groups — on the pillar page or any page above it, in
any language).
Everything public reads plan data through these functions: the plan, pillar, metric and project
pages (a hidden record answers 404), the public search, the updates' pillar feeds, the places'
project links, the JSON API and the /data/ downloads.

Which pillars are public is a subquery (``NOT EXISTS`` a view restriction on an ancestor-or-self
of the pillar), read once per publish (core/memo.py; adding, changing or removing a view
restriction starts a new generation too): the records are then filtered on those pillars' keys.
"""

from yuzhong_site.core.memo import memoized
from yuzhong_site.core.privacy import restricted_in_any_language

from .models import PillarPage


def _restricted(path_field):
    """True where the page at ``path_field`` (of the outer query), an ancestor, or a translation
    of either has a view restriction (core/privacy.py: private in one language, private in all)."""
    return restricted_in_any_language(path_field)


def public_pillars(queryset=None):
    """Pillar pages that are live and public (``queryset``: PillarPage objects to narrow)."""
    queryset = PillarPage.objects.all() if queryset is None else queryset
    return queryset.filter(live=True).filter(~_restricted("path"))


def public_pillar_ids():
    """The primary keys of the public pillars: read once per publish (core/memo.py) —
    publishing, unpublishing, moving or restricting a page starts a new generation."""
    return memoized(
        None, ("public-pillar-ids",), lambda: list(public_pillars().values_list("pk", flat=True))
    )


def public_records(queryset):
    """Goals, metrics or projects of ``queryset`` that the public may see: a plain
    ``pillar IN (…)`` on the public pillars' keys, not a join and a subquery in every query."""
    return queryset.filter(live=True, pillar__in=public_pillar_ids())


def searchable_records(queryset):
    """``public_records`` for the search backend, which filters only on indexed fields (the
    ``pillar IN (…)`` filter is one)."""
    return public_records(queryset)
