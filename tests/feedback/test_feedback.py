"""Residents answer back: 纠错 reports and questions, from the form to the admin and back out
to the public pages, the search and the e-mail."""

import datetime
import re

import pytest
from django.core import mail

from plans.models import Project
from tests.helpers import tags, text_of
from tests.plans.factories import make_plan, make_project
from yuzhong_site.core.editorial import MODERATORS_GROUP, ensure_group
from yuzhong_site.feedback.models import Contact, ErrorReport, OutgoingEmail, Question

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(home):
    return make_plan(home)


@pytest.fixture
def project(plan):
    _plan, pillars = plan
    return make_project(pillars["services"], name_zh_hans="解放碑步行街改造",
                        name_en="Jiefangbei street renewal", slug="jfb")


def has_tag(html, tag, **attrs):
    """``tags`` for attributes called ``name`` (its own parameter) or valueless ones (None)."""
    return [found for found in tags(html, tag)
            if all(found.get(key, "missing") == value for key, value in attrs.items())]


def report_link(html):
    links = [a for a in tags(html, "a") if "report-error" in a.get("href", "")]
    assert links, "no report-an-error link"
    return links[0]["href"]


def ask(client, text="我家附近的老旧小区改造什么时候开始？", contact="resident@example.org",
        topic="general", prefix="", **extra):
    data = {"topic": topic, "text": text, "display_name": "", "contact": contact,
            "consent": "on", **extra}
    return client.post(f"{prefix}/questions/ask/", data)


# ------------------------------------------------------------------------------- 纠错


def test_every_public_page_links_to_the_report_form_which_knows_the_page(client, project):
    html = text_of(client.get("/plan/projects/jfb/"))
    href = report_link(html)
    assert href.startswith("/report-error/?url=")
    form = text_of(client.get(href))
    assert "解放碑步行街改造" in form  # the title, worked out on the server from the address
    assert has_tag(form, "input", name="url", value="/plan/projects/jfb/")
    english = text_of(client.get("/en/plan/projects/jfb/"))
    assert report_link(english).startswith("/en/report-error/?url=%2Fen%2Fplan")
    assert "Jiefangbei street renewal" in text_of(client.get(report_link(english)))
    # the home page and non-page routes too
    assert report_link(text_of(client.get("/")))
    assert report_link(text_of(client.get("/questions/")))


def test_a_report_reaches_the_section_queue_and_the_reporter_hears_the_outcome(
    client, project, plan, django_user_model, django_capture_on_commit_callbacks
):
    _plan, pillars = plan
    response = client.post("/report-error/", {
        "url": "/plan/projects/jfb/", "figure": "投资额", "what_is_wrong": "投资额写错了",
        "what_is_right": "应为 12 亿元", "source": "https://example.org/x",
        "email": "reader@example.org", "consent": "on",
    })
    assert response.status_code == 302
    report = ErrorReport.objects.get()
    assert report.page_title == "解放碑步行街改造"
    assert report.section_id == pillars["services"].pk  # routed to the pillar's moderators
    assert report.contact.email == "reader@example.org"
    assert report.state == ErrorReport.State.NEW
    thanks = text_of(client.get(response["Location"]))
    assert "Thank you" in thanks or "感谢" in thanks

    moderator = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    from yuzhong_site.feedback.permissions import ensure_feedback_moderators

    moderator.groups.add(ensure_group(MODERATORS_GROUP))
    ensure_feedback_moderators()
    client.force_login(moderator)
    queue = client.get("/admin/feedback/reports/")
    assert queue.status_code == 200 and "解放碑步行街改造" in text_of(queue)
    edit_url = f"/admin/feedback/reports/edit/{report.pk}/"
    edit_page = text_of(client.get(edit_url))
    assert "r***@example.org" in edit_page and "reader@example.org" not in edit_page
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        with_commit = client.post(edit_url, {"state": "corrected", "section": pillars["services"].pk,
                                         "moderator_note": "已更正，谢谢。"})
    assert with_commit.status_code == 302, text_of(with_commit)[:3000]
    report.refresh_from_db()
    assert report.state == "corrected" and report.closed_at is not None
    sent = OutgoingEmail.objects.get(contact=report.contact)
    assert sent.sent_at is not None
    assert [m.to for m in mail.outbox] == [["reader@example.org"]]
    assert "已更正，谢谢。" in mail.outbox[0].body


