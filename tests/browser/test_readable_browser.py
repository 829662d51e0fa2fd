"""Readable for everyone, in one browser: every page type, both languages, at 320, 390, 768 and
1280 px, in the four reading modes (normal, large text, high contrast, both).

One browser and one live server per test worker, one test per mode (and one per printed page
type, both languages); each page is loaded once per mode and resized to each width (the layout
reflows without a reload).

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

import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.browser.conftest import WCAG_AA, _new_page, run_axe
from tests.browser.readable_checks import (
    COLUMNS_JS,
    CONTRAST_CUES_JS,
    GEOMETRY_JS,
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


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("mode", MODES)
def test_every_page_type_is_readable_in_every_mode(site, browser, mode, language):
    # One test per mode and language, so that the test workers share the matrix evenly.
    failures = _check_mode(site, browser, mode, language)
    assert failures == [], "\n".join(failures)


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
    checks = {"layout": LAYOUT_JS, "smallest": SMALLEST_TEXT_JS, "tables": TABLES_JS,
              "geometry": GEOMETRY_JS}
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
              "targets": "controls under 44 px", "cues": "high contrast", "geometry": "geometry"}
    failures += [f"{where}: {label} {found[name]}" for name, label in labels.items() if found.get(name)]
    if found.get("geometry"):
        _screenshot(page, where)
    return failures


def _screenshot(page, where):
    """The page as the reader saw it, under var/ (named after the mode, width and path)."""
    folder = Path(__file__).resolve().parents[2] / "var" / "readable-failures"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / (re.sub(r"[^A-Za-z0-9]+", "-", where).strip("-") + ".png")))


def _phone_layout(layout, where, large):
    """At 390 px: a compact header (160 px, 240 px in large text), the page title in the first
    screen, readable body text."""
    failures = []
    if layout["header"] > (240 if large else 160):
        failures.append(f"{where}: header {layout['header']:.0f} px")
    if layout["h1Top"] is None or layout["h1Top"] > HEIGHT - 40:
        failures.append(f"{where}: page title at {layout['h1Top']}")
    if layout["bodyFont"] < (17 * 1.5 if large else 17):
        failures.append(f"{where}: body text {layout['bodyFont']} px")
    if layout["lineHeight"] < 1.5:
        failures.append(f"{where}: line height {layout['lineHeight']:.2f}")
    return failures


# Printed on A4, per page type: the page in both languages and the most A4 pages it may take.
PRINT_PAGES = {
    "plan": "/plan/",
    "pillar": "/plan/services/",  # twelve figures, each with its table of years
    "metric": "/plan/metrics/district-gdp/",
    "project": "/plan/projects/shibati/",
    "heritage": "/visit/shibati/",
}
PRINT_MAX_PAGES = {
    prefix + path: most
    for path, most in zip(PRINT_PAGES.values(), (4, 8, 2, 3, 3), strict=True)
    for prefix in ("", "/en")
}
# What the screen shows that print leaves out on purpose: the chart's drawing (its table prints),
# forms, map links, the gallery, the report-an-error link, text for screen readers only.
SCREEN_ONLY = (".yz-chart__frame, .yz-chart__legend, .yz-chart__unit, form, .yz-map-links, "
               ".yz-map-search__note, .yz-place-card__maps, .yz-gallery, .yz-report-error, "
               ".yz-visually-hidden, .yz-skip-link")
NUMBER = re.compile(r"\d[\d,.]*\d|\d")


@pytest.mark.parametrize("page_type", PRINT_PAGES)
def test_printed_page_keeps_what_the_screen_shows(site, browser, page_type):
    failures = _check_print(site, browser, PRINT_PAGES[page_type])
    assert failures == [], "\n".join(failures)


def _check_print(site, browser, chinese_path):
    """Printed in both languages: every figure, year and date the screen shows (the collapsed
    sections opened), the collapsed sections printed open, no navigation, search or
    reading-mode links, each picture once, no web address before the numbered list of sources
    at the end, which gives every linked source's address, and few pages."""
    context, page = _new_page(browser, viewport={"width": 794, "height": 1123})
    failures = []
    try:
        for path in (chinese_path, "/en" + chinese_path):
            page.goto(site.url + path)
            figures = page.evaluate(
                "() => [...document.querySelectorAll('.yz-results__table td.yz-results__value')]"
                ".map(td => td.textContent.trim())"
            )
            shown = Counter(NUMBER.findall(page.evaluate(SCREEN_TEXT_JS, SCREEN_ONLY)))
            links = page.evaluate(LINKED_SOURCES_JS)
            page.emulate_media(media="print")
            printed = page.evaluate(PRINTED_JS)
            if printed["shown"]:
                failures.append(f"print {path}: shows {printed['shown']}")
            if printed["closed"]:
                failures.append(f"print {path}: collapsed sections not printed open {printed['closed']}")
            images = page.evaluate(IMAGES_JS)
            if len(images) != len(set(images)):
                failures.append(f"print {path}: a picture twice {images}")
            pdf = page.pdf(format="A4")
            pages = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
            print(f"print {path}: {pages} A4 pages")
            if pages > PRINT_MAX_PAGES[path]:
                failures.append(f"print {path}: {pages} A4 pages (at most {PRINT_MAX_PAGES[path]})")
            found = _print_failures(path, _pdf_text(pdf), figures, shown, links, printed["sources"])
            if found:
                _screenshot(page, f"print {path}")
            failures += found
            page.emulate_media(media="screen")
    finally:
        context.close()
    return failures


