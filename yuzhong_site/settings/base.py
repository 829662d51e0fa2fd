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
    # search / open data / feedback <- the project's URLs (tests/test_layers.py enforces it).
    "yuzhong_site.core",
    "districts",
    "plans",
    "yuzhong_site.search",
    "yuzhong_site.open_data",
    "yuzhong_site.feedback",
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
    # Sign-in throttling: the block "Sign-in and page-password throttling" below.
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # /healthz: always JSON, before anything that needs the database or the cache.
    "yuzhong_site.core.health.HealthMiddleware",
    # Production: a Host that is not exactly a configured site host gets 400.
    "yuzhong_site.core.hosts.StrictHostMiddleware",
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
    # A message after approve or reject from the dashboard (yuzhong_site/core/workflow_messages.py).
    "yuzhong_site.core.workflow_messages.workflow_messages",
    "yuzhong_site.core.security.PagePasswordThrottleMiddleware",
    # Last: turns axes' lockout into the bilingual 429 page (yuzhong_site/core/security.py).
    "axes.middleware.AxesMiddleware",
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
# SQLite, the embedded default, must hold several editors saving at once (Wagtail's autosave,
# its editing-session ping and a submit write within the same second): a write transaction takes
# the write lock when it begins (IMMEDIATE), so a read-then-write never fails half-way with
# "database is locked"; a writer waits up to 20 s for the lock; WAL lets readers read meanwhile.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: local memory by default, Redis through REDIS_URL.
REDIS_URL = env("REDIS_URL", "")
if REDIS_URL:
    from yuzhong_site.core.cache_faults import FailFastConnection

    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "yuzhong",
            # Redis is an accelerator, never a dependency (yuzhong_site/core/cache_faults.py):
            # short timeouts, errors become cache misses, a failed Redis is left alone for a few
            # seconds, and editors' sessions live in the database only.
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "SOCKET_CONNECT_TIMEOUT": 0.5,
                "SOCKET_TIMEOUT": 1.0,
                "IGNORE_EXCEPTIONS": True,
                "CONNECTION_POOL_KWARGS": {
                    "connection_class": FailFastConnection,
                },
            },
        }
    }
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
    # One purge per publish: the whole site, after the commit (core/cache.py). The app
    # "wagtail.contrib.frontend_cache" is deliberately not installed: its own signal handlers
    # would purge each published page again, inside the transaction. Its backends work without it.
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

# -- Sign-in and page-password throttling ---------------------------------------------
# Every sign-in goes through django-axes at the authentication backend, whatever the login view;
# failures are rows in the database (AXES_HANDLER), so the limits hold across workers and
# instances without Redis. Unlock: `manage.py axes_reset_username NAME`, `axes_reset_ip ADDRESS`
# or `axes_reset` (docs/operations-security.md).
AUTHENTICATION_BACKENDS = [
    "yuzhong_site.core.security.AxesBackend",  # axes' standalone backend (core/security.py)
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "yuzhong_site.core.security.PerParameterLimitsHandler"
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
LOGIN_LOCKOUT_LIMITS = (
    5,  # failures per account and address
    20,  # failures per address, any account
    10,  # failures per account, all addresses together
)
AXES_FAILURE_LIMIT = 100  # percent of the parameter's own limit (PerParameterLimitsHandler)
LOGIN_THROTTLE_WINDOW = 15 * 60
AXES_COOLOFF_TIME = LOGIN_THROTTLE_WINDOW / 3600  # hours
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "yuzhong_site.core.security.refused"
AXES_CLIENT_IP_CALLABLE = "yuzhong_site.core.security.client_ip"
AXES_USERNAME_CALLABLE = "yuzhong_site.core.security.login_username"
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_VERBOSE = False
PAGE_PASSWORD_THROTTLE_LIMIT = 10  # wrong page passwords per address and private page
PAGE_PASSWORD_THROTTLE_TOTAL_LIMIT = 100  # wrong page passwords per private page, all addresses
# -- end of the throttling block ------------------------------------------------------------------
NUM_PROXIES = int(env("DJANGO_NUM_PROXIES", "0"))  # trusted proxies adding X-Forwarded-For

# E-mail (SMTP from the environment; development prints to the console, tests keep it in memory).
EMAIL_HOST = env("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env("DJANGO_DEFAULT_FROM_EMAIL", "webmaster@localhost")

# Residents' feedback (docs/feedback.md): throttles (django-ratelimit) and how long contact
# details are kept after an item is closed.
FEEDBACK_RATE_PER_ADDRESS = env("FEEDBACK_RATE_PER_ADDRESS", "10/h")
FEEDBACK_RATE_PER_CONTACT = env("FEEDBACK_RATE_PER_CONTACT", "5/h")
FEEDBACK_CONTACT_RETENTION_MONTHS = int(env("FEEDBACK_CONTACT_RETENTION_MONTHS", "12"))

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
# locale/wagtail: Wagtail's own interface strings that the installed Wagtail has not translated
# into Chinese (docs/admin-chinese.md lists them); after the project's, before Wagtail's.
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "wagtail"]
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
# A new file over a document live pages use goes through review (yuzhong_site/core/media_review.py).
WAGTAILDOCS_DOCUMENT_FORM_BASE = "yuzhong_site.core.media_review.ReviewedDocumentForm"
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


# -- Redis failures: logged once per interval, never per request ----------------------
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "yuzhong_site.cache_faults"
REDIS_RETRY_SECONDS = 5  # a failed Redis is not tried again for this long
REDIS_LOG_INTERVAL = 60
LOGGING["filters"] = {
    "once_per_interval": {
        "()": "yuzhong_site.core.cache_faults.OncePerInterval",
        "interval": REDIS_LOG_INTERVAL,
    },
}
LOGGING["loggers"] = {
    "yuzhong_site.cache_faults": {"filters": ["once_per_interval"], "level": "WARNING"},
}
# -- end of the Redis-failures block ---------------------------------------------------------------
