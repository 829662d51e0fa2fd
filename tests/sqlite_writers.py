"""Several processes saving page revisions into one SQLite file at once, as editors do.

Each writer reads a page and saves a new revision of it in one transaction, as Wagtail's edit
view, autosave and the editing-session ping do, and counts the saves that failed ("database is
locked"). tests/test_sqlite_writers.py runs it; to measure by hand::

    .venv/bin/python -m tests.sqlite_writers --processes 3 --saves 60            # the settings
    .venv/bin/python -m tests.sqlite_writers --processes 3 --saves 60 --plain    # SQLite defaults

``--plain`` drops the project's SQLite OPTIONS (IMMEDIATE transactions, 20 s busy timeout, WAL),
which gives Django's defaults: the "before" of yuzhong_site/settings/base.py's comment.
"""

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "concurrent-saves"


def _django(path, plain):
    os.environ["DJANGO_SETTINGS_MODULE"] = "yuzhong_site.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    from django.conf import settings

    if plain:
        settings.DATABASES["default"]["OPTIONS"] = {}
    import django

    django.setup()


def setup(path, plain):
    """Create the page and the editor the writers use (in an already migrated database), in a
    process of its own: with SQLite's defaults the writers could not create them together."""
    _django(path, plain)
    from django.db import connection

    if plain:  # WAL is kept in the file once set: back to SQLite's default rollback journal
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA journal_mode=DELETE")
    _create_page_and_editor()


def _create_page_and_editor():
    from django.contrib.auth import get_user_model
    from wagtail.models import Page

    root = Page.objects.get(depth=1)
    if not Page.objects.filter(slug=SLUG).exists():
        root.add_child(instance=Page(title="Concurrent saves", slug=SLUG))
    get_user_model().objects.get_or_create(
        username="concurrent-editor", defaults={"is_superuser": True, "is_staff": True}
    )


def write(path, saves, plain):
    """Save ``saves`` revisions, each read-then-write in one transaction; print the counts."""
    _django(path, plain)
    from django.contrib.auth import get_user_model
    from django.db import OperationalError, transaction
    from wagtail.models import Page

    if not plain:  # each writer makes sure of them, one after the other under the write lock
        with transaction.atomic():
            _create_page_and_editor()

    user = get_user_model().objects.get(username="concurrent-editor")
    failed, errors = 0, set()
    for number in range(saves):
        try:
            with transaction.atomic():
                page = Page.objects.get(slug=SLUG).specific
                page.title = f"Concurrent saves {os.getpid()} {number}"
                page.save_revision(user=user, log_action=True)
        except OperationalError as error:
            failed += 1
            errors.add(str(error))
    print(json.dumps({"saves": saves, "failed": failed, "errors": sorted(errors)}))


def run(path, processes, saves, plain=False):
    """Start ``processes`` writers at once on the migrated SQLite file ``path``; sum their counts."""
    command = [sys.executable, "-m", "tests.sqlite_writers", "--database", str(path)]
    if plain:
        command.append("--plain")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if plain:
        subprocess.run([*command, "--setup"], cwd=ROOT, env=env, check=True, timeout=120)  # noqa: S603
    else:  # in WAL before the writers open it, as the settings' first connection would leave it
        with contextlib.closing(sqlite3.connect(path)) as database:
            database.execute("PRAGMA journal_mode=WAL")
    started = time.monotonic()
    workers = [
        subprocess.Popen(  # noqa: S603
            [*command, "--write", str(saves)], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
        )
        for _ in range(processes)
    ]
    results = [
        json.loads(worker.communicate(timeout=600)[0].strip().splitlines()[-1])
        for worker in workers
    ]
    return {
        "processes": processes,
        "saves": sum(r["saves"] for r in results),
        "failed": sum(r["failed"] for r in results),
        "errors": sorted({e for r in results for e in r["errors"]}),
        "seconds": round(time.monotonic() - started, 1),
    }


def migrated_copy(directory):
    path = Path(directory) / "writers.sqlite3"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "yuzhong_site.settings.test"}
    env["DATABASE_URL"] = f"sqlite:///{path}"
    subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True
    )
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database")
    parser.add_argument("--plain", action="store_true")
    parser.add_argument("--setup", action="store_true")
    parser.add_argument("--write", type=int)
    parser.add_argument("--processes", type=int, default=3)
    parser.add_argument("--saves", type=int, default=60)
    args = parser.parse_args()
    if args.setup:
        return setup(args.database, args.plain)
    if args.write is not None:
        return write(args.database, args.write, args.plain)
    directory = tempfile.mkdtemp()
    try:
        path = Path(args.database) if args.database else migrated_copy(directory)
        print(json.dumps(run(path, args.processes, args.saves, args.plain)))
    finally:
        shutil.rmtree(directory, ignore_errors=True)


if __name__ == "__main__":
    main()
