"""The demo content, loaded once per test process and copied back into the database per test.

``load_demo_content`` takes 10-20 s (hundreds of pages, revisions, search and reference index
entries, generated pictures), and about sixty tests start from it. ``DemoSnapshot`` runs the
command once in a transaction, visits every public page once (so that the copy holds the image
renditions the pages show, as on a site that has had visitors: otherwise each test that renders
the demo pages would make the same ninety renditions again), keeps a copy of every table's rows
(and, on SQLite, of ``sqlite_sequence``) as they were then, and rolls back. A test then gets the
demo content by having every table replaced with that copy: the same rows, keys and (on SQLite)
sequences that running the command on the same starting database gives.

The copy is only used when the test's database is still in the state the command started from
(nothing added, changed or removed since the test database was set up: every table compared),
or freshly flushed by a transactional test (no rows but the content types and permissions that
Django recreates after a flush). Otherwise the command itself runs, as before. The pictures
the command made stay in the (in-memory, per-process) file storage; if one of them has gone,
the command runs too.
"""

import datetime
import hashlib
import os
import pickle
import warnings

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import connection, transaction

from .db_template import CACHE_DIR


def load_demo_content():
    """The command as `make run` runs it: every save updates the search and reference indexes."""
    from .helpers import index_updates

    with open("/dev/null", "w") as devnull, index_updates(True):
        call_command("load_demo_content", stdout=devnull)


_TABLES = {}
_DIGEST_QUERIES = {}
_TO_VACUUM = set()


def vacuum_copied_tables(db_blocker):
    """VACUUM, after a test's rollback, the PostgreSQL tables it copied the demo content into.

    A rolled-back copy leaves every row it wrote behind as a dead row: after a few tests that
    take the demo, every table read (each snapshot's digest of every table, each copy) scans
    megabytes of them, and the digest of a near-empty database costs 50-70 ms instead of 7.
    Autovacuum comes too late (a minute apart); emptied by the rollback, the tables shrink back
    to nothing here. Called between tests (tests/conftest.py), outside any transaction.
    """
    if not _TO_VACUUM:
        return
    with db_blocker.unblock():
        if connection.in_atomic_block:  # a test's transaction still open: next time
            return
        with connection.cursor() as cursor:
            cursor.execute("VACUUM " + ", ".join(f'"{table}"' for table in sorted(_TO_VACUUM)))
    _TO_VACUUM.clear()


class SlowDemoLoad(UserWarning):
    """The demo content was loaded by running the command (10-20 s) instead of copied."""


