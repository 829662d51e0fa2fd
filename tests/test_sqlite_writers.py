"""SQLite holds several editors saving at once (yuzhong_site/settings/base.py, tests/sqlite_writers.py)."""

import sqlite3

import pytest
from django.db import connection

from . import db_template, sqlite_writers

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's locking only: PostgreSQL has row locks"
)


def test_sqlite_settings_take_the_write_lock_first_wait_and_use_wal(settings):
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] >= 20
    assert "journal_mode=WAL" in options["init_command"]
    assert "synchronous=NORMAL" in options["init_command"]


def test_three_processes_saving_revisions_at_once_lose_nothing(django_db_setup, tmp_path):
    # The migrated test database (kept by tests/db_template.py), copied to a file the three
    # processes share.
    kept = db_template.CACHE_DIR / f"migrated-default-{db_template.migrations_digest()}.sqlite3"
    path = tmp_path / "writers.sqlite3"
    if kept.exists():
        source, copy = sqlite3.connect(kept), sqlite3.connect(path)
        try:
            source.backup(copy)
        finally:
            source.close()
            copy.close()
    else:
        path = sqlite_writers.migrated_copy(tmp_path)

    result = sqlite_writers.run(path, processes=3, saves=60)

    assert result["saves"] == 180
    assert result["failed"] == 0, result["errors"]
    saved = sqlite3.connect(path)
    try:
        revisions = saved.execute("SELECT count(*) FROM wagtailcore_revision").fetchone()[0]
        mode = saved.execute("PRAGMA journal_mode").fetchone()[0]
    finally:
        saved.close()
    assert revisions == 180
    assert mode == "wal"
