"""The public-page cache: fast for visitors, never stale after a publish, never for editors."""

import pytest
from django.test import RequestFactory
from wagtail.models import PageViewRestriction

from tests.helpers import text_of
from yuzhong_site.core.cache import PublicPageCacheMiddleware
from yuzhong_site.core.models import FooterSettings, StandardPage
from yuzhong_site.core.pages import ensure_child_page
from yuzhong_site.core.security import SecurityHeadersMiddleware


@pytest.fixture
def about(home):
    page, _created = ensure_child_page(
        home, StandardPage, "about", title="关于本站", introduction="本站介绍渝中区规划。"
    )
    return page


def cache_control(response):
    return {part.strip() for part in response["Cache-Control"].split(",")}


def test_anonymous_visitors_get_the_second_view_from_the_cache(client, about):
    first = client.get(about.url)
    second = client.get(about.url)
    assert first.status_code == second.status_code == 200
    assert first["X-Cache"] == "MISS"
    assert second["X-Cache"] == "HIT"
    assert text_of(second) == text_of(first)


def test_cached_pages_tell_browsers_and_cdns_how_long_to_keep_them(client, about):
    response = client.get(about.url)
    assert cache_control(response) == {
        "public", "max-age=60", "s-maxage=300", "stale-while-revalidate=60"
    }
    # The language is in the path; only the large-text cookie changes the page.
    vary = {value.strip().lower() for value in response["Vary"].split(",")}
    assert vary == {"cookie"}


def test_a_publish_is_visible_at_once(client, about):
    assert "关于本站" in text_of(client.get(about.url))
    revision = about.save_revision()
    revision.content["title"] = "关于这个网站"
    revision.save()
    revision.publish()
    response = client.get(about.url)
    assert response["X-Cache"] == "MISS"
    assert "关于这个网站" in text_of(response)


def test_a_new_page_appears_in_the_navigation_of_cached_pages(client, home, about):
    client.get("/")
    ensure_child_page(home, StandardPage, "contact", title="联系我们", show_in_menus=True)
    assert "联系我们" in text_of(client.get("/"))


def test_an_unpublished_page_disappears_at_once(client, about):
    assert client.get(about.url).status_code == 200
    about.unpublish()
    assert client.get(about.url).status_code == 404


def test_a_moved_page_is_found_at_its_new_address(client, home, about):
    section, _ = ensure_child_page(home, StandardPage, "section", title="栏目")
    old_url = about.url
    assert client.get(old_url).status_code == 200
    about.move(section, pos="last-child")
    moved = client.get(old_url)
    assert moved.status_code == 301  # Wagtail's automatic redirect, not the cached old page
    assert moved["Location"] == "/section/about/"
    assert client.get("/section/about/").status_code == 200


def test_a_deleted_page_disappears_at_once(client, about):
    url = about.url
    client.get(url)
    about.delete()
    assert client.get(url).status_code == 404


def test_changing_site_data_shown_on_pages_purges_them(client, home):
    """The one generic hook: saving any data model of the site's apps (here the footer
    setting; metrics and projects likewise) purges every cached page."""
    assert "渝中区融媒体中心" not in text_of(client.get("/"))
    footer = FooterSettings.for_site(home.get_site())
    footer.operator_zh_hans = "渝中区融媒体中心"
    footer.save()
    assert "渝中区融媒体中心" in text_of(client.get("/"))


def test_logged_in_editors_never_get_or_leave_cached_pages(client, admin_client, about):
    editor_view = admin_client.get(about.url)
    assert editor_view.status_code == 200
    assert "X-Cache" not in editor_view
    assert "private" in cache_control(editor_view)
    assert "no-cache" in cache_control(editor_view)
    assert "X-Cache" not in admin_client.get(about.url)

    client.logout()
    visitor_view = client.get(about.url)
    assert visitor_view["X-Cache"] == "MISS"  # the editor's page was not stored
    assert "wagtail-userbar" not in text_of(visitor_view)


def test_an_editor_with_a_cached_page_in_the_cache_still_gets_a_fresh_one(client, superuser, about):
    client.get(about.url)  # anonymous: now cached
    client.force_login(superuser)
    response = client.get(about.url)
    assert "X-Cache" not in response
    assert "private" in cache_control(response)


