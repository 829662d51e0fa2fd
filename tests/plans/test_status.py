"""Status maths: met / on track / behind / no data against the straight path to the target."""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest

from plans.status import (
    Direction,
    MetricStatus,
    ProjectStatus,
    Qualifier,
    assess_metric,
    expected_value,
    roll_up,
    roll_up_plan,
)

DURING = datetime.date(2023, 6, 1)
AFTER = datetime.date(2026, 6, 1)


def metric(baseline=100, baseline_year=2020, target=200, target_year=2025,
           direction=Direction.HIGHER, qualifier=Qualifier.EXACTLY):
    return SimpleNamespace(
        baseline_value=None if baseline is None else Decimal(baseline),
        baseline_year=baseline_year,
        target_value=None if target is None else Decimal(target),
        target_year=target_year,
        direction=direction,
        target_qualifier=qualifier,
    )


def points(*pairs):
    return [SimpleNamespace(year=y, value=Decimal(str(v)), pk=i) for i, (y, v) in enumerate(pairs)]


def test_no_measurements_means_no_data():
    assert assess_metric(metric(), [], 2025, today=DURING).status == MetricStatus.NO_DATA


def test_figure_without_target_is_reported_not_judged():
    result = assess_metric(metric(target=None), points((2021, 5)), 2025, today=DURING)
    assert result.status == MetricStatus.NO_TARGET


def test_reaching_the_target_is_met():
    assert assess_metric(metric(), points((2022, 200)), 2025, today=DURING).status == "met"


def test_on_or_above_the_straight_path_is_on_track():
    # path: 100 (2020) → 200 (2025): 140 expected in 2022
    assert expected_value(metric(), 2022) == Decimal(140)
    assert assess_metric(metric(), points((2022, 140)), 2025, today=DURING).status == "on_track"


def test_below_the_straight_path_is_behind():
    assert assess_metric(metric(), points((2022, 139)), 2025, today=DURING).status == "behind"


def test_latest_measurement_is_the_one_judged():
    result = assess_metric(metric(), points((2023, 120), (2021, 199)), 2025, today=DURING)
    assert result.latest.year == 2023 and result.status == "behind"


def test_lower_is_better_reverses_the_comparison():
    falling = metric(baseline=100, target=50, direction=Direction.LOWER)
    assert assess_metric(falling, points((2022, 70)), 2025, today=DURING).status == "on_track"
    assert assess_metric(falling, points((2022, 90)), 2025, today=DURING).status == "behind"
    assert assess_metric(falling, points((2022, 50)), 2025, today=DURING).status == "met"


def test_more_than_needs_to_exceed_the_target():
    more = metric(target=30, baseline=None, baseline_year=None, qualifier=Qualifier.MORE_THAN,
                  target_year=2022)
    assert assess_metric(more, points((2022, 30)), 2025, today=DURING).status == "behind"
    assert assess_metric(more, points((2022, 31)), 2025, today=DURING).status == "met"


def test_at_least_accepts_the_target_itself():
    least = metric(qualifier=Qualifier.AT_LEAST)
    assert assess_metric(least, points((2024, 200)), 2025, today=DURING).status == "met"


def test_missing_the_target_in_the_target_year_is_final():
    result = assess_metric(metric(target_year=2022), points((2022, 150)), 2025, today=DURING)
    # missed, but not the "final outturn": that is only a figure for the plan's last year
    assert result.status == "behind" and result.settled and not result.final


def test_ended_plan_shows_final_outturn_never_on_track():
    from django.utils import translation

    translation.activate("en")
    result = assess_metric(metric(), points((2022, 140)), 2025, today=AFTER)
    assert result.status == MetricStatus.NO_RESULT  # nothing published for 2025: unknown
    assert not result.final
    assert str(result.label) == "No result for the target year"
    met = assess_metric(metric(), points((2025, 210)), 2025, today=AFTER)
    assert met.final and str(met.label) == "Final outturn: target met"


def test_ended_plan_label_in_chinese():
    from django.utils import translation

    with translation.override("zh-hans"):
        label = str(assess_metric(metric(), points((2025, 210)), 2025, today=AFTER).label)
    assert "最终" in label


def test_pillar_and_plan_roll_ups_add_up():
    assessments = [
        assess_metric(metric(), points((2025, 210)), 2025, today=DURING),
        assess_metric(metric(), [], 2025, today=DURING),
    ]
    services = roll_up(assessments, [ProjectStatus.OPENED, ProjectStatus.PLANNED])
    heritage = roll_up([], [ProjectStatus.COMPLETED, ProjectStatus.UNDER_WAY])
    plan = roll_up_plan([services, heritage], final=True)
    assert (services.met, services.no_data, services.projects_done) == (1, 1, 1)
    assert plan.metric_total == 2 and plan.project_total == 4
    assert plan.projects_done == 2 and plan.projects_under_way == 1 and plan.projects_planned == 1
    assert plan.project_done_percent == 50
    assert plan.final


@pytest.mark.parametrize("year,expected", [(2020, 100), (2025, 200), (2030, 200), (2010, 100)])
def test_expected_path_is_clamped_to_baseline_and_target(year, expected):
    assert expected_value(metric(), year) == Decimal(expected)
