"""In a real browser, end to end: a resident on a 390 px phone asks a question in Chinese and
gets a tracking code; a moderator answers and publishes it in the admin; it shows on
/questions/, on the project's page and in search, and the e-mails were sent."""

import pytest
from django.core import mail

from plans.models import Project
from tests.browser.conftest import sign_in_to_admin
from yuzhong_site.feedback.models import Question


@pytest.mark.indexes
def test_a_question_from_a_phone_to_a_published_reply(site, browser, phone_page, django_user_model):
    project = Project.objects.filter(live=True).order_by("pk").first()
    base = site.url
    page = phone_page
    page.set_default_timeout(20_000)
    page.goto(f"{base}/questions/ask/?topic=project:{project.pk}")
    page.fill("#id_text", "这个项目什么时候完工？附近居民很关心。")
    page.fill("#id_contact", "jumin@example.org")
    page.check("#id_consent")
    page.get_by_role("button", name="提交留言").click()
    page.wait_for_url(f"{base}/questions/status/**")
    code = page.locator("[data-code]").inner_text().strip()
    question = Question.objects.get(code=code)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert any(code in message.body for message in mail.outbox)

    django_user_model.objects.create_superuser("feedback-mod", "mod@example.org", "pw-mod-1")
    context = browser.new_context()
    admin = context.new_page()
    admin.set_default_timeout(20_000)
    sign_in_to_admin(admin, base, "feedback-mod", "pw-mod-1")
    admin.goto(f"{base}/admin/feedback/questions/")
    admin.get_by_role("link", name=question.code).first.click()
    admin.fill("#id_reply", "预计2027年上半年完工。")
    admin.fill("#id_handling_unit", "渝中区住房城市建设委员会")
    admin.fill("#id_replied_on", "2026-12-01")
    published = admin.locator("#id_published")
    published.scroll_into_view_if_needed()
    published.click(force=True)  # Wagtail draws the checkbox as a switch
    if not published.is_checked():  # the admin's own scripts were still settling: once more
        published.evaluate("el => { el.checked = true; el.dispatchEvent(new Event('change')); }")
    assert published.is_checked()
    admin.get_by_role("button", name="保存", exact=True).click()  # the admin speaks Chinese
    admin.wait_for_url(f"{base}/admin/feedback/questions/")
    context.close()

    question.refresh_from_db()
    assert question.published
    page.goto(f"{base}/questions/")
    assert "预计2027年上半年完工" in page.locator("main").inner_text()
    page.goto(f"{base}{project.get_url(language='zh-hans')}")
    assert "居民问答" in page.locator("main").inner_text()
    assert "预计2027年上半年完工" in page.locator("main").inner_text()
    page.goto(f"{base}/search/?q=完工")
    assert page.locator(f"a[href='/questions/#{code}']").count() == 1
    assert any("预计2027年上半年完工" in m.body and m.to == ["jumin@example.org"]
               for m in mail.outbox)


def test_an_error_report_from_a_metric_page_to_its_outcome(site, browser, phone_page,
                                                           django_user_model):
    from plans.models import Metric
    from yuzhong_site.feedback.models import ErrorReport

    metric = Metric.objects.filter(live=True).order_by("pk").first()
    base = site.url
    page = phone_page
    page.set_default_timeout(20_000)
    page.goto(f"{base}{metric.get_url()}")
    page.locator(".yz-report-error__link").click()
    page.wait_for_url(f"{base}/report-error/**")
    assert metric.name_zh_hans in page.locator("main").inner_text()
    page.fill("#id_figure", "2023年数值")
    page.fill("#id_what_is_wrong", "2023年的数值与统计公报不一致。")
    page.fill("#id_email", "reader@example.org")
    page.check("#id_consent")
    page.get_by_role("button", name="提交纠错").click()
    page.wait_for_url(f"{base}/report-error/thanks/**")
    report = ErrorReport.objects.get()
    assert report.page_title == metric.name_zh_hans and report.section_id is not None

    django_user_model.objects.create_superuser("report-mod", "mod@example.org", "pw-mod-2")
    context = browser.new_context()
    admin = context.new_page()
    admin.set_default_timeout(20_000)
    sign_in_to_admin(admin, base, "report-mod", "pw-mod-2")
    admin.goto(f"{base}/admin/feedback/reports/edit/{report.pk}/")
    admin.select_option("#id_state", "corrected")
    admin.fill("#id_moderator_note", "已按统计公报更正。")
    admin.get_by_role("button", name="保存", exact=True).click()
    admin.wait_for_url(f"{base}/admin/feedback/reports/")
    context.close()
    assert any(m.to == ["reader@example.org"] and "已按统计公报更正" in m.body for m in mail.outbox)


def test_a_consultation_before_during_and_after_its_dates(site, phone_page):
    import datetime

    from django.utils import timezone
    from wagtail.models import Locale, Page

    from yuzhong_site.core.pages import ensure_child_page
    from yuzhong_site.feedback.models import ConsultationPage, ConsultationResponse

    today = timezone.localdate()
    day = datetime.timedelta(days=1)
    home = Page.objects.get(depth=2, locale=Locale.get_default())
    consultation, _ = ensure_child_page(
        home, ConsultationPage, "consult-riverside", title="滨江步道征求意见",
        introduction="改造方式", draft="<p>草案内容</p>", opens_on=today + day,
        closes_on=today + 5 * day,
    )
    base = site.url
    page = phone_page
    page.set_default_timeout(20_000)
    url = f"{base}/consult-riverside/"

    def dates(opens, closes):
        ConsultationPage.objects.filter(pk=consultation.pk).update(opens_on=opens, closes_on=closes)
        from django.core.cache import cache

        cache.clear()  # the page cache holds the page of the previous phase

    page.goto(url)
    assert page.locator("[data-phase=before]").count() == 1
    assert page.locator("textarea").count() == 0
    dates(today - day, today + 5 * day)
    page.goto(f"{url}?during")  # another address: the browser keeps the page of the last phase
    page.fill("#id_text", "建议增加无障碍坡道。")
    page.get_by_role("button", name="提交", exact=True).click()
    page.wait_for_url(f"{url}?sent=1")
    assert ConsultationResponse.objects.filter(text="建议增加无障碍坡道。").count() == 1
    dates(today - 6 * day, today - day)
    page.goto(f"{url}?after")
    assert page.locator("[data-phase=closed]").count() == 1
    assert page.locator("textarea").count() == 0
