"""Tests: fast hashing, plain static storage (manifest storage breaks admin rendering in tests)."""

from .base import *  # noqa: F403
from .base import env

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
