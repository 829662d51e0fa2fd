import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_production(extra_env):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update({"DJANGO_SETTINGS_MODULE": "yuzhong_site.settings.production", **extra_env})
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _load_production({"DJANGO_ALLOWED_HOSTS": "example.org"})
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "started" not in result.stdout


def test_production_refuses_to_start_without_allowed_hosts():
    result = _load_production({"DJANGO_SECRET_KEY": "x" * 60})
    assert result.returncode != 0
    assert "DJANGO_ALLOWED_HOSTS" in result.stderr


def test_production_starts_with_its_variables():
    result = _load_production(
        {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "example.org"}
    )
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def _cache_settings(settings_module, extra_env):
    """The default cache and the session engine that ``settings_module`` configures with
    ``extra_env`` (and no REDIS_URL or DJANGO_* variable of this shell)."""
    env = {
        k: v for k, v in os.environ.items() if not k.startswith("DJANGO_") and k != "REDIS_URL"
    }
    env.update({"DJANGO_SETTINGS_MODULE": settings_module, **extra_env})
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps([settings.CACHES['default'], settings.SESSION_ENGINE], default=repr))"
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


PRODUCTION_ENV = {"DJANGO_SECRET_KEY": "x" * 60, "DJANGO_ALLOWED_HOSTS": "example.org"}


def test_the_cache_is_local_memory_in_development_and_files_on_one_production_machine(tmp_path):
    cache, _sessions = _cache_settings("yuzhong_site.settings.dev", {})
    assert cache["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    cache, _sessions = _cache_settings(
        "yuzhong_site.settings.production", {**PRODUCTION_ENV, "DJANGO_CACHE_DIR": str(tmp_path)}
    )
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert cache["LOCATION"] == str(tmp_path)


def test_redis_url_puts_the_cache_in_redis_and_sessions_stay_in_the_database():
    url = "redis://cache.internal:6379/2"
    for module, extra in [("yuzhong_site.settings.dev", {}),
                          ("yuzhong_site.settings.production", PRODUCTION_ENV)]:
        cache, sessions = _cache_settings(module, {**extra, "REDIS_URL": url})
        assert cache["BACKEND"] == "django_redis.cache.RedisCache"
        assert cache["LOCATION"] == url
        # Redis is an accelerator, never a dependency: editors' sessions live in the database.
        assert sessions == "django.contrib.sessions.backends.db"


def test_the_database_comes_from_the_environment():
    from django.conf import settings as live

    engine = live.DATABASES["default"]["ENGINE"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"
    assert "django.contrib.postgres" in live.INSTALLED_APPS
