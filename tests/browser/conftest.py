"""Browser tests: Playwright (PyPI) driving Debian's Chromium against pytest-django's live server.

They skip with a clear reason when Chromium is absent, and fail instead when CI is set.
"""

import functools
import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Playwright's sync API runs an event loop in the test thread; the ORM calls made by fixtures
# in that same thread are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    for item in items:
        if Path(str(item.fspath)).parent.name == "browser":
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        reason = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; browser tests must run in CI")
        pytest.skip(reason)
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover
        if os.environ.get("CI"):
            pytest.fail("playwright is not installed")
        pytest.skip("playwright is not installed")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        new_context = browser.new_context

        def new_context_closing_when_answered(**options):
            context = new_context(**options)
            _close_when_answered(context)
            return context

        browser.new_context = new_context_closing_when_answered
        yield browser
        browser.close()


def _close_when_answered(context):
    """Closing a context first waits (up to 10 s) for the answers to the requests its pages
    have sent: a request still being served when the test ends holds table locks while the
    test's database is emptied, and PostgreSQL then reports a deadlock."""
    waiting = set()
    context.on("request", lambda request: waiting.add(request))
    context.on("requestfinished", lambda request: waiting.discard(request))
    context.on("requestfailed", lambda request: waiting.discard(request))
    close = context.close

    def close_when_answered(**options):
        for _ in range(200):
            if not waiting or not context.pages:
                break
            context.pages[0].wait_for_timeout(50)
        close(**options)

    context.close = close_when_answered


@pytest.fixture(autouse=True)
def _pictures_from_the_live_server(settings):
    """The site's URLs with a route for the uploaded pictures (``tests/browser/urls.py``)."""
    settings.ROOT_URLCONF = "tests.browser.urls"


@pytest.fixture
def site(live_server, transactional_db, demo_snapshot):
    """The live server with the demo content loaded."""
    demo_snapshot.load()
    return live_server


def sign_in_to_admin(page, base, username, password):
    """Sign in through the admin's login form, as an editor does; returns on the dashboard."""
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def _new_page(browser, **options):
    context = browser.new_context(bypass_csp=True, **options)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


@pytest.fixture
def browser_page(browser):
    context, page = _new_page(browser, viewport={"width": 1280, "height": 900})
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = _new_page(
        browser,
        viewport={"width": 360, "height": 740},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield page
    context.close()


WCAG_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


@functools.cache
def _axe_script():
    """The copy of axe-core that axe-playwright-python ships."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text()


def run_axe(page, options=WCAG_AA, extra_rules=()):
    """axe-core's violations on the loaded page: the rules ``options`` select (WCAG 2.1 AA by
    default) and, in the same run, the rules named in ``extra_rules``. axe is put into the page
    once, not before every run."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(_axe_script())
    options = {**options, "resultTypes": ["violations"]}
    if extra_rules:
        options["rules"] = {rule: {"enabled": True} for rule in extra_rules}
    return page.evaluate("options => axe.run(document, options)", options)["violations"]


def no_horizontal_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
