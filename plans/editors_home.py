"""The plan's sections of the editors' home (yuzhong_site/core/editors_home.py): plan data
awaiting review (for those who may publish it), this user's plan-data drafts, and figures and
project statuses whose latest report is older than twelve months — each with a link to the record's edit page."""

import datetime

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.permissions import policy_registry

from yuzhong_site.core.editors_home import ROWS, Section

from .models import Goal, Metric, Project
from .status import DONE_PROJECT_STATUSES

STALE_AFTER = datetime.timedelta(days=365)


def _rows(records, finder, note=lambda record: ""):
    return [
        {"label": f"{record._meta.verbose_name} · {record}", "url": finder.get_edit_url(record) or "", "note": note(record)}
        for record in records
    ]


def _drafts(user, only_mine):
    found = []
    for model in (Goal, Metric, Project):
        policy = policy_registry.get_by_type(model)
        action = "change" if only_mine else "publish"
        if not policy.user_has_permission(user, action):
            continue
        queryset = policy.instances_user_has_any_permission_for(user, [action]).filter(
            has_unpublished_changes=True
        )
        if only_mine:
            queryset = queryset.filter(latest_revision__user=user)
        found.extend(queryset.select_related("latest_revision").order_by("-latest_revision__created_at")[: ROWS + 1])
    found.sort(key=lambda r: r.latest_revision.created_at if r.latest_revision else timezone.now(), reverse=True)
    return found


def _as_of(metric):
    if metric.last_date:
        return metric.last_date
    if metric.last_year:
        return datetime.date(metric.last_year, 12, 31)
    return None


def stale_metrics(today=None):
    """Live metrics whose latest figure is more than twelve months old (or that have none)."""
    today = today or timezone.localdate()
    metrics = Metric.objects.filter(live=True).annotate(
        last_year=Max("measurements__year"), last_date=Max("measurements__date")
    ).order_by("sort_order", "pk")
    return [m for m in metrics if _as_of(m) is None or today - _as_of(m) > STALE_AFTER]


def stale_projects(today=None):
    """Live projects, not finished, whose latest status report is more than twelve months old
    (or that have none): the date residents see beside the status, not the record's last save."""
    today = today or timezone.localdate()
    projects = Project.objects.filter(live=True).exclude(status__in=DONE_PROJECT_STATUSES).order_by(
        "status_date", "sort_order", "pk"
    )
    return [p for p in projects if p.status_date is None or today - p.status_date > STALE_AFTER]


def plan_sections(request):
    user = request.user
    finder = AdminURLFinder(user)
    sections = []
    if any(policy_registry.get_by_type(model).user_has_permission(user, "publish") for model in (Goal, Metric, Project)):
        waiting = _drafts(user, only_mine=False)
        sections.append(
            Section(
                "plan-review",
                _("Plan data awaiting your review"),
                _rows(waiting[:ROWS], finder, lambda r: _("draft by %(user)s") % {"user": r.latest_revision.user or "—"}
                      if r.latest_revision else ""),
                len(waiting),
                empty=_("No plan data is waiting to be published."),
            )
        )
    mine = _drafts(user, only_mine=True)
    sections.append(
        Section(
            "my-plan-drafts",
            _("Your plan-data drafts"),
            _rows(mine[:ROWS], finder),
            len(mine),
            empty=_("No unpublished plan-data drafts of yours."),
        )
    )
    metrics = stale_metrics()
    sections.append(
        Section(
            "stale-figures",
            _("Figures older than 12 months"),
            _rows(
                metrics[:ROWS], finder,
                lambda m: _("latest: %(when)s") % {"when": _as_of(m)} if _as_of(m) else _("no figure yet"),
            ),
            len(metrics),
            empty=_("Every figure is less than a year old."),
        )
    )
    projects = stale_projects()
    sections.append(
        Section(
            "stale-statuses",
            _("Project statuses older than 12 months"),
            _rows(
                projects[:ROWS], finder,
                lambda p: _("latest status report: %(when)s") % {"when": p.status_date}
                if p.status_date else _("no status report yet"),
            ),
            len(projects),
            empty=_("Every unfinished project has a status report from the last twelve months."),
        )
    )
    return sections
