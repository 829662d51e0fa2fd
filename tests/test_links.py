"""The seams between places and the plan, as a reader sees them in both languages: a heritage
site shows its plan project, a project shows where to visit it and links its districts, a
district lists its plan projects."""

from html.parser import HTMLParser

import pytest

from districts.models import HeritageSitePage
from tests.districts.builders import make_district, make_site, translate_site
from tests.helpers import tags, text_of
from tests.plans.factories import make_plan, make_project
from tests.snapshots import snapshot_fixture
from yuzhong_site.core.pages import ensure_alias, ensure_child_page, ensure_translation

pytestmark = pytest.mark.django_db


class _Texts(HTMLParser):
    """The text of each element called ``name`` with ``attrs`` (nested tags flattened)."""

    def __init__(self, name, attrs):
        super().__init__()
        self.name, self.attrs, self.found, self.depth = name, attrs, [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.depth:
            self.depth += tag == self.name
        elif tag == self.name and all(attrs.get(k) == v for k, v in self.attrs.items()):
            self.depth = 1
            self.found.append({"text": "", **attrs})

    def handle_endtag(self, tag):
        if self.depth and tag == self.name:
            self.depth -= 1
            if not self.depth:
                self.found[-1]["text"] = self.found[-1]["text"].strip()

    def handle_data(self, data):
        if self.depth:
            self.found[-1]["text"] += data


def elements(html, name, **attrs):
    """Elements called ``name`` with ``attrs``: their attributes and their ``text``."""
    parser = _Texts(name, attrs)
    parser.feed(html)
    return parser.found


@pytest.fixture
def plan(home):
    return make_plan(home)


@pytest.fixture
def pillars(plan):
    return plan[1]


@pytest.fixture
@snapshot_fixture
def visit(home):
    from districts.models import VisitIndexPage

    index, _ = ensure_child_page(home, VisitIndexPage, "visit", title="游渝中", introduction="地标")
    ensure_translation(index, "en", title="Visit Yuzhong", introduction="Places")
    return index


@pytest.fixture
@snapshot_fixture
def jiaochangkou():
    return make_district()


@pytest.fixture
@snapshot_fixture
def shibati_project(pillars, jiaochangkou):
    return make_project(
        pillars["heritage"], slug="shibati", name_zh_hans="十八梯传统风貌区提升",
        name_en="Shibati historic lanes upgrade", status="under_way", progress=60,
        districts=[jiaochangkou],
    )


@pytest.fixture
@snapshot_fixture
def shibati_site(visit, jiaochangkou, shibati_project):
    site = make_site(
        visit, "shibati", title="十八梯传统风貌区", district=jiaochangkou,
        related_project=shibati_project, publish_revision=True,
    )
    translate_site(site, "Shibati Traditional Area", introduction="Stepped lanes.")
    return site


# --- heritage site → project -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "name", "status", "link"),
    [
        ("/visit/shibati/", "十八梯传统风貌区提升", "建设中", "/plan/projects/shibati/"),
        ("/en/visit/shibati/", "Shibati historic lanes upgrade", "Under way",
         "/en/plan/projects/shibati/"),
    ],
)
def test_heritage_page_shows_its_plan_project_with_status_progress_and_link(
    client, shibati_site, path, name, status, link
):
    html = text_of(client.get(path))
    assert tags(html, "h2", id="plan-project-heading")
    links = elements(html, "a", href=link)
    assert links and links[0]["text"] == name
    assert f'yz-badge--under-way">{status}</span>' in html
    assert tags(html, "progress", value="60")


def test_english_page_follows_the_project_set_on_the_chinese_page(
    client, shibati_site, pillars
):
    from wagtail.models import Locale

    english = shibati_site.get_translation(Locale.objects.get(language_code="en"))
    other = make_project(pillars["heritage"], slug="other", name_en="Another project")
    HeritageSitePage.objects.filter(pk=english.pk).update(related_project=other)
    html = text_of(client.get("/en/visit/shibati/"))
    assert tags(html, "a", href="/en/plan/projects/shibati/")
    assert not tags(html, "a", href="/en/plan/projects/other/")


def test_a_draft_project_is_not_shown_on_the_heritage_page(client, shibati_site, shibati_project):
    shibati_project.live = False
    shibati_project.save()
    html = text_of(client.get("/visit/shibati/"))
    assert not tags(html, "h2", id="plan-project-heading")


