"""The per-publish memo (yuzhong_site/core/memo.py): an uncached page reuses the site, the menus, the
footer and the latest updates between publishes, and shows every publish at once — also when
the publish happened in another process (the shared generation changed)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from tests.helpers import text_of
from tests.plans.factories import make_update, make_updates_index
from yuzhong_site.core.cache import purge_all_pages
from yuzhong_site.core.models import FooterSettings, StandardPage
from yuzhong_site.core.pages import ensure_child_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def updates_index(home, page_cache_off):
    index = make_updates_index(home)
    make_update(index, "2024-05-01", title="旧的动态")
    return index


def queries_for(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_a_second_uncached_view_of_the_home_page_needs_only_a_few_queries(client, updates_index):
    first = queries_for(client, "/")
    second = queries_for(client, "/")
    # The site, the menu sections, the footer and the latest updates come from the memo; what is
    # left is the page's own language, its view restrictions and its translations.
    assert second <= 3 < first


def test_a_new_update_is_on_the_home_page_at_once(client, updates_index):
    assert "旧的动态" in text_of(client.get("/"))
    make_update(updates_index, "2024-06-01", title="新发布的动态")
    assert "新发布的动态" in text_of(client.get("/"))


def test_a_new_section_is_in_the_navigation_at_once(client, home, updates_index):
    client.get("/")
    ensure_child_page(home, StandardPage, "contact", title="联系我们", show_in_menus=True)
    assert "联系我们" in text_of(client.get("/"))


def test_footer_settings_show_at_once(client, home, updates_index):
    client.get("/")
    footer = FooterSettings.for_site(home.get_site())
    footer.operator_zh_hans = "渝中区融媒体中心"
    footer.save()
    assert "渝中区融媒体中心" in text_of(client.get("/"))


def test_a_publish_in_another_process_empties_this_process_memo(client, home, updates_index):
    """Another app server publishes: here nothing saw a signal, only the shared generation
    moved (its purge). The next request must not serve the memo's old sections."""
    client.get("/")
    Page.objects.filter(pk=updates_index.pk).update(title="站内动态")  # no signal in this process
    assert "站内动态" not in text_of(client.get("/"))  # still the memo (the publish is unseen)
    purge_all_pages(cdn=False)  # what the other server's publish does to the shared cache
    assert "站内动态" in text_of(client.get("/"))


def test_making_a_page_private_takes_effect_at_once_even_when_it_was_cached(client, home):
    """Restricting a page purges: neither the page cache nor the memo keeps showing it."""
    about, _ = ensure_child_page(home, StandardPage, "about", title="关于本站", show_in_menus=True)
    assert client.get(about.url).status_code == 200
    assert client.get(about.url)["X-Cache"] == "HIT"
    PageViewRestriction.objects.create(page=about, restriction_type=PageViewRestriction.LOGIN)
    response = client.get(about.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
