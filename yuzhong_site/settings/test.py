"""Tests: fast hashing, plain static storage (manifest storage breaks admin rendering in tests)."""

from urllib.parse import urlsplit, urlunsplit

from .base import *  # noqa: F403
from .base import CACHES, DATABASES, REDIS_URL, env

SECRET_KEY = "test-only-key"  # noqa: S105
DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://testserver")
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True

# Under pytest-xdist (-n) each worker has its own test database (test_<name>_gw0, …) and, with
# REDIS_URL, its own Redis database: tests clear the cache (FLUSHDB), which would otherwise empty
# another worker's cache in the middle of a test. redis://…/3 gives gw0 database 3, gw1 4, …
# Test databases are thrown away: PostgreSQL need not wait for each commit to reach the disk.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"

_XDIST_WORKER = env("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):
    _url = urlsplit(REDIS_URL)
    _db = int(_url.path.strip("/") or 0) + int(_XDIST_WORKER[2:])
    CACHES["default"]["LOCATION"] = urlunsplit(_url._replace(path=f"/{_db}"))
