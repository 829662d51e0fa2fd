"""RSS 2.0 and Atom feeds of the updates, for all pillars or one, in the visitor's language.

Served by ``UpdateIndexPage`` routes: ``<updates>/feed/rss/``, ``<updates>/feed/atom/``,
``<updates>/feed/<pillar-key>/rss/`` and ``…/atom/`` (under ``/`` and ``/en/``); a pillar's key is
``plans.updates.pillar_filter_key`` (its role, or its plan and role outside the first plan).
"""

import datetime

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from yuzhong_site.core.page_context import builds
from yuzhong_site.core.text import clean_data

from .models import UpdateIndexPage
from .updates import pillar_filter_key, pillar_for_filter_key, updates_for

FEED_LENGTH = 20
KINDS = {"rss": Rss201rev2Feed, "atom": Atom1Feed}


class UpdatesFeed(Feed):
    """``obj`` is ``{"index": UpdateIndexPage, "pillar": Chinese PillarPage or None,
    "pillar_title": str, "request": request}``.

    Every text goes through ``strip_control_characters`` (XML forbids control characters; they
    are removed on save too, this is the second line of defence)."""

    def _get_dynamic_attr(self, attname, obj, default=None):
        return clean_data(super()._get_dynamic_attr(attname, obj, default))

    def __init__(self, kind):
        super().__init__()
        self.feed_type = KINDS[kind]

    def get_object(self, request, index, pillar=None, pillar_title=""):
        self.request = request
        return {"index": index, "pillar": pillar, "pillar_title": pillar_title, "request": request}

    def title(self, obj):
        site = _("Yuzhong Five-Year Plan")
        if obj["pillar"] is not None:
            return f"{site} · {obj['index'].title} · {obj['pillar_title']}"
        return f"{site} · {obj['index'].title}"

    def link(self, obj):
        url = obj["index"].get_url(obj["request"]) or "/"
        if obj["pillar"] is not None:
            url += f"?pillar={pillar_filter_key(obj['pillar'])}"
        return url

    def description(self, obj):
        return obj["index"].intro or _("News about Yuzhong District's Five-Year Plan.")

    def items(self, obj):
        return list(
            updates_for(obj["index"].locale_id, pillar=obj["pillar"])
            .filter(path__startswith=obj["index"].path)[:FEED_LENGTH]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.get_url(self.request)

    def item_guid(self, item):
        return self.request.build_absolute_uri(item.get_url(self.request))

    def item_pubdate(self, item):
        moment = datetime.datetime.combine(item.date, datetime.time(12, 0))
        return timezone.make_aware(moment, timezone.get_default_timezone())

    def item_updateddate(self, item):
        return item.last_published_at or self.item_pubdate(item)


@builds(UpdateIndexPage, "feed")
def serve_feed(index, request, kind, pillar_key=None):
    if kind not in KINDS:
        raise Http404("Unknown feed format")
    pillar = None
    pillar_title = ""
    if pillar_key is not None:
        pillar = pillar_for_filter_key(pillar_key)
        if pillar is None:
            raise Http404("Unknown pillar")
        local = pillar.get_translation_or_none(index.locale) if index.locale_id != pillar.locale_id else pillar
        pillar_title = (local or pillar).title
    response = UpdatesFeed(kind)(request, index=index, pillar=pillar, pillar_title=pillar_title)
    response["Content-Language"] = translation.get_language()
    return response


def feed_links(index, request, pillar_key=""):
    """The discovery links (``<link rel="alternate">``) for the whole feed and, given a pillar
    key, that pillar's feed: a list of dicts with type, title and href."""
    if index is None:
        return []
    base = index.get_url(request)
    if not base:
        return []
    links = [
        {"type": "application/rss+xml", "title": _("Updates (RSS)"), "href": f"{base}feed/rss/"},
        {"type": "application/atom+xml", "title": _("Updates (Atom)"), "href": f"{base}feed/atom/"},
    ]
    if pillar_key:
        links += [
            {
                "type": "application/rss+xml",
                "title": _("Updates on this role (RSS)"),
                "href": f"{base}feed/{pillar_key}/rss/",
            },
            {
                "type": "application/atom+xml",
                "title": _("Updates on this role (Atom)"),
                "href": f"{base}feed/{pillar_key}/atom/",
            },
        ]
    return links
