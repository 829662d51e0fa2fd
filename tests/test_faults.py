"""Faults (``make test-faults``, a CI step): production gunicorn with its dependencies
failing, as an operator would see it.

* Redis refusing connections, and a Redis that accepts connections and never answers (a listener
  in this test): ``/``, ``/plan/`` and ``/en/visit/`` answer 200 within 2 s each, and ``/healthz``
  answers JSON 503 naming the cache.
* The database unreachable: the same pages answer 503 (with Retry-After) within 2 s, and
  ``/healthz`` answers JSON 503 naming the database.

The database is a copy of the migrated SQLite test database (tests/db_template.py) with a home
page, a plan and the visitors' section added; static files are collected as a deployment does.
"""

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.helpers import SilentRedis

pytestmark = pytest.mark.faults

ROOT = Path(__file__).resolve().parent.parent
PAGES = ("/", "/plan/", "/en/visit/")
BUDGET_SECONDS = 2.0

CONTENT = """
from districts.models import VisitIndexPage
from yuzhong_site.core.pages import ensure_child_page, ensure_translation
from yuzhong_site.core.site_setup import ensure_site
from tests.plans.factories import make_plan
home, english_home = ensure_site("127.0.0.1", 80)
make_plan(home)
index, _ = ensure_child_page(home, VisitIndexPage, "visit", title="游渝中", show_in_menus=True)
ensure_translation(index, "en", title="Visit Yuzhong")
print("content ready")
"""




def closed_port():
    from tests.perf.harness import free_port

    return free_port()  # bound and released: nothing listens there


@pytest.fixture(scope="module")
def deployment(tmp_path_factory, django_db_setup):
    """A migrated SQLite file with content, and collected static files."""
    from tests.db_template import CACHE_DIR, migrations_digest
    from tests.perf.harness import manage, production_env

    folder = tmp_path_factory.mktemp("faults")
    database = folder / "db.sqlite3"
    template = CACHE_DIR / f"migrated-default-{migrations_digest()}.sqlite3"
    env = production_env(
        DATABASE_URL=f"sqlite:///{database}", STATIC_ROOT=folder / "static",
        DJANGO_CACHE_DIR=folder / "cache", MEDIA_ROOT=folder / "media",
    )
    env.pop("REDIS_URL", None)
    if template.exists():
        shutil.copyfile(template, database)
    else:  # no test run has kept a migrated copy yet
        manage("migrate", "--noinput", env=env)
    subprocess.run(  # noqa: S603 - our own manage.py
        [sys.executable, "manage.py", "shell", "-c", CONTENT], cwd=ROOT, env=env, check=True,
        capture_output=True, timeout=300,
    )
    manage("collectstatic", "--noinput", env=env)
    return env


class Server:
    """gunicorn with production settings; ready when /healthz answers JSON (200 or 503)."""

    def __init__(self, env, log):
        from tests.perf.harness import Gunicorn

        self.gunicorn = Gunicorn(env, workers=1, log=log)  # one boot per scenario: a short step
        self.gunicorn.wait_until_healthy = self._wait

    def _wait(self, seconds=60):
        from tests.perf.harness import http_request

        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.gunicorn.process.poll() is not None:
                raise RuntimeError("gunicorn exited")
            try:
                response = http_request(self.gunicorn.port, "/healthz", timeout=5)
                if response.headers.get("content-type") == "application/json":
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError("gunicorn did not answer /healthz in time")

    def __enter__(self):
        self.gunicorn.__enter__()
        return self

    def __exit__(self, *exc):
        self.gunicorn.__exit__(*exc)

    def get(self, path):
        from tests.perf.harness import http_request

        return http_request(self.gunicorn.port, path, timeout=10)


def check(server, page_status, cache, database):
    """Each page and /healthz: status, time and format, printed for the CI log."""
    timings = []
    for path in PAGES:
        response = server.get(path)
        timings.append(f"{path} {response.status} {response.seconds:.2f}s")
        assert response.status == page_status, (path, response.body[:500])
        assert response.seconds < BUDGET_SECONDS, (path, response.seconds)
        if page_status == 503:
            assert response.headers.get("retry-after"), path
    health = server.get("/healthz")
    assert health.headers.get("content-type") == "application/json"
    body = json.loads(health.body)
    timings.append(f"/healthz {health.status} {json.dumps({k: body[k] for k in ('database', 'cache')})}")
    assert health.status == 503
    assert (body["database"], body["cache"]) == (database, cache)
    assert health.seconds < BUDGET_SECONDS
    return "; ".join(timings)


def test_redis_refusing_connections(deployment, tmp_path):
    env = {**deployment, "REDIS_URL": f"redis://127.0.0.1:{closed_port()}/0"}
    with Server(env, tmp_path / "gunicorn.log") as server:
        print("Redis refusing:", check(server, 200, cache="error", database="ok"))
        print("Redis refusing, again:", check(server, 200, cache="error", database="ok"))


def test_redis_accepting_and_never_answering(deployment, tmp_path):
    silent = SilentRedis()
    try:
        env = {**deployment, "REDIS_URL": f"redis://127.0.0.1:{silent.port}/0"}
        with Server(env, tmp_path / "gunicorn.log") as server:
            print("Redis silent:", check(server, 200, cache="error", database="ok"))
            print("Redis silent, again:", check(server, 200, cache="error", database="ok"))
    finally:
        silent.close()


def test_database_unreachable(deployment, tmp_path):
    env = {
        **deployment,
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/yuzhong_faults",
    }
    with Server(env, tmp_path / "gunicorn.log") as server:
        print("Database unreachable:", check(server, 503, cache="ok", database="error"))


def test_the_step_is_wired_into_ci():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "make test-faults" in ci
    assert os.path.exists(ROOT / "Makefile") and "test-faults:" in (ROOT / "Makefile").read_text()