class TableCopy:
    """Every table's rows, read and written back as they are (also used by tests/snapshots.py)."""

    def __init__(self):
        self.vendor = connection.vendor
        key = (self.vendor, connection.settings_dict["NAME"])
        if key not in _TABLES:  # the same tables for the whole test session: asked once
            _TABLES[key] = self._find_tables()
        self.tables, self.virtual = _TABLES[key]

    def _find_tables(self):
        """``(tables, virtual tables)``, in the order they are written back."""
        tables = sorted(
            connection.introspection.django_table_names(only_existing=True, include_views=False)
        )
        if self.vendor != "sqlite":
            return tables, set()
        # Full-text tables: filled by triggers on their index tables as well, so they are
        # written after those, with their own rowids.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
            )
            virtual = {name for (name,) in cursor.fetchall()} & set(tables)
        ordered = [t for t in tables if t not in virtual] + [*sorted(virtual), "sqlite_sequence"]
        return ordered, virtual

    def read_all(self):
        return {table: self._read(table) for table in self.tables}

    # --- reading and writing tables -----------------------------------------------------------

    def _read(self, table):
        with connection.cursor() as cursor:
            if self.vendor == "postgresql":
                with cursor.cursor.copy(f'COPY "{table}" TO STDOUT') as copy:  # noqa: S608
                    return b"".join(bytes(block) for block in copy)
            rowid = "rowid, " if table in self.virtual else ""
            cursor.execute(f'SELECT {rowid}* FROM "{table}"')  # noqa: S608
            columns = tuple(column[0] for column in cursor.description)
            # SQLite hands TIME columns back as datetime.time, which it cannot bind again:
            # keep them as the text they are stored as.
            return columns, [
                tuple(v.isoformat() if isinstance(v, datetime.time) else v for v in row)
                for row in cursor.fetchall()
            ]

    def _restore(self, rows=None, only=None):
        """Every table back to ``rows`` (the demo copy by default); ``only``: just these tables,
        the others being known to hold their rows already."""
        rows = self.rows if rows is None else rows
        tables = self.tables
        if only is not None:
            if self.virtual and only:
                # full-text tables are written by triggers on the others: always rewritten
                only = set(only) | self.virtual | {"sqlite_sequence"}
            tables = [table for table in self.tables if table in only]
        with transaction.atomic(), connection.cursor() as cursor:
            if self.vendor == "postgresql":
                # DELETE, not TRUNCATE: a TRUNCATE makes new files for every table and index
                # (and removes them again when the test rolls back), which costs far more than
                # deleting the few rows of a test database. Foreign keys are checked at commit.
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
                if tables:
                    cursor.execute("; ".join(f'DELETE FROM "{table}"' for table in tables))  # noqa: S608
                for table in tables:
                    data = rows[table]
                    if data:
                        with cursor.cursor.copy(f'COPY "{table}" FROM STDIN') as copy:  # noqa: S608
                            copy.write(data)
                models = [
                    model
                    for model in apps.get_models(include_auto_created=True)
                    if model._meta.db_table in self.tables and not model._meta.proxy
                ]
                # one round trip for every sequence
                cursor.execute("\n".join(connection.ops.sequence_reset_sql(no_style(), models)))
            else:
                raw = cursor.cursor  # Django's SQLite cursor: "%s" placeholders
                # self.tables ends with the full-text tables and sqlite_sequence, which the
                # triggers and inserts before them write to: each is emptied just before it is
                # filled from the copy.
                for table in tables:
                    raw.execute(f'DELETE FROM "{table}"')  # noqa: S608
                for table in tables:
                    columns, table_rows = rows[table]
                    if table in self.virtual or table == "sqlite_sequence":
                        raw.execute(f'DELETE FROM "{table}"')  # noqa: S608
                    if table_rows:
                        names = ", ".join(f'"{column}"' for column in columns)
                        marks = ", ".join("%s" for _column in columns)
                        raw.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({marks})', table_rows)  # noqa: S608
        # The content type ids may differ from those cached before (after a flush); the cache
        # may hold pages or URLs of the database as it was.
        ContentType.objects.clear_cache()
        cache.clear()

    def _fingerprint(self):
        return ",".join(self._table_digests().values())

    def _table_digests(self):
        """``{table: digest of its rows}`` for every table, in ``self.tables``' order."""
        if self.vendor == "postgresql":  # every table's rows, digested by the server: one query
            parts = " UNION ALL ".join(
                f"SELECT {n} AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h "  # noqa: S608
                f'FROM "{table}" t'
                for n, table in enumerate(self.tables)
            )
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT n, h FROM ({parts}) AS digests ORDER BY n")  # noqa: S608
                digests = dict(cursor.fetchall())
            return {table: digests[n] for n, table in enumerate(self.tables)}
        # SQLite: every table's rows as one text each (quote() gives every value back exactly,
        # reals included), in one query read by SQLite itself; Python only digests.
        with connection.cursor() as cursor:
            cursor.execute(self._sqlite_digest_query())
            texts = cursor.fetchone()
        return {
            table: hashlib.sha256(f"{table} {text}".encode()).hexdigest()
            for table, text in zip(self.tables, texts, strict=True)
        }

    def _sqlite_digest_query(self):
        """``SELECT (every row of the first table, as text), (… of the second), …``."""
        key = (self.vendor, connection.settings_dict["NAME"])
        if key not in _DIGEST_QUERIES:  # the same tables and columns for the whole session
            with connection.cursor() as cursor:
                parts = []
                for table in self.tables:
                    columns = [row[1] for row in cursor.execute(f'PRAGMA table_info("{table}")')]
                    if table in self.virtual:
                        columns.insert(0, "rowid")
                    row = " || ',' || ".join(f'quote("{column}")' for column in columns)
                    parts.append(f"(SELECT group_concat({row}, char(30)) FROM \"{table}\")")  # noqa: S608
            _DIGEST_QUERIES[key] = "SELECT " + ", ".join(parts)
        return _DIGEST_QUERIES[key]

    def _row_counts(self):
        tables = [table for table in self.tables if table != "sqlite_sequence"]
        counts = " UNION ALL ".join(
            f"SELECT '{table}', COUNT(*) FROM \"{table}\"" for table in tables  # noqa: S608
        )
        with connection.cursor() as cursor:  # one query for every table
            cursor.execute(counts)
            return dict(cursor.fetchall())


