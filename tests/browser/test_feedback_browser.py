"""In a real browser, end to end: a resident on a 390 px phone asks a question in Chinese and
gets a tracking code; a moderator answers and publishes it in the admin; it shows on
/questions/, on the project's page and in search, and the e-mails were sent."""

import pytest
from django.core import mail

from plans.models import Project
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
    admin.goto(f"{base}/admin/login/")
    admin.fill("#id_username", "feedback-mod")
    admin.fill("#id_password", "pw-mod-1")
    admin.click("button[type=submit]")
    admin.wait_for_url(f"{base}/admin/")
    admin.goto(f"{base}/admin/feedback/questions/")
    admin.get_by_role("link", name=question.code).first.click()
    admin.fill("#id_reply", "预计2027年上半年完工。")
    admin.fill("#id_handling_unit", "渝中区住房城市建设委员会")
    admin.fill("#id_replied_on", "2026-12-01")
    admin.locator("#id_published").check(force=True)
    admin.get_by_role("button", name="保存", exact=True).click()  # the admin speaks Chinese
    admin.wait_for_url(f"{base}/admin/feedback/questions/")
    context.close()

    question.refresh_from_db()
    assert question.published
    page.goto(f"{base}/questions/")
    assert "预计2027年上半年完工" in page.locator("main").inner_text()
    page.goto(f"{base}{project.get_url()}")
    assert "居民问答" in page.locator("main").inner_text()
    assert "预计2027年上半年完工" in page.locator("main").inner_text()
    page.goto(f"{base}/search/?q=完工")
    assert page.locator(f"a[href='/questions/#{code}']").count() == 1
    assert any("预计2027年上半年完工" in m.body and m.to == ["jumin@example.org"]
               for m in mail.outbox)
