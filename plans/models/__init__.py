"""The plan's models: pages (``pages.py``) and the data they show (``data.py``).

``from plans.models import X`` is the way to import them; the app label stays ``plans``.
"""

from .data import (
    Goal,
    Measurement,
    Metric,
    Milestone,
    PlanData,
    Project,
    ProjectStatusReport,
)
from .pages import (
    PillarPage,
    PlanEvent,
    PlanPage,
    UpdateIndexPage,
    UpdatePage,
    _default_locale_pages,  # named by migration 0002 (limit_choices_to)
)

__all__ = [
    "Goal",
    "Measurement",
    "Metric",
    "Milestone",
    "PillarPage",
    "PlanData",
    "PlanEvent",
    "PlanPage",
    "Project",
    "ProjectStatusReport",
    "UpdateIndexPage",
    "UpdatePage",
    "_default_locale_pages",
]