def test_a_section_editor_sees_only_their_section_and_the_general_editors_nothing(
    client, project, plan, django_user_model
):
    from yuzhong_site.feedback.permissions import ensure_feedback_moderators

    _plan, pillars = plan
    for url in ("/plan/projects/jfb/", "/"):
        client.post("/report-error/", {"url": url, "what_is_wrong": f"错误 {url}"})
    in_pillar, general = ErrorReport.objects.order_by("pk")
    assert general.section_id is None
    from plans.editorial import ensure_pillar_editors

    groups = ensure_pillar_editors()
    ensure_feedback_moderators()
    pillar_group = next(g for g in groups if g.name == "编辑·现代服务业")
    editor = django_user_model.objects.create_user("pillar-editor", "p@example.org", "pw")
    editor.groups.add(pillar_group)
    client.force_login(editor)
    assert client.get(f"/admin/feedback/reports/edit/{in_pillar.pk}/").status_code == 200
    assert client.get(f"/admin/feedback/reports/edit/{general.pk}/").status_code == 404
    plain = django_user_model.objects.create_user("plain-editor", "e@example.org", "pw")
    plain.groups.add(ensure_group("编辑"))
    client.force_login(plain)
    assert client.get(f"/admin/feedback/reports/edit/{in_pillar.pk}/").status_code in (302, 403, 404)


def test_a_report_about_an_address_off_the_site_is_refused_politely(client, home):
    for url in ("https://evil.example/", "//evil.example/x", "/no/such/page/"):
        response = client.post("/report-error/", {"url": url, "what_is_wrong": "x"})
        assert response.status_code == 400
        assert "Report an error" in text_of(response) or "纠错" in text_of(response)
    assert not ErrorReport.objects.exists()


# ------------------------------------------------------------------------------ questions


def test_a_question_gets_a_tracking_code_shown_and_emailed(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client)
    assert response.status_code == 302
    question = Question.objects.get()
    year = datetime.date.today().year
    assert re.fullmatch(rf"YZ-{year}-0001", question.code)
    page = text_of(client.get(response["Location"]))
    assert question.code in page
    assert "resident@example.org" not in page
    assert len(mail.outbox) == 1 and question.code in mail.outbox[0].body
    assert mail.outbox[0].to == ["resident@example.org"]
    assert ask(client, text="第二个问题", contact="13812345678").status_code == 302
    assert Question.objects.order_by("-pk").first().code == f"YZ-{year}-0002"
    assert Contact.objects.filter(phone="13812345678").exists()


def test_a_lookup_by_code_shows_the_status_only(client, home):
    ask(client, text="只显示状态")
    code = Question.objects.get().code
    page = text_of(client.get("/questions/status/", {"code": code.lower()}))
    assert "只显示状态" not in page and "resident@example.org" not in page
    assert tags(page, "dd", **{"data-status": "new"})
    assert client.get("/questions/status/", {"code": "YZ-2026-9999"}).status_code == 404
    malformed = client.get("/en/questions/status/", {"code": "<script>"})
    assert malformed.status_code == 400 and "<script>" not in text_of(malformed)
    assert "looks like YZ-2026-0042" in text_of(malformed)


def publish(question, reply="预计明年春季开工。", unit="渝中区住房城市建设委员会", reply_en=""):
    from yuzhong_site.feedback.moderation import question_saved

    question.reply, question.reply_en, question.handling_unit = reply, reply_en, unit
    question.replied_on = datetime.date(2026, 11, 30)
    question.published = True
    question.save()
    question_saved(question, "new", False)


@pytest.mark.indexes
def test_a_published_question_shows_on_the_list_the_project_page_and_in_search(
    client, project
):
    ask(client, text="解放碑改造什么时候完工？", topic=f"project:{project.pk}")
    question = Question.objects.get()
    assert "解放碑改造什么时候完工" not in text_of(client.get("/questions/"))
    assert "解放碑改造什么时候完工" not in text_of(client.get("/plan/projects/jfb/"))
    publish(question)
    listing = text_of(client.get("/questions/"))
    assert "解放碑改造什么时候完工" in listing and "渝中区住房城市建设委员会" in listing
    assert "resident@example.org" not in listing
    project_page = text_of(client.get("/plan/projects/jfb/"))
    assert "居民问答" in project_page and "预计明年春季开工" in project_page
    found = text_of(client.get("/search/", {"q": "完工"}))
    assert has_tag(found, "a", href=f"/questions/#{question.code}", **{"class": "yz-result__link"})
    filtered = text_of(client.get("/questions/", {"topic": f"project:{project.pk}"}))
    assert "解放碑改造什么时候完工" in filtered
    # an untranslated reply on the English site: in Chinese, marked and said so
    english = text_of(client.get("/en/questions/"))
    assert "not been translated" in english
    assert tags(english, "div", lang="zh-Hans")


def test_publishing_without_a_reply_is_refused_in_the_admin(admin_client, home):
    ask(admin_client, text="没有答复不能发布")
    question = Question.objects.get()
    response = admin_client.post(f"/admin/feedback/questions/edit/{question.pk}/", {
        "reply": "", "reply_en": "", "handling_unit": "", "handling_unit_en": "",
        "replied_on": "", "state": "in_progress", "section": "", "published": "on",
        "moderator_note": "",
    })
    assert response.status_code == 200
    question.refresh_from_db()
    assert not question.published


