"""A reader in a real browser on the cross-linked pages: a heritage page with its plan project
and a project page with its "Visit this place" block, in both languages — axe (WCAG 2.1 AA)."""

from tests.browser.conftest import axe_violations, describe

FIRST_VISIT_MS = 120_000
PATHS = [
    ("/visit/shibati/", "#plan-project-heading"),
    ("/en/visit/shibati/", "#plan-project-heading"),
    ("/plan/projects/daijiaxiang-cliffside-walkway/", "#visit-heading"),
    ("/en/plan/projects/daijiaxiang-cliffside-walkway/", "#visit-heading"),
    ("/en/visit/districts/chaotianmen/", "#district-projects-heading"),
]


def test_cross_linked_pages_have_no_wcag_aa_violations(site, browser_page):
    for path, block in PATHS:
        browser_page.goto(site.url + path, timeout=FIRST_VISIT_MS)
        assert browser_page.locator(block).count() == 1, path
        violations = axe_violations(browser_page)
        assert violations == [], f"{path}: {describe(violations)}"


def test_following_the_links_between_a_place_and_its_project(site, browser_page):
    browser_page.goto(site.url + "/en/visit/shibati/", timeout=FIRST_VISIT_MS)
    browser_page.get_by_role("link", name="Shibati historic lanes upgrade").click()
    browser_page.wait_for_url(site.url + "/en/plan/projects/shibati/")
    browser_page.get_by_role("link", name="Shibati Traditional Area").click()
    browser_page.wait_for_url(site.url + "/en/visit/shibati/")
