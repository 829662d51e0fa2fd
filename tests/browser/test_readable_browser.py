"""Readable for everyone, in one browser: every page type, both languages, at 320, 390, 768 and
1280 px, in the four reading modes (normal, large text, high contrast, both).

One browser and one live server per test worker, one test per mode (and one for print); each
page is loaded once per mode and resized to each width (the layout reflows without a reload).

This matrix is also the site's axe (WCAG 2.1 AA) check, so each page is loaded once for both:
in normal mode axe runs on every page, at the phone width in one language and at 1280 px in the
other (alternating by page type, so every page type is checked at both), and on a few pages
whose content brings other markup (a pillar with charts, search with nothing asked…:
``NORMAL_ONLY``, axe only, at 1280 px). In large text (which changes the layout: scrolling
regions, wrapping) AA runs on every page type in one language. High contrast changes colours
and adds borders and badge symbols, so there the AAA contrast rule (7:1, stricter than AA's
4.5:1) runs instead of AA: on every page type in one language in high contrast and in the other
with large text as well, so that every page gets it once; and the layout, checked at every
width without high contrast, is checked with it at 320 px (where something wider would
overflow first) and at the phone width (with the high-contrast cues: underlined links, shaped
badges).
"""

import pytest

from tests.browser.conftest import WCAG_AA, _new_page, run_axe
from tests.browser.readable_checks import (
    COLUMNS_JS,
    CONTRAST_CUES_JS,
    IMAGES_JS,
    LAYOUT_JS,
    SMALL_TARGETS_JS,
    SMALLEST_TEXT_JS,
    TABLES_JS,
    WIDE_JS,
)

PAGE_TYPES = [
    "/", "/about/", "/plan/", "/plan/heritage/", "/plan/metrics/spring-festival-mall-sales/",
    "/plan/projects/shibati/", "/visit/", "/visit/shibati/", "/visit/red-culture-walk/",
    "/visit/districts/jiefangbei/", "/updates/", "/updates/belarus-consulate-general-opens/",
    "/search/?q=Shibati", "/sitemap/", "/data/", "/no-such-page/",
]
# Checked by axe in normal mode only, at 1280 px: pages of the types above whose content brings
# other markup.
NORMAL_ONLY = [
    "/plan/services/",  # a pillar with charts
    "/search/?q=十八梯",  # Chinese matches, highlighted
    "/search/?q=",  # nothing asked
    "/en/search/?q=!!!",  # nothing to look for: the polite answer
]
MODES = {
    "normal": {},
    "large": {"yz_text": "large"},
    "contrast": {"yz_contrast": "high"},
    "large+contrast": {"yz_text": "large", "yz_contrast": "high"},
}
WIDTHS = (320, 768, 1280, 390)  # the last width is the one axe runs at, without a resize
DESKTOP_LAST = (320, 768, 390, 1280)
HEIGHT = 844
AAA_CONTRAST = {"runOnly": {"type": "rule", "values": ["color-contrast-enhanced"]}}


def _short(violations):
    return [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]


def _paths(mode, language):
    """``[(n, path)]``: every page type in ``language`` (and in normal mode the other pages
    too), ``n`` numbering them for the alternations below."""
    english = language == "en"
    paths = [("/en" if english else "") + path for path in PAGE_TYPES]
    if mode == "normal":
        paths += [path for path in NORMAL_ONLY if path.startswith("/en/") == english]
    return list(enumerate(paths))


def _one_language(n, language, flip=False):
    """Every page type in one language: Chinese for the even page types, English for the odd
    (``flip``: the other way round)."""
    return ((language == "en") == bool(n % 2)) != flip


def _wcag_aa_here(mode, n, language):
    """Whether axe's AA rules run on the page (see the module docstring)."""
    if mode == "normal":
        return True
    # With high contrast the AAA contrast rule runs instead (stricter than AA's contrast rule;
    # the rest of AA is that of the same page without it).
    return mode == "large" and _one_language(n, language)


def _aaa_contrast_here(mode, n, language):
    """Whether the AAA contrast rule runs on the page: each page in one of the two contrast
    modes (large text changes no colour)."""
    if mode == "contrast":
        return _one_language(n, language, flip=True)
    return mode == "large+contrast" and _one_language(n, language)


def _widths(mode, n, language):
    """The widths the page is checked at, the last one being where axe runs. In normal mode
    axe runs at 1280 px on every page type in one language; the other pages of
    ``NORMAL_ONLY`` are only checked by axe, at 1280 px. High contrast adds borders and badge
    symbols to a layout checked at every width without it: with it, the narrowest width and
    the phone."""
    if n >= len(PAGE_TYPES):
        return (1280,)
    if "contrast" in mode:
        return (320, 390)
    if mode == "normal" and _one_language(n, language, flip=True):
        return DESKTOP_LAST
    return WIDTHS


PRINT_MAX_PAGES = {"/plan/": 4, "/en/plan/": 4, "/visit/shibati/": 3, "/en/visit/shibati/": 3}


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("mode", MODES)
def test_every_page_type_is_readable_in_every_mode(site, browser, mode, language):
    # One test per mode and language, so that the test workers share the matrix evenly.
    failures = _check_mode(site, browser, mode, language)
    assert failures == [], "\n".join(failures)


