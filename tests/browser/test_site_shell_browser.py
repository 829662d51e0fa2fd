"""A visitor in a real browser: switching language, keyboard use, large text, phones
(axe, WCAG 2.1 AA, on these pages: tests/browser/test_readable_browser.py)."""


from tests.browser.conftest import no_horizontal_scroll


def test_language_switcher_round_trip_keeps_the_same_page(site, browser_page):
    browser_page.goto(site.url + "/about/")
    assert browser_page.locator("html").get_attribute("lang") == "zh-Hans"
    browser_page.get_by_role("link", name="English").click()
    browser_page.wait_for_url(site.url + "/en/about/")
    assert browser_page.locator("html").get_attribute("lang") == "en"
    assert browser_page.get_by_role("heading", level=1).inner_text() == "About this site"
    browser_page.get_by_role("link", name="简体中文").click()
    browser_page.wait_for_url(site.url + "/about/")
    assert browser_page.get_by_role("heading", level=1).inner_text() == "关于本站"


def test_tab_reaches_the_skip_link_first_and_it_moves_focus_to_main(site, browser_page):
    browser_page.goto(site.url + "/en/")
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.getAttribute('href')")
    assert focused == "#main"
    assert browser_page.locator(".yz-skip-link").is_visible()
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "main"


def test_large_text_mode_survives_navigation(site, browser_page):
    browser_page.goto(site.url + "/")
    normal = browser_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    with browser_page.expect_navigation():  # the link sets a cookie and redirects back
        browser_page.get_by_role("link", name="大字模式").click()
    assert "yz-large-text" in browser_page.locator("html").get_attribute("class")
    browser_page.goto(site.url + "/en/about/")
    large = browser_page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert "yz-large-text" in browser_page.locator("html").get_attribute("class")
    assert large >= normal * 1.2


def test_pages_work_with_javascript_off(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site.url + "/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(site.url + "/en/")
    assert "Mother City" in page.content()
    context.close()


def test_phone_sized_viewport_has_no_horizontal_scroll(site, phone_page):
    scrolling = []
    for path in ["/", "/en/", "/en/about/"]:
        phone_page.goto(site.url + path)
        if not no_horizontal_scroll(phone_page):
            scrolling.append(path)
    assert scrolling == []
