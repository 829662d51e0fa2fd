"""The admin speaks Chinese to new accounts (English on request); scheduled pages go live and
expire when `make publish-scheduled` runs; the demo command creates the review accounts."""

from datetime import timedelta
from io import StringIO
from unittest import mock

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from tests.helpers import add_page_in_admin, text_of
from yuzhong_site.core.demo import (
    DEMO_EDITOR_PASSWORD,
    DEMO_EDITOR_USERNAME,
    DEMO_MODERATOR_PASSWORD,
    DEMO_MODERATOR_USERNAME,
)
from yuzhong_site.core.editorial import EDITORS_GROUP, MODERATORS_GROUP
from yuzhong_site.core.models import StandardPage
from yuzhong_site.core.pages import ensure_child_page

pytestmark = pytest.mark.django_db


def test_a_new_user_with_an_english_browser_gets_the_chinese_admin(client, home, django_user_model):
    user = django_user_model.objects.create_user("new-editor", password="pw-for-tests", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert user.wagtail_userprofile.preferred_language == "zh-hans"
    client.force_login(user)
    html = text_of(client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en"))
    assert 'lang="zh-hans"' in html
    assert "控制面板" in html and "帐号" in html


def test_a_user_switches_the_admin_to_english_in_account_settings(client, home, django_user_model):
    user = django_user_model.objects.create_superuser("switcher", "s@example.org", "pw-for-tests")
    client.force_login(user)
    account = text_of(client.get("/admin/account/"))
    assert 'name="locale-preferred_language"' in account
    response = client.post(
        "/admin/account/",
        {
            "locale-preferred_language": "en",
            "locale-current_time_zone": "",
            "name_email-first_name": "Lin",
            "name_email-last_name": "Wang",
            "name_email-email": "s@example.org",
            "theme-theme": "system",
            "theme-density": "default",
            "theme-contrast": "system",
            "theme-keyboard_shortcuts": "on",
        },
    )
    assert response.status_code == 302
    user.wagtail_userprofile.refresh_from_db()
    assert user.wagtail_userprofile.preferred_language == "en"
    html = text_of(client.get("/admin/"))
    assert 'lang="en"' in html and "Dashboard" in html


def test_an_existing_preference_is_not_overwritten(django_user_model):
    user = django_user_model.objects.create_user("kept", password="pw-for-tests")
    profile = user.wagtail_userprofile
    profile.preferred_language = "en"
    profile.save()
    user.first_name = "Kept"
    user.save()
    profile.refresh_from_db()
    assert profile.preferred_language == "en"


def test_a_scheduled_page_goes_live_when_its_time_has_come(client, home):
    page, _ = ensure_child_page(home, StandardPage, "notice", title="已发布的旧标题")
    page = StandardPage.objects.get(pk=page.pk)  # as the editor's form loads it
    page.title = "定时发布的新标题"
    page.go_live_at = timezone.now() + timedelta(days=1)
    revision = page.save_revision()
    revision.publish()
    page.refresh_from_db()
    assert page.title == "已发布的旧标题"  # scheduled, not yet live
    assert "定时发布的新标题" not in text_of(client.get("/notice/"))

    call_command("publish_scheduled", stdout=StringIO())
    assert "定时发布的新标题" not in text_of(client.get("/notice/"))

    # A day later, the cron job publishes it.
    a_day_later = timezone.now() + timedelta(days=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=a_day_later):
        call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert page.title == "定时发布的新标题"
    assert "定时发布的新标题" in text_of(client.get("/notice/"))


def test_a_new_page_scheduled_in_the_admin_stays_hidden_in_english_too(admin_client, home, english_home):
    """The synced tree gives a new draft an English alias; scheduling the draft must not put
    that alias (the embargoed text) online before the Chinese page (wagtail/wagtail#11344)."""
    from django.test import Client

    fields = {"title": "定时公告", "slug": "notice", "introduction": "尚未公开的内容"}
    page = add_page_in_admin(admin_client, home, StandardPage, **fields)
    assert StandardPage.objects.filter(alias_of=page, locale=english_home.locale).exists()
    go_live = timezone.localtime(timezone.now() + timedelta(days=1)).strftime("%Y-%m-%d %H:%M")
    response = admin_client.post(
        f"/admin/pages/{page.pk}/edit/",
        {**fields, "body-count": "0", "go_live_at": go_live, "action-publish": "publish"},
    )
    assert response.status_code == 302
    visitor = Client()
    assert visitor.get("/notice/").status_code == 404
    assert visitor.get("/en/notice/").status_code == 404

    a_day_later = timezone.now() + timedelta(days=1, minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=a_day_later):
        call_command("publish_scheduled", stdout=StringIO())
    assert "尚未公开的内容" in text_of(visitor.get("/notice/"))
    assert "尚未公开的内容" in text_of(visitor.get("/en/notice/"))  # the alias follows it


def test_a_page_is_unpublished_when_it_expires(client, home):
    page, _ = ensure_child_page(home, StandardPage, "temporary", title="临时通知")
    assert client.get("/temporary/").status_code == 200
    StandardPage.objects.filter(pk=page.pk).update(expire_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled", stdout=StringIO())
    page.refresh_from_db()
    assert not page.live and page.expired
    assert client.get("/temporary/").status_code == 404


def test_make_publish_scheduled_wraps_the_command():
    from pathlib import Path

    from django.conf import settings

    makefile = (Path(settings.BASE_DIR) / "Makefile").read_text()
    assert "publish-scheduled:" in makefile
    assert "manage.py publish_scheduled" in makefile


@override_settings(DEBUG=True)
def test_demo_command_creates_an_editor_and_a_moderator_in_development(
    client, django_user_model, demo_content
):
    # On the demo content already loaded (a copy: the command's first run takes 15 s), the
    # command runs again as `make run` does on every start.
    out = StringIO()
    call_command("load_demo_content", "--with-accounts", stdout=out)
    call_command("load_demo_content", "--with-accounts", stdout=StringIO())  # idempotent
    editor = django_user_model.objects.get(username=DEMO_EDITOR_USERNAME)
    moderator = django_user_model.objects.get(username=DEMO_MODERATOR_USERNAME)
    assert list(editor.groups.values_list("name", flat=True)) == [EDITORS_GROUP]
    assert list(moderator.groups.values_list("name", flat=True)) == [MODERATORS_GROUP]
    assert f"{DEMO_EDITOR_USERNAME} / {DEMO_EDITOR_PASSWORD}" in out.getvalue()
    assert f"{DEMO_MODERATOR_USERNAME} / {DEMO_MODERATOR_PASSWORD}" in out.getvalue()
    assert client.login(username=DEMO_EDITOR_USERNAME, password=DEMO_EDITOR_PASSWORD)
    assert client.get("/admin/").status_code == 200


def test_demo_accounts_are_never_created_without_debug(django_user_model, demo_content):
    call_command("load_demo_content", "--with-accounts", stdout=StringIO())
    assert not django_user_model.objects.filter(
        username__in=[DEMO_EDITOR_USERNAME, DEMO_MODERATOR_USERNAME]
    ).exists()
    # …but the roles and the review workflow are always there.
    assert set(Group.objects.values_list("name", flat=True)) >= {EDITORS_GROUP, MODERATORS_GROUP}