# The text of <main> as the screen shows it, with every collapsed section opened (and closed
# again), leaving out ``skip`` (what print leaves out on purpose).
SCREEN_TEXT_JS = """
skip => {
  const closed = [...document.querySelectorAll('main details:not([open])')];
  closed.forEach(d => { d.open = true; });
  const parts = [];
  const walker = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!el || el.closest(skip + ', script, style, title, desc')) continue;
    if (el.checkVisibility({visibilityProperty: true})) parts.push(walker.currentNode.textContent);
  }
  closed.forEach(d => { d.open = false; });
  return parts.join('\\n');
}
"""

# The addresses of the links to other sites in <main> (map links are no sources), each once.
LINKED_SOURCES_JS = """
() => [...new Set([...document.querySelectorAll('main a[href^="http"]')]
  .filter(a => a.dataset.printRef !== 'none').map(a => a.getAttribute('href')))]
"""

# In print: the navigation, forms and tools shown; the collapsed sections whose content is not
# shown; the heading of the numbered list of sources and its number of entries.
PRINTED_JS = """
() => {
  const shown = [...document.querySelectorAll('nav, form, .yz-header__tools')]
    .filter(el => el.getClientRects().length).map(el => el.className);
  const closed = [...document.querySelectorAll('main details')]
    .filter(d => [...d.children].some(c => c.tagName !== 'SUMMARY' && !c.checkVisibility()))
    .map(d => d.querySelector('summary').textContent.trim().slice(0, 30));
  const list = document.querySelector('.yz-print-sources');
  const sources = list && list.checkVisibility() ? {
    heading: list.querySelector('h2').textContent.trim(),
    count: list.querySelectorAll('li').length,
  } : null;
  return {shown, closed, sources};
}
"""


def _print_failures(path, text, figures, shown, links, sources):
    """What the PDF's text lacks: figures of the results table, numbers the screen shows (as
    many times), the list of sources with every linked address; and web addresses printed
    before that list."""
    failures = []
    flat = re.sub(r"\s+", "", text)
    missing = _missing_in_print(flat, figures)
    if missing:
        failures.append(f"print {path}: figures of the results table not printed {missing[:4]}")
    printed = Counter(NUMBER.findall(text))
    fewer = {number: (count, printed[number]) for number, count in shown.items() if printed[number] < count}
    if fewer:
        failures.append(f"print {path}: figures, years or dates not printed as often as shown "
                        f"(shown, printed) {dict(list(fewer.items())[:6])}")
    if links and not sources:
        failures.append(f"print {path}: no list of sources for {len(links)} linked sources")
    if not sources:
        return failures
    heading = re.sub(r"\s+", "", sources["heading"])
    if heading not in flat:
        return failures + [f"print {path}: the list of sources is not printed"]
    before, listing = flat.rsplit(heading, 1)
    if "http" in before:
        at = before.index("http")
        failures.append(f"print {path}: a web address before the list of sources: {before[at - 20:at + 40]}")
    unlisted = [url for url in links if re.sub(r"\s+", "", url) not in listing]
    if unlisted or sources["count"] != len(links):
        failures.append(f"print {path}: {sources['count']} sources listed for {len(links)} linked; "
                        f"addresses not in the list {unlisted[:3]}")
    if any(f"[{n}]" not in before for n in range(1, len(links) + 1)):
        failures.append(f"print {path}: source numbers missing in the text")
    return failures


def _pdf_text(pdf):
    pdftotext = shutil.which("pdftotext")
    if not pdftotext:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    return subprocess.run(  # noqa: S603 (a fixed command on the PDF the browser made)
        [pdftotext, "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True,
        check=True).stdout.decode()


def _missing_in_print(flat, figures):
    """The figures (as the screen's results table shows them) that the PDF's text (without its
    white space) lacks. pdftotext reads a table's wrapped cells line by line across the
    columns, so a figure's words may be interleaved with its neighbours': its numbers (with
    their commas and points) must each be there."""
    return [figure for figure in figures if any(number not in flat for number in NUMBER.findall(figure))]
