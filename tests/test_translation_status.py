"""Editors see what still needs English (report); readers see when an English page is behind."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from districts.models import District
from tests.helpers import tags, text_of
from yuzhong_site.core.editorial import EDITORS_GROUP, ensure_editorial_setup
from yuzhong_site.core.i18n import source_updated_since_translation
from yuzhong_site.core.models import StandardPage
from yuzhong_site.core.pages import ensure_alias, ensure_child_page, ensure_translation
from yuzhong_site.core.translation_status import translated_models, untranslated_aliases

pytestmark = pytest.mark.django_db

REPORT = "/admin/reports/translation-status/"


def republish(page, **changes):
    page = type(page).objects.get(pk=page.pk)
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return type(page).objects.get(pk=page.pk)


def section(report_html, heading_id):
    """The HTML of one report section (the text after its heading up to the next section)."""
    start = report_html.index(f'id="{heading_id}"')
    end = report_html.find("</section>", start)
    return report_html[start:end]


def hrefs(html):
    return [a["href"] for a in tags(html, "a") if "href" in a]


@pytest.fixture
def translated(home):
    page, _ = ensure_child_page(home, StandardPage, "about", title="关于本站", introduction="中文介绍")
    english, _ = ensure_translation(page, "en", title="About this site", introduction="English")
    return page, english


@pytest.fixture
def untranslated(home):
    page, _ = ensure_child_page(home, StandardPage, "contact", title="联系我们")
    return page, ensure_alias(page, "en")


def test_report_is_in_the_reports_menu(admin_client, home):
    html = text_of(admin_client.get("/admin/"))
    assert REPORT in html
    report = text_of(admin_client.get(REPORT))
    assert "翻译状态" in report  # the admin speaks Chinese by default


def test_long_lists_are_capped_and_say_how_many_more(untranslated, translated, home):
    second, _ = ensure_child_page(home, StandardPage, "faq", title="常见问题")
    ensure_alias(second, "en")
    listing = untranslated_aliases(limit=1)
    assert (len(listing.rows), listing.total, listing.more) == (1, 2, 1)


def test_untranslated_alias_is_listed_with_a_translate_link(admin_client, untranslated, translated):
    _page, alias = untranslated
    html = section(text_of(admin_client.get(REPORT)), "untranslated-aliases")
    assert "联系我们" in html
    assert "About this site" not in html
    translate = f"/admin/pages/{alias.pk}/convert_alias/"
    assert translate in hrefs(html)
    assert admin_client.get(translate).status_code == 200


def test_translation_older_than_its_chinese_page_is_listed_until_updated(admin_client, translated):
    page, english = translated
    outdated = lambda: section(text_of(admin_client.get(REPORT)), "outdated-translations")  # noqa: E731
    assert "About this site" not in outdated()

    republish(page, introduction="中文介绍已更新")
    html = outdated()
    assert "About this site" in html
    assert f"/admin/pages/{english.pk}/edit/" in hrefs(html)

    republish(english, introduction="English, updated too")
    assert "About this site" not in outdated()


def test_records_without_english_are_found_from_the_modeltranslation_registry(admin_client, home):
    assert District in [model for model, _fields in translated_models()]
    District.objects.create(name_zh_hans="解放碑", name_en="Jiefangbei", slug="jiefangbei", kind="business_district")
    missing = District.objects.create(name_zh_hans="化龙桥", slug="hualongqiao", kind="sub_district")
    partly = District.objects.create(
        name_zh_hans="十八梯", name_en="Shibati", description_zh_hans="老街区", slug="shibati",
        kind="historic_quarter",
    )
    html = section(text_of(admin_client.get(REPORT)), "records-missing-english")
    assert "化龙桥" in html and "十八梯" in html
    assert "Jiefangbei" not in html and "解放碑" not in html
    links = hrefs(html)
    assert f"/admin/snippets/districts/district/edit/{missing.pk}/" in links
    assert f"/admin/snippets/districts/district/edit/{partly.pk}/" in links


def test_an_editor_without_rights_on_a_record_gets_no_edit_link(client, django_user_model, home):
    ensure_editorial_setup()
    editor = django_user_model.objects.create_user("an-editor", password="pw-for-tests")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    District.objects.create(name_zh_hans="化龙桥", slug="hualongqiao", kind="sub_district")
    client.force_login(editor)
    html = section(text_of(client.get(REPORT)), "records-missing-english")
    assert "化龙桥" in html
    assert not [href for href in hrefs(html) if "/snippets/" in href]


def test_report_queries_do_not_grow_with_content(admin_client, home, django_assert_max_num_queries):
    def build(count, start):
        for number in range(start, start + count):
            page, _ = ensure_child_page(home, StandardPage, f"page-{number}", title=f"页面{number}")
            ensure_alias(page, "en")
            District.objects.create(name_zh_hans=f"地区{number}", slug=f"d-{number}", kind="sub_district")

    build(1, 0)
    admin_client.get(REPORT)  # warm the per-process caches (content types, locales)
    with django_assert_max_num_queries(40) as few:
        admin_client.get(REPORT)
    few_count = len(few.captured_queries)  # now: the query log is a bounded deque
    build(15, 1)
    admin_client.get(REPORT)  # the new pages were published: warm the per-publish memo again
    with django_assert_max_num_queries(few_count) as many:
        response = admin_client.get(REPORT)
    assert "页面15" in text_of(response)
    assert len(many.captured_queries) == few_count


# The reader's side: an English page that is behind its Chinese source says so.


def test_current_translation_shows_no_notice(client, translated):
    html = text_of(client.get("/en/about/"))
    assert "yz-notice--translation" not in html


def test_outdated_translation_shows_when_the_chinese_version_was_updated(client, translated):
    page, _english = translated
    page = republish(page, introduction="中文介绍已更新")
    html = text_of(client.get("/en/about/"))
    notices = tags(html, "div", role="note")
    assert len(notices) == 1 and "yz-notice--outdated" in notices[0]["class"]
    local = timezone.localtime(page.last_published_at)
    assert tags(html, "time", datetime=local.strftime("%Y-%m-%d"))
    assert "The Chinese version was updated on" in html
    assert "after this translation" in html
    assert "not been translated" not in html
    # The Chinese page itself has no such notice.
    assert "yz-notice" not in text_of(client.get("/about/"))


def test_untranslated_alias_keeps_its_not_translated_notice(client, untranslated):
    page, _alias = untranslated
    republish(page, title="联系我们（新）")
    html = text_of(client.get("/en/contact/"))
    assert "This page has not been translated into English yet" in html
    assert "The Chinese version was updated on" not in html


def test_outdated_check_costs_at_most_one_query(translated, django_assert_num_queries):
    page, english = translated
    english = type(english).objects.get(pk=english.pk)  # as served: with its publication time
    with django_assert_num_queries(1):
        assert source_updated_since_translation(english) is None
    later = timezone.now() + timedelta(days=3)
    type(page).objects.filter(pk=page.pk).update(last_published_at=later)
    with django_assert_num_queries(1):
        assert source_updated_since_translation(english) == later
    page = type(page).objects.get(pk=page.pk)
    with django_assert_num_queries(1):
        assert source_updated_since_translation(page) is None  # the Chinese source itself
