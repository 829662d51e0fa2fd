"""Base settings: safe for production, configured from the environment.

Development (``dev``) and tests (``test``) switch conveniences on; ``production``
refuses to start without its secrets. Every variable is listed in docs/operations.md.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .storage import media_csp_sources, media_storage

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def require_env(name):
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(
            f"The environment variable {name} is required in production and is not set. "
            "See the environment-variable table in docs/operations.md."
        )
    return value


SECRET_KEY = env("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")

INSTALLED_APPS = [
    # modeltranslation must come before django.contrib.admin
    "modeltranslation",
    # Layers, each importing only those above it in this list: core <- districts <- plans <-
    # search / open data <- the project's URLs (tests/test_layers.py enforces it).
    "yuzhong_site.core",
    "districts",
    "plans",
    "yuzhong_site.search",
    "yuzhong_site.open_data",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.settings",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Wagtail's database search backend needs it on PostgreSQL
    "django.contrib.postgres",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "yuzhong_site.core.security.SecurityHeadersMiddleware",
    # Anonymous public GETs are answered from here, before sessions, locale and Wagtail.
    "yuzhong_site.core.cache.PublicPageCacheMiddleware",
    # The Wagtail Site (and other per-publish data) from a per-process memo: yuzhong_site/core/memo.py.
    "yuzhong_site.core.memo.MemoizedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "yuzhong_site.core.security.LoginThrottleMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "yuzhong_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "yuzhong_site.core.context_processors.site_shell",
            ],
        },
    },
]

WSGI_APPLICATION = "yuzhong_site.wsgi.application"

# Database: SQLite by default, PostgreSQL through DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(env("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis through REDIS_URL.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "yuzhong",
            "OPTIONS": {"CLIENT_CLASS": "django_redis.client.DefaultClient"},
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "yuzhong",
        }
    }

# The public-page cache (yuzhong_site/core/cache.py; docs/architecture.md, "Caching").
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_ALIAS = "default"
PAGE_CACHE_TIMEOUT = int(env("PAGE_CACHE_TIMEOUT", "600"))  # server-side, purged on publish
PAGE_CACHE_MAX_AGE = int(env("PAGE_CACHE_MAX_AGE", "60"))  # browsers
PAGE_CACHE_S_MAXAGE = int(env("PAGE_CACHE_S_MAXAGE", "300"))  # proxies and CDNs
PAGE_CACHE_STALE_WHILE_REVALIDATE = 60
PAGE_CACHE_EXCLUDED_PREFIXES = (
    "/admin/", "/django-admin/", "/documents/", "/healthz", "/text-size/", "/contrast/", "/static/",
    "/media/", "/.well-known/",
)
# Any save or delete of a model in these apps (snippets, data, settings) purges every page.
# Query parameters a public page reads (lists and search: page, q, pillar, year, category,
# district; the API: page, page_size, lang). A request with any other parameter is not cached.
PAGE_CACHE_QUERY_PARAMETERS = ("page", "page_size", "q", "pillar", "year", "category", "district", "lang")
PAGE_CACHE_PURGE_APPS = ("yuzhong_site", "plans", "districts", "wagtailredirects")
PAGE_CACHE_PURGE_MODELS = (
    "wagtailimages.Image", "wagtaildocs.Document", "wagtailcore.Site", "wagtailcore.PageViewRestriction",
)

# A CDN in front of the site is purged on publish when configured (wagtail frontend_cache).
CDN_PURGE_BACKEND = env("CDN_PURGE_BACKEND", "")  # "", "http", "cloudflare" or "cloudfront"
if CDN_PURGE_BACKEND:
    INSTALLED_APPS.insert(INSTALLED_APPS.index("wagtail.contrib.redirects"),
                          "wagtail.contrib.frontend_cache")
    _backends = {
        "http": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": env("CDN_PURGE_URL", ""),
        },
        "cloudflare": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
            "BEARER_TOKEN": env("CLOUDFLARE_BEARER_TOKEN", ""),
            "ZONEID": env("CLOUDFLARE_ZONEID", ""),
        },
        "cloudfront": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
            "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID", ""),
        },
    }
    if CDN_PURGE_BACKEND not in _backends:
        raise ImproperlyConfigured(f"CDN_PURGE_BACKEND must be one of {sorted(_backends)}.")
    WAGTAILFRONTENDCACHE = {"default": _backends[CDN_PURGE_BACKEND]}

# Admin sign-in throttling (yuzhong_site/core/security.py): failures counted in the shared cache.
LOGIN_THROTTLE_PATHS = ("/admin/login/",)
LOGIN_THROTTLE_USER_LIMIT = 5  # failures per account and address
LOGIN_THROTTLE_IP_LIMIT = 20  # failures per address, any account
LOGIN_THROTTLE_ACCOUNT_LIMIT = 10  # failures per account, all addresses together
PAGE_PASSWORD_THROTTLE_LIMIT = 10  # wrong page passwords per address and private page
PAGE_PASSWORD_THROTTLE_TOTAL_LIMIT = 100  # wrong page passwords per private page, all addresses
LOGIN_THROTTLE_WINDOW = 15 * 60
NUM_PROXIES = int(env("DJANGO_NUM_PROXIES", "0"))  # trusted proxies adding X-Forwarded-For

# /.well-known/security.txt contact (falls back to the footer's contact e-mail).
SECURITY_CONTACT = env("DJANGO_SECURITY_CONTACT", "")
# Serve MEDIA_ROOT from the app (off: the reverse proxy serves it; yuzhong_site/core/media.py).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", False)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: Simplified Chinese first (at /), English at /en/.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [
    ("zh-hans", "简体中文"),
    ("en", "English"),
]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# django-modeltranslation: Chinese is the source, English falls back to it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "zh-hans"
MODELTRANSLATION_LANGUAGES = ("zh-hans", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("zh-hans",)

# Static and media files
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Uploads (images, renditions, documents): MEDIA_ROOT, or an S3-compatible bucket with
# MEDIA_STORAGE=s3 (storage.py). A bucket's origin is allowed to serve the pages' pictures.
_MEDIA_STORAGE, MEDIA_ORIGINS = media_storage(os.environ)
STORAGES = {
    "default": _MEDIA_STORAGE,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
CSP_EXTRA_SOURCES = media_csp_sources(MEDIA_ORIGINS)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# Wagtail
WAGTAIL_SITE_NAME = "渝中“十四五”"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# Wagtail's database backend, taught to segment Chinese into bigrams (yuzhong_site/search/).
WAGTAILSEARCH_BACKENDS = {
    "default": {"BACKEND": "yuzhong_site.search.backend"},
}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "pptx", "rtf", "txt", "xlsx", "zip"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024  # 10 MB
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # refuse decompression bombs
# Uploads must decode completely (truncated files are refused at upload, not at render).
WAGTAILIMAGES_IMAGE_FORM_BASE = "districts.image_forms.SafeImageForm"
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"bmp": "jpeg", "gif": "gif"}
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_NOTIFICATION_USE_HTML = True
WAGTAIL_PASSWORD_RESET_ENABLED = False

# Security defaults; production tightens further.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
LANGUAGE_COOKIE_SAMESITE = "Lax"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", "WARNING")},
}

SITE_TAGLINE = _("Yuzhong District's 14th Five-Year Plan, in figures and places")
