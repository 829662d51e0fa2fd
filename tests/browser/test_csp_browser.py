"""Every public page type under the site's strict Content-Security-Policy, in a real browser.

Unlike the other browser tests, this context does NOT bypass the CSP: Chromium enforces the
policy the server sends (scripts only from our origin, no inline
styles or ``style=""`` attributes — the inline SVG charts and route sketches included) and
reports every blocked resource as a ``securitypolicyviolation`` event and a console error.
JSON-LD (``<script type="application/ld+json">`` on heritage and route pages) is a data block,
which the browser never executes, so the policy allows it; this test proves it.
"""

import re

from yuzhong_site.core import public_urls

# The first visit to a page makes its image renditions.
FIRST_VISIT_MS = 120_000
# Sub-routes of routable pages (projects, metrics, districts), found through the pages' links.
SUB_ROUTES = [
    re.compile(r'href="(/(?:en/)?plan/projects/[^"/?#]+/)"'),
    re.compile(r'href="(/(?:en/)?plan/metrics/[^"/?#]+/)"'),
    re.compile(r'href="(/(?:en/)?visit/districts/[^"/?#]+/)"'),
]
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`
  );
});
"""


def one_url_per_page_type():
    """One Chinese and one English page of every live page type, the search and site map."""
    urls, seen = [], set()
    for item in public_urls.page_urls():
        language = "en" if item.url.startswith("/en/") else "zh"
        if (item.model, language) not in seen:
            seen.add((item.model, language))
            urls.append(item.url)
    search = public_urls.search_urls()
    urls += [search[0].url, search[-1].url, "/sitemap/", "/en/sitemap/", "/no-such-page/"]
    return urls


def test_every_page_type_runs_under_the_strict_csp_without_violations(site, browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})  # CSP enforced
    context.add_init_script(LISTEN)
    page = context.new_page()
    page.set_default_timeout(15_000)
    console, page_errors = [], []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    page.on("pageerror", lambda error: page_errors.append(str(error)))

    queue = one_url_per_page_type()
    visited, found_sub_routes = [], set()
    problems = []
    while queue:
        path = queue.pop(0)
        if path in visited:
            continue
        visited.append(path)
        console.clear()
        response = page.goto(site.url + path, timeout=FIRST_VISIT_MS, wait_until="load")
        csp = response.headers.get("content-security-policy", "")
        if path != "/no-such-page/":
            assert response.status == 200, path
        assert "script-src 'self';" in csp and "unsafe-inline" not in csp, (path, csp)
        violations = page.evaluate("window.__cspViolations")
        errors = [
            line for line in console
            if line.split(":", 1)[0] in ("error", "warning")
            # A 404 resource load is not a policy problem: the 404 page's own status, and the
            # demo images, which the test storage keeps in memory and the live server does not
            # serve. CSP violations are caught by the securitypolicyviolation listener above.
            and not ("Failed to load resource" in line and "status of 404" in line)
        ]
        if violations or errors:
            problems.append(f"{path}: {violations} {errors}")
        html = page.content()
        for pattern in SUB_ROUTES:
            match = pattern.search(html)
            if match and pattern.pattern not in found_sub_routes:
                found_sub_routes.add(pattern.pattern)
                queue.append(match.group(1))

    context.close()
    assert problems == [] and page_errors == [], "\n".join(problems + page_errors)
    # Every page type was reached, the sub-routes too, and the JSON-LD pages were among them.
    assert len(found_sub_routes) == len(SUB_ROUTES), (found_sub_routes, visited)
    assert any("/visit/" in path and path.count("/") == 3 for path in visited), visited