def test_printed_pages_are_short_and_plain(site, browser):
    failures = _check_print(site, browser)
    assert failures == [], "\n".join(failures)


def _check_print(site, browser):
    """Printed: no navigation, search or reading-mode links, each picture once, and few pages."""
    context, page = _new_page(browser, viewport={"width": 794, "height": 1123})
    failures = []
    try:
        for path, most in PRINT_MAX_PAGES.items():
            page.goto(site.url + path)
            page.emulate_media(media="print")
            shown = page.evaluate(
                "() => [...document.querySelectorAll('nav, form, .yz-header__tools')]"
                ".filter(el => el.getClientRects().length).map(el => el.className)"
            )
            if shown:
                failures.append(f"print {path}: shows {shown}")
            images = page.evaluate(IMAGES_JS)
            if len(images) != len(set(images)):
                failures.append(f"print {path}: a picture twice {images}")
            pdf = page.pdf(format="A4")
            pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            if pages > most:
                failures.append(f"print {path}: {pages} A4 pages (at most {most})")
            page.emulate_media(media="screen")
    finally:
        context.close()
    return failures


def _check_mode(site, browser, mode, language):
    context, page = _new_page(browser, viewport={"width": 390, "height": HEIGHT})
    context.add_cookies(
        [{"name": name, "value": value, "url": site.url} for name, value in MODES[mode].items()]
    )
    failures = []
    try:
        for n, path in _paths(mode, language):
            page.set_viewport_size({"width": 390, "height": HEIGHT})
            page.goto(site.url + path)
            widths = _widths(mode, n, language)
            if len(widths) == 1:  # axe only
                page.set_viewport_size({"width": widths[0], "height": HEIGHT})
            else:
                for width in widths:
                    failures += _check_width(page, mode, width, path)
            # In the contrast modes the AAA contrast rule runs in the same pass as AA.
            aaa = ("color-contrast-enhanced",) if _aaa_contrast_here(mode, n, language) else ()
            if _wcag_aa_here(mode, n, language):
                violations = run_axe(page, WCAG_AA, extra_rules=aaa)
            else:
                violations = run_axe(page, AAA_CONTRAST) if aaa else []
            if violations:
                failures.append(f"{mode} {path}: axe {_short(violations)}")
    finally:
        context.close()
    return failures


def _measure(page, **checks):
    """Several of the scripts of readable_checks.py in one round trip: ``{name: result}``."""
    calls = ", ".join(f"{name}: ({script.strip()})()" for name, script in checks.items())
    return page.evaluate(f"() => ({{{calls}}})")


def _check_width(page, mode, width, path):
    """The loaded page at one width: no sideways scrolling, no text too small, tables in their
    own named region with unbroken header words, one column in large text; at 390 px each
    picture once (normal mode), the phone layout, 44 px controls (large text) and underlined
    links and shaped badges (high contrast)."""
    large, phone = "large" in mode, width == 390
    page.set_viewport_size({"width": width, "height": HEIGHT})
    checks = {"layout": LAYOUT_JS, "smallest": SMALLEST_TEXT_JS, "tables": TABLES_JS}
    if phone and mode == "normal":
        checks["images"] = IMAGES_JS
    if large:
        checks["columns"] = COLUMNS_JS
    if phone and large:
        checks["targets"] = SMALL_TARGETS_JS
    if phone and "contrast" in mode:
        checks["cues"] = CONTRAST_CUES_JS
    found = _measure(page, **checks)
    layout, where, failures = found["layout"], f"{mode} {width}px {path}", []
    images = found.get("images", [])
    if len(images) != len(set(images)):
        failures.append(f"{where}: a picture shown twice {images}")
    if layout["overflow"] > 1:
        failures.append(f"{where}: scrolls sideways {page.evaluate(WIDE_JS)}")
    smallest, minimum = found["smallest"], 21 if large else 14
    if smallest and smallest[0][0] < minimum - 0.05:
        failures.append(f"{where}: text under {minimum} px {smallest}")
    if phone:
        failures += _phone_layout(layout, where, large)
    labels = {"tables": "tables", "columns": "more than one column",
              "targets": "controls under 44 px", "cues": "high contrast"}
    failures += [f"{where}: {label} {found[name]}" for name, label in labels.items() if found.get(name)]
    return failures


def _phone_layout(layout, where, large):
    """At 390 px: a compact header, the page title in the first screen, readable body text."""
    failures = []
    if layout["header"] > 160:
        failures.append(f"{where}: header {layout['header']:.0f} px")
    if layout["h1Top"] is None or layout["h1Top"] > HEIGHT - 40:
        failures.append(f"{where}: page title at {layout['h1Top']}")
    if layout["bodyFont"] < (17 * 1.5 if large else 17):
        failures.append(f"{where}: body text {layout['bodyFont']} px")
    if layout["lineHeight"] < 1.5:
        failures.append(f"{where}: line height {layout['lineHeight']:.2f}")
    return failures
