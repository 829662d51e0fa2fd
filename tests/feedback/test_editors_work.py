"""Editors' work, measured: targets in working days, overdue items first on the editors' home,
reminders by e-mail, the yearly report (admin and CSV); one person's data from the admin."""

import csv
import datetime
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.management import call_command

from tests.helpers import text_of
from tests.plans.factories import make_plan
from yuzhong_site.core.editorial import MODERATORS_GROUP, ensure_group
from yuzhong_site.feedback.deadlines import add_working_days, set_due_date
from yuzhong_site.feedback.models import Contact, ErrorReport, Question
from yuzhong_site.feedback.report import report_csv, yearly_report

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(day, hour=10):
    return datetime.datetime(2026, *day, hour, tzinfo=SHANGHAI)


def item(model, received, closed=None, section=None, replied_on=None, **fields):
    obj = model(received_at=at(received), section=section, **fields)
    if model is Question:
        obj.code = f"YZ-2026-{Question.objects.count() + 1:04d}"
        obj.text = fields.get("text", "问题")
        obj.replied_on = replied_on
        obj.state = Question.State.REPLIED if replied_on else Question.State.NEW
    else:
        obj.page_url, obj.page_title, obj.what_is_wrong = "/", "首页", "错"
        obj.state = ErrorReport.State.CORRECTED if closed else ErrorReport.State.NEW
    obj.closed_at = at(closed) if closed else None
    set_due_date(obj)
    obj.save()
    return obj


@pytest.fixture
def test_data(home):
    """The test data of the yearly report: in the pillar "支柱services", three 纠错 reports (two
    closed after 1 and 4 days, one open since 2 Nov); without a section, two questions (one
    replied after 7 days, one open since 1 Dec) and one report closed after 2 days."""
    _plan, pillars = make_plan(home)
    services = pillars["services"]
    item(ErrorReport, (3, 2), closed=(3, 3), section=services)
    item(ErrorReport, (6, 1), closed=(6, 5), section=services)
    item(ErrorReport, (11, 2), section=services)
    item(Question, (9, 7), replied_on=datetime.date(2026, 9, 14), closed=(9, 14))
    item(Question, (12, 1))
    item(ErrorReport, (4, 1), closed=(4, 3))
    return services


def test_targets_are_counted_in_working_days():
    friday = datetime.date(2026, 12, 4)
    assert add_working_days(friday, 3) == datetime.date(2026, 12, 9)  # Wed: the weekend skipped
    assert add_working_days(friday, 10) == datetime.date(2026, 12, 18)


def test_the_yearly_report_for_the_test_data(test_data):
    from django.utils import translation

    with translation.override("zh-hans"):
        print("\n" + report_csv(yearly_report(2026, today=datetime.date(2026, 12, 6))))
    translation.activate("en")
    rows = yearly_report(2026, today=datetime.date(2026, 12, 6))
    table = {(row["kind"], row["section"]): row for row in rows}
    pillar = table[("Error reports", "支柱services")]
    assert (pillar["received"], pillar["answered"], pillar["open"], pillar["overdue"]) == (3, 2, 1, 1)
    assert (pillar["average_days"], pillar["longest_days"]) == (2.5, 4)
    general_reports = table[("Error reports", "审核 (no section)")]
    assert (general_reports["received"], general_reports["answered"]) == (1, 1)
    assert general_reports["average_days"] == 2
    questions = table[("Questions", "审核 (no section)")]
    assert (questions["received"], questions["answered"], questions["open"]) == (2, 1, 1)
    assert questions["overdue"] == 0  # due 15 Dec (10 working days after 1 Dec)
    assert (questions["average_days"], questions["longest_days"]) == (7, 7)
    parsed = list(csv.reader(io.StringIO(report_csv(rows))))
    assert parsed[0][:3] == ["Kind", "Section", "Number received"]
    assert len(parsed) == 1 + len(rows)


def test_the_yearly_report_in_the_admin_and_as_csv(admin_client, test_data):
    page = text_of(admin_client.get("/admin/feedback/yearly-report/?year=2026"))
    assert "支柱services" in page and "Average days to reply" in page or "平均" in page
    download = admin_client.get("/admin/feedback/yearly-report/?year=2026&format=csv")
    assert download["Content-Type"].startswith("text/csv")
    assert "支柱services" in download.content.decode()


def test_overdue_items_come_first_on_the_editors_home_and_moderators_are_reminded(
    client, test_data, django_user_model
):
    from yuzhong_site.feedback.permissions import ensure_feedback_moderators

    moderator = django_user_model.objects.create_user("mod", "mod@example.org", "pw")
    moderator.groups.add(ensure_group(MODERATORS_GROUP))
    ensure_feedback_moderators()
    client.force_login(moderator)
    home = text_of(client.get("/admin/"))
    assert "yz-home-overdue-reports" in home
    assert home.index("yz-home-overdue-reports") < home.index("yz-home-my-page-drafts")
    late = ErrorReport.objects.get(state="new")
    assert f"/admin/feedback/reports/edit/{late.pk}/" in home
    mail.outbox.clear()
    call_command("feedback_cron")
    assert any(m.to == ["mod@example.org"] and f"/edit/{late.pk}/" in m.body for m in mail.outbox)
    mail.outbox.clear()
    call_command("feedback_cron")  # once a day
    assert not [m for m in mail.outbox if m.to == ["mod@example.org"]]


def test_a_site_moderator_exports_and_erases_one_persons_data_in_the_admin(admin_client, home):
    contact = Contact.objects.create(email="someone@example.org")
    Question.objects.create(code="YZ-2026-0001", text="我的问题", contact=contact)
    page = text_of(admin_client.get("/admin/feedback/person/", {"contact": "someone@example.org"}))
    assert "1" in page and "someone@example.org" in page
    export = admin_client.get("/admin/feedback/person/",
                              {"contact": "someone@example.org", "format": "json"})
    data = json.loads(export.content)
    assert data["questions"][0]["text"] == "我的问题"
    response = admin_client.post("/admin/feedback/person/", {"contact": "someone@example.org"})
    assert response.status_code == 302
    assert not Contact.objects.exists() and Question.objects.get().contact is None


def test_a_section_editor_cannot_reach_one_persons_data(client, home, django_user_model):
    editor = django_user_model.objects.create_user("ed", "ed@example.org", "pw")
    editor.groups.add(ensure_group("编辑"))
    client.force_login(editor)
    assert client.get("/admin/feedback/person/").status_code in (302, 403)
