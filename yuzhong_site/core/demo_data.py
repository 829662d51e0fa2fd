"""Demo content as data: readable YAML files under ``<app>/demo_data/``, so that an editor can
check or correct a fact without reading Python. The demo steps (``<app>/demo.py``) read them
through :func:`demo_data` and stay idempotent.

Write figures as quoted strings (``value: "1560.9"``) and read them with ``Decimal``: YAML's
floats would round them. Dates may be written as ``2021-09-30`` (YAML reads them as dates).
"""

from functools import cache
from pathlib import Path

import yaml
from django.apps import apps


@cache
def demo_data(app_label, name):
    """The parsed ``<app>/demo_data/<name>.yaml`` of the app labelled ``app_label``."""
    path = Path(apps.get_app_config(app_label).path) / "demo_data" / f"{name}.yaml"
    with path.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)
