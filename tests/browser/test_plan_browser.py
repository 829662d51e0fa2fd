"""The plan's pages in a real browser: zero axe (WCAG 2.1 AA) violations in both languages."""

import pytest

from tests.browser.conftest import axe_violations, describe, no_horizontal_scroll


@pytest.mark.parametrize(
    "path",
    ["/plan/", "/en/plan/", "/plan/services/", "/en/plan/services/",
     "/en/plan/projects/daijiaxiang-cliffside-walkway/", "/plan/metrics/spring-festival-mall-sales/"],
)
def test_plan_pages_have_no_wcag_aa_violations(site, browser_page, path):
    browser_page.goto(site.url + path)
    violations = axe_violations(browser_page)
    assert violations == [], describe(violations)


def test_plan_dashboard_fits_a_phone(site, phone_page):
    phone_page.goto(site.url + "/en/plan/")
    assert no_horizontal_scroll(phone_page)