def test_admin_and_posts_are_never_cached(admin_client, client, about):
    admin = admin_client.get("/admin/")
    assert admin.status_code == 200
    assert {"private", "no-cache", "no-store"} <= cache_control(admin)
    client.get(about.url)
    posted = client.post(about.url, {"x": "1"})
    assert "X-Cache" not in posted
    assert "private" in cache_control(posted)


def test_preview_is_never_cached(admin_client, about):
    response = admin_client.get(f"/admin/pages/{about.pk}/edit/preview/")
    assert "X-Cache" not in response
    assert "private" in cache_control(response) or "no-cache" in cache_control(response)


def test_password_protected_pages_with_a_form_are_never_cached(client, about):
    PageViewRestriction.objects.create(
        page=about, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    first = client.get(about.url)
    second = client.get(about.url)
    assert "X-Cache" not in second
    assert "关于本站" not in text_of(first)
    assert "private" in cache_control(second)


def test_large_text_mode_is_cached_separately(client, about):
    normal = client.get(about.url)
    client.cookies["yz_text"] = "large"
    large = client.get(about.url)
    assert large["X-Cache"] == "MISS"
    assert "yz-large-text" in text_of(large)
    assert "yz-large-text" not in text_of(normal)
    assert client.get(about.url)["X-Cache"] == "HIT"
    client.cookies["yz_text"] = "anything-else"
    other = client.get(about.url)
    assert other["X-Cache"] == "HIT"  # any other value is the normal mode: no cache flooding
    assert "yz-large-text" not in text_of(other)


def test_health_endpoint_and_missing_pages_are_not_cached(client, home):
    assert "no-cache" in cache_control(client.get("/healthz"))
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert "X-Cache" not in missing


def test_a_page_from_the_cache_is_replayed_byte_for_byte_with_the_same_policy(settings):
    """No per-request nonce: a cached page is the stored bytes, under the same CSP header."""
    from django.http import HttpResponse

    def view(request):
        return HttpResponse('<script type="application/ld+json">{}</script>')

    chain = SecurityHeadersMiddleware(PublicPageCacheMiddleware(view))
    factory = RequestFactory()
    seen = [chain(factory.get("/some-page/")) for _ in range(2)]
    assert [response["X-Cache"] for response in seen] == ["MISS", "HIT"]
    assert seen[0].content == seen[1].content
    assert seen[0]["Content-Security-Policy"] == seen[1]["Content-Security-Policy"]
    assert "nonce" not in seen[1]["Content-Security-Policy"]


def test_page_cache_can_be_switched_off(client, about, settings):
    settings.PAGE_CACHE_ENABLED = False
    from django.test import Client

    fresh = Client()
    fresh.get(about.url)
    assert "X-Cache" not in fresh.get(about.url)


def test_a_live_page_saved_directly_is_visible_at_once(client, about):
    client.get(about.url)
    about.title = "直接保存的标题"
    about.save()
    assert "直接保存的标题" in text_of(client.get(about.url))


def test_unknown_query_parameters_never_fill_the_cache(client, about):
    from yuzhong_site.core.cache import page_cache

    for n in range(5):
        response = client.get(f"/about/?zz={n}")
        assert response.status_code == 200 and response.get("X-Cache") is None
    assert "no-store" in response["Cache-Control"]
    keys = getattr(page_cache(), "_cache", {})
    assert not [k for k in keys if ":yz:page:" in k]
    # Parameters a page reads are cached, whatever their order.
    client.get("/about/?page=2&q=x")
    assert client.get("/about/?q=x&page=2")["X-Cache"] == "HIT"


def test_publishing_a_metric_with_ten_measurements_purges_once(home, django_capture_on_commit_callbacks, monkeypatch):
    from decimal import Decimal

    from plans.models import Measurement
    from tests.plans.factories import make_metric, make_plan
    from yuzhong_site.core import cache as page_cache_module

    _plan, pillars = make_plan(home, keys=("services",))
    metric = make_metric(pillars["services"], slug="sales")
    purges = []
    monkeypatch.setattr(page_cache_module, "purge_cdn", lambda: purges.append(1))
    from django.db import connection

    connection.run_on_commit.clear()  # the set-up is committed in real life: start afresh
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        metric.measurements = [Measurement(year=2010 + n, value=Decimal(n)) for n in range(10)]
        metric.save_revision().publish()
    assert len(purges) == 1 and len(callbacks) == 1


def test_every_combination_of_reading_modes_is_cached_separately(client, about):
    seen = {}
    for cookies in ({}, {"yz_text": "large"}, {"yz_contrast": "high"},
                    {"yz_text": "large", "yz_contrast": "high"}):
        client.cookies.clear()
        for name, value in cookies.items():
            client.cookies[name] = value
        first = client.get(about.url)
        assert first["X-Cache"] == "MISS", cookies
        assert client.get(about.url)["X-Cache"] == "HIT"
        html_class = text_of(first).split("<html", 1)[1].split(">", 1)[0]
        seen[tuple(sorted(cookies))] = html_class
    assert "yz-high-contrast" in seen[("yz_contrast",)]
    assert "yz-large-text" not in seen[("yz_contrast",)]
    assert "yz-high-contrast" in seen[("yz_contrast", "yz_text")]
    assert "yz-large-text" in seen[("yz_contrast", "yz_text")]
    assert "yz-high-contrast" not in seen[()]


def _publish_ten_measurements(home):
    from decimal import Decimal

    from django.db import connection

    from plans.models import Measurement
    from tests.plans.factories import make_metric, make_plan

    _plan, pillars = make_plan(home, keys=("services",))
    metric = make_metric(pillars["services"], slug="sales")
    connection.run_on_commit.clear()  # the set-up is committed in real life: start afresh
    metric.measurements = [Measurement(year=2010 + n, value=Decimal(n)) for n in range(10)]
    return metric


def test_a_publish_purges_a_cloudflare_zone_in_one_call(home, settings, monkeypatch,
                                                       django_capture_on_commit_callbacks):
    import requests

    settings.WAGTAILFRONTENDCACHE = {"default": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": "token", "ZONEID": "zone-1",
    }}
    calls = []

    class Answer:
        def raise_for_status(self):
            return None

    monkeypatch.setattr(requests, "post", lambda url, **kwargs: calls.append((url, kwargs)) or Answer())
    metric = _publish_ten_measurements(home)
    with django_capture_on_commit_callbacks(execute=True):
        metric.save_revision().publish()
    assert [(url, kwargs["json"]) for url, kwargs in calls] == [
        ("https://api.cloudflare.com/client/v4/zones/zone-1/purge_cache", {"purge_everything": True})
    ]
    assert calls[0][1]["headers"]["Authorization"] == "Bearer token"


