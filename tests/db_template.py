"""The migrated SQLite test database, kept between test runs.

Each test process (``-n 2``: two) starts with an empty in-memory SQLite database and runs all of
the project's and Wagtail's ~200 migrations into it: about 9 s, before any test. The result only
depends on the migration files, so the first process to migrate saves a copy under
``var/test-cache/`` named by a digest of every migration file (and of Django's and Wagtail's
versions); a later process whose migrations have the same digest copies that file into its
in-memory database instead (SQLite's backup API, well under a second). A changed, added or
removed migration gives a new digest, and the next run migrates again. PostgreSQL test databases
are created as before. ``make clean`` (or deleting ``var/test-cache/``) drops the copies.
"""

import hashlib
import os
import sqlite3
import sys
from pathlib import Path

CACHE_DIR = Path(__file__).resolve().parent.parent / "var" / "test-cache"


def migrations_digest():
    """A digest of every migration file of every installed app, and of the framework versions."""
    import django
    import wagtail
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256(f"{django.__version__} {wagtail.__version__}".encode())
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for key in sorted(loader.disk_migrations):
        digest.update(repr(key).encode())
        digest.update(Path(sys.modules[loader.disk_migrations[key].__module__].__file__).read_bytes())
    return digest.hexdigest()[:16]


def install():
    """Make SQLite's test-database creation use (and fill) the kept copy."""
    from django.db.backends.sqlite3.creation import DatabaseCreation

    create = DatabaseCreation.create_test_db
    if getattr(create, "kept_between_runs", False):
        return

    def create_test_db(self, verbosity=1, autoclobber=False, serialize=True, keepdb=False):
        name = self._get_test_db_name()
        if not self.is_in_memory_db(name) or keepdb:
            return create(self, verbosity, autoclobber, serialize, keepdb)
        kept = CACHE_DIR / f"migrated-{self.connection.alias}-{migrations_digest()}.sqlite3"
        if not kept.exists():
            name = create(self, verbosity, autoclobber, serialize, keepdb)
            CACHE_DIR.mkdir(parents=True, exist_ok=True)
            partial = kept.with_suffix(f".{os.getpid()}.partial")
            copy = sqlite3.connect(partial)
            try:
                self.connection.connection.backup(copy)
            finally:
                copy.close()
            os.replace(partial, kept)  # whole or not at all, when two processes race
            return name
        from django.conf import settings

        self._create_test_db(verbosity, autoclobber, keepdb)
        self.connection.close()
        settings.DATABASES[self.connection.alias]["NAME"] = name
        self.connection.settings_dict["NAME"] = name
        self.connection.ensure_connection()
        source = sqlite3.connect(kept)
        try:
            source.backup(self.connection.connection)
        finally:
            source.close()
        if serialize:
            self.connection._test_serialized_contents = self.serialize_db_to_string()
        return name

    create_test_db.kept_between_runs = True
    DatabaseCreation.create_test_db = create_test_db
