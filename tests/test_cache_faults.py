"""Redis is an accelerator, never a dependency: with the cache refusing connections or
accepting them and never answering, pages, the API and the sign-in still work, /healthz answers
JSON 503 naming the cache, a failure is logged once per interval, and while the page cache's
generation cannot be read nothing is stored or memoised.

The cache here is the production one (django-redis with the project's options) pointed at a port
where nothing listens, or at a listener in this test that accepts and never answers."""

import logging
import socket
import time

import pytest
from django.conf import settings as django_settings

from tests.helpers import SilentRedis
from yuzhong_site.core import cache_faults, memo
from yuzhong_site.core.cache import request_generation

pytestmark = pytest.mark.django_db


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]




def redis_cache_at(port):
    production = {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": f"redis://127.0.0.1:{port}/0",
        "KEY_PREFIX": "yuzhong",
        "OPTIONS": {
            "CLIENT_CLASS": "django_redis.client.DefaultClient",
            "SOCKET_CONNECT_TIMEOUT": 0.5,
            "SOCKET_TIMEOUT": 1.0,
            "IGNORE_EXCEPTIONS": True,
            "CONNECTION_POOL_KWARGS": {"connection_class": cache_faults.FailFastConnection},
        },
    }
    return {"default": production}


@pytest.fixture
def fresh_breaker():
    cache_faults.redis_recovered()
    yield
    cache_faults.redis_recovered()


@pytest.fixture
def refused_redis(settings, fresh_breaker):
    settings.CACHES = redis_cache_at(free_port())
    settings.DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
    settings.DJANGO_REDIS_LOGGER = "yuzhong_site.cache_faults"


@pytest.fixture
def silent_redis(settings, fresh_breaker):
    server = SilentRedis()
    settings.CACHES = redis_cache_at(server.port)
    yield server
    server.close()


def test_the_production_settings_use_these_options():
    """The options under test are the ones production gets from REDIS_URL (base settings)."""
    import os
    import subprocess
    import sys

    code = (
        "import django, json; django.setup(); from django.conf import settings; "
        "print(json.dumps({k: str(v) for k, v in settings.CACHES['default']['OPTIONS'].items()}))"
    )
    env = {**os.environ, "REDIS_URL": "redis://127.0.0.1:6399/0",
           "DJANGO_SETTINGS_MODULE": "yuzhong_site.settings.test"}
    env.pop("PYTEST_XDIST_WORKER", None)
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,  # noqa: S603
                            text=True, timeout=60, cwd=django_settings.BASE_DIR)
    assert result.returncode == 0, result.stderr
    import json

    options = json.loads(result.stdout.strip().splitlines()[-1])
    assert float(options["SOCKET_CONNECT_TIMEOUT"]) <= 0.5
    assert float(options["SOCKET_TIMEOUT"]) <= 1
    assert options["IGNORE_EXCEPTIONS"] == "True"
    assert "FailFastConnection" in options["CONNECTION_POOL_KWARGS"]
    assert options["CLIENT_CLASS"] == "django_redis.client.DefaultClient"


@pytest.mark.parametrize("path", ["/", "/en/", "/api/v1/"])
def test_pages_and_the_api_answer_with_redis_refusing_connections(client, home, english_home,
                                                                  refused_redis, path):
    response = client.get(path)
    assert response.status_code == 200, path
    assert response.get("X-Cache") is None  # not stored: there is nowhere to store it


def test_healthz_is_json_503_naming_the_cache_when_redis_is_down(client, refused_redis):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["database"] == "ok" and body["cache"] == "error"
    assert body["checks"] == {"database": "ok", "cache": "error"}


def test_editors_can_sign_in_and_use_the_admin_with_redis_down(client, superuser, refused_redis):
    response = client.post("/admin/login/", {"username": "root-editor", "password": "pw-for-tests"})
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200
    assert django_settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"


def test_a_redis_that_never_answers_costs_one_timeout_then_nothing(client, home, silent_redis):
    started = time.monotonic()
    assert client.get("/").status_code == 200
    first = time.monotonic() - started
    assert first < 2.0
    started = time.monotonic()
    for _ in range(5):
        assert client.get("/").status_code == 200
    assert time.monotonic() - started < 2.0  # no further timeouts: Redis is left alone a while
    health = client.get("/healthz")
    assert health.status_code == 503 and health.json()["cache"] == "error"


def test_redis_failures_are_logged_once_per_interval(client, home, refused_redis, caplog):
    faults_logger = logging.getLogger("yuzhong_site.cache_faults")
    for found in faults_logger.filters:
        found.last = None  # a fresh interval for this test
    with caplog.at_level(logging.WARNING, logger="yuzhong_site.cache_faults"):
        for _ in range(5):
            cache_faults.redis_recovered()  # each request tries Redis again
            client.get("/")
    records = [record for record in caplog.records if record.name == "yuzhong_site.cache_faults"]
    assert len(records) == 1, [record.getMessage() for record in records]
    assert "served without it" in records[0].getMessage()


def test_while_the_generation_cannot_be_read_nothing_is_memoised(client, home, refused_redis, rf):
    """A memo of an older generation is never used: with Redis down nothing is remembered, so a
    change published through another instance (which this one could not hear of) shows at once."""
    memo.forget_all()
    assert request_generation(rf.get("/")) is None
    client.get("/")
    assert memo._state["values"] == {}
    home.title = "Renamed elsewhere"
    home.save()
    assert "Renamed elsewhere" in client.get("/").content.decode()