def test_a_publish_invalidates_a_cloudfront_distribution_with_one_path(
    home, settings, monkeypatch, django_capture_on_commit_callbacks
):
    import sys
    import types

    invalidations = []
    client = types.SimpleNamespace(create_invalidation=lambda **kwargs: invalidations.append(kwargs))
    monkeypatch.setitem(sys.modules, "boto3", types.SimpleNamespace(client=lambda *a, **k: client))
    monkeypatch.setitem(sys.modules, "botocore", types.SimpleNamespace(exceptions=None))
    settings.WAGTAILFRONTENDCACHE = {"default": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": "E123",
    }}
    metric = _publish_ten_measurements(home)
    with django_capture_on_commit_callbacks(execute=True):
        metric.save_revision().publish()
    assert [(i["DistributionId"], i["InvalidationBatch"]["Paths"]) for i in invalidations] == [
        ("E123", {"Quantity": 1, "Items": ["/*"]})
    ]


def test_an_http_purger_gets_every_live_page_once_per_publish(
    home, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    settings.WAGTAILFRONTENDCACHE = {"default": {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": "http://varnish.internal:8000",
    }}
    batches = []
    monkeypatch.setattr(HTTPBackend, "purge_batch", lambda self, urls: batches.append(sorted(urls)))
    metric = _publish_ten_measurements(home)
    with django_capture_on_commit_callbacks(execute=True):
        metric.save_revision().publish()
    assert len(batches) == 1
    assert any(url.endswith("/plan/") for url in batches[0])
    assert any(url.endswith("/en/plan/services/") for url in batches[0])
