"""The yearly report an inspection asks for (政府网站 yearly indicators): per kind and section,
items received in the year, answered, still open, overdue, and the average and longest days from
receipt to reply (calendar days; a question's reply date, a report's closing date)."""

import csv
import io
from collections import defaultdict

from django.utils import timezone
from django.utils.translation import gettext as _

from yuzhong_site.core.csv_cells import guard_cell

from .models import ErrorReport, Question


def _days(item):
    received = timezone.localdate(item.received_at)
    if isinstance(item, Question) and item.replied_on:
        return (item.replied_on - received).days
    if item.closed_at:
        return (timezone.localdate(item.closed_at) - received).days
    return None


def yearly_report(year, today=None, querysets=None):
    """[{kind, section, received, answered, open, overdue, average_days, longest_days}] for the
    items of ``querysets`` ({model: queryset}; all items by default)."""
    today = today or timezone.localdate()
    querysets = querysets or {}
    rows = []
    for model, kind in ((ErrorReport, _("Error reports")), (Question, _("Questions"))):
        groups = defaultdict(list)
        items = (querysets.get(model, model.objects.all()).filter(received_at__year=year).select_related("section")
                 .only("received_at", "closed_at", "state", "due_on", "section__title",
                       *(["replied_on"] if model is Question else [])))
        for item in items:
            groups[item.section.title if item.section else _("审核 (no section)")].append(item)
        for section in sorted(groups):
            group = groups[section]
            days = [d for d in map(_days, group) if d is not None]
            rows.append({
                "kind": kind,
                "section": section,
                "received": len(group),
                "answered": len(days),
                "open": sum(1 for item in group if not item.is_closed),
                "overdue": sum(1 for item in group if not item.is_closed and item.due_on
                               and item.due_on < today),
                "average_days": round(sum(days) / len(days), 1) if days else None,
                "longest_days": max(days) if days else None,
            })
    return rows


COLUMNS = ("kind", "section", "received", "answered", "open", "overdue", "average_days",
           "longest_days")


def report_csv(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("Kind"), _("Section"), _("Number received"), _("Answered"), _("Still open"),
                     _("Overdue"), _("Average days to reply"), _("Longest days to reply")])
    for row in rows:
        writer.writerow([guard_cell(row[column]) for column in COLUMNS])
    return out.getvalue()
