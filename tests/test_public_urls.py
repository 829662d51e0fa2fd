"""The URL discovery behind the benchmark, the load test and the bad-input suite."""

from wagtail.models import Page

from tests.perf.bench import PAGE_TYPES, discover
from yuzhong_site.core import public_urls


def test_every_live_page_in_both_languages_and_every_public_route_is_found(demo_content):
    found = {item.url: item for item in public_urls.all_public_urls()}
    for page in Page.objects.live().public().filter(depth__gt=1):
        assert page.get_url() in found, page
    assert "/" in found and "/en/" in found
    assert found["/healthz"].kind == "route"
    assert "/.well-known/security.txt" in found
    assert not [url for url in found if url.startswith(("/admin/", "/documents/"))]


def test_unpublished_pages_are_not_found(demo_content):
    page = Page.objects.live().filter(depth__gt=2).first()
    page.unpublish()
    assert page.get_url() not in {item.url for item in public_urls.all_public_urls()}


class _TestServer:
    """What the benchmark needs of its gunicorn server, answered by Django's test client."""

    def __init__(self, client):
        self.client = client

    def get(self, path):
        response = self.client.get(path)
        response.body = response.content
        return response


def test_the_benchmark_finds_every_page_type_on_the_demo_content(client, demo_content):
    targets, notes = discover(_TestServer(client))
    assert notes == []
    assert [label for label, _path in targets] == [label for label, _how in PAGE_TYPES]
    for label, path in targets:
        assert client.get(path).status_code == 200, (label, path)


def test_the_benchmark_notes_the_page_types_that_do_not_exist_yet(client, home, english_home):
    targets, notes = discover(_TestServer(client))
    assert ("home", "/") in targets
    assert any("heritage site" in note for note in notes)
    assert any("metric" in note for note in notes)
