"""The README stays short, and every repository path that README.md and docs/*.md name exists."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README_MAX_LINES = 250
# Folders that exist only on a working machine (virtualenv, build output, caches, uploads).
NOT_IN_REPOSITORY = {".venv", "var", "media", "staticfiles", "node_modules", ".git"}
FILE_SUFFIX = re.compile(r"\.(py|md|html|css|js|yaml|yml|json|toml|txt|po|mo|cfg|ini|sh)$")
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
INLINE_CODE = re.compile(r"`([^`]+)`")
LINK_TARGET = re.compile(r"\]\(([^)\s]+)\)")
WILDCARDS = ("…", "*", "<", "{")


def documents():
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def repository_path(word, base, named_files=True):
    """``word`` as a path inside the repository (relative to ``ROOT``), or ``None`` when it is
    not one: URLs, absolute paths (``/etc/…``, ``/en/visit/``), paths outside (``../shared/…``),
    dotted module names, and words that neither start at a top-level folder nor name a file
    (``named_files=False``: words that do not start at a top-level folder)."""
    word = word.strip("\"'()[],;:").rstrip(".").split("#", 1)[0]
    if not word or "://" in word or word.startswith(("/", "~", "$", "mailto:")):
        return None
    if word.startswith("../") and not (base / word).resolve().is_relative_to(ROOT):
        return None
    path = (base / word).resolve()
    if not path.is_relative_to(ROOT) or "/" not in word:
        return None
    relative = path.relative_to(ROOT)
    first = relative.parts[0] if relative.parts else ""
    if first in NOT_IN_REPOSITORY:
        return None
    if not ((ROOT / first).is_dir() or (named_files and FILE_SUFFIX.search(word))):
        return None
    if word.startswith(("./", "../")) or base != ROOT:
        return relative.as_posix() + ("/" if word.endswith("/") else "")
    return word


def path_exists(path):
    """Whether ``path`` exists; with ``…``, ``*``, ``<…>`` or ``{…}`` in it, whether the folder
    before the first of them does (and, for ``*``, whether the pattern matches a file)."""
    # A template's name is a path inside templates/.
    roots = (ROOT, ROOT / "templates") if path.endswith(".html") else (ROOT,)
    cut = min((path.index(mark) for mark in WILDCARDS if mark in path), default=None)
    if cut is None:
        return any((root / path).exists() for root in roots)
    if "*" in path and not any(mark in path for mark in ("…", "<", "{")):
        return any(any(root.glob(path)) for root in roots)
    return any((root / path[:cut].rsplit("/", 1)[0]).is_dir() for root in roots)


def missing_paths(text, link_base=ROOT):
    """Repository paths named in ``text`` that do not exist: the words of inline code spans,
    from the repository's root; link targets, relative to the document (``link_base``); and in
    fenced blocks (commands, diagrams, layouts), words that start at a top-level folder."""
    fenced = " ".join(match.group(0) for match in FENCE.finditer(text))
    text = FENCE.sub("", text)
    named = [(word, ROOT, True) for span in INLINE_CODE.findall(text) for word in span.split()]
    named += [(target, link_base, True) for target in LINK_TARGET.findall(text)]
    named += [(word.strip("`"), ROOT, False) for word in re.split(r"[\s,]+", fenced)]
    found = []
    for word, base, named_files in named:
        path = repository_path(word, base, named_files)
        if path is not None and not path_exists(path):
            found.append(path)
    return found


def test_the_readme_is_read_in_minutes():
    lines = (ROOT / "README.md").read_text(encoding="utf-8").splitlines()
    assert len(lines) <= README_MAX_LINES, f"README.md has {len(lines)} lines"


@pytest.mark.parametrize("document", documents(), ids=lambda path: path.name)
def test_every_path_a_document_names_exists(document):
    missing = missing_paths(document.read_text(encoding="utf-8"), link_base=document.parent)
    assert not missing, f"{document.relative_to(ROOT)} names paths that do not exist: {missing}"


def test_the_check_finds_a_path_that_moved_and_lets_other_words_be():
    text = (
        "See `yuzhong_site/memo.py`, `plans/charts.py`, `tests/…`, `plans/demo_data/*.yaml`, "
        "`templates/<app>/<page>.html`, `../shared/seed/FACTS.md`, `/etc/cron.d/yuzhong`, "
        "`/en/visit/`, `https://example.org/a/b.py`, `manage.py check --deploy`, "
        "`yuzhong_site.core.editorial.ensure_section_editors`, `images/lane.png` and "
        "`plans/nothing/*.yaml`, `.ci/run`, `.ci/nothing`, `{% include 'components/footer.html' %}`,"
        " `core/memo.py`."
    )
    assert missing_paths(text) == [
        "yuzhong_site/memo.py", "plans/nothing/*.yaml", ".ci/nothing", "core/memo.py",
    ]
    diagram = "```\nroutes (core/routing.py) → plans/page_context.py, plans/views.py\n```"
    assert missing_paths(diagram) == ["plans/views.py"]


def test_the_readable_report_measures_the_browser_matrixs_pages():
    # `make readable-report` borrows the browser matrix's page types, modes and print limits
    from tests.browser import test_readable_browser as matrix
    from tests.perf import readable_report

    paths = readable_report.page_paths()
    assert "/plan/" in paths and "/en/plan/" in paths
    assert matrix.MODES and matrix.HEIGHT and matrix.AAA_CONTRAST
