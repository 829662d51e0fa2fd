"""A tourist in a real browser on the visitor pages: phone layout, filters without JavaScript,
the language switcher (axe, WCAG 2.1 AA, on these pages: tests/browser/test_readable_browser.py)."""

import pytest

from tests.browser.conftest import no_horizontal_scroll

# The first visit to a page makes its image renditions (12 sites × 6 sizes on the index).
FIRST_VISIT_MS = 120_000


def test_heritage_and_route_pages_fit_a_phone_screen(site, phone_page):
    for path in ("/en/visit/shibati/", "/visit/shibati/", "/en/visit/red-culture-walk/",
                 "/en/visit/"):
        phone_page.goto(site.url + path, timeout=FIRST_VISIT_MS)
        assert no_horizontal_scroll(phone_page), path


def test_filters_work_with_javascript_off(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/en/visit/", timeout=FIRST_VISIT_MS)
    page.get_by_label("Category").select_option("revolutionary_relic")
    page.get_by_role("button", name="Show sites").click()
    page.wait_for_url("**category=revolutionary_relic**")
    assert page.get_by_role("link", name="Hongyan Village", exact=True).count() == 1
    assert page.get_by_role("link", name="Shibati Traditional Area", exact=True).count() == 0
    context.close()


@pytest.mark.parametrize("start,other,link", [
    ("/en/visit/districts/jiaochangkou/", "/visit/districts/jiaochangkou/", "简体中文"),
])
def test_language_switcher_keeps_the_district_sub_page(site, browser_page, start, other, link):
    browser_page.goto(site.url + start, timeout=FIRST_VISIT_MS)
    browser_page.get_by_role("link", name=link).click()
    browser_page.wait_for_url(site.url + other)
