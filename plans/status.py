"""Where the plan stands: a metric's status, and the roll-ups of a pillar and of the plan.

Two kinds of figures are never mixed. A *plan indicator* has a target from the plan: it is
judged by its latest measurement against the straight path from its baseline to its target
(respecting whether higher or lower is better and a "more than" / "at least" qualifier); once a
measurement reaches the target year the target was met or missed, and only a measurement that
covers the plan's last year is a *final outturn*. A *reported figure* has no target and no
status beyond "reported". Status counts cover plan indicators only.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _


class Direction(models.TextChoices):
    HIGHER = "higher", _("Higher is better")
    LOWER = "lower", _("Lower is better")


class Qualifier(models.TextChoices):
    EXACTLY = "", _("reach the value")
    AT_LEAST = "at_least", _("at least")
    MORE_THAN = "more_than", _("more than")


class ValueQualifier(models.TextChoices):
    """How the source words a figure; part of the figure, shown with it."""

    EXACT = "", _("exactly")
    ABOUT = "about", _("about (约/左右)")
    MORE_THAN = "more_than", _("more than (逾/超/突破)")
    CLOSE_TO = "close_to", _("close to (近)")
    REACHED = "reached", _("reached (达)")
    ESTIMATE = "estimate", _("estimate (预计)")
    ESTIMATE_MORE_THAN = "estimate_more_than", _("estimate: more than (预计突破)")


class MetricStatus(models.TextChoices):
    MET = "met", _("Target met")
    ON_TRACK = "on_track", _("On track")
    BEHIND = "behind", _("Behind")
    NO_DATA = "no_data", _("No data")
    NO_RESULT = "no_result", _("No result for the target year")
    NO_TARGET = "no_target", _("Reported, no target")


# Wording for a measurement that covers the plan's last year: the final outturn.
FINAL_LABELS = {
    MetricStatus.MET: _("Final outturn: target met"),
    MetricStatus.BEHIND: _("Final outturn: target missed"),
    MetricStatus.NO_DATA: _("No data"),
    MetricStatus.NO_TARGET: _("Reported, no target"),
}
# Wording once the target year is reached, before the plan's last year.
SETTLED_LABELS = {
    MetricStatus.MET: _("Target met"),
    MetricStatus.BEHIND: _("Target missed"),
}


class ProjectStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    UNDER_WAY = "under_way", _("Under way")
    COMPLETED = "completed", _("Completed")
    OPENED = "opened", _("Opened to the public")


DONE_PROJECT_STATUSES = {ProjectStatus.COMPLETED, ProjectStatus.OPENED}


@dataclass(frozen=True)
class Assessment:
    """The status of one metric, and what it was judged on."""

    status: str
    final: bool = False  # the figure judged covers the plan's last year (a final outturn)
    latest: object = None  # the measurement judged
    expected: Decimal | None = None  # where the straight path says it should be by then
    settled: bool = False  # the figure judged reaches the target year: met or missed

    @property
    def label(self):
        if self.final:
            return FINAL_LABELS[self.status]
        if self.settled and self.status in SETTLED_LABELS:
            return SETTLED_LABELS[self.status]
        return MetricStatus(self.status).label

    @property
    def css(self):
        return self.status.replace("_", "-")


def plan_has_ended(end_year, today=None):
    today = today or timezone.localdate()
    return end_year is not None and end_year < today.year


def _beats(value, threshold, direction, qualifier):
    if direction == Direction.LOWER:
        return value < threshold if qualifier == Qualifier.MORE_THAN else value <= threshold
    return value > threshold if qualifier == Qualifier.MORE_THAN else value >= threshold


def expected_value(metric, year):
    """The straight-path value for ``year`` between baseline and target (None if undefined)."""
    if None in (metric.baseline_value, metric.baseline_year, metric.target_value, metric.target_year):
        return None
    span = metric.target_year - metric.baseline_year
    if span <= 0:
        return Decimal(metric.target_value)
    share = Decimal(min(max(year - metric.baseline_year, 0), span)) / Decimal(span)
    baseline = Decimal(metric.baseline_value)
    return baseline + (Decimal(metric.target_value) - baseline) * share


def latest_measurement(measurements):
    measurements = [m for m in measurements if m.value is not None]
    if not measurements:
        return None
    return max(measurements, key=lambda m: (m.year, m.pk or 0))


def assess_metric(metric, measurements, plan_end_year=None, today=None):
    """The :class:`Assessment` of ``metric`` given its ``measurements`` (an iterable)."""
    latest = latest_measurement(measurements)
    if latest is None:
        return Assessment(MetricStatus.NO_DATA)
    indicator = getattr(metric, "is_indicator", metric.target_value is not None)
    if not indicator or metric.target_value is None:
        return Assessment(MetricStatus.NO_TARGET, latest=latest)
    final = plan_end_year is not None and latest.year >= plan_end_year
    settled = final or (metric.target_year is not None and latest.year >= metric.target_year)
    value, target = Decimal(latest.value), Decimal(metric.target_value)
    if _beats(value, target, metric.direction, metric.target_qualifier):
        return Assessment(MetricStatus.MET, final=final, latest=latest, expected=target, settled=settled)
    if settled:
        return Assessment(MetricStatus.BEHIND, final=final, latest=latest, expected=target, settled=True)
    today = today or timezone.localdate()
    due = metric.target_year or plan_end_year
    if due is not None and due < today.year:
        # The target year is over and no figure for it was published: not "on track", not
        # "missed" — we do not know.
        return Assessment(MetricStatus.NO_RESULT, latest=latest, expected=target)
    expected = expected_value(metric, latest.year)
    if expected is None:
        # No baseline: no path to judge against before the target year; the first figure
        # starts the path, so a single figure is on track by definition.
        return Assessment(MetricStatus.ON_TRACK, latest=latest)
    # On the path when at least as good as the straight line (qualifier only bites at the end).
    on_path = _beats(value, expected, metric.direction, Qualifier.AT_LEAST)
    status = MetricStatus.ON_TRACK if on_path else MetricStatus.BEHIND
    return Assessment(status, latest=latest, expected=expected)


def _english():
    return (translation.get_language() or "zh-hans").lower().startswith("en")


_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]


def when_text(day, precision="day"):
    """A date as people write it, to the precision the source gives: "2021年9月30日" /
    "30 September 2021", "2021年1月" / "January 2021", "2022年" / "2022"."""
    if day is None:
        return ""
    if _english():
        if precision == "year":
            return str(day.year)
        if precision == "month":
            return f"{_MONTHS[day.month - 1]} {day.year}"
        return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
    if precision == "year":
        return f"{day.year}年"
    if precision == "month":
        return f"{day.year}年{day.month}月"
    return f"{day.year}年{day.month}月{day.day}日"


def indicator_sentence(assessments, targets):
    """What is known about the plan indicators, in words: "2 indicators had targets, both due in
    2022; no result has been published." ``assessments`` and ``targets`` (their target years)
    are those of plan indicators only."""
    count = len(assessments)
    if not count:
        return gettext("None of the figures here is a plan indicator with a target.")
    years = sorted({year for year in targets if year})
    if len(years) == 1 and count == 2:
        due = gettext("%(count)s indicators had targets, both due in %(year)s") % {
            "count": count, "year": years[0]
        }
    elif len(years) == 1:
        due = ngettext(
            "%(count)s indicator had a target, due in %(year)s",
            "%(count)s indicators had targets, all due in %(year)s",
            count,
        ) % {"count": count, "year": years[0]}
    elif years:
        due = gettext("%(count)s indicators had targets, due between %(first)s and %(last)s") % {
            "count": count, "first": years[0], "last": years[-1]
        }
    else:
        due = ngettext(
            "%(count)s indicator had a target", "%(count)s indicators had targets", count
        ) % {"count": count}
    with_result = [a for a in assessments if a.latest is not None]
    if not with_result:
        result = gettext("no result has been published")
    else:
        met = sum(1 for a in with_result if a.status == MetricStatus.MET)
        missed = sum(1 for a in with_result if a.status == MetricStatus.BEHIND)
        result = gettext(
            "a result was published for %(published)s of them: %(met)s met, %(missed)s not met"
        ) % {"published": len(with_result), "met": met, "missed": missed}
    return gettext("%(due)s; %(result)s.") % {"due": due, "result": result}


@dataclass
class RollUp:
    """Counts of metric statuses and project statuses (a pillar's, or the whole plan's)."""

    metrics: Counter = field(default_factory=Counter)
    projects: Counter = field(default_factory=Counter)
    final: bool = False

    def add_metric(self, assessment):
        self.metrics[assessment.status] += 1

    def add_project(self, status, count=1):
        self.projects[status] += count

    def __add__(self, other):
        return RollUp(
            metrics=self.metrics + other.metrics,
            projects=self.projects + other.projects,
            final=self.final or other.final,
        )

    @property
    def metric_total(self):
        return sum(self.metrics.values())

    @property
    def project_total(self):
        return sum(self.projects.values())

    @property
    def met(self):
        return self.metrics[MetricStatus.MET]

    @property
    def on_track(self):
        return self.metrics[MetricStatus.ON_TRACK]

    @property
    def behind(self):
        return self.metrics[MetricStatus.BEHIND]

    @property
    def no_data(self):
        return self.metrics[MetricStatus.NO_DATA]

    @property
    def no_target(self):
        return self.metrics[MetricStatus.NO_TARGET]

    @property
    def projects_done(self):
        return sum(self.projects[s] for s in DONE_PROJECT_STATUSES)

    @property
    def projects_under_way(self):
        return self.projects[ProjectStatus.UNDER_WAY]

    @property
    def projects_planned(self):
        return self.projects[ProjectStatus.PLANNED]

    @property
    def project_done_percent(self):
        total = self.project_total
        return round(100 * self.projects_done / total) if total else 0


def roll_up(assessments, project_statuses, final=False):
    """A pillar's roll-up from its metrics' assessments and its projects' statuses."""
    result = RollUp(final=final)
    for assessment in assessments:
        result.add_metric(assessment)
    for status in project_statuses:
        result.add_project(status)
    return result


def roll_up_plan(pillar_roll_ups, final=False):
    total = RollUp(final=final)
    for part in pillar_roll_ups:
        total = total + part
    total.final = final
    return total
