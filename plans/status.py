"""Where the plan stands: a metric's status, and the roll-ups of a pillar and of the plan.

A metric is judged by its latest measurement against the straight path from its baseline to
its target (respecting whether higher or lower is better and a "more than" / "at least"
qualifier). Once the plan period is over — or the target year is reached — there is no "on
track" any more: the latest figure is the *final outturn*, and the target was met or missed.
"""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import models
from django.utils import timezone
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
    NO_TARGET = "no_target", _("Reported, no target")


# Wording once the plan has ended: the latest figure is the final outturn.
FINAL_LABELS = {
    MetricStatus.MET: _("Final outturn: target met"),
    MetricStatus.BEHIND: _("Final outturn: target missed"),
    MetricStatus.NO_DATA: _("No data"),
    MetricStatus.NO_TARGET: _("Reported, no target"),
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
    final: bool = False
    latest: object = None  # the measurement judged
    expected: Decimal | None = None  # where the straight path says it should be by then

    @property
    def label(self):
        if self.final:
            return FINAL_LABELS[self.status]
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
    today = today or timezone.localdate()
    ended = plan_has_ended(plan_end_year, today)
    latest = latest_measurement(measurements)
    if latest is None:
        return Assessment(MetricStatus.NO_DATA, final=ended)
    if metric.target_value is None:
        return Assessment(MetricStatus.NO_TARGET, final=ended, latest=latest)
    value, target = Decimal(latest.value), Decimal(metric.target_value)
    if _beats(value, target, metric.direction, metric.target_qualifier):
        return Assessment(MetricStatus.MET, final=ended, latest=latest, expected=target)
    final = ended or (metric.target_year is not None and latest.year >= metric.target_year)
    if final:
        return Assessment(MetricStatus.BEHIND, final=True, latest=latest, expected=target)
    expected = expected_value(metric, latest.year)
    if expected is None:
        # No baseline: no path to judge against before the target year; the first figure
        # starts the path, so a single figure is on track by definition.
        return Assessment(MetricStatus.ON_TRACK, latest=latest)
    # On the path when at least as good as the straight line (qualifier only bites at the end).
    on_path = _beats(value, expected, metric.direction, Qualifier.AT_LEAST)
    status = MetricStatus.ON_TRACK if on_path else MetricStatus.BEHIND
    return Assessment(status, latest=latest, expected=expected)


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
    def with_target(self):
        """Metrics that have a target and a figure: the ones that can be met or missed."""
        return self.met + self.on_track + self.behind

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
