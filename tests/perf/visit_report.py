"""``make visit-report``: what the visitors' section shows, read from the rendered pages.

Prepares its own SQLite database under var/ (migrate + the demo content, like ``make bench``),
then renders the real pages with Django's test client and prints two plain-text tables:

(a) each place listed on /en/visit/: which visiting facts its page shows, with the tier of the
    source in words, and what its "Not known" line says;
(b) the search matrix: each place with visiting facts, searched by its Chinese name, pinyin and
    English name (and the short forms the glossary gives) from /search/ and /en/search/, and the
    visiting vocabulary (地铁/metro/subway, 门票/ticket/admission, 开放时间/opening hours,
    无障碍/step-free/accessible) — the rank of the place's page among the results, or the top
    result when the place is not on the first page.

    python -m tests.perf.visit_report [--skip-prepare]
"""

import argparse
import os
import re
import sys
import unicodedata
from pathlib import Path

from . import setup_django

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = BASE_DIR / "var"

# The columns of table (a), in the order of the visiting-information block: (fact kind on the page, column heading).
KIND_COLUMNS = [
    ("Address", "address"), ("Opening hours", "hours"), ("Closures", "closures"),
    ("Admission", "admission"), ("Booking", "booking"), ("Metro", "metro"),
    ("Telephone", "phone"), ("Visit length", "length"), ("Step-free access", "access"),
    ("Lighting hours", "light"), ("Bus", "bus"), ("Entrances", "entr"), ("WeChat account", "wechat"),
    ("Crowds and traffic controls", "crowds"), ("Size and layout", "size"),
    ("Facilities", "facil"),
]
TIERS = {
    "official source (government)": "O",
    "news media": "M",
    "website other than government or news media": "R",
}
TIER_LEGEND = ("O = official source (government), M = news media, R = reported by a website "
               "other than government or news media, U = no source recorded, - = not shown; "
               "* = the source gives a date")
SYNONYMS = [
    ("metro", ["地铁", "metro", "subway"]),
    ("admission", ["门票", "ticket", "admission"]),
    ("hours", ["开放时间", "opening hours"]),
    ("access", ["无障碍", "step-free", "accessible"]),
]
# Kinds of visiting fact that make a page an answer to a word of each group (search_synonyms.yaml)
SYNONYM_KINDS = {"metro": {"Metro"}, "admission": {"Admission", "Booking"},
                 "hours": {"Opening hours", "Closures"}, "access": None}


def prepare():
    from django.core.management import call_command

    print("Preparing: migrate, demo content…", file=sys.stderr, flush=True)
    with open(os.devnull, "w") as quiet:
        call_command("migrate", interactive=False, verbosity=0, stdout=quiet)
        call_command("load_demo_content", stdout=quiet)


def soup(client, url, **params):
    from bs4 import BeautifulSoup

    response = client.get(url, params)
    if response.status_code != 200:
        raise SystemExit(f"visit-report: {url} {params} answered {response.status_code}")
    return BeautifulSoup(response.content.decode(), "html.parser")


def words(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).strip() if element else ""


def listed_places(client):
    """[(url, name)] of the heritage pages listed on the English visitors' index (every page)."""
    places, page = [], 1
    while True:
        html = soup(client, "/en/visit/", **({"page": page} if page > 1 else {}))
        for link in html.select(".yz-place-card .yz-card__title a"):
            places.append((link["href"], words(link)))
        if not html.select_one('a[rel="next"]'):
            return places
        page += 1


def facts_shown(client, url):
    """({column: tier letters}, other kinds shown, "not known" text) of one place page."""
    html = soup(client, url)
    shown, other = {}, []
    facts = html.select_one(".yz-visiting__facts")
    for term in facts.find_all("dt") if facts else []:
        label = words(term)
        letters = ""
        for source in term.find_next_sibling("dd").select(".yz-fact__source"):
            text = words(source)
            tier = next((letter for name, letter in TIERS.items() if f"({name})" in text), "U")
            dated = bool(re.search(r"\), (\d|[A-Z][a-z]+ \d)", text))
            letters += tier + ("*" if dated else "")
        if label in dict(KIND_COLUMNS):
            shown[dict(KIND_COLUMNS)[label]] = letters
        else:
            other.append(f"{label.lower()} {letters}")
    unknown = words(html.select_one(".yz-visiting__unknown"))
    unknown = re.sub(r"^Not known: we found no published information on ", "", unknown)
    unknown = unknown.replace(" Check with the place before you go.", "")
    return shown, other, unknown, html


