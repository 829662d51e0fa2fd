"""The apps form layers whose imports only point down:

    yuzhong_site.core  <-  districts  <-  plans  <-  yuzhong_site.search / .open_data / .feedback
                                                  <-  the project package (settings, URLs, WSGI)

A module may import from its own layer and the layers below it, never from one above, at module
level or inside a function; inside an app, modules import each other in one direction (no
cycle); a template loads only the tag libraries of its layer and those below. The test reads the
source (no import needed), so a new upward or circular import fails CI whatever code path it is on.
"""

import ast
import re
from collections import deque
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


def _imported_from(node, package):
    """The absolute name of the module a ``from … import`` statement in ``package`` reads."""
    if not node.level:
        return node.module
    base = package.split(".")
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def imported_modules(path, module):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            target = _imported_from(node, package)
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


def write_sources(root, sources):
    """Write ``{relative path: text}`` under ``root``; return the paths."""
    paths = []
    for name, source in sources.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source, encoding="utf-8")
        paths.append(path)
    return paths


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


# ------------------------------------------------------------------ module cycles inside an app
# Inside an app, modules import each other in one direction too: a page model asks for its
# context through yuzhong_site.core.page_context (the builders import the models, not the
# reverse), feeds read updates, and so on. A cycle, even through an import inside a function,
# means two modules can only be understood together; the test names the modules in it.


def module_edges(path, module, modules):
    """The project's own modules that ``module`` imports (at module level or in a function); a
    name imported from a package counts as its submodule when there is one."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            candidates = [[alias.name] for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            target = _imported_from(node, package)
            candidates = [[f"{target}.{alias.name}", target] for alias in node.names]
        else:
            continue
        for names in candidates:
            for name in names:
                while name and name not in modules:
                    name = name.rpartition(".")[0]
                if name:
                    if name != module:
                        found.add(name)
                    break
    return found


def _route_back(graph, start):
    """The shortest chain of imports from ``start`` back to itself, or ``None``."""
    parents = {start: None}
    queue = deque([start])
    while queue:
        module = queue.popleft()
        for target in sorted(graph[module]):
            if target == start:
                route = [module]
                while parents[route[-1]] is not None:
                    route.append(parents[route[-1]])
                return [*reversed(route), start]
            if target not in parents:
                parents[target] = module
                queue.append(target)
    return None


def module_cycles(paths):
    """Circles of imports between the modules of one app, each as ``"a -> b -> a"``."""
    modules = {module_name(path): path for path in paths}
    graph = {
        module: {
            target
            for target in module_edges(path, module, modules)
            if layer_of(target) == layer_of(module)
        }
        for module, path in modules.items()
    }
    cycles, seen = [], set()
    for start in sorted(graph):
        if start in seen:
            continue
        route = _route_back(graph, start)
        if route:
            cycles.append(" -> ".join(route))
            seen.update(route)
    return cycles


def test_no_module_of_an_app_imports_itself_in_a_circle():
    assert module_cycles(list(app_sources())) == []


@pytest.mark.parametrize(
    ("sources", "expected"),
    [
        # a page model importing its page context inside a method, which imports the model
        (
            {
                "plans/models.py": "class PillarPage:\n    def get_context(self):\n"
                "        from .page_context import pillar_context\n",
                "plans/page_context.py": "from .models import PillarPage\n",
            },
            "plans.models -> plans.page_context -> plans.models",
        ),
        # three modules, each import inside a function
        (
            {
                "districts/a.py": "def f():\n    from districts import b\n",
                "districts/b.py": "def f():\n    from .c import x\n",
                "districts/c.py": "def f():\n    import districts.a\n",
            },
            "districts.a -> districts.b -> districts.c -> districts.a",
        ),
    ],
)
def test_a_module_cycle_is_caught(tmp_path, monkeypatch, sources, expected):
    paths = write_sources(tmp_path, sources)
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert module_cycles(paths) == [expected]


def test_imports_in_one_direction_are_no_cycle(tmp_path, monkeypatch):
    sources = {
        "plans/__init__.py": "",
        "plans/models/__init__.py": "from .data import Goal\nfrom .pages import PillarPage\n",
        "plans/models/pages.py": "from yuzhong_site.core.page_context import build\n",
        "plans/models/data.py": "from .pages import PillarPage\n",
        "plans/page_context.py": "from .models import Goal\nfrom . import models\n",
        "plans/apps.py": "def ready():\n    from . import page_context\n",
    }
    paths = write_sources(tmp_path, sources)
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert module_cycles(paths) == []


# ------------------------------------------------------------------------------------ templates
# Templates belong to the layer of their folder (templates/plans/ to plans, templates/base.html
# and templates/yuzhong_site/ to the core…; templates/components/ are shared pieces, included by
# the layer that uses them). A template may load only the tag libraries of its layer and those
# below, and include or extend only templates of its layer and those below: the core's home
# page shows the plan through the ``home_page_parts`` hook, not by loading plan_tags.

TEMPLATES = ROOT / "templates"
TEMPLATE_FOLDERS = {
    "yuzhong_site": "yuzhong_site.core",
    "districts": "districts",
    "plans": "plans",
    "search": "yuzhong_site.search",
    "open_data": "yuzhong_site.open_data",
}
LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")
INCLUDE = re.compile(r"{%\s*(?:include|extends)\s+[\"']([^\"']+)[\"']")


def template_layer(relative):
    """The layer of a template, from its path under templates/ (``None``: a shared piece)."""
    parts = Path(relative).parts
    if len(parts) == 1:
        return "yuzhong_site.core"  # base.html, 404.html, 500.html
    return TEMPLATE_FOLDERS.get(parts[0])


def tag_library_layers(paths):
    """{tag library name: its layer} for the project's own template tag libraries."""
    return {
        path.stem: layer_of(module_name(path))
        for path in paths
        if path.parent.name == "templatetags" and path.stem != "__init__"
    }


