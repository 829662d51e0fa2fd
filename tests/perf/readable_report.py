"""``make readable-report``: the "Readable for everyone" measures, printed rather than
asserted — header height and page-title position on a 390x844 phone, sideways overflow, the
smallest visible text, printed A4 page counts and an axe summary, for every page type of
tests/browser/test_readable_browser.py in both languages and the four reading modes.

Prepares its own database (migrate + demo content + collectstatic, as ``make bench`` does),
runs gunicorn with production settings on 127.0.0.1 and drives Debian's Chromium with the
JavaScript of tests/browser/readable_checks.py.

    python -m tests.perf.readable_report [--skip-prepare]
"""

import argparse
import os
import shutil
import sys
from pathlib import Path

from . import setup_django

OVERFLOW_WIDTHS = (320, 390, 768)


def page_paths():
    """Every page type of the browser matrix, in Chinese then in English."""
    from tests.browser.test_readable_browser import PAGE_TYPES

    return [*PAGE_TYPES, *("/en" + path for path in PAGE_TYPES)]


def measure(browser, base_url, paths, modes, height, wcag_aa, aaa_contrast):
    """{mode: {path: {...}}} for every page in every mode."""
    from axe_playwright_python.sync_playwright import Axe

    from tests.browser.readable_checks import LAYOUT_JS, SMALLEST_TEXT_JS

    axe, results = Axe(), {}
    for mode, cookies in modes.items():
        context = browser.new_context(
            bypass_csp=True, viewport={"width": 390, "height": height},
            extra_http_headers={"X-Forwarded-Proto": "https"},
        )
        context.add_cookies([{"name": k, "value": v, "url": base_url} for k, v in cookies.items()])
        page = context.new_page()
        page.set_default_timeout(30_000)
        results[mode] = {}
        for path in paths:
            page.set_viewport_size({"width": 390, "height": height})
            page.goto(base_url + path)
            row = {"layout": page.evaluate(LAYOUT_JS), "overflow": {}, "smallest": None}
            for width in OVERFLOW_WIDTHS:
                page.set_viewport_size({"width": width, "height": height})
                row["overflow"][width] = page.evaluate(LAYOUT_JS)["overflow"]
                smallest = page.evaluate(SMALLEST_TEXT_JS)
                if smallest and (row["smallest"] is None or smallest[0][0] < row["smallest"][0]):
                    row["smallest"] = smallest[0]
            page.set_viewport_size({"width": 390, "height": height})
            row["aa"] = _violations(axe, page, wcag_aa)
            row["aaa"] = _violations(axe, page, aaa_contrast) if "contrast" in mode else None
            results[mode][path] = row
        context.close()
    return results


def _violations(axe, page, options):
    found = axe.run(page, options={**options, "resultTypes": ["violations"]}).response
    return [(v["id"], len(v["nodes"])) for v in found["violations"]]


def print_pages(browser, base_url, paths):
    context = browser.new_context(bypass_csp=True, viewport={"width": 794, "height": 1123},
                                  extra_http_headers={"X-Forwarded-Proto": "https"})
    page, counts = context.new_page(), {}
    for path in paths:
        page.goto(base_url + path)
        page.emulate_media(media="print")
        pdf = page.pdf(format="A4")
        counts[path] = pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages")
        page.emulate_media(media="screen")
    context.close()
    return counts


def report(results, prints, paths, limits, out=print):
    modes = list(results)
    short = {"normal": "n", "large": "l", "contrast": "c", "large+contrast": "lc"}
    heads = " ".join(f"{short[m]:>4}" for m in modes)
    out(f"\nAt 390x844 (px; limits: header <= {limits['header']}, "
        f"title top <= {limits['h1']}), modes {'/'.join(short[m] for m in modes)}")
    out(f"{'page':<46} header {heads}   title top {heads}")
    for path in paths:
        header = " ".join(f"{results[m][path]['layout']['header']:4.0f}" for m in modes)
        tops = " ".join(
            f"{results[m][path]['layout']['h1Top'] or -1:4.0f}" for m in modes
        )
        out(f"{path[:46]:<46}        {header}             {tops}")
    out("\nLargest sideways overflow, px (over all pages), and where")
    out(f"{'mode':<15}" + "".join(f"{w:>6}px" for w in OVERFLOW_WIDTHS))
    for mode in modes:
        cells = []
        for width in OVERFLOW_WIDTHS:
            worst = max(paths, key=lambda p, w=width: results[mode][p]["overflow"][w])
            value = results[mode][worst]["overflow"][width]
            cells.append(f"{value:6.0f}  " + (f"({worst})" if value > 1 else ""))
        out(f"{mode:<15}" + "".join(f"{c:<8}" if c.strip().startswith("0") else c for c in cells))
    out("\nSmallest visible text, px (over all pages and widths 320/390/768)")
    for mode in modes:
        rows = [(results[mode][p]["smallest"], p) for p in paths if results[mode][p]["smallest"]]
        (size, text, tag), where = min(rows, key=lambda r: r[0][0])
        out(f"{mode:<15} {size:5.1f}  {tag.lower()} “{text[:20]}” on {where}")
    out("\nPrinted on A4 (pages)")
    for path, count in prints.items():
        out(f"{path:<22} {count}")
    out("\naxe, totalled over all pages (violations = rule x page; nodes in brackets)")
    for mode in modes:
        aa = [v for p in paths for v in results[mode][p]["aa"]]
        line = f"{mode:<15} WCAG 2.1 AA: {len(aa)} ({sum(n for _, n in aa)} nodes) on {len(paths)} pages"
        if "contrast" in mode:
            aaa = [v for p in paths for v in results[mode][p]["aaa"]]
            line += f"; color-contrast-enhanced: {len(aaa)} ({sum(n for _, n in aaa)} nodes)"
        if aa:
            line += f"; rules {sorted({rule for rule, _ in aa})}"
        out(line)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-prepare", action="store_true",
                        help="do not migrate/load demo content/collectstatic first")
    options = parser.parse_args(argv)
    setup_django()
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, WCAG_AA
    from tests.browser.test_readable_browser import (
        AAA_CONTRAST,
        HEIGHT,
        MODES,
        PRINT_MAX_PAGES,
    )

    paths = page_paths()

    from .harness import VAR_DIR, Gunicorn, prepare, production_env

    if not Path(CHROMIUM).exists():
        sys.exit(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    cache_dir = VAR_DIR / f"readable-cache-{os.getpid()}"
    env = production_env(DJANGO_CACHE_DIR=cache_dir)
    if not options.skip_prepare:
        print("Preparing: migrate, demo content, collectstatic…", flush=True)
        prepare(env)
    try:
        with Gunicorn(env, workers=2, log=VAR_DIR / "readable-gunicorn.log") as server, \
                sync_playwright() as playwright:
            base_url = f"http://127.0.0.1:{server.port}"
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            print(f"Measuring {len(paths)} pages in {len(MODES)} modes…", flush=True)
            results = measure(browser, base_url, paths, MODES, HEIGHT, WCAG_AA, AAA_CONTRAST)
            prints = print_pages(browser, base_url, list(PRINT_MAX_PAGES))
            browser.close()
    finally:
        shutil.rmtree(cache_dir, ignore_errors=True)
    report(results, prints, paths, {"header": 160, "h1": HEIGHT - 40})


if __name__ == "__main__":
    main()
