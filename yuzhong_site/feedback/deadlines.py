"""Targets for replying, in working days (Monday to Friday; public holidays are not known to
the site: a reply due on one is counted late a day early, never later), and what is overdue.

``FEEDBACK_TARGET_WORKING_DAYS``: {"errorreport": 3, "question": 10} by default.
"""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

DEFAULT_TARGETS = {"errorreport": 3, "question": 10, "consultationresponse": 10}


def target_days(model):
    targets = {**DEFAULT_TARGETS, **getattr(settings, "FEEDBACK_TARGET_WORKING_DAYS", {})}
    return targets[model._meta.model_name]


def add_working_days(start, days):
    current = start
    while days > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            days -= 1
    return current


def set_due_date(item):
    item.due_on = add_working_days(timezone.localdate(item.received_at), target_days(type(item)))


def overdue(queryset, today=None):
    """Open items of ``queryset`` past their due date, the longest overdue first."""
    today = today or timezone.localdate()
    model = queryset.model
    return (queryset.exclude(state__in=model.CLOSED_STATES)
            .filter(Q(due_on__lt=today)).order_by("due_on", "pk"))
