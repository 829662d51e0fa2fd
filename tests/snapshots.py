"""Expensive test data built once per test process and copied back for every later test.

``snapshotted(key, build)`` runs ``build()`` the first time (in the test that first needs it)
and keeps every table's rows as they are afterwards, together with the state the database was
in before. A later call with the same key, on a database in that same state (every table
compared, as tests/demo_snapshot.py does), copies the rows back instead of building again and
returns the same objects, fetched afresh (only the tables whose rows differ from the copy's are
rewritten: a test's fixtures are copied back one after the other, each changing a few tables).
On any other state ``build()`` simply runs. Each test
still runs in its own transaction, so nothing leaks from one test to the next: a copy gives
exactly the rows that building would.

Used by the factories that publish and translate pages (``make_plan``) and by the site fixture:
creating, publishing and translating a page costs about a hundred queries, in nearly every test.
"""

import functools
from dataclasses import dataclass

from django.core.files.storage import default_storage
from django.db import models

from yuzhong_site.core import memo

from .demo_snapshot import TableCopy
from .helpers import index_updates_on


@dataclass
class Snapshot:
    base: str
    rows: dict
    value: object
    files: list
    digests: dict  # each table's digest once built: only the tables that differ are copied back


_snapshots = {}
stats = {"built": 0, "copied": 0}


def _freeze(value):
    """``value`` with every model instance replaced by (its class, its primary key)."""
    if isinstance(value, models.Model):
        return ("__model__", type(value), value.pk)
    if isinstance(value, tuple | list):
        return type(value)(_freeze(item) for item in value)
    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    return value


def _thaw(value):
    if isinstance(value, tuple) and len(value) == 3 and value[0] == "__model__":
        model, pk = value[1], value[2]
        return model._default_manager.get(pk=pk)
    if isinstance(value, tuple | list):
        return type(value)(_thaw(item) for item in value)
    if isinstance(value, dict):
        return {key: _thaw(item) for key, item in value.items()}
    return value


def _image_files():
    from wagtail.images import get_image_model

    return list(get_image_model().objects.values_list("file", flat=True))


def snapshotted(key, build):
    tables = TableCopy()
    digests = tables._table_digests()
    base = ",".join(digests.values())
    # Keyed on the starting state too: a transactional test (browser, migrations) ends with a
    # flush, and every test after it starts from that new state; its copies are kept apart.
    # And on whether saves update the search and reference indexes (tests/helpers.py): a copy
    # built without them has no index rows.
    key = (key, index_updates_on())
    snapshot = _snapshots.get((key, base))
    if snapshot is not None and all(default_storage.exists(name) for name in snapshot.files):
        tables._restore(snapshot.rows, only=[t for t in tables.tables if digests[t] != snapshot.digests[t]])
        memo.forget_all()
        stats["copied"] += 1
        return _thaw(snapshot.value)
    value = build()
    stats["built"] += 1
    if snapshot is None:
        _snapshots[key, base] = Snapshot(
            base, tables.read_all(), _freeze(value), _image_files(), tables._table_digests()
        )
    return value


def snapshot_fixture(function):
    """Decorate a fixture function (under ``@pytest.fixture``) that builds rows: built once per
    test process, then copied back by :func:`snapshotted` — keyed on the function and the
    fixtures it was given, and used only on the same starting database."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        key = (function.__module__, function.__qualname__, repr(_freeze(kwargs)))
        return snapshotted(key, lambda: function(*args, **kwargs))

    return wrapper
