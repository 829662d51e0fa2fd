"""Marking the words a visitor searched for, safely: the text is escaped, then matches wrapped."""

import re

from django.utils.html import escape
from django.utils.safestring import mark_safe

from .segmentation import highlight_terms

EXCERPT_LENGTH = 160


def _pattern(query):
    terms = highlight_terms(query)
    if not terms:
        return None
    return re.compile("|".join(re.escape(term) for term in terms), re.IGNORECASE)


def highlight(text, query):
    """``text`` as safe HTML with each matched term in ``<mark>``; everything else escaped."""
    text = str(text or "")
    pattern = _pattern(query)
    if pattern is None:
        return escape(text)
    pieces = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece above is escaped


def excerpt(text, query, length=EXCERPT_LENGTH):
    """About ``length`` characters of ``text`` around its first match (or its beginning)."""
    text = " ".join(str(text or "").split())
    if len(text) <= length:
        return text
    pattern = _pattern(query)
    match = pattern.search(text) if pattern else None
    start = max(0, (match.start() if match else 0) - length // 3)
    end = min(len(text), start + length)
    start = max(0, end - length)
    return ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")


def title_rank(title, query):
    """0 when the title contains the whole query, 1 when it contains a word of it, 2 otherwise."""
    title = (title or "").lower()
    if query.lower() in title:
        return 0
    if any(term.lower() in title for term in highlight_terms(query)):
        return 1
    return 2
