"""The one guard for spreadsheet cells, used by every CSV this site writes (the admin export of
plan data and the public /data/ downloads).

A spreadsheet runs a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
as a formula ("CSV injection"). Such text gets a leading ``'``, which spreadsheets show as text.
Numbers stay numbers: ``-5`` or ``-0.25`` is written as it is, because a spreadsheet reads it as a
negative number, not a formula.
"""

import re
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
GUARD = "'"
_PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def guard_cell(value):
    """``value`` as the text of a CSV cell: ``None`` as empty, booleans as ``true``/``false``,
    numbers (and text that is just a number) as they are, formula-like text defused."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float | Decimal):
        return str(value)
    text = str(value)
    if text.startswith(FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return GUARD + text
    return text


def unguard_cell(text):
    """Undo :func:`guard_cell` on a cell read back: ``'=1+2`` → ``=1+2``; cells are trimmed."""
    text = (text or "").strip(" ")
    if len(text) > 1 and text[0] == GUARD and text[1] in "".join(FORMULA_STARTS):
        return text[1:]
    return text.strip()