def test_a_moderator_answers_and_publishes_in_the_admin(
    admin_client, client, project, django_capture_on_commit_callbacks
):
    ask(client, text="解放碑什么时候开放？", topic=f"project:{project.pk}")
    question = Question.objects.get()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/feedback/questions/edit/{question.pk}/", {
        "reply": "已于十月开放。", "reply_en": "It opened in October.",
        "handling_unit": "解放碑街道办事处", "handling_unit_en": "Jiefangbei Subdistrict Office",
        "replied_on": "2026-11-20", "state": "in_progress", "section": "", "published": "on",
        "moderator_note": "",
    })
    assert response.status_code == 302, text_of(response)[:2000]
    question.refresh_from_db()
    assert question.published and question.state == "replied" and question.published_at
    english = text_of(client.get("/en/questions/"))
    assert "It opened in October." in english and "Jiefangbei Subdistrict Office" in english
    assert [m.to for m in mail.outbox] == [["resident@example.org"]]
    assert "已于十月开放。" in mail.outbox[0].body


def test_the_question_pages_and_privacy_notice_exist_in_both_languages(client, home):
    for prefix, words in (("", "居民问答"), ("/en", "Residents' questions")):
        assert words in text_of(client.get(f"{prefix}/questions/"))
        form = text_of(client.get(f"{prefix}/questions/ask/"))
        assert has_tag(form, "input", name="csrfmiddlewaretoken")
        privacy = client.get(f"{prefix}/feedback/privacy/")
        assert privacy.status_code == 200
    assert "个人信息" in text_of(client.get("/feedback/privacy/"))
    assert "12 months" in text_of(client.get("/en/feedback/privacy/"))


def test_an_example_question_is_labelled_as_one(client, home):
    Question.objects.create(code="YZ-2026-0100", text="示例问题", reply="示例答复",
                            handling_unit="单位", replied_on=datetime.date(2026, 1, 5),
                            published=True, is_example=True, state="replied")
    assert "示例" in text_of(client.get("/questions/"))
    assert "Example" in text_of(client.get("/en/questions/"))


def test_project_page_links_to_ask_about_the_project(client, project):
    html = text_of(client.get("/plan/projects/jfb/"))
    link = [a["href"] for a in tags(html, "a") if a.get("href", "").startswith("/questions/ask/")]
    assert link == [f"/questions/ask/?topic=project%3A{project.pk}"]
    form = text_of(client.get(link[0]))
    assert has_tag(form, "option", value=f"project:{project.pk}", selected=None)
    assert Project.objects.count() == 1


def test_a_report_from_a_metric_page_names_the_indicator_and_its_pillar(client, plan):
    from tests.plans.factories import make_metric

    _plan, pillars = plan
    metric = make_metric(pillars["heritage"], name_zh_hans="游客接待量", name_en="Visitors",
                         slug="visitors")
    href = report_link(text_of(client.get("/en/plan/metrics/visitors/")))
    assert "Visitors" in text_of(client.get(href))
    client.post("/en/report-error/", {"url": "/en/plan/metrics/visitors/", "figure": "2023",
                                      "what_is_wrong": "The 2023 figure is wrong"})
    report = ErrorReport.objects.get()
    assert report.page_title == "Visitors" and report.section_id == pillars["heritage"].pk
    assert report.language == "en" and metric.pk


def test_pillar_and_place_pages_show_residents_questions(client, plan, home):
    from districts.models import VisitIndexPage
    from tests.districts.builders import make_district, make_site
    from yuzhong_site.core.pages import ensure_child_page

    _plan, pillars = plan
    index, _ = ensure_child_page(home, VisitIndexPage, "visit", title="游渝中")
    place = make_site(index, "shibati", title="十八梯", district=make_district())
    Question.objects.create(code="YZ-2026-0001", text="支柱问题", reply="支柱答复",
                            handling_unit="单位", replied_on=datetime.date(2026, 1, 5),
                            published=True, topic="pillar", pillar=pillars["services"])
    Question.objects.create(code="YZ-2026-0002", text="十八梯开放时间？", reply="全天开放",
                            handling_unit="街道", replied_on=datetime.date(2026, 1, 6),
                            published=True, topic="place", place=place)
    pillar_page = text_of(client.get(pillars["services"].url))
    assert "居民问答" in pillar_page and "支柱答复" in pillar_page and "全天开放" not in pillar_page
    place_page = text_of(client.get("/visit/shibati/"))
    assert "全天开放" in place_page and "支柱答复" not in place_page
    # a report from the place page goes to the visitors' section
    client.post("/report-error/", {"url": "/visit/shibati/", "what_is_wrong": "时间不对"})
    assert ErrorReport.objects.get().section_id == index.pk
