"""The admin speaks Chinese: Wagtail's strings that the installed Wagtail lacks in
zh-hans come from locale/wagtail/; the menu says 页面 (not 分页, the pagination's word)."""

import json

import pytest

pytestmark = pytest.mark.django_db


def test_the_dashboard_and_menu_are_chinese(admin_client, home):
    html = admin_client.get("/admin/").content.decode()
    assert "搜索所有页面…" in html and "Search all pages" not in html
    assert "个页面" in html and " Pages <span" not in html
    assert "分页" not in html


def test_the_page_menu_item_is_pages_not_pagination(admin_client, home):
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory
    from django.utils import translation
    from wagtail.admin.menu import admin_menu

    request = RequestFactory().get("/admin/")
    request.user = get_user_model().objects.get(username="root-editor")
    with translation.override("zh-hans"):
        labels = [str(item.label) for item in admin_menu.menu_items_for_request(request)]
    assert "页面" in labels and "分页" not in labels


def test_the_public_pagination_keeps_its_own_word():
    from django.utils import translation
    from django.utils.translation import pgettext

    with translation.override("zh-hans"):
        assert pgettext("pagination", "Pages") == "分页"


def test_the_editors_javascript_strings_are_chinese(admin_client):
    script = admin_client.get("/admin/jsi18n/").content.decode()
    for english, chinese in (("Insert a block", "插入内容块"), ("Autosave in progress…", "正在自动保存…")):
        assert f"{json.dumps(english)}: {json.dumps(chinese)}" in script


def test_the_metrics_list_shows_published_as_a_mark_and_words(admin_client, home):
    from tests.plans.factories import make_metric, make_plan

    pillars = make_plan(home)[1]
    make_metric(pillars["services"], slug="sales", name_zh_hans="社会消费品零售总额")
    html = admin_client.get("/admin/snippets/plans/metric/").content.decode()
    assert "社会消费品零售总额" in html and "✓ 已发布" in html
    assert ">True<" not in html and "True\n" not in html


def test_a_new_page_with_a_chinese_title_gets_a_pinyin_slug(admin_client, home):
    from django.utils.text import slugify

    from yuzhong_site.core.models import StandardPage

    title = "十八梯传统风貌区"
    page = home.add_child(instance=StandardPage(title=title, slug=slugify(title, allow_unicode=True)))
    assert page.slug == "shi-ba-ti-chuan-tong-feng-mao-qu"
    assert page.url.endswith("/shi-ba-ti-chuan-tong-feng-mao-qu/")


def test_a_slug_the_editor_typed_is_kept(home):
    from yuzhong_site.core.models import StandardPage

    typed = home.add_child(instance=StandardPage(title="十八梯传统风貌区", slug="shibati"))
    chinese = home.add_child(instance=StandardPage(title="解放碑步行街", slug="解放碑"))
    assert typed.slug == "shibati"
    assert chinese.slug == "解放碑"  # typed, not the title: the editor's choice


def test_the_dashboards_visible_words_are_chinese_but_for_names(admin_client, home):
    import re

    from bs4 import BeautifulSoup

    soup = BeautifulSoup(admin_client.get("/admin/").content, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    words = set(re.findall(r"[A-Za-z][A-Za-z'’-]+", soup.get_text(" ")))
    names = {"Wagtail", "JavaScript", "root-editor"}  # the product, the language, the user
    assert words - names == set()
