"""What a security reviewer checks: headers, a clean `check --deploy`, a throttled admin login,
security.txt, the health endpoint and safe media serving."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousOperation
from django.http import Http404
from django.test import RequestFactory

from tests.helpers import text_of

ROOT = Path(__file__).resolve().parent.parent


def policy(response):
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def production_env(tmp_path, **extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.pop("REDIS_URL", None)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "yuzhong_site.settings.production",
            "DJANGO_SECRET_KEY": "k3y-" + "x7Yq" * 16,
            "DJANGO_ALLOWED_HOSTS": "plan.example.org",
            "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
            "DJANGO_CACHE_DIR": str(tmp_path / "cache"),
            **extra,
        }
    )
    return env


def run_python(code, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120,
    )


@pytest.mark.parametrize("path", ["/", "/en/", "/no-such-page/"])
def test_public_pages_send_a_strict_content_security_policy(client, home, english_home, path):
    client.get(path)
    for response in (client.get(path), client.get(path)):  # rendered and from the cache
        directives = policy(response)
        scripts = directives["script-src"]
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
        assert scripts == ["'self'"]  # no nonce, no hashes: the public pages run no inline script
        assert directives["style-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"]
        assert directives["frame-ancestors"] == ["'none'"]
        assert directives["base-uri"] == ["'self'"]


def test_public_pages_send_the_other_security_headers(client, home):
    response = client.get("/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions


@pytest.mark.crawl
def test_public_pages_have_no_inline_script_to_allow(demo_client):
    """Every public page in both languages: a <script> is either external (src on our origin) or
    a JSON-LD data block, which the policy does not govern; no inline code, no event handlers."""
    import re

    from yuzhong_site.core.public_urls import page_urls

    urls = [found.url for found in page_urls()]
    assert len(urls) > 20
    for url in urls:
        html = demo_client.get(url).content.decode()
        for attributes, body in re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S):
            assert 'type="application/ld+json"' in attributes or (
                "src=" in attributes and not body.strip()
            ), (url, attributes)
        assert not re.search(r"\son[a-z]+\s*=", html), url


def test_the_admin_gets_a_relaxed_policy_but_may_only_be_framed_by_itself(admin_client):
    directives = policy(admin_client.get("/admin/"))
    assert "'unsafe-eval'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert directives["object-src"] == ["'none'"]


def test_production_settings_pass_check_deploy_with_no_warnings(tmp_path):
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=production_env(tmp_path), capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_sends_hsts_and_marks_cookies_secure(tmp_path):
    code = """
