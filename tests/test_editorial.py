"""Editors write and submit; moderators review and publish; section editors stay in their section."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import (
    GroupPagePermission,
    Page,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)

from districts.models import District
from tests.helpers import tags, text_of
from yuzhong_site.core.editorial import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    WORKFLOW_NAME,
    assign_review_workflow,
    ensure_editorial_setup,
    ensure_section_editors,
    grant_snippet_permissions,
)
from yuzhong_site.core.models import StandardPage
from yuzhong_site.core.pages import ensure_alias, ensure_child_page, ensure_translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def about(home):
    page, _ = ensure_child_page(
        home, StandardPage, "about", title="关于本站", introduction="原来的介绍", show_in_menus=True
    )
    ensure_translation(page, "en", title="About this site", introduction="The old introduction")
    return page


@pytest.fixture
def editorial(about):
    return ensure_editorial_setup()


def member_of(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username=username, password="pw-for-tests")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor_client(client, editorial, django_user_model):
    client.force_login(member_of(django_user_model, EDITORS_GROUP, "an-editor"))
    return client


@pytest.fixture
def moderator(editorial, django_user_model):
    return member_of(django_user_model, MODERATORS_GROUP, "a-moderator")


def edit_form(page, **changes):
    data = {
        "title": page.title,
        "slug": page.slug,
        "introduction": getattr(page, "introduction", ""),
        "body-count": "0",
    }
    data.update(changes)
    return data


def action_buttons(html):
    return {button.get("name") for button in tags(html, "button") if button.get("name")}


def test_setup_is_idempotent_and_reported_by_the_command(about):
    ensure_editorial_setup()
    counts = (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Task.objects.count(),
        WorkflowPage.objects.count(),
    )
    call_command("setup_editorial", stdout=open("/dev/null", "w"))  # noqa: SIM115
    ensure_editorial_setup()
    assert counts == (
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        Workflow.objects.count(),
        Task.objects.count(),
        WorkflowPage.objects.count(),
    )


def test_review_workflow_covers_home_and_sections_in_both_languages(editorial, home, english_home, about):
    _editors, moderators, workflow = editorial
    assert workflow.name == WORKFLOW_NAME
    assert [task.specific.groups.get() for task in workflow.tasks] == [moderators]
    english_about = about.get_translation(english_home.locale)
    for page in (home, english_home, about, english_about):
        assert page.get_workflow() == workflow, page


def test_a_later_section_gets_the_workflow_with_one_call(editorial, home):
    section, _ = ensure_child_page(home, StandardPage, "plan", title="规划")
    english = ensure_alias(section, "en")
    child, _ = ensure_child_page(section, StandardPage, "pillar", title="定位")
    # (a section published after the set-up gets the workflow by itself: take it away here)
    WorkflowPage.objects.filter(page__in=[home, english.get_parent(), section, english]).delete()
    def workflow_name(page):  # a fresh instance: a page caches its workflow
        return getattr(Page.objects.get(pk=page.pk).get_workflow(), "name", None)

    assert workflow_name(section) != WORKFLOW_NAME
    assign_review_workflow(section)
    for page in (section, child, english):
        assert workflow_name(page) == WORKFLOW_NAME


def test_editor_sees_submit_for_review_and_no_publish_button(editor_client, about):
    response = editor_client.get(f"/admin/pages/{about.pk}/edit/")
    assert response.status_code == 200
    buttons = action_buttons(text_of(response))
    assert "action-submit" in buttons
    assert "action-publish" not in buttons


def test_editor_posting_publish_does_not_publish(editor_client, about):
    response = editor_client.post(
        f"/admin/pages/{about.pk}/edit/",
        edit_form(about, introduction="编辑想直接发布", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    about.refresh_from_db()
    assert about.has_unpublished_changes
    assert "编辑想直接发布" not in text_of(editor_client.get("/about/"))


def test_editor_submits_and_moderator_approves_then_the_page_is_live(
    editor_client, client, moderator, about
):
    response = editor_client.post(
        f"/admin/pages/{about.pk}/edit/",
        edit_form(about, introduction="经审核的新介绍", **{"action-submit": "action-submit"}),
    )
    assert response.status_code == 302
    state = WorkflowState.objects.get(base_content_type__model="page", object_id=str(about.pk))
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    assert "经审核的新介绍" not in text_of(client.get("/about/"))

    client.force_login(moderator)
    dashboard = text_of(client.get("/admin/"))
    assert "关于本站" in dashboard  # the moderator's "awaiting your review" panel
    task_state = TaskState.objects.get(workflow_state=state)
    response = client.post(
        f"/admin/pages/workflow/action/{about.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code == 302
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_APPROVED
    client.logout()
    assert "经审核的新介绍" in text_of(client.get("/about/"))


def test_moderator_can_publish_directly(client, moderator, about):
    client.force_login(moderator)
    html = text_of(client.get(f"/admin/pages/{about.pk}/edit/"))
    assert "action-publish" in action_buttons(html)
    response = client.post(
        f"/admin/pages/{about.pk}/edit/",
        edit_form(about, introduction="审核直接发布", **{"action-publish": "action-publish"}),
    )
    assert response.status_code == 302
    client.logout()
    assert "审核直接发布" in text_of(client.get("/about/"))


@pytest.fixture
def two_sections(home, editorial):
    heritage, _ = ensure_child_page(home, StandardPage, "heritage", title="历史文化")
    services, _ = ensure_child_page(home, StandardPage, "services", title="服务")
    ensure_translation(heritage, "en", title="Heritage")
    ensure_translation(services, "en", title="Services")
    shibati, _ = ensure_child_page(heritage, StandardPage, "shibati", title="十八梯")
    return heritage, services, shibati


def test_section_editor_edits_only_their_section(client, django_user_model, two_sections, english_home):
    heritage, services, shibati = two_sections
    ensure_section_editors("编辑·历史文化", heritage)
    client.force_login(member_of(django_user_model, "编辑·历史文化", "heritage-editor"))

    for page in (heritage, shibati, heritage.get_translation(english_home.locale)):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page
    for page in (services, services.get_translation(english_home.locale)):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code in (302, 403), page
        assert response.status_code == 403 or "/admin/pages/" not in response.url

    response = client.post(
        f"/admin/pages/{services.pk}/edit/",
        edit_form(services, title="被改掉的标题", **{"action-submit": "action-submit"}),
    )
    services.refresh_from_db()
    assert services.title == "服务"
    assert services.get_latest_revision().content["title"] == "服务"


def test_section_editor_cannot_publish_in_their_section(client, django_user_model, two_sections):
    heritage, _services, _shibati = two_sections
    ensure_section_editors("编辑·历史文化", heritage)
    client.force_login(member_of(django_user_model, "编辑·历史文化", "heritage-editor"))
    html = text_of(client.get(f"/admin/pages/{heritage.pk}/edit/"))
    assert "action-publish" not in action_buttons(html)


def test_snippet_permissions_are_granted_by_model(editorial):
    editors, moderators, _workflow = editorial
    assert grant_snippet_permissions(editors, District) == ["add_district", "change_district"]
    # District has no draft state, so there is no publish permission to grant.
    assert grant_snippet_permissions(moderators, District, can_publish=True) == [
        "add_district",
        "change_district",
    ]
