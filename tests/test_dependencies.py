"""pyproject.toml declares what the code imports, and nothing it does not.

Every import statement of the project's code (inside functions too; read with ``ast``) and every
module its settings name by dotted path (middleware, cache and storage backends…) is mapped to
its distribution with ``importlib.metadata.packages_distributions()``; the result must equal
``[project].dependencies``. The tests' imports must be declared there or in the ``test`` extra.
A package that also arrives through another one (django-ninja and modelsearch through Wagtail)
is declared all the same once the code imports it.
"""

import ast
import importlib.metadata
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OWN = {"yuzhong_site", "districts", "plans", "tests"}
DOTTED = re.compile(r"^[a-z_][a-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$")

# Declared but never imported by name, and what each one is for.
USED_WITHOUT_IMPORT = {
    "psycopg": "Django's PostgreSQL backend imports it (DATABASE_URL=postgres://…)",
    "gunicorn": "the production application server",
}
TEST_TOOLS_WITHOUT_IMPORT = {
    "pytest-django": "pytest plugin (DJANGO_SETTINGS_MODULE in pyproject.toml)",
    "pytest-xdist": "pytest plugin (-n 2)",
    "ruff": "the linter (make lint, CI)",
}


def canonical(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def requirement_names(requirements):
    return {canonical(re.match(r"[A-Za-z0-9._-]+", line).group(0)) for line in requirements}


def imported_names(paths):
    """(top-level names of the modules ``paths`` import, top-level names of the dotted strings
    in settings modules: a module path or not — an app label, a logger's name)."""
    imports, dotted = set(), set()
    for path in paths:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        settings = "settings" in path.parts
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                imports.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and not node.level:
                imports.add(node.module.split(".")[0])
            elif settings and isinstance(node, ast.Constant) and isinstance(node.value, str):
                if DOTTED.match(node.value):
                    dotted.add(node.value.split(".")[0])
    outside = OWN | set(sys.stdlib_module_names) | {"__future__"}
    return imports - outside, dotted - outside


def distributions(imports, dotted=()):
    """The distributions that provide ``imports`` (``"?name"`` for a name none provides) and
    the ``dotted`` names that are a distribution's module."""
    provided = importlib.metadata.packages_distributions()
    found = set()
    for name in imports:
        found.update(canonical(dist) for dist in provided.get(name, [f"?{name}"]))
    for name in dotted:
        found.update(canonical(dist) for dist in provided.get(name, []))
    return found


def sources(*tops):
    for top in tops:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def test_the_dependencies_are_what_the_code_imports():
    declared = requirement_names(pyproject()["dependencies"])
    code = [*sources("yuzhong_site", "plans", "districts"), ROOT / "manage.py"]
    used = distributions(*imported_names(code))
    assert sorted(used - declared) == [], "imported, not declared in [project].dependencies"
    unused = declared - used - set(USED_WITHOUT_IMPORT)
    assert sorted(unused) == [], "declared, never imported (or say why in USED_WITHOUT_IMPORT)"


def test_the_tests_import_only_what_is_declared():
    project = pyproject()
    declared = requirement_names(project["dependencies"])
    test_extra = requirement_names(project["optional-dependencies"]["test"])
    used = distributions(*imported_names(list(sources("tests"))))
    assert sorted(used - declared - test_extra) == [], "imported by the tests, not declared"
    unused = test_extra - used - set(TEST_TOOLS_WITHOUT_IMPORT)
    assert sorted(unused) == [], "in the test extra, never imported (or say why)"


def test_an_undeclared_or_unused_dependency_is_caught(tmp_path):
    settings = tmp_path / "yuzhong_site" / "settings" / "base.py"
    settings.parent.mkdir(parents=True)
    settings.write_text(
        'MIDDLEWARE = ["whitenoise.middleware.WhiteNoiseMiddleware"]\n'
        'ROOT_URLCONF = "yuzhong_site.urls"\nLOGGERS = ["wagtail.core", "nothing.here"]\n'
    )
    api = tmp_path / "plans" / "api.py"
    api.parent.mkdir()
    api.write_text("def f():\n    from ninja import NinjaAPI\nimport yaml\nfrom . import models\n")
    imports, dotted = imported_names([settings, api])
    assert imports == {"ninja", "yaml"}
    used = distributions(imports, dotted)
    assert used == {"django-ninja", "pyyaml", "whitenoise", "wagtail"}
    declared = requirement_names(["PyYAML>=6.0", "wagtail>=8.0,<8.1", "whitenoise>=6.9", "polib"])
    assert used - declared == {"django-ninja"}
    assert declared - used == {"polib"}
