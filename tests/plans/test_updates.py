"""Updates: the list with its filters and pages, the update page, latest updates on the home,
plan, pillar and project pages, and the RSS/Atom feeds — in both languages."""

import xml.etree.ElementTree as ET  # noqa: S405 - parsing our own feeds in tests

import pytest

from tests.helpers import tags, text_of
from tests.snapshots import snapshot_fixture

from .factories import make_plan, make_project, make_update, make_updates_index

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def plan_and_pillars(home):
    return make_plan(home, keys=("services", "heritage"))


@pytest.fixture
@snapshot_fixture
def index(home, plan_and_pillars):
    return make_updates_index(home)


@pytest.fixture
@snapshot_fixture
def walkway(plan_and_pillars):
    _plan, pillars = plan_and_pillars
    return make_project(pillars["heritage"], slug="walkway", name_zh_hans="步道", name_en="Walkway")


@pytest.fixture
@snapshot_fixture
def news(index, plan_and_pillars, walkway):
    _plan, pillars = plan_and_pillars
    return {
        "heritage": make_update(
            index, "2021-01-25", [pillars["heritage"]], [walkway], title="步道开放", summary="步道摘要"
        ),
        "services": make_update(index, "2022-02-01", [pillars["services"]], title="商圈消息"),
    }


def test_visitor_sees_updates_newest_first_in_chinese_and_english(client, news):
    html = text_of(client.get("/updates/"))
    assert html.index("商圈消息") < html.index("步道开放")
    english = text_of(client.get("/en/updates/"))
    assert "Update" in english and "步道开放" not in english


def test_visitor_filters_by_pillar_and_year_without_javascript(client, news):
    response = client.get("/updates/", {"pillar": "heritage"})
    html = text_of(response)
    assert "步道开放" in html and "商圈消息" not in html
    form = tags(html, "form", method="get")
    assert form and tags(html, "select", id="yz-filter-pillar") and tags(html, "select", id="yz-filter-year")
    assert "selected" in tags(html, "option", value="heritage")[0]
    html = text_of(client.get("/updates/", {"year": "2022"}))
    assert "商圈消息" in html and "步道开放" not in html
    english = text_of(client.get("/en/updates/", {"pillar": "heritage"}))
    assert english.count('class="yz-update-card"') == 1
    assert "Pillar heritage" in english  # the pillar, in English


def test_an_update_links_its_pillars_in_each_language_and_never_an_unpublished_one(
    client, news, plan_and_pillars
):
    _plan, pillars = plan_and_pillars
    card_links = tags(text_of(client.get("/en/updates/")), "a", href="/en/plan/heritage/")
    assert card_links, "the English card links the English pillar page"
    assert tags(text_of(client.get("/updates/")), "a", href="/plan/heritage/")
    pillars["heritage"].unpublish()
    for path in ("/updates/", "/en/updates/"):
        html = text_of(client.get(path))
        assert "步道开放" in html or "Update" in html
        assert "/plan/heritage/" not in html, path


def test_unknown_filters_are_ignored_politely(client, news):
    response = client.get("/updates/", {"pillar": "nonsense", "year": "abc"})
    assert response.status_code == 200
    html = text_of(response)
    assert "步道开放" in html and "商圈消息" in html
    assert "yz-notice" in html


@pytest.fixture
@snapshot_fixture
def twelve_updates(index, plan_and_pillars):
    return [make_update(index, f"2021-03-{day:02d}", english=False) for day in range(1, 13)]


@pytest.mark.parametrize("page", ["0", "-1", "abc", "999", "1.5", "%00"])
def test_bad_page_numbers_show_the_first_or_last_page(client, twelve_updates, page):
    response = client.get("/updates/", {"page": page})
    assert response.status_code == 200
    assert text_of(response).count('class="yz-update-card"') in (10, 2)


def test_pagination_keeps_the_filters(client, index, plan_and_pillars):
    _plan, pillars = plan_and_pillars
    for day in range(1, 13):
        make_update(index, f"2021-03-{day:02d}", [pillars["services"]], english=False)
    html = text_of(client.get("/updates/", {"pillar": "services"}))
    assert tags(html, "a", rel="next", href="?pillar=services&page=2")
    second = text_of(client.get("/updates/", {"pillar": "services", "page": "2"}))
    assert second.count('class="yz-update-card"') == 2


