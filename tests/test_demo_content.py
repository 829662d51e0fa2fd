import pytest
from django.core.management import call_command
from wagtail.models import Page

pytestmark = pytest.mark.django_db


def _snapshot():
    return sorted(Page.objects.values_list("locale__language_code", "url_path", "live"))


def test_demo_content_serves_both_languages(client, demo_content):
    assert "渝中区是重庆的“母城”" in client.get("/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Mother City" in english
    assert client.get("/about/").status_code == 200
    assert "About this site" in client.get("/en/about/").content.decode()


def test_loading_demo_content_twice_duplicates_nothing(demo_content):
    before = _snapshot()
    call_command("load_demo_content", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _snapshot() == before
