"""Performance budget: the home page's HTML, CSS and JavaScript weigh at most 60 KB gzipped."""

import gzip

from django.contrib.staticfiles import finders

from tests.helpers import tags, text_of

BUDGET = 60 * 1024


def gzipped_size(data):
    return len(gzip.compress(data, compresslevel=6))


def static_file(url):
    path = finders.find(url.removeprefix("/static/").split("?")[0])
    assert path, f"{url} is linked but not found"
    with open(path, "rb") as handle:
        return handle.read()


def test_home_page_html_css_and_javascript_fit_in_60_kb_gzipped(client, demo_content):
    for home in ("/", "/en/"):
        response = client.get(home)
        html = text_of(response)
        assets = [link["href"] for link in tags(html, "link", rel="stylesheet")]
        assets += [script["src"] for script in tags(html, "script") if script.get("src")]
        assert assets, "the home page links its stylesheet"
        sizes = {home: gzipped_size(response.content)}
        sizes.update({url: gzipped_size(static_file(url)) for url in assets})
        total = sum(sizes.values())
        assert total <= BUDGET, f"{total / 1024:.1f} KB gzipped: {sizes}"
