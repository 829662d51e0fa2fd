"""A reader in a real browser on the cross-linked pages: a heritage page with its plan project
and a project page with its "Visit this place" block, followed in the browser
(axe, WCAG 2.1 AA, on these pages: tests/browser/test_readable_browser.py)."""

FIRST_VISIT_MS = 120_000


def test_following_the_links_between_a_place_and_its_project(site, browser_page):
    browser_page.goto(site.url + "/en/visit/shibati/", timeout=FIRST_VISIT_MS)
    browser_page.get_by_role("link", name="Shibati historic lanes upgrade").click()
    browser_page.wait_for_url(site.url + "/en/plan/projects/shibati/")
    browser_page.get_by_role("link", name="Shibati Traditional Area").click()
    browser_page.wait_for_url(site.url + "/en/visit/shibati/")
