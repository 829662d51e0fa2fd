"""The plan page's context is worked out once per publish and shared with the home page
(plans.page_context.shared_plan_context); a preview of a draft never becomes what the public sees."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from plans.models import PlanEvent
from tests.helpers import text_of

from .factories import make_plan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache_off")]


@pytest.fixture
def editor(superuser):
    """A second browser, signed in to the admin (the public ``client`` stays anonymous)."""
    browser = Client()
    browser.force_login(superuser)
    return browser


def _preview(editor, plan):
    """The plan page as the editor sees it in Wagtail's preview of a new draft (the admin's view
    of a revision) with one more timeline event."""
    draft = plan.get_latest_revision_as_object()
    draft.timeline.add(PlanEvent(date=datetime.date(2024, 1, 5), title="草稿里的事件"))
    revision = draft.save_revision()
    response = editor.get(reverse("wagtailadmin_pages:revisions_view", args=(plan.pk, revision.pk)))
    assert response.status_code == 200
    return text_of(response)


def test_a_previewed_draft_timeline_is_never_shown_to_the_public(client, editor, home):
    plan, _pillars = make_plan(home)
    assert "草稿里的事件" in _preview(editor, plan)  # previewed before any public view
    assert "草稿里的事件" not in text_of(client.get("/plan/"))
    assert "草稿里的事件" not in text_of(client.get("/"))  # the home page's plan at a glance
    # and with the public context remembered, a preview still shows its draft
    assert "草稿里的事件" in _preview(editor, plan)
    assert "草稿里的事件" not in text_of(client.get("/plan/"))


def test_a_published_timeline_event_shows_at_once(client, home):
    plan, _pillars = make_plan(home)
    assert "新的规划事件" not in text_of(client.get("/plan/"))
    plan.timeline.add(PlanEvent(date=datetime.date(2024, 1, 5), title="新的规划事件"))
    plan.save_revision().publish()
    assert "新的规划事件" in text_of(client.get("/plan/"))
