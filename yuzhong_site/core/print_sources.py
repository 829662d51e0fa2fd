"""Numbered sources for print: on paper a link's address is lost, and printed after the link it
widens a table until its later columns are cut off. So every link to another site in a page's
main content gets a number (``[n]``, shown only in print), and the page ends with the numbered
list of those sources, name and address (also shown only in print; ``components/print_sources.html``,
``static/css/print.css``).

The page is numbered as rendered (``{% numbered_sources %}`` in ``base.html``), so the cards kept
in the per-publish memo (``fragments.py``) are numbered with the page around them. One address
has one number, however many links point at it. A link names its source by its words, or by
``data-source-name`` when its words are something else (a figure linked to its source). A link
that is no source and is not printed (a map app's search) says ``data-print-ref="none"``.
"""

import re
from dataclasses import dataclass
from html import unescape

from django.utils.safestring import mark_safe

_LINK = re.compile(r"<a\b(?P<attrs>[^>]*)>(?P<inner>.*?)</a>", re.S)
_ATTR = re.compile(r'\s(?P<name>[\w-]+)="(?P<value>[^"]*)"')


@dataclass
class Source:
    number: int
    url: str
    name: str = ""  # from data-source-name: plain text
    name_html: str = ""  # the first link's own words: our templates' HTML


def number_links(html):
    """``(html, sources)``: ``html`` with ``<sup class="yz-source-ref">[n]</sup>`` after each link
    to another site, and the list of :class:`Source` in the order of first appearance."""
    sources = {}

    def number(match):
        attrs = {m.group("name"): unescape(m.group("value")) for m in _ATTR.finditer(match.group("attrs"))}
        url = attrs.get("href", "")
        if not re.match(r"https?://", url) or attrs.get("data-print-ref") == "none":
            return match.group()
        source = sources.get(url)
        if source is None:
            name = attrs.get("data-source-name", "").strip()
            inner = "" if name else mark_safe(match.group("inner").strip())  # noqa: S308 - our HTML
            source = sources[url] = Source(len(sources) + 1, url, name=name, name_html=inner)
        return f'{match.group()}<sup class="yz-source-ref">[{source.number}]</sup>'

    numbered = _LINK.sub(number, str(html))
    return mark_safe(numbered), list(sources.values())  # noqa: S308 - only our markup added