import json, django
django.setup()
from django.conf import settings
from django.test import Client
response = Client().get("/healthz", secure=True, HTTP_HOST="plan.example.org")
insecure = Client().get("/healthz", HTTP_HOST="plan.example.org")
print(json.dumps({
    "status": response.status_code,
    "hsts": response.get("Strict-Transport-Security"),
    "redirect": insecure.status_code, "location": insecure.get("Location"),
    "cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE,
                settings.LANGUAGE_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY],
    "debug": settings.DEBUG,
}))
"""
    result = run_python(code, production_env(tmp_path))
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["status"] == 200
    assert found["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert found["redirect"] == 301
    assert found["location"] == "https://plan.example.org/healthz"
    assert found["cookies"] == [True, True, True, True]
    assert found["debug"] is False


# -- admin login throttling ----------------------------------------------------------------------
def login(client, username, password):
    return client.post("/admin/login/", {"username": username, "password": password})


def test_admin_login_is_refused_after_five_failures_for_one_account(client, superuser):
    for _ in range(4):
        assert login(client, "root-editor", "wrong").status_code == 200  # the form again
    assert login(client, "root-editor", "wrong").status_code == 429  # the fifth locks
    refused = login(client, "root-editor", "pw-for-tests")  # even the right password now
    assert refused.status_code == 429
    assert refused["Retry-After"] == str(15 * 60)
    assert "登录尝试次数过多" in text_of(refused) and "Too many sign-in attempts" in text_of(refused)
    assert "_auth_user_id" not in client.session


def test_other_accounts_can_still_sign_in_while_one_is_throttled(client, superuser, django_user_model):
    django_user_model.objects.create_superuser("second", "s@example.org", "pw-second")
    for _ in range(5):
        login(client, "root-editor", "wrong")
    assert login(client, "second", "pw-second").status_code == 302


def test_one_address_trying_many_accounts_is_throttled_too(client, superuser):
    for number in range(20):
        login(client, f"guess-{number}", "wrong")
    assert login(client, "root-editor", "pw-for-tests").status_code == 429


FRONT_END_LOGINS = ["/_util/login/", "/en/_util/login/", "/admin/login/"]


@pytest.mark.parametrize("path", FRONT_END_LOGINS)
def test_every_login_view_is_throttled_and_the_owner_is_not_bypassed(client, home, superuser, path):
    """Finding: Wagtail's front-end login was not throttled at all -- 40 guesses there, then the
    right password signed in. Now five failures lock the account for that address on every
    login view, whichever view the failures came through."""
    for _ in range(40):
        client.post(path, {"username": "root-editor", "password": "wrong"})
    for other in FRONT_END_LOGINS:
        refused = client.post(other, {"username": "root-editor", "password": "pw-for-tests"})
        assert refused.status_code == 429, other
        assert "Too many sign-in attempts" in text_of(refused)
        assert "_auth_user_id" not in client.session


def test_login_failures_are_kept_in_the_database_not_the_cache(client, superuser):
    """Limits hold across workers and instances without Redis: the count survives the cache."""
    from axes.models import AccessAttempt
    from django.core.cache import cache

    for _ in range(3):
        login(client, "root-editor", "wrong")
    cache.clear()
    assert AccessAttempt.objects.filter(username="root-editor").exists()
    for _ in range(2):
        login(client, "root-editor", "wrong")
    assert login(client, "root-editor", "pw-for-tests").status_code == 429


def test_axes_reset_unlocks_an_account(client, superuser):
    from django.core.management import call_command

    for _ in range(5):
        login(client, "root-editor", "wrong")
    assert login(client, "root-editor", "pw-for-tests").status_code == 429
    call_command("axes_reset_username", "root-editor")
    assert login(client, "root-editor", "pw-for-tests").status_code == 302


def test_signing_in_to_ones_own_account_does_not_reset_an_address_guessing_others(
    client, superuser, django_user_model
):
    django_user_model.objects.create_superuser("mine", "m@example.org", "pw-mine")
    for number in range(19):
        login(client, f"guess-{number}", "wrong")
    assert login(client, "mine", "pw-mine").status_code == 302
    client.logout()
    login(client, "guess-last", "wrong")
    assert login(client, "root-editor", "pw-for-tests").status_code == 429


def test_a_successful_sign_in_clears_the_count(client, superuser):
    for _ in range(4):
        login(client, "root-editor", "wrong")
    assert login(client, "root-editor", "pw-for-tests").status_code == 302
    client.logout()
    for _ in range(4):
        login(client, "root-editor", "wrong")
    assert login(client, "root-editor", "pw-for-tests").status_code == 302


def test_the_address_behind_trusted_proxies_is_used(rf, settings):
    from yuzhong_site.core.security import client_ip

    request = rf.get("/", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9", REMOTE_ADDR="10.0.0.2")
    assert client_ip(request) == "10.0.0.2"
    settings.NUM_PROXIES = 1
    assert client_ip(request) == "203.0.113.9"  # not the spoofable left-most value


# -- security.txt, health, media -----------------------------------------------------------------
def test_security_txt_names_a_contact_and_an_expiry(client, home, settings):
    settings.SECURITY_CONTACT = "mailto:security@example.org"
    response = client.get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = text_of(response)
    assert "Contact: mailto:security@example.org" in body
    assert "Expires: " in body and "Preferred-Languages: zh, en" in body


def test_security_txt_falls_back_to_the_footer_email_and_is_absent_without_one(client, home, settings):
    from yuzhong_site.core.models import FooterSettings

    settings.SECURITY_CONTACT = ""
    assert client.get("/.well-known/security.txt").status_code == 404
    footer = FooterSettings.for_site(home.get_site())
    footer.contact_email = "web@example.org"
    footer.save()
    assert "Contact: mailto:web@example.org" in text_of(client.get("/.well-known/security.txt"))


def test_health_endpoint_checks_database_and_cache(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok", "database": "ok", "cache": "ok", "checks": {"database": "ok", "cache": "ok"}
    }
    assert "no-store" in response["Cache-Control"]
    assert client.get("/en/healthz/").status_code == 404  # not language-prefixed


def test_health_endpoint_reports_a_broken_database(client, db, monkeypatch):
    from yuzhong_site.core import health

    def broken():
        raise RuntimeError("database is down")

    monkeypatch.setattr(health, "_check_database", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "error", "cache": "ok"}


def test_media_serving_stays_inside_media_root_and_neutralises_active_content(tmp_path, settings):
    from yuzhong_site.core.media import serve_media

    settings.MEDIA_ROOT = tmp_path / "media"
    (tmp_path / "media" / "images").mkdir(parents=True)
    (tmp_path / "media" / "images" / "a.png").write_bytes(b"\x89PNG\r\n")
    (tmp_path / "media" / "images" / "b.svg").write_text("<svg onload='alert(1)'/>")
    (tmp_path / "secret.txt").write_text("secret")
    factory = RequestFactory()

    image = serve_media(factory.get("/media/images/a.png"), "images/a.png")
    assert image.status_code == 200
    assert not image.get("Content-Disposition", "").startswith("attachment")
    assert image["Content-Security-Policy"] == "default-src 'none'; sandbox"
    svg = serve_media(factory.get("/media/images/b.svg"), "images/b.svg")
    assert svg["Content-Disposition"] == "attachment"
    for path in ("../secret.txt", "images/../../secret.txt", "images/"):
        with pytest.raises((Http404, SuspiciousOperation)):  # 404 or 400, never the file
            serve_media(factory.get("/media/" + path), path)


def test_one_account_tried_from_many_addresses_is_throttled(client, superuser):
    for number in range(10):
        response = client.post(
            "/admin/login/", {"username": "root-editor", "password": "wrong"},
            REMOTE_ADDR=f"198.51.100.{number}",
        )
        assert response.status_code == (200 if number < 9 else 429)  # the tenth locks
    refused = client.post(
        "/admin/login/", {"username": "root-editor", "password": "pw-for-tests"}, REMOTE_ADDR="203.0.113.7"
    )
    assert refused.status_code == 429


def test_page_passwords_cannot_be_tried_without_limit(client, home):
    from wagtail.models import PageViewRestriction

    from yuzhong_site.core.models import StandardPage
    from yuzhong_site.core.pages import ensure_child_page

    page, _ = ensure_child_page(home, StandardPage, "private", title="内部", introduction="内部")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="right-one"
    )
    url = f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/"
    for guess in range(10):
        assert client.post(url, {"password": f"guess-{guess}", "return_url": page.url}).status_code == 200
    refused = client.post(url, {"password": "right-one", "return_url": page.url})
    assert refused.status_code == 429 and "Retry-After" in refused
    # Another address may still try, and the right password works.
    other = client.post(url, {"password": "right-one", "return_url": page.url}, REMOTE_ADDR="203.0.113.8")
    assert other.status_code == 302


@pytest.mark.parametrize(
    "spelling",
    ["/_util/authenticate_with_password/{r}/{p}/", "/_util/authenticate_with_password/0{r}/{p}/",
     "/_util/authenticate_with_password/00{r}/0{p}/", "/en/_util/authenticate_with_password/{r}/{p}/"],
)
def test_page_passwords_are_counted_by_what_the_url_means(client, home, spelling):
    """Finding: the count was keyed on the raw path, so /01/13/, /001/13/ and the /en/ copy each
    started afresh. Now guesses through every spelling count together."""
    from wagtail.models import PageViewRestriction

    from yuzhong_site.core.models import StandardPage
    from yuzhong_site.core.pages import ensure_child_page

    page, _ = ensure_child_page(home, StandardPage, "private", title="内部", introduction="内部")
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="right-one"
    )
    spellings = [
        "/_util/authenticate_with_password/{r}/{p}/", "/_util/authenticate_with_password/0{r}/{p}/",
        "/_util/authenticate_with_password/00{r}/0{p}/", "/en/_util/authenticate_with_password/{r}/{p}/",
    ]
    for guess in range(10):
        url = spellings[guess % len(spellings)].format(r=restriction.pk, p=page.pk)
        response = client.post(url, {"password": f"guess-{guess}", "return_url": page.url})
        assert response.status_code == 200, url
    url = spelling.format(r=restriction.pk, p=page.pk)
    refused = client.post(url, {"password": "right-one", "return_url": page.url})
    assert refused.status_code == 429, url
    assert "Retry-After" in refused


@pytest.mark.parametrize(
    "path",
    ["//_util/login/", "/_util//login/", "/en//_util/login/", "/EN/_util/login/",
     "/_util/authenticate_with_password//1/1/", "/_util/authenticate_with_password/1/-1/",
     "/_util/authenticate_with_password/99999999999999999999/1/", "/admin//login/"],
)
def test_odd_spellings_of_the_login_urls_are_answered_never_with_a_500(client, home, superuser, path):
    """Bad input: odd spellings either reach a throttled view or no view at all (404/405)."""
    client.raise_request_exception = False
    response = client.post(path, {"username": "root-editor", "password": "wrong", "return_url": "/"})
    assert response.status_code < 500, (path, response.status_code)
