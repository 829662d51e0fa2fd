"""Estimates never plot as results: a 预计 figure stays in the chart's table, in its
own words, and is drawn as an estimate (a hollow point on a dotted line), not as a result."""

from decimal import Decimal

import pytest

from plans.charts import metric_chart
from plans.models import Measurement

from .factories import make_metric, make_plan

pytestmark = pytest.mark.django_db


def test_an_estimate_is_in_the_table_not_on_the_line(home):
    pillars = make_plan(home)[1]
    gdp = make_metric(
        pillars["services"],
        slug="gdp",
        measurements=[(2020, "1358"), (2022, "1560.9"), (2023, "1600")],
    )
    Measurement.objects.create(
        metric=gdp, year=2021, value=Decimal("1400"), qualifier="estimate_more_than"
    )
    chart = metric_chart(gdp, list(gdp.measurements.all()), 2021, 2025, language="zh-hans")
    plotted = {p.year for p in chart.points if p.kind == "measurement"}
    assert chart.drawn and plotted == {2020, 2022, 2023}
    assert [p.year for p in chart.estimates] == [2021]
    assert "预计突破" in str(chart.rows)  # the table keeps the estimate, in its words
    # The lines to and from the estimate are dotted; the line between results is not.
    assert [segment[4] for segment in chart.segments] == [True, True, False]
