"""Pages are routed through the per-publish memo (yuzhong_site/core/routing.py): the second
visitor of a path costs one query to find its page, and whatever changes where a path leads —
unpublishing, making private, moving — is seen at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.plans.factories import make_metric, make_plan
from yuzhong_site.core.models import StandardPage
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def deep_page(home, english_home):
    section, _ = ensure_child_page(home, StandardPage, "guide", title="指南")
    ensure_translation(section, "en", title="Guide")
    page, _ = ensure_child_page(section, StandardPage, "stairs", title="台阶")
    ensure_translation(page, "en", title="The stairs")
    return page


def queries(client, path):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    return response, len(captured)


@pytest.mark.parametrize(("path", "words"), [("/guide/stairs/", "台阶"), ("/en/guide/stairs/", "The stairs")])
def test_the_second_visit_finds_the_page_with_fewer_queries(client, deep_page, path, words):
    first, first_count = queries(client, path)
    second, second_count = queries(client, path)
    assert first.status_code == second.status_code == 200
    assert words in second.content.decode()
    assert first.content == second.content
    assert second_count <= first_count - 3, (first_count, second_count)


def test_a_sub_route_of_a_routable_page_is_served_from_the_memo(client, home, english_home):
    _plan, pillars = make_plan(home)
    make_metric(pillars["services"], slug="sales", name_zh_hans="销售额", measurements=[(2021, "5")])
    for path in ("/plan/metrics/sales/", "/en/plan/metrics/sales/"):
        first = client.get(path)
        second = client.get(path)
        assert first.status_code == second.status_code == 200
        assert first.content == second.content
    assert client.get("/plan/metrics/nothing/").status_code == 404


def test_an_unpublished_page_is_gone_at_the_next_request(client, deep_page):
    assert client.get("/guide/stairs/").status_code == 200
    deep_page.unpublish()
    assert client.get("/guide/stairs/").status_code == 404


def test_a_page_made_private_is_not_served_from_the_memo(client, deep_page):
    assert client.get("/guide/stairs/").status_code == 200
    PageViewRestriction.objects.create(
        page=deep_page.get_parent(), restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get("/guide/stairs/")
    assert response.status_code == 302 and "login" in response["Location"]


def test_a_moved_page_is_found_at_its_new_address_only(client, home, deep_page):
    assert client.get("/guide/stairs/").status_code == 200
    deep_page.move(home, pos="last-child")
    old = client.get("/guide/stairs/")  # not the remembered page: Wagtail's redirect to the new one
    assert old.status_code == 301 and old["Location"] == "/stairs/"
    assert client.get("/stairs/").status_code == 200


def test_unknown_paths_are_not_remembered(client, deep_page):
    """A path that leads nowhere is routed afresh every time (so unknown paths cannot fill the
    memo): its second request costs what its first did, where a known path's costs less."""
    client.get("/guide/stairs/")
    client.get("/no-such-page/")  # the error page's own shell (the site's home…) is remembered
    for number in range(3):
        path = f"/no-such-page-{number}/"
        (first, first_count), (second, second_count) = queries(client, path), queries(client, path)
        assert first.status_code == second.status_code == 404
        assert second_count == first_count, (path, first_count, second_count)
