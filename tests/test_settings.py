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


def test_database_and_cache_come_from_the_environment(settings):
    from django.conf import settings as live

    engine = live.DATABASES["default"]["ENGINE"]
    if os.environ.get("DATABASE_URL", "").startswith("postgres"):
        assert engine == "django.db.backends.postgresql"
    else:
        assert engine == "django.db.backends.sqlite3"
    assert "django.contrib.postgres" in live.INSTALLED_APPS
