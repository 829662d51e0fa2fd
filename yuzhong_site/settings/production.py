"""Production: refuses to start without its secrets; HTTPS everywhere."""

from .base import *  # noqa: F403
from .base import BASE_DIR, DATABASES, REDIS_URL, env, env_bool, env_list, require_env

DEBUG = False
SECRET_KEY = require_env("DJANGO_SECRET_KEY")
require_env("DJANGO_ALLOWED_HOSTS")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
# The Host is ours (yuzhong_site/core/hosts.py): exactly one of these, port included when it is
# not the scheme's default, or 400.
STRICT_HOSTS = True
SITE_HOSTS = env_list("DJANGO_SITE_HOSTS") or ALLOWED_HOSTS

SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_HSTS_SECONDS = int(env("DJANGO_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# Keep database connections open between requests (each worker holds one).
DATABASES["default"]["CONN_MAX_AGE"] = int(env("DATABASE_CONN_MAX_AGE", "60"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True

SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# Several gunicorn workers must share one cache, or a publish would purge only one worker's copy:
# Redis when REDIS_URL is set (several machines), otherwise a file cache (one machine).
if not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env("DJANGO_CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    }
