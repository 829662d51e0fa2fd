"""Per-pillar roles: a heritage editor edits heritage pages and data, not the services pillar's;
editors cannot publish plan data, moderators can; the plan and updates sections are reviewed."""

import pytest
from django.contrib.auth.models import Group

from plans.editorial import PILLAR_GROUP_NAMES
from yuzhong_site.core.editorial import (
    EDITORS_GROUP,
    MODERATORS_GROUP,
    WORKFLOW_NAME,
    ensure_editorial_setup,
)

from .factories import make_metric, make_plan, make_project, make_updates_index

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan_setup(home):
    plan, pillars = make_plan(home, keys=("services", "heritage"))
    index = make_updates_index(home)
    ensure_editorial_setup()
    return plan, pillars, index


def member(django_user_model, group_name, username):
    user = django_user_model.objects.create_user(username=username, password="pw-for-tests")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def test_plan_and_updates_sections_are_reviewed_in_both_languages(plan_setup, english_home):
    plan, pillars, index = plan_setup
    from wagtail.models import Page

    for page in (plan, pillars["heritage"], index, index.get_translation(english_home.locale)):
        assert Page.objects.get(pk=page.pk).get_workflow().name == WORKFLOW_NAME


def test_a_section_published_later_is_reviewed_at_once(plan_setup, home):
    from wagtail.models import WorkflowPage

    from yuzhong_site.core.models import StandardPage
    from yuzhong_site.core.pages import ensure_child_page

    visit, _ = ensure_child_page(home, StandardPage, "visit", title="游渝中")
    assert WorkflowPage.objects.get(page=visit).workflow.name == WORKFLOW_NAME


def test_every_pillar_has_its_editor_group(plan_setup):
    assert Group.objects.filter(name=PILLAR_GROUP_NAMES["heritage"]).exists()
    assert Group.objects.filter(name=PILLAR_GROUP_NAMES["services"]).exists()


def test_heritage_editor_edits_heritage_pages_not_services(client, plan_setup, django_user_model, english_home):
    _plan, pillars, _index = plan_setup
    client.force_login(member(django_user_model, PILLAR_GROUP_NAMES["heritage"], "heritage-editor"))
    heritage, services = pillars["heritage"], pillars["services"]
    for page in (heritage, heritage.get_translation(english_home.locale)):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200
    for page in (services, services.get_translation(english_home.locale)):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in (302, 403)


def test_heritage_editor_edits_heritage_figures_but_not_services_figures(
    client, plan_setup, django_user_model
):
    _plan, pillars, _index = plan_setup
    relics = make_metric(pillars["heritage"], slug="relics")
    sales = make_metric(pillars["services"], slug="sales")
    shibati = make_project(pillars["heritage"], slug="shibati")
    mall = make_project(pillars["services"], slug="mall")
    client.force_login(member(django_user_model, PILLAR_GROUP_NAMES["heritage"], "heritage-editor"))
    assert client.get(f"/admin/snippets/plans/metric/edit/{relics.pk}/").status_code == 200
    assert client.get(f"/admin/snippets/plans/project/edit/{shibati.pk}/").status_code == 200
    for url in (f"/admin/snippets/plans/metric/edit/{sales.pk}/", f"/admin/snippets/plans/project/edit/{mall.pk}/"):
        response = client.get(url)  # Wagtail turns "permission denied" into a redirect home
        assert response.status_code in (302, 403) and "edit" not in response.get("Location", "")
        assert client.post(url, {}).status_code in (302, 403)
    # A new metric can only be put under the editor's own pillar.
    form = client.get("/admin/snippets/plans/metric/add/").context["form"]
    assert set(form.fields["pillar"].queryset) <= {pillars["heritage"], pillars["heritage"].get_translations().first()}


def test_editor_cannot_publish_figures_and_moderator_can(client, plan_setup, django_user_model):
    _plan, pillars, _index = plan_setup
    relics = make_metric(pillars["heritage"], slug="relics")
    editor = member(django_user_model, EDITORS_GROUP, "editor")
    moderator = member(django_user_model, MODERATORS_GROUP, "moderator")
    assert editor.has_perm("plans.change_metric") and not editor.has_perm("plans.publish_metric")
    assert moderator.has_perm("plans.publish_metric") and moderator.has_perm("plans.publish_project")
    client.force_login(editor)
    html = client.get(f"/admin/snippets/plans/metric/edit/{relics.pk}/").content.decode()
    assert 'name="action-publish"' not in html
    client.force_login(moderator)
    html = client.get(f"/admin/snippets/plans/metric/edit/{relics.pk}/").content.decode()
    assert 'name="action-publish"' in html


def test_only_moderators_import_figures(client, plan_setup, django_user_model):
    client.force_login(member(django_user_model, EDITORS_GROUP, "editor"))
    assert client.get("/admin/plan-data/csv/measurements/import/").status_code in (302, 403)
    assert client.get("/admin/plan-data/csv/measurements/export/").status_code == 200
    client.force_login(member(django_user_model, MODERATORS_GROUP, "moderator"))
    assert client.get("/admin/plan-data/csv/measurements/import/").status_code == 200


def test_a_pillar_editor_cannot_attach_another_pillars_goal(plan_setup, django_user_model):
    from plans.models import Goal, Metric, Project

    _plan, pillars, _index = plan_setup
    editor = member(django_user_model, PILLAR_GROUP_NAMES["heritage"], "heritage-editor")
    own_goal = Goal.objects.create(pillar=pillars["heritage"], statement_zh_hans="保护历史文化", live=True)
    other_goal = Goal.objects.create(pillar=pillars["services"], statement_zh_hans="发展现代服务业", live=True)
    metric = make_metric(pillars["heritage"], slug="visitors")
    project = make_project(pillars["heritage"], slug="shibati")
    for model, instance, name, value in (
        (Metric, metric, "goal", other_goal.pk),
        (Project, project, "goals", [other_goal.pk]),
    ):
        form_class = model.snippet_viewset.get_edit_handler().get_form_class()
        form = form_class(instance=instance, for_user=editor)
        assert list(form.fields[name].queryset) == [own_goal]
        data = {"pillar": pillars["heritage"].pk, name: value}
        form = form_class(data=data, instance=instance, for_user=editor)
        form.is_valid()
        assert name in form.errors