def test_update_page_shows_its_pillars_and_projects_in_the_visitors_language(client, news):
    update = news["heritage"]
    html = text_of(client.get(update.url))
    assert "步道开放" in html and "步道摘要" in html
    assert tags(html, "a", href="/plan/heritage/")
    assert tags(html, "a", href="/plan/projects/walkway/")
    english = text_of(client.get("/en" + update.url))
    assert tags(english, "a", href="/en/plan/heritage/")
    assert tags(english, "a", href="/en/plan/projects/walkway/")
    assert "Walkway" in english


def test_latest_updates_appear_on_home_plan_pillar_and_project_pages(client, news):
    home = text_of(client.get("/"))
    assert "步道开放" in home and "商圈消息" in home
    plan = text_of(client.get("/plan/"))
    assert "步道开放" in plan
    pillar = text_of(client.get("/plan/heritage/"))
    assert "步道开放" in pillar and "商圈消息" not in pillar
    project = text_of(client.get("/plan/projects/walkway/"))
    assert "步道开放" in project and "商圈消息" not in project
    english_project = text_of(client.get("/en/plan/projects/walkway/"))
    assert "Related updates" in english_project
    assert tags(english_project, "a", href="/en" + news["heritage"].url)


def test_a_draft_update_is_not_shown(client, news):
    update = news["heritage"]
    update.unpublish()
    assert "步道开放" not in text_of(client.get("/updates/"))
    assert "步道开放" not in text_of(client.get("/plan/heritage/"))
    assert "步道开放" not in text_of(client.get("/updates/feed/rss/"))


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_pages_announce_their_feeds(client, news, prefix):
    for path, pillar in (("/", None), ("/plan/", None), ("/plan/heritage/", "heritage"),
                         ("/updates/", None), (news["heritage"].url, None),
                         ("/plan/projects/walkway/", "heritage")):
        html = text_of(client.get(prefix + path))
        rss = [link["href"] for link in tags(html, "link", rel="alternate", type="application/rss+xml")]
        atom = [link["href"] for link in tags(html, "link", rel="alternate", type="application/atom+xml")]
        assert f"{prefix}/updates/feed/rss/" in rss, path
        assert f"{prefix}/updates/feed/atom/" in atom, path
        if pillar:
            assert f"{prefix}/updates/feed/{pillar}/rss/" in rss, path


@pytest.mark.parametrize("prefix,language", [("", "zh-hans"), ("/en", "en")])
def test_rss_feed_is_valid_xml_with_absolute_links_in_the_visitors_language(client, news, prefix, language):
    response = client.get(f"{prefix}/updates/feed/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")  # noqa: S314 - our own feed
    assert channel.findtext("language") == language
    items = channel.findall("item")
    assert len(items) == 2
    for item in items:
        assert item.findtext("link").startswith(f"http://testserver{prefix}/updates/")
        assert item.findtext("guid").startswith("http://")
        assert item.findtext("pubDate")
    titles = [item.findtext("title") for item in items]
    if language == "en":
        assert all(title.startswith("Update") for title in titles)
    else:
        assert titles == ["商圈消息", "步道开放"]


@pytest.mark.parametrize("prefix", ["", "/en"])
def test_atom_feed_per_pillar_lists_only_that_pillars_updates(client, news, prefix):
    response = client.get(f"{prefix}/updates/feed/heritage/atom/")
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    entries = root.findall(f"{ATOM}entry")
    assert len(entries) == 1
    href = entries[0].find(f"{ATOM}link").get("href")
    assert href == f"http://testserver{prefix}{news['heritage'].url}"
    rss = ET.fromstring(client.get(f"{prefix}/updates/feed/services/rss/").content)  # noqa: S314 - our own feed
    assert len(rss.find("channel").findall("item")) == 1


@pytest.mark.parametrize(
    "path", ["/updates/feed/nope/rss/", "/en/updates/feed/nope/atom/", "/updates/feed/json/",
             "/updates/feed/heritage/xml/"]
)
def test_unknown_pillar_or_format_is_404(client, news, path):
    assert client.get(path).status_code == 404
