"""Scaling out: two gunicorn instances on one PostgreSQL database and one Redis.

An editor signs in and publishes on instance A; instance B shows the new page at once (its cached
home page is purged through the shared Redis), accepts the editor's session, and serves the image
uploaded through A (shared MEDIA_ROOT; media served by the app with DJANGO_SERVE_MEDIA here —
behind the reverse proxy in production).

Run with ``make test-two-instances`` (CI does). Uses TWO_INSTANCE_DATABASE_URL (a database it
drops and re-creates) and TWO_INSTANCE_REDIS_URL (a Redis database it flushes). Skipped when
PostgreSQL or Redis is unreachable — except in CI, where that is a failure.
"""

import io
import os
import re
import secrets
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

pytestmark = pytest.mark.two_instances

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get(
    "TWO_INSTANCE_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/yuzhong_two_instances"
)
REDIS_URL = os.environ.get("TWO_INSTANCE_REDIS_URL", "redis://127.0.0.1:6379/2")
PASSWORD = secrets.token_urlsafe(16)


def services_or_skip():
    problems = []
    try:
        import psycopg

        parts = urlsplit(DATABASE_URL)
        psycopg.connect(
            host=parts.hostname, port=parts.port or 5432, user=parts.username,
            password=parts.password, dbname="postgres", connect_timeout=3,
        ).close()
    except Exception as error:  # noqa: BLE001
        problems.append(f"PostgreSQL unreachable ({error})")
    try:
        import redis

        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=3).ping()
    except Exception as error:  # noqa: BLE001
        problems.append(f"Redis unreachable ({error})")
    if problems:
        message = "; ".join(problems)
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the two-instance test: {message}")
        pytest.skip(message)


def recreate_database():
    import psycopg

    parts = urlsplit(DATABASE_URL)
    name = parts.path.lstrip("/")
    assert re.fullmatch(r"[a-z0-9_]+", name), name
    with psycopg.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username,
        password=parts.password, dbname="postgres", autocommit=True,
    ) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


class Form(HTMLParser):
    """The fields of the first POST form, with their default values (as a browser sends them)."""

    def __init__(self, html):
        super().__init__()
        self.fields, self._in_form, self._textarea, self._done = {}, False, None, False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post" and not self._done:
            self._in_form = True
        if not self._in_form or not attrs.get("name"):
            return
        kind = (attrs.get("type") or "text").lower()
        if tag == "input" and kind not in {"submit", "button", "file", "checkbox", "radio"}:
            self.fields[attrs["name"]] = attrs.get("value") or ""
        elif tag == "input" and kind in {"checkbox", "radio"} and "checked" in attrs:
            self.fields[attrs["name"]] = attrs.get("value") or "on"
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.fields[attrs["name"]] = ""

    def handle_data(self, data):
        if self._textarea:
            self.fields[self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


class Browser:
    """A minimal cookie-keeping client for one instance (the proxy says HTTPS)."""

    def __init__(self, server, cookies=None):
        self.server, self.cookies = server, dict(cookies or {})

    def request(self, path, *, method="GET", body=b"", content_type=None):
        from tests.perf.harness import http_request

        headers = {"Origin": f"https://127.0.0.1:{self.server.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if content_type:
            headers["Content-Type"] = content_type
        response = http_request(self.server.port, path, method=method, headers=headers, body=body)
        for line in response.headers.get("set-cookie", "").split("\n"):
            if "=" in line:
                name, _eq, rest = line.partition("=")
                self.cookies[name.strip()] = rest.split(";")[0]
        return response

    def post_form(self, path, fields, files=None):
        if files:
            boundary = secrets.token_hex(12)
            body = io.BytesIO()
            for name, value in fields.items():
                body.write(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
                    f"{value}\r\n".encode()
                )
            for name, (filename, data, mime) in files.items():
                body.write(
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                    f'filename="{filename}"\r\nContent-Type: {mime}\r\n\r\n'.encode()
                )
                body.write(data + b"\r\n")
            body.write(f"--{boundary}--\r\n".encode())
            return self.request(path, method="POST", body=body.getvalue(),
                                content_type=f"multipart/form-data; boundary={boundary}")
        return self.request(path, method="POST", body=urlencode(fields).encode(),
                            content_type="application/x-www-form-urlencoded")


def manage_output(env, code):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, env=env,
        capture_output=True, text=True, check=True, timeout=120,
    )
    return result.stdout.strip().splitlines()[-1]


def png_bytes():
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def test_two_instances_share_publishing_sessions_cache_and_media(tmp_path):
    services_or_skip()
    import redis

    from tests.perf.harness import Gunicorn, manage, prepare, production_env

    recreate_database()
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = production_env(
        DATABASE_URL=DATABASE_URL, REDIS_URL=REDIS_URL, MEDIA_ROOT=tmp_path / "media",
        DJANGO_SERVE_MEDIA="1", DJANGO_SUPERUSER_PASSWORD=PASSWORD,
    )
    prepare(env)
    manage("createsuperuser", "--noinput", "--username", "ops", "--email", "ops@example.org",
           env=env)
    home_id = manage_output(
        env, "from wagtail.models import Site; print(Site.objects.get(is_default_site=True).root_page_id)"
    )
    log = tmp_path / "gunicorn.log"

    with Gunicorn(env, workers=2, log=log) as a, Gunicorn(env, workers=2, log=log) as b:
        visitor_b = Browser(b)
        visitor_b.request("/")
        assert visitor_b.request("/").headers.get("x-cache") == "HIT"  # B has the home cached

        # An editor signs in on A…
        editor_a = Browser(a)
        login = Form(editor_a.request("/admin/login/").body.decode())
        signed_in = editor_a.post_form(
            "/admin/login/", {**login.fields, "username": "ops", "password": PASSWORD}
        )
        assert signed_in.status == 302, signed_in.body[:500]
        assert "sessionid" in editor_a.cookies

        # …and the same session works on B.
        editor_b = Browser(b, editor_a.cookies)
        dashboard = editor_b.request("/admin/")
        assert dashboard.status == 200
        assert b"/admin/logout/" in dashboard.body

        # A page published through A's admin is on B's (previously cached) home page at once.
        add_url = f"/admin/pages/add/yuzhong_site/standardpage/{home_id}/"
        form = Form(editor_a.request(add_url).body.decode())
        fields = {
            **form.fields, "title": "两台服务器测试页", "slug": "two-instances",
            "show_in_menus": "on", "body-count": "0", "action-publish": "action-publish",
        }
        published = editor_a.post_form(add_url, fields)
        assert published.status == 302, published.body[:2000]
        home_on_b = visitor_b.request("/")
        assert home_on_b.status == 200
        assert "两台服务器测试页" in home_on_b.body.decode()
        assert visitor_b.request("/two-instances/").status == 200

        # An image uploaded through A is served by B from the shared media storage.
        upload = Form(editor_a.request("/admin/images/add/").body.decode())
        uploaded = editor_a.post_form(
            "/admin/images/add/", {**upload.fields, "title": "测试图片"},
            files={"file": ("two.png", png_bytes(), "image/png")},
        )
        assert uploaded.status == 302, uploaded.body[:2000]
        file_url = manage_output(
            env, "from wagtail.images.models import Image; print(Image.objects.latest('id').file.url)"
        )
        served = visitor_b.request(file_url)
        assert served.status == 200
        assert served.body == png_bytes()
