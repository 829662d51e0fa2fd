"""Consultations (意见征集): before, during and after their dates; the report after closing."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.helpers import text_of
from tests.plans.factories import make_plan, make_project
from yuzhong_site.core.pages import ensure_child_page, ensure_translation
from yuzhong_site.feedback.models import (
    AdoptedIdea,
    ConsultationPage,
    ConsultationResponse,
    Contact,
)

pytestmark = pytest.mark.django_db
DAY = datetime.timedelta(days=1)


@pytest.fixture
def consultation(home):
    today = timezone.localdate()
    page, _ = ensure_child_page(
        home, ConsultationPage, "riverside", title="滨江步道改造方案征求意见",
        introduction="决定滨江步道的改造方式。", draft="<p>草案：拓宽步道，增设座椅。</p>",
        opens_on=today - DAY, closes_on=today + 10 * DAY,
    )
    ensure_translation(page, "en", title="Riverside walk: draft plan for comment",
                       introduction="How the riverside walk is to be renewed.",
                       draft="<p>Draft: wider walk, more benches.</p>",
                       opens_on=page.opens_on, closes_on=page.closes_on)
    return page


def set_dates(page, opens, closes):
    ConsultationPage.objects.filter(translation_key=page.translation_key).update(
        opens_on=opens, closes_on=closes)


def respond(client, text="建议多种树。", prefix="", **extra):
    return client.post(f"{prefix}/riverside/", {"text": text, "contact": "", **extra})


def test_the_form_exists_only_while_the_consultation_is_open(client, consultation):
    today = timezone.localdate()
    during = text_of(client.get("/riverside/"))
    assert 'name="text"' in during and "草案：拓宽步道" in during
    assert respond(client).status_code == 302
    assert "已收到" in text_of(client.get("/riverside/?sent=1"))
    assert ConsultationResponse.objects.get().consultation_id == consultation.pk
    english = text_of(client.get("/en/riverside/"))
    assert "Open for your views until" in english
    assert respond(client, "Plant more trees, please.", prefix="/en").status_code == 302
    assert ConsultationResponse.objects.count() == 2  # the English page's go to the same one

    set_dates(consultation, today + 2 * DAY, today + 12 * DAY)
    before = text_of(client.get("/en/riverside/"))
    assert "Opens on" in before and 'name="text"' not in before
    refused = respond(client, "太早了", prefix="")
    assert refused.status_code == 400 and "太早了" in text_of(refused)

    set_dates(consultation, today - 12 * DAY, today - DAY)
    after = text_of(client.get("/riverside/"))
    assert 'name="text"' not in after and "草案" in after
    late = respond(client, "太晚了")
    assert late.status_code == 400 and "太晚了" in text_of(late)
    assert ConsultationResponse.objects.count() == 2


def test_after_closing_the_report_says_what_was_received_and_adopted(client, consultation, home):
    _plan, pillars = make_plan(home)
    project = make_project(pillars["services"], name_zh_hans="滨江步道座椅", slug="benches")
    for text in ("多放座椅", "多种树", "加路灯"):
        respond(client, text)
    today = timezone.localdate()
    set_dates(consultation, today - 12 * DAY, today - DAY)
    assert "尚未公布" in text_of(client.get("/riverside/")) or "not been published" in text_of(
        client.get("/en/riverside/"))
    page = ConsultationPage.objects.get(pk=consultation.pk)
    page.report_summary = "共收到意见三条，采纳一条。"
    page.not_adopted_summary = "种树和路灯已在其他计划中安排。"
    page.report_published = True
    page.adopted_ideas = [AdoptedIdea(idea="多放座椅", became_project=project)]
    page.save_revision().publish()
    html = text_of(client.get("/riverside/"))
    assert "3" in html and "种树和路灯已在其他计划中安排" in html
    assert 'href="/plan/projects/benches/"' in html


def test_contact_is_optional_and_never_shown(client, consultation):
    assert respond(client, "有联系方式的意见", contact="13812345678", consent="on").status_code == 302
    assert Contact.objects.get().phone == "13812345678"
    assert "13812345678" not in text_of(client.get("/riverside/"))
    no_consent = respond(client, "没同意", contact="13812345679")
    assert no_consent.status_code == 400


def test_the_consultation_page_costs_a_bounded_number_of_queries(client, consultation,
                                                                   page_cache_off):
    today = timezone.localdate()
    for phase in ((today - DAY, today + DAY), (today - 9 * DAY, today - DAY)):
        set_dates(consultation, *phase)
        client.get("/riverside/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/riverside/").status_code == 200
        assert len(captured) <= 12, len(captured)
