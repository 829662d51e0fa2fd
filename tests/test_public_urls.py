"""The URL discovery behind the benchmark, the load test and the bad-input suite."""

from wagtail.models import Page

from yuzhong_site.core import public_urls
from yuzhong_site.core.management.commands.bench import WANTED
from yuzhong_site.core.management.commands.bench import Command as Bench


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


def test_the_benchmark_notes_the_pages_that_do_not_exist_yet(demo_content):
    targets, notes = Bench().discover()
    assert targets[0] == ("home", "/")
    measured = {label for label, _url in targets}
    for label, model in WANTED:
        if public_urls.first_page_of(model):
            assert label in measured
        else:
            assert any(label in note for note in notes)
