"""The visiting vocabulary the search understands in both languages (``search_synonyms.yaml``).

Index-side: a heritage page's search text gets every term of each group its visiting facts
belong to, so any synonym, in either language, finds it (see ``HeritageSitePage.search_terms``).
"""

from functools import cache
from pathlib import Path

import yaml

SYNONYMS_FILE = Path(__file__).with_name("search_synonyms.yaml")


@cache
def synonym_groups():
    with SYNONYMS_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["groups"]


def terms_for_kinds(kinds):
    """Every term of the groups that apply to a page with facts of ``kinds``."""
    kinds = {str(kind) for kind in kinds}
    terms = []
    for group in synonym_groups().values():
        if group.get("always") or kinds & set(group.get("fact_kinds", [])):
            terms += group["terms"]
    return terms


def vocabulary_kinds(query):
    """The fact kinds a query asks about when it is a visiting word ("门票", "opening hours"…,
    any case): the kinds of its group, or an empty set. The access words ask about every page
    (no kinds: every page answers them the same way)."""
    wanted = " ".join(query.split()).lower()
    kinds = set()
    for group in synonym_groups().values():
        if wanted in (term.lower() for term in group["terms"]):
            kinds |= set(group.get("fact_kinds", []))
    return kinds
