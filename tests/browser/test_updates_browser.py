"""In a real browser: an editor submits a change to an update, a moderator approves it, and the
public site shows it; the filters work without JS
(axe, WCAG 2.1 AA, on these pages: tests/browser/test_readable_browser.py)."""

from django.contrib.auth.models import Group

from plans.models import UpdatePage
from tests.browser.conftest import sign_in_to_admin
from yuzhong_site.core.editorial import EDITORS_GROUP, MODERATORS_GROUP

UPDATE = "/updates/daijiaxiang-cliffside-walkway-opens/"


def _user(django_user_model, username, group):
    user = django_user_model.objects.create_user(username=username, password="pw-for-browser")
    user.groups.add(Group.objects.get(name=group))
    return user


def _log_in(page, base, username):
    sign_in_to_admin(page, base, username, "pw-for-browser")


def test_filters_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/en/updates/")
    page.select_option("#yz-filter-pillar", "international")
    page.click(".yz-filters__submit")
    assert "pillar=international" in page.url
    assert page.locator(".yz-update-card").count() >= 1
    assert "Belarus" in page.inner_text("main")
    assert "Daijiaxiang" not in page.inner_text("main")
    context.close()


def test_editor_submits_moderator_approves_and_the_update_is_public(site, browser, django_user_model):
    _user(django_user_model, "browser-editor", EDITORS_GROUP)
    _user(django_user_model, "browser-moderator", MODERATORS_GROUP)
    update = UpdatePage.objects.get(slug="daijiaxiang-cliffside-walkway-opens", locale__language_code="zh-hans")
    new_summary = "经审核发布的新摘要：步道连接滨江路和解放碑。"

    editor_context = browser.new_context()
    editor = editor_context.new_page()
    _log_in(editor, site.url, "browser-editor")
    editor.goto(f"{site.url}/admin/pages/{update.pk}/edit/")
    editor.fill("#id_summary", new_summary)
    assert editor.locator('button[name="action-publish"]').count() == 0
    # Wait for the submission's response: a bare wait_for_load_state() can return before the
    # form is even sent, and closing the context then cancels it.
    with editor.expect_navigation():
        editor.locator('button[name="action-submit"]').evaluate("button => button.click()")
    editor_context.close()

    public_context = browser.new_context()
    public = public_context.new_page()
    public.goto(site.url + UPDATE)
    assert new_summary not in public.inner_text("main")

    moderator_context = browser.new_context()
    moderator = moderator_context.new_page()
    _log_in(moderator, site.url, "browser-moderator")
    assert update.title in moderator.inner_text("main")  # "awaiting your review"
    from wagtail.models import TaskState

    task_state = TaskState.objects.filter(
        workflow_state__object_id=str(update.pk), status=TaskState.STATUS_IN_PROGRESS
    ).get()
    token = next(c["value"] for c in moderator_context.cookies() if c["name"] == "csrftoken")
    response = moderator.request.post(
        f"{site.url}/admin/pages/workflow/action/{update.pk}/approve/{task_state.pk}/",
        form={"comment": "", "csrfmiddlewaretoken": token},
        headers={"Referer": f"{site.url}/admin/", "X-CSRFToken": token},
    )
    assert response.ok
    moderator_context.close()

    # A visitor arriving now sees it at once (the server's page cache was purged on publish;
    # the first reader's own browser may keep its copy for max-age, so use a fresh one).
    public_context.close()
    public_context = browser.new_context()
    public = public_context.new_page()
    public.goto(site.url + UPDATE)
    assert new_summary in public.inner_text("main")
    public.goto(site.url + "/updates/?year=2021")  # the list of its year (the full list pages)
    assert new_summary in public.inner_text("main")
    public_context.close()