def width(text):
    """Columns the text takes in a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in str(text))


def table(headings, rows):
    widths = [max(width(cell) for cell in column) for column in zip(headings, *rows, strict=True)]

    def line(cells):
        return "  ".join(str(cell) + " " * (size - width(cell))
                         for cell, size in zip(cells, widths, strict=True)).rstrip()
    return "\n".join([line(headings), line(["-" * width for width in widths]),
                      *(line(row) for row in rows)])


def places_table(client, places):
    rows = []
    for url, name in places:
        shown, other, unknown, _html = facts_shown(client, url)
        rows.append([name] + [shown.get(column, "-") for _label, column in KIND_COLUMNS]
                    + [", ".join(other) or "-", unknown or "-"])
    headings = ["place (/en/visit/)"] + [column for _label, column in KIND_COLUMNS] + [
        "other", "not known (the page's one line)"]
    return table(headings, rows)


def search_results(client, prefix, query, with_total=False):
    """The links of the first page of results (and the total the page states)."""
    html = soup(client, f"{prefix}/search/", q=query)
    links = [link["href"] for link in html.select("a.yz-result__link")]
    if not with_total:
        return links
    numbers = re.findall(r"\d+", words(html.select_one(".yz-search__count")))
    return links, int(numbers[-1]) if numbers else 0


def rank_cell(results, target):
    if target in results:
        return str(results.index(target) + 1)
    return f"- (top: {results[0] if results else 'no result'})"


def search_table(client, places):
    rows = []
    for slug, entry in places:
        queries = [("zh", entry["zh"]), ("zh short", entry.get("short_zh")),
                   ("pinyin", entry["pinyin"]),
                   ("pinyin short", entry["pinyin"].split()[0]),
                   ("en", entry["en"]), ("en short", entry.get("short_en"))]
        seen = set()
        for kind, query in queries:
            if not query or query in seen:
                continue
            seen.add(query)
            rows.append([slug, kind, query,
                         rank_cell(search_results(client, "", query), f"/visit/{slug}/"),
                         rank_cell(search_results(client, "/en", query), f"/en/visit/{slug}/")])
    return table(["place", "name", "query", "/search/ rank", "/en/search/ rank"], rows)


def synonyms_table(client, kinds_by_url):
    rows = []
    for group, queries in SYNONYMS:
        for query in queries:
            cells = [group, query]
            for prefix in ("", "/en"):
                results, total = search_results(client, prefix, query, with_total=True)
                places = [url for url in results if url.startswith(f"{prefix}/visit/")]
                top = results[0] if results else "no result"
                wanted = SYNONYM_KINDS[group]
                answers = [url for url in places
                           if wanted is None or wanted & kinds_by_url.get(url.removeprefix("/en"),
                                                                          set())]
                first = (f"{results.index(answers[0]) + 1} {answers[0]}" if answers
                         else "- no place with that fact")
                cells += [str(total), top, first]
            rows.append(cells)
    return table(["words", "query", "zh hits", "/search/ top", "first place with the fact",
                  "en hits", "/en/search/ top", "first place with the fact"], rows)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--skip-prepare", action="store_true",
                        help="do not migrate and load the demo content first")
    options = parser.parse_args(argv)
    VAR_DIR.mkdir(exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{VAR_DIR / 'visit-report.sqlite3'}")
    os.environ.setdefault("MEDIA_ROOT", str(VAR_DIR / "visit-report-media"))
    os.environ.setdefault("DJANGO_ALLOWED_HOSTS", "testserver")
    setup_django()
    if not options.skip_prepare:
        prepare()

    from django.test import Client

    from districts.demo import glossary, site_rows

    client = Client()
    places = listed_places(client)
    if not places:
        raise SystemExit("visit-report: /en/visit/ lists no place (is the demo content loaded?)")
    print(f"(a) Places listed on /en/visit/ ({len(places)}): visiting facts each page shows")
    print(f"    {TIER_LEGEND}")
    print(places_table(client, places))

    names = glossary()["places"]
    kinds_by_url = {}
    for url, _name in places:
        _shown, _other, _unknown, html = facts_shown(client, url)
        facts = html.select_one(".yz-visiting__facts")
        kinds_by_url[url.removeprefix("/en")] = {
            words(term) for term in (facts.find_all("dt") if facts else [])}
    main_places = [(row["slug"], names[row["slug"]]) for row in site_rows() if row["facts"]]
    print()
    print("(b) Search matrix: rank of the place's page in the results "
          "(1 = first; '-' = not on the first page, with the top result)")
    print(search_table(client, main_places))
    print()
    print("    Visiting vocabulary: number of results, the top result, and the first place "
          "whose page has a fact of that kind")
    print(synonyms_table(client, kinds_by_url))


if __name__ == "__main__":
    main()