def upward_template_uses(templates, libraries, root):
    found = []
    for path in templates:
        relative = path.relative_to(root).as_posix()
        own = template_layer(relative)
        if own is None:
            continue
        text = path.read_text(encoding="utf-8")
        used = []
        for match in LOAD.finditer(text):
            words = match.group(1).split()
            names = words[words.index("from") + 1:] if "from" in words else words
            used += [(f"loads {name}", libraries.get(name)) for name in names]
        used += [(f"includes {name}", template_layer(name)) for name in INCLUDE.findall(text)]
        for what, theirs in used:
            if theirs is None or theirs == own:
                continue
            sideways = (own, theirs) in PEERS_APART or (theirs, own) in PEERS_APART
            if LAYERS[theirs] > LAYERS[own] or sideways:
                found.append(f"templates/{relative}: {own} {what} ({theirs})")
    return found


def test_templates_use_only_the_tags_and_templates_of_their_layer_and_below():
    libraries = tag_library_layers(list(app_sources()))
    assert set(libraries) >= {"yuzhong_tags", "meta_tags", "places_tags", "plan_tags"}
    templates = sorted(TEMPLATES.rglob("*.html"))
    assert upward_template_uses(templates, libraries, TEMPLATES) == []


@pytest.mark.parametrize(
    ("name", "source", "expected"),
    [
        # the core's home page as it was: the plan's tags loaded by the lowest layer
        ("yuzhong_site/home_page.html", "{% load i18n wagtailcore_tags plan_tags %}",
         "yuzhong_site.core loads plan_tags (plans)"),
        ("districts/route_page.html", "{% load plan_when from plan_tags %}",
         "districts loads plan_tags (plans)"),
        ("base.html", '{% include "plans/home_parts.html" %}',
         "yuzhong_site.core includes plans/home_parts.html (plans)"),
        ("search/search_results.html", '{% extends "open_data/x.html" %}',
         "yuzhong_site.search includes open_data/x.html (yuzhong_site.open_data)"),
    ],
)
def test_a_higher_layers_template_tags_in_a_lower_layer_are_caught(tmp_path, name, source, expected):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(source, encoding="utf-8")
    libraries = {"plan_tags": "plans", "places_tags": "districts", "yuzhong_tags": "yuzhong_site.core"}
    found = upward_template_uses([path], libraries, tmp_path)
    assert len(found) == 1 and expected in found[0]


def test_a_template_may_use_its_own_layer_and_those_below(tmp_path):
    sources = {
        "plans/pillar_page.html": "{% load i18n plan_tags places_tags yuzhong_tags %}"
        '{% extends "base.html" %}{% include "components/project_card.html" %}',
        "components/plan_glance.html": "{% load plan_tags %}",
    }
    paths = write_sources(tmp_path, sources)
    libraries = {"plan_tags": "plans", "places_tags": "districts", "yuzhong_tags": "yuzhong_site.core"}
    assert upward_template_uses(paths, libraries, tmp_path) == []


# ----------------------------------------------------------------- imports inside functions
# With no cycle to break, an import of the project's own code belongs at the top of the module.
# The one place Django's app loading needs it later is ``AppConfig.ready`` (the modules it
# imports import models, which are not loaded when apps.py is read).

OWN_PACKAGES = {"yuzhong_site", "districts", "plans"}


def imports_inside_functions(paths):
    found = []
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            if path.name == "apps.py" and function.name == "ready":
                continue
            for node in ast.walk(function):
                if isinstance(node, ast.ImportFrom):
                    own = node.level > 0 or (node.module or "").split(".")[0] in OWN_PACKAGES
                elif isinstance(node, ast.Import):
                    own = any(a.name.split(".")[0] in OWN_PACKAGES for a in node.names)
                else:
                    continue
                if own:
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} in {function.name}()")
    return sorted(set(found))


def test_the_projects_own_modules_are_imported_at_the_top_except_in_app_ready():
    assert imports_inside_functions(list(app_sources())) == []


def test_an_import_inside_a_function_is_caught(tmp_path, monkeypatch):
    sources = {
        "plans/models.py": "class Page:\n    def get_context(self):\n"
        "        from .page_context import build\n",
        "plans/apps.py": "class Config:\n    def ready(self):\n        from . import page_context\n",
        "plans/dates.py": "def f():\n    from django.utils import timezone\n",
    }
    paths = write_sources(tmp_path, sources)
    monkeypatch.setitem(globals(), "ROOT", tmp_path)
    assert imports_inside_functions(paths) == ["plans/models.py:3 in get_context()"]
