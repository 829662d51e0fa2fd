"""Errors in the client's format and language: API errors are JSON whatever fails,
503 with Retry-After when a dependency is down, the error page follows the URL's language even
when the failure came before the language was chosen, and a 404 page names no canonical
address, no hreflang alternates and no og:url."""

import pytest
from django.db import OperationalError, connection
from redis.exceptions import ConnectionError as RedisConnectionError

from tests.helpers import tags, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(client, monkeypatch):
    client.raise_request_exception = False

    def refused(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")

    monkeypatch.setattr(connection, "cursor", refused)
    monkeypatch.setattr(connection, "chunked_cursor", refused)
    return client


@pytest.mark.parametrize("path", ["/api/v1/metrics/", "/api/v1/projects/shibati/", "/api/v1/districts/"])
def test_the_api_answers_json_503_when_the_database_is_down(home, database_down, path):
    response = database_down.get(path)
    assert response.status_code == 503, path
    assert response["Content-Type"].startswith("application/json")
    assert response["Retry-After"]
    error = response.json()["error"]
    assert error["code"] == "unavailable"
    assert set(error["message"]) == {"zh-hans", "en"}


@pytest.mark.parametrize(("path", "first"), [("/", "暂时无法访问"), ("/en/", "Temporarily unavailable")])
def test_pages_answer_503_in_the_urls_language_when_the_database_is_down(home, english_home,
                                                                        database_down, path, first):
    response = database_down.get(path)
    assert response.status_code == 503
    assert response["Retry-After"]
    html = text_of(response)
    assert "<h1" in html and first in html.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_a_failure_before_the_language_is_chosen_still_answers_in_the_urls_language(
    client, home, english_home, monkeypatch
):
    """A Redis failure in the page cache (before LocaleMiddleware): /en/ visitors get English
    first, and a 503, not the Chinese-first 500 page."""
    from yuzhong_site.core.cache import PublicPageCacheMiddleware

    def redis_down(self, request):
        raise RedisConnectionError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")

    monkeypatch.setattr(PublicPageCacheMiddleware, "request_is_cacheable", redis_down)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 503
    html = text_of(response)
    assert 'lang="en"' in html.split(">", 2)[1]
    assert "Temporarily unavailable" in html.split("<h1", 1)[1].split("</h1>", 1)[0]


def test_other_server_errors_stay_500_in_the_urls_language(client, home, english_home, monkeypatch):
    from yuzhong_site.core.cache import PublicPageCacheMiddleware

    def bug(self, request):
        raise ZeroDivisionError

    monkeypatch.setattr(PublicPageCacheMiddleware, "request_is_cacheable", bug)
    client.raise_request_exception = False
    response = client.get("/en/")
    assert response.status_code == 500
    assert "Retry-After" not in response
    assert "Something went wrong" in text_of(response).split("<h1", 1)[1].split("</h1>", 1)[0]
    api = client.get("/api/v1/")
    assert api.status_code == 500 and api.json()["error"]["code"] == "server_error"


@pytest.mark.parametrize("path", ["/no-such-page/", "/en/no-such-page/", "/plan/metrics/no-such/"])
def test_a_404_page_names_no_canonical_hreflang_or_og_url(client, home, english_home, path):
    response = client.get(path)
    assert response.status_code == 404
    html = text_of(response)
    assert not tags(html, "link", rel="canonical")
    assert not tags(html, "link", rel="alternate")
    assert not tags(html, "meta", property="og:url")
    assert {"name": "robots", "content": "noindex"} in tags(html, "meta")
