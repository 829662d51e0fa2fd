"""Small helpers shared by the test modules."""

import json
import re
from contextlib import contextmanager
from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html, name, **attrs):
    """Start tags called ``name`` whose attributes include ``attrs`` (parsed, not regex)."""
    parser = _Collector()
    parser.feed(html)
    return [
        found
        for tag, found in parser.tags
        if tag == name and all(found.get(key) == value for key, value in attrs.items())
    ]


def text_of(response):
    return response.content.decode("utf-8")


def unmarked_text_of(response):
    """:func:`text_of` without the ``<span lang="zh-Hans">`` that English pages put around runs of
    Chinese and the ``<span lang="en">`` that Chinese pages put around runs of English (language
    of parts), for tests that look for a figure such as "1,781.8亿元" or a source's name whole."""
    return re.sub(r'<span lang="(?:zh-Hans|en)">([^<]*)</span>', r"\1", text_of(response))


def add_page_in_admin(client, parent, model, **fields):
    """Create a page under ``parent`` through the admin's add form, as an editor does (a draft
    unless ``fields`` hold an action, e.g. ``{"action-publish": "publish"}``); with the synced
    page tree this also makes its aliases in the other languages. Returns the new page."""
    opts = model._meta
    data = {"body-count": "0", **fields}
    response = client.post(f"/admin/pages/add/{opts.app_label}/{opts.model_name}/{parent.pk}/", data)
    assert response.status_code == 302, text_of(response)[:2000]
    return model.objects.get(slug=fields["slug"], locale_id=parent.locale_id)


class _JsonLd(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inside, self.blocks = False, []

    def handle_starttag(self, tag, attrs):
        self.inside = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data):
        if self.inside:
            self.blocks.append(json.loads(data))

    def handle_endtag(self, tag):
        self.inside = False


def json_ld_blocks(html):
    """Every JSON-LD block of a page, parsed."""
    parser = _JsonLd()
    parser.feed(html)
    return parser.blocks


# The query budget of an uncached public page (the page cache off), in either language and
# whatever the amount of content. A page's first request after a publish also fills the
# per-publish memo (its route, ancestors, translations: yuzhong_site/core/memo.py); that one is
# bounded too, more loosely — every later request, until the next publish, gets the budget.
# A heritage page's first request reads its dated notices and its residents' questions too (one
# query each, whatever their number): 25 of 26.
PAGE_BUDGET = 12
FIRST_REQUEST_BUDGET = 26


def page_queries(client, path):
    """``(first, later)``: the queries of two requests for ``path`` (both must answer 200)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    counts = []
    for _request in range(2):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts.append(len(captured))
    return tuple(counts)


def assert_page_budget(client, paths, label="", renditions=False):
    """Every path within the budgets; returns {path: (first, later)} for the test's report.

    ``renditions``: visit each path once before measuring, then empty the per-publish memo —
    image renditions are made once per picture and size, ever, not after each publish."""
    from yuzhong_site.core import memo

    if renditions:
        for path in paths:
            client.get(path)
        memo.forget_all()
    measured = {path: page_queries(client, path) for path in paths}
    print(f"queries {label}: {measured}")
    for path, (first, later) in measured.items():
        assert first <= FIRST_REQUEST_BUDGET, (path, first, "first request")
        assert later <= PAGE_BUDGET, (path, later)
    return measured


def index_updates_on():
    """Whether saves in this test update the search index and Wagtail's reference index (both
    are switched together by ``index_updates``)."""
    from wagtail.signal_handlers import reference_index_auto_update_disabled as disabled

    return not getattr(disabled, "value", False)


@contextmanager
def index_updates(enabled):
    """Saves in the block update the search index and Wagtail's reference index (``enabled``)
    or neither; the state before is restored after. Tests run with both off unless marked
    ``indexes`` (tests/conftest.py): most never search and never read the reference index, and
    keeping the two up to date is a good part of what saving a page costs."""
    from django.conf import settings
    from django.test import override_settings
    from wagtail.signal_handlers import reference_index_auto_update_disabled as disabled

    backends = {
        name: {**backend, "AUTO_UPDATE": enabled}
        for name, backend in settings.WAGTAILSEARCH_BACKENDS.items()
    }
    disabled_before = getattr(disabled, "value", False)
    disabled.value = not enabled
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            yield
    finally:
        disabled.value = disabled_before


class SilentRedis:
    """A Redis that accepts connections, reads what it is sent and never answers (the fault
    tests: a cache that hangs must cost one timeout, not every request)."""

    def __init__(self):
        import socket
        import threading

        self.server = socket.socket()
        self.server.bind(("127.0.0.1", 0))
        self.server.listen(100)
        self.port = self.server.getsockname()[1]
        self.connections = []
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                connection, _ = self.server.accept()
            except OSError:
                return
            self.connections.append(connection)

    def close(self):
        self.server.close()
        for connection in self.connections:
            connection.close()
