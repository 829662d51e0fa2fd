"""Privacy by design and abuse: contact details absent from every public surface, bad input
answered politely with nothing lost, throttles, e-mail retried, contacts erased."""

import datetime
import logging

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.feedback.test_feedback import ask, publish
from tests.helpers import text_of
from tests.plans.factories import make_plan, make_project
from yuzhong_site.core.public_urls import all_public_urls
from yuzhong_site.feedback.models import Contact, ErrorReport, OutgoingEmail, Question

pytestmark = pytest.mark.django_db

SECRET_EMAIL = "secret.person@example.org"
SECRET_PHONE = "13987654321"


@pytest.fixture
def project(home):
    _plan, pillars = make_plan(home)
    return make_project(pillars["services"], name_zh_hans="较场口项目", slug="jck")


@pytest.mark.indexes
def test_contact_details_are_on_no_public_surface_in_any_language_or_format(
    client, project, caplog
):
    caplog.set_level(logging.DEBUG)
    ask(client, text="隐私测试问题一", contact=SECRET_EMAIL, topic=f"project:{project.pk}",
        display_name="老张")
    ask(client, text="Privacy test question two", contact=SECRET_PHONE, prefix="/en")
    client.post("/report-error/", {"url": "/plan/projects/jck/", "what_is_wrong": "隐私纠错",
                                   "email": SECRET_EMAIL, "consent": "on"})
    from yuzhong_site.core.pages import ensure_child_page
    from yuzhong_site.feedback.models import ConsultationPage

    today = timezone.localdate()
    ensure_child_page(project.pillar.get_parent().get_parent().specific, ConsultationPage,
                      "consult", title="征求意见", introduction="事项", draft="<p>草案</p>",
                      opens_on=today, closes_on=today)
    assert client.post("/consult/", {"text": "隐私意见", "contact": SECRET_PHONE,
                                     "consent": "on"}).status_code == 302
    for question in Question.objects.all():
        publish(question, reply_en="Reply in English")
    assert Contact.objects.count() == 4
    urls = [item.url for item in all_public_urls()]
    urls += ["/search/?q=隐私测试", "/en/search/?q=Privacy", "/questions/?topic=general",
             "/plan/projects/jck/", "/en/plan/projects/jck/", "/sitemap.xml",
             "/api/v1/", "/questions/status/?code=" + Question.objects.first().code]
    assert "/questions/" in urls and "/en/questions/" in urls
    checked = 0
    for url in urls:
        response = client.get(url)
        if response.streaming:
            body = b"".join(response.streaming_content).decode("utf-8", "replace")
        else:
            body = response.content.decode("utf-8", "replace")
        for secret in (SECRET_EMAIL, SECRET_PHONE, "secret.person", "3987654321"):
            assert secret not in body, (url, secret)
        checked += 1
    assert checked > 20
    # what was published is there, without the contact
    assert "隐私测试问题一" in text_of(client.get("/questions/")) and "老张" in text_of(
        client.get("/questions/"))
    # the page cache, the search index and the logs hold none of it
    stored = stored_in_the_cache()
    assert SECRET_EMAIL.encode() not in stored and SECRET_PHONE.encode() not in stored
    from wagtail.search.models import IndexEntry

    bodies = repr(list(IndexEntry.objects.values_list("title", "body", "autocomplete")))
    assert SECRET_EMAIL not in bodies and SECRET_PHONE not in bodies
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert SECRET_EMAIL not in logged and SECRET_PHONE not in logged


def stored_in_the_cache():
    """Every value the cache holds, as bytes: local memory's pickles, or Redis's stored values
    (django-redis, uncompressed), whichever backend the tests run on."""
    if hasattr(cache, "_cache"):  # local memory
        return b"".join(cache._cache.values())
    client = cache.client.get_client()
    return b"".join(client.get(key) or b"" for key in client.keys("*"))


def test_pages_with_a_form_token_or_a_status_are_never_cached(client, home):
    for url in ("/questions/ask/", "/en/questions/ask/", "/report-error/?url=/"):
        first = client.get(url)
        assert "no-store" in first["Cache-Control"] or "private" in first["Cache-Control"]
        assert first.get("X-Cache") != "HIT" and client.get(url).get("X-Cache") != "HIT"
    ask(client, text="状态页不缓存")
    code = Question.objects.get().code
    status = client.get("/questions/status/", {"code": code})
    assert "no-store" in status["Cache-Control"] or "no-cache" in status["Cache-Control"]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"text": ""}, "This field is required"),
        ({"text": "长" * 10_000}, "2000"),
        ({"contact": "138 1234"}, "11-digit"),
        ({"contact": "some one@example.org"}, "no spaces"),
        ({"contact": ""}, "This field is required"),
        ({"consent": ""}, "privacy notice"),
    ],
)
def test_bad_input_gets_a_clear_answer_and_keeps_what_was_typed(client, home, fields, message):
    data = {"text": "我想问一下", "contact": "a@example.org", "consent": "on", **fields}
    response = ask(client, prefix="/en", **{k: v for k, v in data.items()})
    assert response.status_code == 400
    body = text_of(response)
    assert message in body
    if fields.get("text") != "" and "text" not in fields:
        assert "我想问一下" in body  # kept
    assert not Question.objects.exists()
    chinese = ask(client, **data)
    assert chinese.status_code == 400 and "请检查" in text_of(chinese)


