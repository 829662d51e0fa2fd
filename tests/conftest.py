"""Shared fixtures for every test: the site with both home pages, a logged-in editor, etc."""

import pytest
from django.core.cache import cache
from django.utils import translation

from yuzhong_site.core import memo
from yuzhong_site.core.site_setup import ensure_site

from . import db_template

db_template.install()  # the migrated SQLite test database, kept between runs (tests/db_template.py)


def pytest_collection_modifyitems(items):
    """The browser tests last, the longest of them (the reading-mode matrix) first among them.

    Each browser test ends by emptying the database (it runs against a live server), which
    leaves the next tests a database unlike a freshly migrated one; they run after every
    other test. The test workers take tests in this order, so the long ones go out first and
    the short ones fill in: the workers end together instead of one waiting for the other.
    """

    def rank(item):
        if not item.nodeid.startswith("tests/browser/"):
            return 0
        return 1 if item.nodeid.startswith("tests/browser/test_readable_browser.py") else 2

    items.sort(key=rank)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the test's transaction is rolled back, and before the next test: PostgreSQL tables
    it copied the demo content into are vacuumed (tests/demo_snapshot.py says why). After the
    last test the test database is gone already."""
    result = yield
    if nextitem is not None:
        from pytest_django.plugin import blocking_manager_key

        from .demo_snapshot import vacuum_copied_tables

        vacuum_copied_tables(item.config.stash[blocking_manager_key])
    return result


@pytest.fixture(autouse=True)
def _fresh_cache_and_language():
    # A test's rows are rolled back without a publish signal: start each test with an empty
    # cache and an empty per-publish memo (yuzhong_site/core/memo.py).
    cache.clear()
    memo.forget_all()
    yield
    translation.activate("zh-hans")
    cache.clear()
    memo.forget_all()


@pytest.fixture(autouse=True)
def _index_updates(request):
    """Saves update the search and reference indexes only in tests marked ``indexes`` (those
    that search, or read what uses a page or picture): see tests/helpers.py index_updates."""
    from .helpers import index_updates

    with index_updates(request.node.get_closest_marker("indexes") is not None):
        yield


@pytest.fixture
def page_cache_off(settings):
    """Query budgets measure a page as it is rendered, not the page cache's stored copy (a
    cache hit costs no query at all). Use before the test client's first request."""
    settings.PAGE_CACHE_ENABLED = False


@pytest.fixture
def site_home(db):
    """The Chinese home page (the site root) and its English translation."""
    from .snapshots import snapshotted

    return snapshotted(("site", "testserver"), lambda: ensure_site(hostname="testserver"))


@pytest.fixture
def home(site_home):
    return site_home[0]


@pytest.fixture
def english_home(site_home):
    return site_home[1]


@pytest.fixture(scope="session")
def demo_snapshot(django_db_setup, django_db_blocker):
    """``load_demo_content`` run once in this test process, its result kept to copy back
    (tests/demo_snapshot.py says when the copy is used and when the command runs again)."""
    from .demo_snapshot import DemoSnapshot

    with django_db_blocker.unblock():
        return DemoSnapshot()


@pytest.fixture
def demo_content(demo_snapshot, db):
    """The full demo content, as `make run` loads it."""
    demo_snapshot.load()


class DemoPages:
    """A test client for tests that only read the demo content: each page it GETs (without
    cookies or extra headers) is rendered once per test process and its response kept for the
    later tests that ask for it, while the content is the unchanged copy of the demo
    (``demo_snapshot``). A test that changes the content uses ``client`` instead."""

    _responses = {}

    def __init__(self, client):
        self._client = client

    def get(self, path, data=None, **extra):
        from django.conf import settings

        if extra or self._client.cookies or not settings.PAGE_CACHE_ENABLED:
            return self._client.get(path, data, **extra)
        key = (path, repr(data))
        if key not in self._responses:
            self._responses[key] = self._client.get(path, data)
        return self._responses[key]

    def __getattr__(self, name):
        return getattr(self._client, name)


@pytest.fixture
def demo_client(demo_snapshot, demo_content, client):
    """``client`` on the demo content, for tests that only read it (see DemoPages)."""
    return DemoPages(client) if demo_snapshot.last_was_copy else client


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser(
        username="root-editor", email="root@example.org", password="pw-for-tests"
    )


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client
