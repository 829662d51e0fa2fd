"""Issue 15's "Done when", in one browser: every page type, both languages, at 320, 390 and
1280 px, in the four reading modes (normal, large text, high contrast, both).

One page per mode is loaded once and resized to each width (the layout reflows without a
reload), and axe runs once per page and mode at 390 px, so the whole matrix takes minutes.
"""

import pytest

from tests.browser.conftest import WCAG_AA, _new_page
from tests.browser.readable_checks import LAYOUT_JS, SMALLEST_TEXT_JS, WIDE_JS

PAGE_TYPES = [
    "/", "/about/", "/plan/", "/plan/heritage/", "/plan/metrics/spring-festival-mall-sales/",
    "/plan/projects/shibati/", "/visit/", "/visit/shibati/", "/visit/red-culture-walk/",
    "/visit/districts/jiefangbei/", "/updates/", "/updates/belarus-consulate-general-opens/",
    "/search/?q=Shibati", "/sitemap/", "/data/", "/no-such-page/",
]
PATHS = PAGE_TYPES + ["/en" + path for path in PAGE_TYPES]
MODES = {
    "normal": {},
    "large": {"yz_text": "large"},
    "contrast": {"yz_contrast": "high"},
    "large+contrast": {"yz_text": "large", "yz_contrast": "high"},
}
WIDTHS = (320, 390, 1280)
HEIGHT = 844
AAA_CONTRAST = {"runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]}}


def _axe(page, options):
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(page, options={**options, "resultTypes": ["violations"]}).response[
        "violations"
    ]


def _short(violations):
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


@pytest.mark.parametrize("mode", list(MODES))
def test_every_page_type_is_readable(site, browser, mode):
    context, page = _new_page(browser, viewport={"width": 390, "height": HEIGHT})
    context.add_cookies(
        [{"name": name, "value": value, "url": site.url} for name, value in MODES[mode].items()]
    )
    large = "large" in mode
    failures = []
    try:
        for path in PATHS:
            page.set_viewport_size({"width": 390, "height": HEIGHT})
            page.goto(site.url + path)
            for width in WIDTHS:
                page.set_viewport_size({"width": width, "height": HEIGHT})
                layout = page.evaluate(LAYOUT_JS)
                where = f"{mode} {width}px {path}"
                if layout["overflow"] > 1:
                    failures.append(f"{where}: scrolls sideways {page.evaluate(WIDE_JS)}")
                smallest = page.evaluate(SMALLEST_TEXT_JS)
                minimum = 21 if large else 14
                if smallest and smallest[0][0] < minimum - 0.05:
                    failures.append(f"{where}: text under {minimum} px {smallest}")
                if width == 390:
                    if layout["header"] > 160:
                        failures.append(f"{where}: header {layout['header']:.0f} px")
                    if layout["h1Top"] is None or layout["h1Top"] > HEIGHT - 40:
                        failures.append(f"{where}: page title at {layout['h1Top']}")
                    if layout["bodyFont"] < (17 * 1.5 if large else 17):
                        failures.append(f"{where}: body text {layout['bodyFont']} px")
                    if layout["lineHeight"] < 1.5:
                        failures.append(f"{where}: line height {layout['lineHeight']:.2f}")
            page.set_viewport_size({"width": 390, "height": HEIGHT})
            violations = _axe(page, WCAG_AA)
            if "contrast" in mode:
                violations += _axe(page, AAA_CONTRAST)
            if violations:
                failures.append(f"{mode} {path}: axe {_short(violations)}")
    finally:
        context.close()
    assert failures == [], "\n".join(failures)