def test_html_control_characters_and_emoji_are_kept_as_text_and_escaped(client, home):
    assert ask(client, text="空字符\x00").status_code == 400  # Django: "Null characters…"
    text = "<script>alert(1)</script> <b>粗</b>\x0b\x1f 🙂 http://example.org/x"
    assert ask(client, text=text, contact="+86 138-1234-5678").status_code == 302
    question = Question.objects.get()
    assert "\x0b" not in question.text and "\x1f" not in question.text and "🙂" in question.text
    assert question.contact.phone == "13812345678"
    publish(question)
    html = text_of(client.get("/questions/"))
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert 'href="http://example.org/x"' not in html  # links are not made clickable


def test_a_honeypot_hit_and_a_duplicate_within_a_minute_save_nothing_more(client, home):
    assert ask(client, website="http://spam.example").status_code == 302
    assert not Question.objects.exists()
    first = ask(client, text="重复提交")
    second = ask(client, text="重复提交")
    assert Question.objects.count() == 1
    assert first["Location"] == second["Location"]
    for _ in range(2):
        client.post("/report-error/", {"url": "/", "what_is_wrong": "同一条"})
    assert ErrorReport.objects.count() == 1


def test_twenty_five_submissions_from_one_address_are_throttled_with_a_bilingual_429(
    client, home, settings
):
    settings.FEEDBACK_RATE_PER_CONTACT = "100/h"
    codes = [ask(client, text=f"第{n}个问题", contact=f"p{n}@example.org").status_code
             for n in range(25)]
    assert codes.count(302) == 10 and codes[10:] == [429] * 15
    assert Question.objects.count() == 10
    refused = ask(client, text="被限流的问题", contact="late@example.org")
    body = text_of(refused)
    assert refused.status_code == 429
    assert "请一小时后再试" in body and "try again in an hour" in body
    assert "被限流的问题" in body  # what was typed is still in the form


def test_one_contact_is_throttled_too(client, home, settings):
    settings.FEEDBACK_RATE_PER_ADDRESS = "100/h"
    codes = [ask(client, text=f"问题{n}", contact="same@example.org").status_code
             for n in range(7)]
    assert codes == [302] * 5 + [429] * 2


def test_a_failed_email_loses_nothing_and_the_cron_command_sends_it(
    client, home, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.feedback.failing_mail.Backend"
    with django_capture_on_commit_callbacks(execute=True):
        response = ask(client, text="邮件失败也不丢")
    assert response.status_code == 302
    question = Question.objects.get()
    message = OutgoingEmail.objects.get()
    assert message.sent_at is None and message.attempts == 1
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("feedback_cron")
    message.refresh_from_db()
    assert message.sent_at is not None
    assert question.code in mail.outbox[-1].body


def test_contact_details_are_erased_after_the_retention_period_the_answer_stays(client, home):
    ask(client, text="一年多前的问题", contact=SECRET_EMAIL)
    ask(client, text="最近的问题", contact="recent@example.org")
    old, recent = Question.objects.order_by("pk")
    publish(old)
    publish(recent)
    Question.objects.filter(pk=old.pk).update(closed_at=timezone.now() - datetime.timedelta(days=400))
    call_command("feedback_cron")
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.contact is None and recent.contact is not None
    assert not Contact.objects.filter(email=SECRET_EMAIL).exists()
    assert "一年多前的问题" in text_of(client.get("/questions/"))


def test_one_persons_data_is_exported_and_erased_by_email_or_phone(client, home, capsys):
    ask(client, text="导出我的数据", contact=SECRET_PHONE)
    call_command("feedback_person", "139-8765-4321", "--export")
    out = capsys.readouterr().out
    assert SECRET_PHONE in out and "导出我的数据" in out
    call_command("feedback_person", SECRET_PHONE, "--erase")
    assert not Contact.objects.exists() and Question.objects.get().contact is None


def test_the_question_list_costs_the_same_few_queries_for_3_or_30_questions(
    client, project, page_cache_off
):
    def count():
        client.get("/questions/")  # the per-publish memo filled (site, routes)
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/questions/").status_code == 200
        return len(captured)

    for n in range(3):
        Question.objects.create(code=f"YZ-2026-{n:04d}", text=f"问{n}", reply="答",
                                handling_unit="单位", replied_on=datetime.date(2026, 1, 1),
                                published=True, topic="project", project=project)
    few = count()
    for n in range(3, 30):
        Question.objects.create(code=f"YZ-2026-{n:04d}", text=f"问{n}", reply="答",
                                handling_unit="单位", replied_on=datetime.date(2026, 1, 1),
                                published=True, topic="project", project=project)
    many = count()
    assert many == few and many <= 12, (few, many)
    for url in ("/questions/ask/", "/questions/status/?code=YZ-2026-0001",
                "/feedback/privacy/", "/report-error/?url=/plan/projects/jck/",
                "/report-error/thanks/?url=/plan/projects/jck/", "/en/questions/"):
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        assert len(captured) <= 12, (url, len(captured))
