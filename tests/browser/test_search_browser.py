"""A visitor searches from the header, in a real browser, with and without JavaScript
(axe, WCAG 2.1 AA, on these pages: tests/browser/test_readable_browser.py)."""


from tests.browser.conftest import no_horizontal_scroll


def test_searching_from_the_header_shows_highlighted_results(site, browser_page):
    browser_page.goto(site.url + "/")
    box = browser_page.get_by_role("search", name="站内搜索").first.get_by_role("searchbox")
    box.fill("渝中")
    box.press("Enter")
    browser_page.wait_for_url("**/search/?q=*")
    assert browser_page.locator(".yz-result").count() >= 1
    assert browser_page.locator(".yz-result mark").first.inner_text() == "渝中"


def test_search_works_without_javascript_and_on_a_phone(site, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 360, "height": 740}, is_mobile=True
    )
    page = context.new_page()
    page.goto(site.url + "/en/")
    assert no_horizontal_scroll(page)
    # On a phone the header has a link to the search page (the box itself from 64em on).
    assert not page.locator("#search-q-header").is_visible()
    page.locator("header").get_by_role("link", name="Search").click()
    page.wait_for_url("**/en/search/")
    page.locator("#search-q-page").fill("Hongyan")
    page.locator("#search-q-page").press("Enter")
    page.wait_for_url("**/en/search/?q=Hongyan")
    assert page.get_by_role("heading", level=1).inner_text() == "Search"
    assert no_horizontal_scroll(page)
    context.close()
