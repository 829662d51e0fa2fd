"""Page models ask for their context by name (yuzhong_site/core/page_context.py): the builder
registered for the page's class, or for the nearest base class that has one."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from yuzhong_site.core import page_context


class Base:
    pass


class Child(Base):
    pass


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(page_context, "_builders", {})


def test_a_page_gets_its_own_builder_or_its_nearest_base_classs(registry):
    @page_context.builds(Base)
    def base_context(page, request):
        return {"built_by": "base", "request": request}

    @page_context.builds(Base, "feed")
    def base_feed(page, request, kind):
        return kind

    assert page_context.build(Child(), "context", "r") == {"built_by": "base", "request": "r"}
    assert page_context.build(Child(), "feed", "r", kind="rss") == "rss"

    @page_context.builds(Child)
    def child_context(page, request):
        return {"built_by": "child"}

    assert page_context.build(Child(), "context", None) == {"built_by": "child"}
    assert page_context.build(Base(), "context", None)["built_by"] == "base"


def test_a_missing_builder_says_which_one_and_where_to_register_it(registry):
    with pytest.raises(ImproperlyConfigured, match="'project'.*Child.*AppConfig.ready"):
        page_context.build(Child(), "project", None)

