"""Caches that know the date and the route.

* A status that depends on today's date (a target year passing) changes at local midnight on
  the plan, pillar and home pages as on the metric page: the per-publish memo and the page cache
  carry the local date, and page-cache entries expire no later than the next local midnight.
* Only routes that served a page fill the memo: unknown sub-page addresses cannot empty it for
  everyone. Previews neither read nor write it.
* One CDN purge per publish: Wagtail's own per-page purge is not installed beside the whole-site
  purge.
"""

import datetime
import json
import os
import subprocess
import sys
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.plans.factories import make_metric, make_plan
from yuzhong_site.core import memo

pytestmark = pytest.mark.django_db

REAL_LOCALDATE = timezone.localdate


def pretend_today(monkeypatch, day):
    def localdate(value=None, timezone=None):
        if value is None:
            return day
        return REAL_LOCALDATE(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)


@pytest.fixture
def due_this_year(home, english_home):
    plan, pillars = make_plan(home, start_year=2021, end_year=2030, slug="plan")
    return make_metric(
        pillars["services"], slug="due-2025", name_en="Due in 2025", name_zh_hans="二〇二五年到期",
        baseline_value=Decimal("100"), baseline_year=2020, target_value=Decimal("200"),
        target_year=2025, measurements=[(2023, "120")],
    )


PAGES = ["/en/plan/", "/en/plan/services/", "/en/plan/metrics/due-2025/"]
NO_RESULT = "No result for the target year"


def test_a_target_year_passing_shows_at_midnight_on_every_page(client, due_this_year, monkeypatch):
    pretend_today(monkeypatch, datetime.date(2025, 12, 31))
    before = {path: client.get(path).content.decode() for path in PAGES}
    assert all(NO_RESULT not in html for html in before.values())
    for path in PAGES:  # cached and memoised for 31 December
        assert client.get(path)["X-Cache"] == "HIT"
    pretend_today(monkeypatch, datetime.date(2026, 1, 1))
    for path in PAGES:
        assert NO_RESULT in client.get(path).content.decode(), path


def test_page_cache_entries_expire_by_the_next_local_midnight(client, home, monkeypatch, settings):
    from yuzhong_site.core.cache import PublicPageCacheMiddleware

    settings.PAGE_CACHE_TIMEOUT = 6 * 3600
    late = timezone.make_aware(datetime.datetime(2025, 12, 31, 23, 50))
    monkeypatch.setattr("django.utils.timezone.localtime", lambda value=None, timezone=None: late)
    middleware = PublicPageCacheMiddleware(lambda request: None)
    assert middleware.timeout_until_midnight() == 600


def test_unknown_sub_page_addresses_do_not_fill_the_memo(client, due_this_year):
    assert client.get("/plan/metrics/due-2025/").status_code == 200
    assert client.get("/plan/").status_code == 200
    kept = len(memo._state["values"])
    for number in range(50):
        assert client.get(f"/plan/metrics/no-such-{number}/").status_code == 404
        assert client.get(f"/en/plan/projects/no-such-{number}/").status_code == 404
    assert len(memo._state["values"]) <= kept + 4  # the 404 page's own shared values at most
    routes = [key for key in memo._state["values"] if key[0] == "route"]
    assert all("no-such" not in "/".join(key[3]) for key in routes)


def test_a_preview_neither_reads_nor_writes_the_memo(client, due_this_year, home):
    """Wagtail runs a preview through the middleware with a dummy request: its draft must not
    become what the public is served from the memo, nor be answered from it."""
    from django.core.cache import cache

    from plans.models import PlanPage

    plan = PlanPage.objects.get(slug="plan", locale__language_code="zh-hans")
    assert client.get("/plan/").status_code == 200
    before = dict(memo._state["values"])
    plan.title = "草稿标题"
    plan.summary = "草稿摘要"
    plan.save_revision()
    draft = plan.get_latest_revision_as_object()
    preview = draft.make_preview_request()
    assert preview.status_code == 200
    assert "草稿标题" in preview.content.decode()
    assert dict(memo._state["values"]) == before  # nothing written by the preview
    cache.clear()
    public = client.get("/plan/").content.decode()
    assert "草稿" not in public


def test_one_cdn_purge_per_publish_wagtails_own_per_page_purge_is_not_installed(tmp_path):
    code = """
import json, django
django.setup()
from django.apps import apps
from wagtail.signals import page_published
from wagtail.contrib.frontend_cache.utils import get_backends
receivers = [str(receiver) for receiver in page_published._live_receivers(None)[0]]
print(json.dumps({
    "installed": apps.is_installed("wagtail.contrib.frontend_cache"),
    "wagtail_handlers": [r for r in receivers if "frontend_cache" in r],
    "backends": sorted(get_backends()),
}))
"""
    env = {**os.environ, "CDN_PURGE_BACKEND": "http", "CDN_PURGE_URL": "http://127.0.0.1:9/purge",
           "DJANGO_SETTINGS_MODULE": "yuzhong_site.settings.test"}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,  # noqa: S603
                            text=True, timeout=120, cwd=os.path.dirname(os.path.dirname(__file__)))
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found == {"installed": False, "wagtail_handlers": [], "backends": ["default"]}
