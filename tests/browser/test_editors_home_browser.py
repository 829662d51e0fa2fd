"""In a real browser: the 编辑 and 审核 demo users sign in to the editors' home and see what
needs them, with links that open the record."""

from django.contrib.auth.models import Group

from plans.models import Metric
from tests.browser.conftest import sign_in_to_admin
from yuzhong_site.core.demo import (
    DEMO_EDITOR_PASSWORD,
    DEMO_EDITOR_USERNAME,
    DEMO_MODERATOR_PASSWORD,
    DEMO_MODERATOR_USERNAME,
)
from yuzhong_site.core.editorial import EDITORS_GROUP, MODERATORS_GROUP


def _account(django_user_model, username, password, group):
    user, _ = django_user_model.objects.get_or_create(username=username)
    user.set_password(password)
    user.save()
    user.groups.add(Group.objects.get(name=group))
    return user


def _sign_in(browser, base, username, password):
    context = browser.new_context()
    page = context.new_page()
    page.set_default_timeout(20_000)
    sign_in_to_admin(page, base, username, password)
    return context, page


def test_editor_and_moderator_see_what_needs_them(site, browser, django_user_model):
    editor = _account(django_user_model, DEMO_EDITOR_USERNAME, DEMO_EDITOR_PASSWORD, EDITORS_GROUP)
    _account(django_user_model, DEMO_MODERATOR_USERNAME, DEMO_MODERATOR_PASSWORD, MODERATORS_GROUP)
    metric = Metric.objects.filter(live=True).order_by("pk").first()
    draft = metric.get_latest_revision_as_object()
    draft.notes_zh_hans = (draft.notes_zh_hans or "") + "（编辑草稿）"
    draft.save_revision(user=editor)

    context, page = _sign_in(browser, site.url, DEMO_EDITOR_USERNAME, DEMO_EDITOR_PASSWORD)
    panel = page.locator("#yz-editors-home")
    assert "待办" in panel.inner_text()
    mine = page.locator("#yz-home-my-plan-drafts")
    assert metric.name_zh_hans in mine.inner_text()
    assert page.locator("#yz-home-plan-review").count() == 0
    for key in ("stale-figures", "stale-statuses", "no-english", "outdated-english", "records-no-english"):
        assert page.locator(f"#yz-home-{key}").count() == 1, key
    context.close()

    context, page = _sign_in(browser, site.url, DEMO_MODERATOR_USERNAME, DEMO_MODERATOR_PASSWORD)
    waiting = page.locator("#yz-home-plan-review")
    assert metric.name_zh_hans in waiting.inner_text()
    waiting.get_by_role("link", name=metric.name_zh_hans, exact=False).first.click()
    page.wait_for_url(f"{site.url}/admin/snippets/plans/metric/edit/{metric.pk}/")
    context.close()
