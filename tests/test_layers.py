"""The apps form layers whose imports only point down:

    yuzhong_site.core  <-  districts  <-  plans  <-  yuzhong_site.search / .open_data / .feedback
                                                  <-  the project package (settings, URLs, WSGI)

A module may import from its own layer and the layers below it, never from one above, at module
level or inside a function. The test reads the source (no import needed), so a new upward import
fails CI whatever code path it is on.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# Lower number = lower layer. The project package itself is the top.
LAYERS = {
    "yuzhong_site.core": 0,
    "districts": 1,
    "plans": 2,
    "yuzhong_site.search": 3,
    "yuzhong_site.open_data": 3,
    "yuzhong_site.feedback": 3,
    "yuzhong_site": 4,
}
# Peers on one level still must not import each other.
PEERS_APART = {
    ("yuzhong_site.search", "yuzhong_site.open_data"),
    ("yuzhong_site.search", "yuzhong_site.feedback"),
    ("yuzhong_site.open_data", "yuzhong_site.feedback"),
}


def layer_of(module):
    """The layer (package name) that ``module`` belongs to, or ``None`` for third-party code."""
    matches = [name for name in LAYERS if module == name or module.startswith(name + ".")]
    return max(matches, key=len) if matches else None


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_modules(path, module):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module
            yield node.lineno, target
            for alias in node.names:  # `from yuzhong_site import open_data`
                yield node.lineno, f"{target}.{alias.name}"


def upward_imports(paths):
    found = []
    for path in paths:
        module = module_name(path)
        own = layer_of(module)
        reported = set()
        for lineno, target in imported_modules(path, module):
            if lineno in reported:
                continue
            theirs = layer_of(target)
            if own is None or theirs is None or theirs == own:
                continue
            upward = LAYERS[theirs] > LAYERS[own]
            sideways = (own, theirs) in PEERS_APART or (theirs, own) in PEERS_APART
            if upward or sideways:
                found.append(f"{path.relative_to(ROOT)}:{lineno} {own} imports {target}")
                reported.add(lineno)
    return found


def app_sources():
    for top in ("yuzhong_site", "districts", "plans"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def test_every_app_imports_only_from_the_layers_below_it():
    assert upward_imports(list(app_sources())) == []


@pytest.mark.parametrize(
    ("module_path", "source", "expected"),
    [
        ("districts/bad.py", "from plans.models import Project\n", "districts imports plans.models"),
        ("yuzhong_site/core/bad.py", "def f():\n    from districts import geo\n",
         "yuzhong_site.core imports districts"),
        ("plans/bad.py", "from yuzhong_site.open_data import records\n",
         "plans imports yuzhong_site.open_data"),
        ("yuzhong_site/search/bad.py", "from ..open_data import records\n",
         "yuzhong_site.search imports yuzhong_site.open_data"),
    ],
)
def test_an_upward_import_is_caught(tmp_path, monkeypatch, module_path, source, expected):
    fake_root = tmp_path
    path = fake_root / module_path
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    monkeypatch.setitem(globals(), "ROOT", fake_root)
    found = upward_imports([path])
    assert len(found) == 1 and expected in found[0]


def test_a_downward_import_is_allowed(tmp_path, monkeypatch):
    path = tmp_path / "plans" / "fine.py"
    path.parent.mkdir(parents=True)
    path.write_text("from districts.models import District\nfrom yuzhong_site.core import i18n\n")
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert upward_imports([path]) == []


def test_templates_below_the_feedback_app_do_not_load_its_tags():
    """The base template and the pages of core, districts and plans reach the feedback app only
    through what core offers (a URL name, the page-extras hook), never by loading its tags."""
    import re

    from django.template.backends.django import get_installed_libraries

    feedback_libraries = {
        name for name, module in get_installed_libraries().items()
        if module.startswith("yuzhong_site.feedback")
    }
    loads = re.compile(r"{%\s*load\s+([^%]+?)\s*%}")
    found = []
    for path in sorted((ROOT / "templates").rglob("*.html")):
        if "feedback" in path.relative_to(ROOT / "templates").parts:
            continue
        for match in loads.finditer(path.read_text(encoding="utf-8")):
            names = set(match.group(1).split()) - {"from"}
            if names & (feedback_libraries | {"feedback_tags"}):
                found.append(str(path.relative_to(ROOT)))
    assert found == []