def test_a_heritage_page_without_a_project_has_no_plan_block(client, visit):
    make_site(visit, "hongyadong", title="洪崖洞")
    html = text_of(client.get("/visit/hongyadong/"))
    assert not tags(html, "h2", id="plan-project-heading")


# --- project → heritage sites and districts --------------------------------------------------


def test_project_page_links_its_heritage_site_in_the_readers_language(client, shibati_site):
    chinese = text_of(client.get("/plan/projects/shibati/"))
    assert elements(chinese, "h2", id="visit-heading")[0]["text"] == "实地走访"
    assert elements(chinese, "a", href="/visit/shibati/")[0]["text"] == "十八梯传统风貌区"
    english = text_of(client.get("/en/plan/projects/shibati/"))
    assert elements(english, "h2", id="visit-heading")[0]["text"] == "Visit this place"
    assert elements(english, "a", href="/en/visit/shibati/")[0]["text"] == "Shibati Traditional Area"
    assert "not yet translated" not in english


def test_an_untranslated_heritage_page_is_linked_in_chinese_with_a_note(
    client, visit, shibati_project
):
    make_site(visit, "shibati", title="十八梯传统风貌区", related_project=shibati_project)
    html = text_of(client.get("/en/plan/projects/shibati/"))
    link = elements(html, "a", href="/visit/shibati/")
    assert link and link[0]["lang"] == "zh-Hans" and link[0]["text"] == "十八梯传统风貌区"
    assert "not yet translated: the page is in Chinese" in html


def test_an_english_alias_is_linked_with_the_note(client, visit, shibati_project):
    site = make_site(visit, "shibati", title="十八梯传统风貌区", related_project=shibati_project)
    ensure_alias(site, "en")
    html = text_of(client.get("/en/plan/projects/shibati/"))
    link = elements(html, "a", href="/en/visit/shibati/")
    assert link and link[0]["lang"] == "zh-Hans"
    assert "not yet translated: the page is in Chinese" in html


def test_a_project_without_places_has_no_visit_block(client, pillars):
    make_project(pillars["services"], slug="bonded")
    assert not tags(text_of(client.get("/en/plan/projects/bonded/")), "h2", id="visit-heading")


def test_project_page_links_its_districts_to_their_district_pages(client, shibati_site):
    chinese = text_of(client.get("/plan/projects/shibati/"))
    assert elements(chinese, "a", href="/visit/districts/jiaochangkou/")[0]["text"] == "较场口·十八梯"
    english = text_of(client.get("/en/plan/projects/shibati/"))
    link = elements(english, "a", href="/en/visit/districts/jiaochangkou/")
    assert link[0]["text"] == "Jiaochangkou–Shibati"
    assert client.get("/en/visit/districts/jiaochangkou/").status_code == 200


def test_without_a_visitors_section_districts_are_named_not_linked(client, shibati_project):
    html = text_of(client.get("/plan/projects/shibati/"))
    assert "较场口·十八梯" in html
    assert not [a for a in tags(html, "a") if "/districts/" in a.get("href", "")]


# --- district → projects ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "heading", "project_link", "name"),
    [
        ("/visit/districts/jiaochangkou/", "本片区的规划项目", "/plan/projects/shibati/",
         "十八梯传统风貌区提升"),
        ("/en/visit/districts/jiaochangkou/", "Plan projects in this district",
         "/en/plan/projects/shibati/", "Shibati historic lanes upgrade"),
    ],
)
def test_district_page_lists_its_plan_projects_and_heritage_sites(
    client, shibati_site, path, heading, project_link, name
):
    html = text_of(client.get(path))
    assert elements(html, "h2", id="district-projects-heading")[0]["text"] == heading
    assert elements(html, "a", href=project_link)[0]["text"] == name
    assert "yz-project-card" in html and "yz-badge--under-way" in html
    assert tags(html, "h2", id="district-sites-heading")
    assert "yz-place-card" in html


def test_a_district_without_projects_says_so(client, visit):
    make_district(slug="daping", name="大坪", name_en="Daping")
    assert "No plan projects are listed here yet." in text_of(
        client.get("/en/visit/districts/daping/")
    )


def test_draft_projects_are_not_listed_on_the_district_page(
    client, shibati_site, shibati_project
):
    shibati_project.live = False
    shibati_project.save()
    assert not tags(text_of(client.get("/visit/districts/jiaochangkou/")), "a",
                    href="/plan/projects/shibati/")
