"""Chinese text as overlapping character bigrams, for a full-text index that splits on spaces.

SQLite's FTS5 (unicode61 tokenizer) and PostgreSQL's text-search parser both treat a run of Han
characters as ONE token, so "十八梯" would only ever match the exact token "十八梯". Indexing
every run as overlapping bigrams — "十八梯传统" → "十八 八梯 梯传 传统 统" — and searching for the
bigrams of the query makes any substring of two or more characters findable. The last character
of each run is also kept on its own, so that a one-character query (searched as a prefix) finds
every character of a run. Text that is not Han (Latin letters, digits) is left as it is.

No dictionary, no jieba: bigrams need no word list and cost nothing at start-up.
"""

import re

# Han ideographs: CJK Unified Ideographs, Extension A, compatibility ideographs, Extensions B+.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RUN = re.compile(f"[{HAN}]+")
# A "word" is a run of letters or digits (Unicode-aware); everything else separates words.
WORD = re.compile(r"[^\W_]+")
PIECE = re.compile(f"[{HAN}]+|[^\\W_{HAN}]+")

# Bounds for a search query: longer input is cut, never an error.
MAX_QUERY_LENGTH = 100
MAX_QUERY_TERMS = 32


def has_han(text):
    return bool(HAN_RUN.search(text or ""))


def bigrams(run):
    """Overlapping bigrams of a run of Han characters ("十八梯" → ["十八", "八梯"])."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i : i + 2] for i in range(len(run) - 1)]


def _index_run(match):
    run = match.group(0)
    tokens = bigrams(run)
    if len(run) > 1:
        tokens.append(run[-1])
    return " " + " ".join(tokens) + " "


def segment_for_index(text):
    """The text to put in the full-text index: Han runs become bigrams (+ their last character)."""
    if not text or not has_han(text):
        return text
    return re.sub(r" {2,}", " ", HAN_RUN.sub(_index_run, text)).strip()


class QueryTerm:
    """One token to look up: ``prefix`` for a lone Han character (matches bigrams starting with it)."""

    __slots__ = ("text", "prefix")

    def __init__(self, text, prefix=False):
        self.text = text
        self.prefix = prefix

    def __eq__(self, other):
        return (self.text, self.prefix) == (other.text, other.prefix)

    def __repr__(self):
        return f"QueryTerm({self.text!r}{', prefix=True' if self.prefix else ''})"


def segment_query(query_string):
    """The query as groups of terms: one group per word the visitor typed.

    Within a group every term must match (the bigrams of "老旧小区" all belong to one word);
    between groups the search's own operator applies. Punctuation and symbols are dropped, so
    quotes, ``*``, ``:`` or ``&`` can never reach the database's query syntax.
    """
    groups = []
    count = 0
    for word in (query_string or "")[:MAX_QUERY_LENGTH].split():
        group = []
        for piece in PIECE.findall(word):
            if HAN_RUN.fullmatch(piece):
                if len(piece) == 1:
                    group.append(QueryTerm(piece, prefix=True))
                else:
                    group.extend(QueryTerm(gram) for gram in bigrams(piece))
            else:
                group.append(QueryTerm(piece))
        group = group[: max(0, MAX_QUERY_TERMS - count)]
        count += len(group)
        if group:
            groups.append(group)
    return groups


def clean_query(raw):
    """A visitor's query made safe to search for: control characters (incl. NUL) removed,
    whitespace collapsed, cut to ``MAX_QUERY_LENGTH``. Returns ``(query, was_truncated)``."""
    text = "".join(" " if (ord(ch) < 32 or ord(ch) == 127) else ch for ch in (raw or ""))
    text = " ".join(text.split())
    truncated = len(text) > MAX_QUERY_LENGTH
    return text[:MAX_QUERY_LENGTH].strip(), truncated


def highlight_terms(query_string):
    """What to mark in a result: each word typed (Han runs whole), then their bigrams as a
    fallback, longest first."""
    terms = []
    for piece in PIECE.findall(query_string or ""):
        terms.append(piece)
        if HAN_RUN.fullmatch(piece) and len(piece) > 2:
            terms.extend(bigrams(piece))
    unique = list(dict.fromkeys(term for term in terms if term))
    return sorted(unique, key=len, reverse=True)
