"""Private pages stay private: a view restriction on a page covers its sub-pages and its English
alias (BasePage answers Wagtail's check in one query; these tests pin down that it still says
what Wagtail's own check says)."""

import pytest
from wagtail.models import Page, PageViewRestriction

from yuzhong_site.core.models import StandardPage
from yuzhong_site.core.pages import ensure_alias, ensure_child_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def section(home, english_home):
    section, _ = ensure_child_page(home, StandardPage, "internal", title="内部")
    child, _ = ensure_child_page(section, StandardPage, "minutes", title="会议纪要")
    english_child = ensure_alias(child, "en")
    return section, child, english_child


def wagtail_answer(page):
    """Wagtail's own implementation, for comparison."""
    return set(Page.get_view_restrictions(page).values_list("pk", flat=True))


def test_a_login_restriction_covers_sub_pages_and_english_aliases(client, section):
    restricted, child, english_child = section
    PageViewRestriction.objects.create(page=restricted, restriction_type=PageViewRestriction.LOGIN)
    for page in (restricted, child, english_child):
        page = page.specific
        response = client.get(page.url)
        assert response.status_code == 302, page.url
        assert "login" in response["Location"]
        assert set(page.get_view_restrictions().values_list("pk", flat=True)) == wagtail_answer(page)


def test_public_pages_have_no_restrictions_and_one_query(section, django_assert_num_queries):
    for page in section:
        page = page.specific
        with django_assert_num_queries(1):
            assert not page.get_view_restrictions().exists()
        assert wagtail_answer(page) == set()
