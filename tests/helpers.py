"""Small helpers shared by the test modules."""

from html.parser import HTMLParser


class _Collector(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(html, name, **attrs):
    """Start tags called ``name`` whose attributes include ``attrs`` (parsed, not regex)."""
    parser = _Collector()
    parser.feed(html)
    return [
        found
        for tag, found in parser.tags
        if tag == name and all(found.get(key) == value for key, value in attrs.items())
    ]


def text_of(response):
    return response.content.decode("utf-8")