# The copy is also kept on disk between test runs (var/test-cache/, beside the migrated test
# database of tests/db_template.py), named by a digest of the starting database, of every file
# the command's result can depend on and of the day: a change to any of them makes a new copy
# (the day, because publishing stamps pages and revisions with the time).
SOURCES = ("plans", "districts", "yuzhong_site", "templates", "tests/demo_snapshot.py")
SOURCE_SUFFIXES = {".py", ".yaml", ".yml", ".json", ".html", ".txt", ".po"}


def _sources_digest(base):
    import wagtail

    root = CACHE_DIR.parent.parent
    digest = hashlib.sha256(f"{base} {wagtail.__version__} {datetime.date.today()}".encode())
    for top in SOURCES:
        paths = [root / top] if (root / top).is_file() else sorted((root / top).rglob("*"))
        for path in paths:
            if path.suffix in SOURCE_SUFFIXES and "__pycache__" not in path.parts:
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class DemoSnapshot(TableCopy):
    def __init__(self):
        super().__init__()
        with transaction.atomic():
            self.base = self._fingerprint()
            kept = CACHE_DIR / f"demo-{self.vendor}-{_sources_digest(self.base)}.pickle"
            if not self._read_kept(kept):
                self.after_flush = self._tables_left_by_flush()
                load_demo_content()
                self._make_renditions()
                self.rows = self.read_all()
                self.files = self._file_names()
                self._keep(kept)
            transaction.set_rollback(True)
        self.restored = self.fell_back = 0

    def _keep(self, path):
        files = {}
        for name in self.files:
            with default_storage.open(name) as handle:
                files[name] = handle.read()
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.partial")
        partial.write_bytes(pickle.dumps((self.after_flush, self.rows, files)))
        os.replace(partial, path)  # whole or not at all, when two processes race

    def _read_kept(self, path):
        """Take the copy kept by an earlier run, and put its pictures in this run's storage."""
        if not path.exists():
            return False
        # our own file, written by _keep above
        self.after_flush, self.rows, files = pickle.loads(path.read_bytes())  # noqa: S301
        for name, content in files.items():
            if not default_storage.exists(name):
                saved = default_storage.save(name, ContentFile(content))
                assert saved == name, (saved, name)
        self.files = list(files)
        return True

    # --- public -------------------------------------------------------------------------------

    def load(self):
        """The demo content in the test's database: copied when that is safe, else loaded."""
        self.last_was_copy = self._can_copy()
        if self.last_was_copy:
            self._restore()
            self.restored += 1
            if self.vendor == "postgresql" and connection.in_atomic_block:
                _TO_VACUUM.update(self.tables)  # rolled back at the test's end: vacuum_copied_tables
        else:
            if all(default_storage.exists(name) for name in self.files):
                warnings.warn(SlowDemoLoad(
                    "demo_content found rows written before it (a fixture such as admin_client "
                    "listed before demo_content?), so the command ran instead of the copy: "
                    "list demo_content first"
                ), stacklevel=2)
            load_demo_content()
            self.fell_back += 1
        # A live server may still be finishing a request from the previous browser test while the
        # tables are replaced: whatever it cached or remembered was read from a database halfway
        # through the copy. Start from an empty cache and memo once the content is whole.
        from yuzhong_site.core import memo

        cache.clear()
        memo.forget_all()

    # --- is a copy the same as running the command? ------------------------------------------

    def _tables_left_by_flush(self):
        """Row counts after a flush like the one that ends a transactional test (undone)."""
        with transaction.atomic():
            with open("/dev/null", "w") as devnull:
                call_command("flush", interactive=False, verbosity=0, stdout=devnull)
            counts = self._row_counts()
            transaction.set_rollback(True)
        ContentType.objects.clear_cache()
        return counts

    def _can_copy(self):
        if any(not default_storage.exists(name) for name in self.files):
            return False
        if self._row_counts() == self.after_flush:
            return True
        return self._fingerprint() == self.base

    def _make_renditions(self):
        """Visit every public page once: the copy then holds the renditions (rows and files)."""
        from django.test import Client

        from yuzhong_site.core import memo
        from yuzhong_site.core.public_urls import page_urls

        client = Client()
        for found in page_urls():
            client.get(found.url)
        cache.clear()
        memo.forget_all()

    def _file_names(self):
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        names = []
        for model in (get_image_model(), get_document_model(), get_image_model().get_rendition_model()):
            names.extend(model.objects.values_list("file", flat=True))
        return names
