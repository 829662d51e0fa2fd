"""Hostile input to every public URL: never a server error, never reflected unescaped.

The URLs are found at run time (``yuzhong_site.core.public_urls``): every named public route, the
search page, and one live page of every page type in every language — so plan pages, visitor
pages and search are covered as soon as they exist. Query parameters are those the page itself
offers (its GET forms and its own links) plus common ones (``page``, ``q``…), each fuzzed with a
bounded set of nasty values.
"""

from html.parser import HTMLParser
from urllib.parse import parse_qsl, quote, urlsplit

import pytest

from yuzhong_site.core import public_urls

NASTY = [
    '<script>alert("yz")</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    "../../../../etc/passwd",
    "\x00%00",
    "-1",
    "99999999999999999999999999999999",
    "1e9999",
    "NaN",
    "１２",  # full-width digits
    "x" * 4000,
]
RAW_QUERIES = ["%ff%fe%fd", "q=%ff&page=%c0%af", "page=1&page=2&page=-5", "=&&==", "%"]
COMMON_PARAMETERS = {"page", "q", "size", "next"}
PATH_SUFFIXES = [
    "..%2f..%2f..%2fetc%2fpasswd",
    "../../../etc/passwd",
    "%00",
    "%00/",
    "%ff%fe/",
    "%c0%af/",
    "a" * 3000 + "/",
    quote('<script>alert("yz")</script>') + "/",
    "%3Cscript%3Ealert(1)%3C%2Fscript%3E/",
    "~root/",
    ";jsessionid=1/",
]
LANGUAGE_PREFIXES = ["fr", "zh-hant", "zh-Hans", "EN", "en-us", "xx", "zh_hans", "..", "%ff"]
REFLECTION_MARKERS = ("<", ">", '"', "'")


class _Parameters(HTMLParser):
    """Names of the fields of GET forms that send to the page itself and of query parameters
    in the page's own links."""

    def __init__(self, path):
        super().__init__()
        self.path = path
        self.names = set()
        self._in_get_form = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            # a form that sends elsewhere (the header's search box) offers that page's parameters
            here = urlsplit(attrs.get("action") or "").path in ("", self.path)
            self._in_get_form = here and (attrs.get("method") or "get").lower() == "get"
        elif tag in {"input", "select", "textarea"} and self._in_get_form and attrs.get("name"):
            self.names.add(attrs["name"])
        elif tag == "a" and attrs.get("href"):
            parts = urlsplit(attrs["href"])
            if parts.path in ("", self.path) and parts.query:
                self.names.update(name for name, _value in parse_qsl(parts.query))

    def handle_endtag(self, tag):
        if tag == "form":
            self._in_get_form = False


def targets():
    """Every named public route and search, and one live page per page type and language."""
    chosen, seen_types = [], set()
    for item in public_urls.all_public_urls():
        if item.kind == "page":
            key = (item.model, item.url.startswith("/en/"))
            if key in seen_types:
                continue
            seen_types.add(key)
        chosen.append(item.url)
    return chosen


def assert_safe(response, sent):
    assert response.status_code < 500, f"{response.status_code} for {sent!r}"
    if response.streaming or not response.get("Content-Type", "").startswith("text/html"):
        return
    body = response.content.decode("utf-8", "replace")
    for value in NASTY:
        if any(marker in value for marker in REFLECTION_MARKERS):
            assert value not in body, f"{value!r} reflected unescaped by {sent!r}"


@pytest.fixture
def urls(demo_content):
    found = targets()
    assert "/" in found and "/en/" in found
    return found


def test_every_public_url_survives_hostile_paths(client, urls):
    for base in dict.fromkeys(url.split("?")[0] for url in urls):
        base = base if base.endswith("/") else base + "/"
        for suffix in PATH_SUFFIXES:
            response = client.get(base + suffix)
            assert_safe(response, base + suffix)
            assert response.status_code in (200, 301, 302, 400, 404), (base + suffix, response)


def test_unknown_language_prefixes_get_a_polite_404(client, urls):
    for stripped in dict.fromkeys(_unprefixed(url.split("?")[0]) for url in urls):
        for prefix in LANGUAGE_PREFIXES:
            sent = f"/{prefix}{stripped}"
            response = client.get(sent)
            assert_safe(response, sent)
            assert response.status_code in (301, 302, 400, 404), (sent, response.status_code)


def _unprefixed(path):
    return path[3:] if path.startswith("/en/") else path


def _fuzz_targets(urls):
    """``[(base, [url, ...])]``: each address once, whatever its query (search is listed with
    three queries), and each page type or route in one language only, alternately Chinese and
    English: a query parameter is read by the same view and template in either language."""
    by_base = {}
    for url in urls:
        by_base.setdefault(url.partition("?")[0], []).append(url)
    chosen, seen = [], set()
    for base, found in by_base.items():
        unprefixed = _unprefixed(base)
        if unprefixed in seen:
            continue
        seen.add(unprefixed)
        if len(seen) % 2 == 0:
            other = "/en" + unprefixed if base == unprefixed else unprefixed
            base, found = (other, by_base[other]) if other in by_base else (base, found)
        chosen.append((base, found))
    return chosen


def test_the_fuzzed_addresses_cover_every_page_type_and_route_in_one_language(urls):
    chosen = dict(_fuzz_targets(urls))
    languages = {base.startswith("/en/") for base in chosen}
    assert languages == {True, False}
    assert {_unprefixed(base) for base in chosen} == {_unprefixed(u.partition("?")[0]) for u in urls}


@pytest.mark.parametrize("part", range(4))
def test_every_query_parameter_is_fuzzed_without_a_server_error(client, urls, part):
    # in four parts (every fourth address), so that the test workers share the work
    for base, found in _fuzz_targets(urls)[part::4]:
        parser = _Parameters(base)
        offered = set()
        for url in found:
            first = client.get(url)
            assert first.status_code < 500
            if first.get("Content-Type", "").startswith("text/html"):
                parser.feed(first.content.decode("utf-8", "replace"))
            offered |= {name for name, _v in parse_qsl(url.partition("?")[2])}
        offered |= parser.names
        # What the page offers, one parameter at a time; the common names it does not offer
        # (it should ignore them) all at once, each nasty value in turn.
        for name in sorted(offered):
            for value in NASTY:
                response = client.get(base, {name: value})
                assert_safe(response, f"{base}?{name}={value[:40]}")
        others = sorted(COMMON_PARAMETERS - offered)
        for value in NASTY if others else ():
            response = client.get(base, dict.fromkeys(others, value))
            assert_safe(response, f"{base}?{'&'.join(others)}={value[:40]}")
        for raw in RAW_QUERIES:
            response = client.get(f"{base}?{raw}")
            assert_safe(response, f"{base}?{raw}")


def test_unexpected_methods_and_bodies_are_refused_cleanly(client, urls):
    for url in dict.fromkeys(url.split("?")[0] for url in urls):
        for method in ("post", "put", "delete", "options", "patch"):
            response = getattr(client, method)(url, data="\xff\x00<script>", content_type="text/plain")
            assert_safe(response, f"{method.upper()} {url}")
            assert response.status_code in (200, 301, 302, 400, 403, 404, 405), (method, url)


def test_text_size_link_only_redirects_within_the_site(client, urls):
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)", "/\\evil.example"):
        response = client.get("/text-size/", {"size": "large", "next": target})
        assert response.status_code == 302
        assert response["Location"] == "/", target
