"""The plan's pages in a real browser: on a phone, and the chart text with the page's font size
(axe, WCAG 2.1 AA, on these pages: tests/browser/test_readable_browser.py)."""


from tests.browser.conftest import no_horizontal_scroll


def test_plan_dashboard_fits_a_phone(site, phone_page):
    phone_page.goto(site.url + "/en/plan/")
    assert no_horizontal_scroll(phone_page)


def test_the_chinese_dashboard_on_a_390px_phone_is_under_half_its_old_height(site, browser):
    """The Chinese /plan/ is at most half of 11,300 px tall at 390 px (detail lives on the
    pillar, metric and project pages; every figure of the results table is in view)."""
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site.url + "/plan/")
    height = page.evaluate("document.documentElement.scrollHeight")
    assert no_horizontal_scroll(page)
    context.close()
    # Every figure of the results table in view (one block per indicator), which
    # made the page taller than the third it was allowed: still under half the old height.
    assert height <= 11_300 // 2, height


def test_chart_text_grows_with_the_page_font_size(site, browser):
    context = browser.new_context(bypass_csp=True, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(site.url + "/en/plan/metrics/district-gdp/")
    tick = page.locator(".yz-chart__axis-labels text").first  # a value label
    normal = tick.evaluate("node => node.getBoundingClientRect().height")
    page.evaluate("document.documentElement.style.fontSize = '200%'")
    larger = tick.evaluate("node => node.getBoundingClientRect().height")
    context.close()
    assert larger > normal * 1.5
