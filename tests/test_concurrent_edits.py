"""Two editors (group 编辑) edit the same 动态 page, or the same metric, at once: the one who
saves second is warned (Wagtail's editing-session warning, or the refusal of
yuzhong_site/core/concurrent_edits.py when that warning has not reached them yet), both
revisions stay in the history, and nothing answers 500."""

import re

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.models import Page

from plans.editorial import ensure_pillar_editors
from plans.models import Metric
from tests.helpers import tags, text_of
from tests.plans.factories import make_metric, make_plan, make_update, make_updates_index
from tests.plans.test_admin import measurement, metric_form
from tests.snapshots import snapshot_fixture
from yuzhong_site.core.editorial import EDITORS_GROUP, ensure_editorial_setup

pytestmark = pytest.mark.django_db


def _client(user):
    client = Client()
    client.force_login(user)
    return client


class Editor:
    """One editor's browser: the form it loaded (with the revision it was loaded from) and the
    editing session Wagtail pings."""

    def __init__(self, client, url):
        self.client, self.url = client, url
        self.loaded = {}

    def open(self):
        response = self.client.get(self.url)
        assert response.status_code == 200
        html = text_of(response)
        self.loaded = {
            tag["name"]: tag["value"]
            for tag in tags(html, "input", type="hidden")
            if tag.get("name", "").startswith("loaded_revision")
        }
        session = tags(html, "form", **{"class": "w-editing-sessions"})[0]
        self.ping_url = session["data-w-swap-src-value"]
        self.session_revision = {
            tag["name"]: tag["value"]
            for tag in tags(html, "input", type="hidden")
            if tag.get("name") in ("revision_id", "revision_created_at")
        }
        return html

    def ping(self):
        response = self.client.post(self.ping_url, self.session_revision)
        assert response.status_code == 200
        return response.json()

    def save(self, data):
        """Posts the form as the editor's browser does: 302 when saved, 200 with the form again
        when refused."""
        response = self.client.post(self.url, {**data, **self.loaded})
        assert response.status_code in (200, 302), response.status_code
        return response


def _messages(response):
    """The text of the messages shown at the top of the admin page."""
    block = re.search(r'<ul data-w-messages-target="container">(.*?)</ul>', text_of(response), re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", block.group(1)).split()) if block else ""


@pytest.fixture
@snapshot_fixture
def desk(home, django_user_model):
    """A metric (published) and a 动态 page (with a draft), and two editors of group 编辑."""
    _plan, pillars = make_plan(home)
    index = make_updates_index(home)
    ensure_editorial_setup()
    ensure_pillar_editors()
    users = []
    for name in ("甲", "乙"):
        user = django_user_model.objects.create_user(username=f"editor-{name}", first_name=name)
        user.groups.add(Group.objects.get(name=EDITORS_GROUP))
        users.append(user)
    metric = make_metric(pillars["services"], slug="sales", measurements=[(2021, "5")])
    metric.save_revision().publish()
    update = make_update(index, "2024-05-01", english=False, summary="原来的摘要")
    update.save_revision()
    return metric, update, users


@pytest.fixture
def metric_case(desk):
    metric, _update, users = desk
    url = f"/admin/snippets/plans/metric/edit/{metric.pk}/"

    def form(note):
        return metric_form(metric, [measurement(2021, "5")], notes_zh_hans=note)

    def draft():
        return Metric.objects.get(pk=metric.pk).get_latest_revision_as_object().notes_zh_hans

    return metric, *(Editor(_client(user), url) for user in users), form, draft


@pytest.fixture
def page_case(desk):
    _metric, update, users = desk
    url = f"/admin/pages/{update.pk}/edit/"

    def form(summary):
        return {
            "title": update.title, "slug": update.slug, "date": "2024-05-01",
            "summary": summary, "image_alt": "", "body-count": "0",
        }

    def draft():
        return Page.objects.get(pk=update.pk).specific.get_latest_revision_as_object().summary

    return update, *(Editor(_client(user), url) for user in users), form, draft


@pytest.fixture(params=["metric", "page"])
def case(request):
    return request.getfixturevalue(f"{request.param}_case")


def _loaded(response):
    return {
        tag["name"]: tag["value"]
        for tag in tags(text_of(response), "input", type="hidden")
        if tag.get("name", "").startswith("loaded_revision")
    }


def test_a_save_that_would_replace_an_unseen_newer_version_is_refused_once(case):
    record, first, second, form, draft = case
    revisions = record.revisions.count()
    first.open()
    assert second.save(form("乙的修改")).status_code == 302
    assert record.revisions.count() == revisions + 1

    # Her autosave is refused by Wagtail, in Chinese.
    autosave = first.client.post(
        first.url, {**form("甲的修改"), **first.loaded}, HTTP_ACCEPT="application/json"
    )
    assert autosave.status_code == 400
    assert autosave.json()["error_message"] == "保存会覆盖一个更新的版本。"

    # 甲 saves before a ping has told her browser: refused, her text still in the form.
    response = first.save(form("甲的修改"))
    assert response.status_code == 200
    said = _messages(response)
    assert "乙在" in said and "保存了更新的版本" in said and "您的修改尚未保存" in said, said
    assert "看看乙改了什么" in said
    assert "甲的修改" in text_of(response)
    compare = re.search(r'<a href="([^"]+)"[^>]*>\s*看看乙改了什么', text_of(response)).group(1)
    shown = first.client.get(compare)
    assert shown.status_code == 200 and "乙的修改" in text_of(shown)
    assert record.revisions.count() == revisions + 1
    assert draft() == "乙的修改"

    # The returned form carries the newest revision: saving again is a deliberate overwrite.
    first.loaded = _loaded(response)
    assert first.save(form("甲的修改")).status_code == 302
    assert record.revisions.count() == revisions + 2
    assert draft() == "甲的修改"
    contents = [str(revision.content) for revision in record.revisions.order_by("created_at")]
    assert "乙的修改" in contents[-2] and "甲的修改" in contents[-1]


def test_wagtails_warning_reaches_the_editor_and_her_confirmed_save_goes_through(case):
    record, first, second, form, draft = case
    revisions = record.revisions.count()
    first.open()
    assert second.save(form("乙的修改")).status_code == 302

    pinged = first.ping()
    assert [session["user"] for session in pinged["other_sessions"] if session["revision_id"]] == ["乙"]
    html = pinged["html"]
    assert "乙保存了新版本" in html and "继续将覆盖乙所做的修改。" in html
    assert "查看最新版本" in html

    # Warned in the editor (a click on save opens Wagtail's dialog; she chose 继续).
    assert first.save(form("甲的修改")).status_code == 302
    assert record.revisions.count() == revisions + 2
    assert draft() == "甲的修改"


def test_a_form_with_broken_revision_fields_is_answered_not_crashed(case):
    record, first, second, form, _draft = case
    assert second.save(form("乙的修改")).status_code == 302
    first.loaded = {"loaded_revision_id": "abc", "loaded_revision_created_at": "昨天"}
    assert first.save(form("甲的修改")).status_code in (200, 302)
    first.loaded = {"overwrite_revision_id": "abc"}
    assert first.save(form("甲的修改")).status_code in (200, 302)
    autosave = first.client.post(
        first.url, {**form("甲的修改"), "overwrite_revision_id": "１２"}, HTTP_ACCEPT="application/json"
    )
    assert autosave.status_code in (200, 400)
