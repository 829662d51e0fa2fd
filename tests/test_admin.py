"""Editors work in the Wagtail admin, in Chinese, on both languages' pages."""

import pytest

from yuzhong_site.core.models import StandardPage
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

pytestmark = pytest.mark.django_db


def test_admin_speaks_chinese_to_a_new_editor(admin_client, home):
    response = admin_client.get("/admin/")
    assert response.status_code == 200
    assert 'lang="zh-hans"' in response.content.decode().lower() or "仪表板" in response.content.decode()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_editor_edits_the_home_page_in_each_language(admin_client, site_home, language):
    page = site_home[0] if language == "zh-hans" else site_home[1]
    url = f"/admin/pages/{page.pk}/edit/"
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(
        url,
        {
            "title": page.title,
            "slug": page.slug,
            "introduction": f"introduction edited in {language}",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    public = admin_client.get("/" if language == "zh-hans" else "/en/")
    assert f"introduction edited in {language}" in public.content.decode()


def test_editor_edits_a_content_page_in_english(admin_client, home):
    about, _ = ensure_child_page(home, StandardPage, "about", title="关于本站")
    english, _ = ensure_translation(about, "en", title="About this site")
    response = admin_client.post(
        f"/admin/pages/{english.pk}/edit/",
        {
            "title": "About us",
            "slug": "about",
            "introduction": "We explain the plan.",
            "body-count": "0",
            "action-publish": "publish",
        },
    )
    assert response.status_code == 302
    html = admin_client.get("/en/about/").content.decode()
    assert "About us" in html and "We explain the plan." in html
    assert "关于本站" in admin_client.get("/about/").content.decode()
