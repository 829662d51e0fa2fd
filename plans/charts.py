"""Charts without JavaScript: one inline SVG per metric, plus the same figures as a table.

:func:`metric_chart` turns a metric and its measurements into plain numbers and coordinates;
``templates/components/chart.html`` draws them. Only presentation attributes and classes are
used in the SVG (no ``style=""``), so a strict CSP can forbid inline styles.

The chart lays out its own text, at every width and in large text, without a viewBox (which
would shrink the text with the drawing) and without JavaScript:

- vertical positions are in ``em`` of the chart's font size, so text and drawing grow together;
- the value labels are in their own SVG, as wide (in ``em``) as the widest label, beside the
  plot; the plot takes the rest of the width, its horizontal positions in per cent;
- the unit is written once, above the chart (with ``×1,000`` and so on when the figures are so
  large that the labels would be long), not on every tick;
- every year has a label, and each label says from which plot width (in ``em``) it is shown
  (``yz-chart__year--from-N``): a container query hides the labels that would not fit, keeping
  every 2nd, 4th or 8th year counted back from the last;
- an estimate (预计) is drawn as a hollow point, joined by a dotted line, with its own legend key.

The figures themselves are in the table beside the chart, not written on the points. A chart
needs at least three points (baseline, measurements, target): with fewer, the table alone
states the figures.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import translation
from django.utils.translation import gettext as _

from yuzhong_site.core.dates import long_date

from .status import expected_value
from .units import format_axis_value, format_value, qualified_value, unit_label

# Horizontal: per cent of the plot's width; vertical: em.
TOP, AXIS, HEIGHT = 1.0, 11.0, 13.0
MIN_POINTS = 3
# Widths of characters in em (DejaVu Sans / Noto Sans: digits 0.64, CJK 1.0), a little generous.
_NARROW, _DIGIT, _WIDE = 0.36, 0.66, 1.0
YEAR_LABEL_EM = 4 * _DIGIT + 0.8  # a year's label and the gap to the next
# The plot widths (em) from which a year label can be shown: the CSS has one rule for each.
YEAR_WIDTHS = (0, 4, 6, 8, 10, 12, 16, 20, 24, 32, 40, 48)
ESTIMATES = ("estimate", "estimate_more_than")


@dataclass
class Point:
    x: float
    y: float
    label: str  # the figure, formatted for the language
    year: int
    kind: str  # baseline / measurement / estimate / target


@dataclass
class Row:
    """One row of the figures table: what, when, the figure."""

    what: str
    when: str
    figure: str
    kind: str
    source_name: str = ""
    source_url: str = ""
    note: str = ""


@dataclass
class Chart:
    chart_id: str
    title: str
    description: str
    unit: str
    height: float = HEIGHT
    points: list = field(default_factory=list)
    segments: list = field(default_factory=list)  # (x1, y1, x2, y2, estimate): the measured line
    expected_line: tuple | None = None  # (x1, y1, x2, y2)
    x_ticks: list = field(default_factory=list)  # (x, label, from_width): see YEAR_WIDTHS
    y_ticks: list = field(default_factory=list)  # (y, label)
    rows: list = field(default_factory=list)
    has_data: bool = False  # at least one measured figure
    drawn: bool = False  # enough points for a chart (MIN_POINTS)
    axis_bottom: float = AXIS
    tick_label_y: float = AXIS + 1.4
    axis_width: float = 3.0  # em: the widest value label and a gap
    scale_note: str = ""  # "×1,000" when the value labels are divided

    @property
    def baseline(self):
        return next((p for p in self.points if p.kind == "baseline"), None)

    @property
    def target(self):
        return next((p for p in self.points if p.kind == "target"), None)

    @property
    def measurements(self):
        return [p for p in self.points if p.kind == "measurement"]

    @property
    def estimates(self):
        return [p for p in self.points if p.kind == "estimate"]

    @property
    def axis_label_x(self):
        return round(self.axis_width - 0.4, 2)


def text_width(text):
    """The width of ``text`` in em, erring on the wide side."""
    width = 0.0
    for char in text:
        if char.isdigit():
            width += _DIGIT
        elif char in ",.:' ":
            width += _NARROW
        elif ord(char) > 0x2E80:
            width += _WIDE
        else:
            width += 0.7
    return width


def _nice_ceiling(value):
    """A round number at or above ``value`` for the top of the axis."""
    if value <= 0:
        return Decimal(1)
    magnitude = Decimal(10) ** (len(str(int(value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        ceiling = magnitude * Decimal(str(step))
        if ceiling >= value:
            return ceiling
    return magnitude * 10


def period_text(year, label="", date=None):
    """What a figure covers: the day when it has one (“28 January 2021” / “2021年1月28日”,
    the site's one date format), else the year with its period (“Spring Festival 2021” /
    “2021年春节”), else the year."""
    if date is not None:
        return long_date(date)
    if not label:
        return str(year)
    english = (translation.get_language() or "").startswith("en")
    return f"{label} {year}" if english else f"{year}年{label}"


def target_text(metric, language=None):
    """“more than 30 conferences a year by 2022” / “到2022年：超过30场/年”."""
    if metric.target_value is None:
        return ""
    figure = format_value(metric.target_value, metric.unit, language)
    qualifier = metric.get_target_qualifier_display() if metric.target_qualifier else ""
    if metric.target_year:
        return (_("%(qualifier)s %(figure)s by %(year)s") % {
            "qualifier": qualifier,
            "figure": figure,
            "year": metric.target_year,
        }).strip()
    return f"{qualifier} {figure}".strip()


def metric_chart(metric, measurements, plan_start=None, plan_end=None, language=None):
    """The :class:`Chart` of ``metric``; ``has_data`` is False when there is nothing to plot."""
    language = language or translation.get_language()
    all_measurements = sorted(measurements, key=lambda m: (m.year, m.sort_order or 0))
    # An estimate (预计…) is a forecast, not a result: it stays in the table in its own words and
    # is drawn as an estimate (a hollow point on a dotted line, with its own legend key).
    valued = [m for m in all_measurements if m.value is not None]
    measurements = valued
    chart = Chart(
        chart_id=f"yz-chart-{metric.pk}",
        title=metric.name,
        description="",
        unit=unit_label(metric.unit, language),
    )
    chart.rows = _table_rows(metric, all_measurements, language)
    chart.has_data = bool(valued)
    count = len(measurements) + (metric.baseline_value is not None) + (
        metric.target_value is not None and bool(metric.target_year)
    )
    chart.drawn = count >= MIN_POINTS
    if not chart.drawn:
        return chart

    # Scales.
    scale = _Scale(
        *_year_range(metric, measurements, plan_start, plan_end), *_value_range(metric, measurements)
    )
    chart.x_ticks = scale.x_ticks()
    chart.y_ticks, divisor = scale.y_ticks(metric.unit, language)
    if divisor > 1:
        chart.scale_note = f"×{divisor:,}"
    chart.axis_width = round(max(text_width(label) for _y, label in chart.y_ticks) + 0.8, 2)
    chart.points = _points(metric, measurements, scale, language)
    chart.expected_line = _expected_line(metric, scale)
    # Only figures of consecutive years are joined: a line across a year without a published
    # figure would suggest one. A line to or from an estimate is dotted.
    path_points = [point for point in chart.points if point.kind != "target"]
    chart.segments = [
        (a.x, a.y, b.x, b.y, "estimate" in (a.kind, b.kind))
        for a, b in zip(path_points, path_points[1:], strict=False)
        if b.year - a.year == 1
    ]

    # The description says in words what the picture shows.
    parts = [row_sentence(row) for row in chart.rows]
    if chart.expected_line:
        parts.append(_("The dashed line is the straight path from the baseline to the target."))
    chart.description = " ".join(parts)
    return chart


def _table_rows(metric, all_measurements, language):
    """The table: every figure we have, in order."""
    rows = []
    if metric.baseline_value is not None:
        rows.append(
            Row(
                _("Baseline"),
                period_text(metric.baseline_year, metric.baseline_label),
                format_value(metric.baseline_value, metric.unit, language),
                "baseline",
                source_name=metric.source_name,
                source_url=metric.source_url,
            )
        )
    rows.extend(_measured_row(metric, measurement, language) for measurement in all_measurements)
    if metric.target_value is not None:
        rows.append(
            Row(
                _("Target"), str(metric.target_year or ""), target_text(metric, language), "target",
                source_name=metric.source_name, source_url=metric.source_url,
            )
        )
    return rows


def _measured_row(metric, measurement, language):
    """A measurement's row; without a figure, its note (or “no figure published”) says why."""
    if measurement.value is None:
        figure = measurement.note or _("no figure published")
    else:
        figure = qualified_value(measurement.value, measurement.qualifier, metric.unit, language)
    own = bool(measurement.source_name or measurement.source_url)
    return Row(
        _("Measured"),
        period_text(measurement.year, measurement.period, measurement.date),
        figure,
        "measurement",
        source_name=(measurement.source_name or measurement.source_url) if own else metric.source_name,
        source_url=measurement.source_url if own else metric.source_url,
        note=measurement.note if measurement.value is not None else "",
    )


def _year_range(metric, measurements, plan_start, plan_end):
    """The first and last year of the horizontal axis: the figures and the plan's years."""
    years = [m.year for m in measurements]
    if metric.baseline_value is not None:
        years.append(metric.baseline_year)
    if metric.target_value is not None and metric.target_year:
        years.append(metric.target_year)
    if plan_start:
        years.append(plan_start - 1 if metric.baseline_year and metric.baseline_year < plan_start else plan_start)
    if plan_end:
        years.append(plan_end)
    low_year, high_year = min(years), max(years)
    if low_year == high_year:
        high_year += 1
    return low_year, high_year


def _value_range(metric, measurements):
    """The bottom (zero, or the lowest figure below it) and the round top of the value axis."""
    values = [Decimal(m.value) for m in measurements]
    if metric.baseline_value is not None:
        values.append(Decimal(metric.baseline_value))
    if metric.target_value is not None and metric.target_year:
        values.append(Decimal(metric.target_value))
    top = _nice_ceiling(max(max(values), Decimal(0)) * Decimal("1.1"))
    bottom = min(Decimal(0), min(values))
    return bottom, top


@dataclass
class _Scale:
    """Where a year and a value are drawn."""

    low_year: int
    high_year: int
    bottom: Decimal
    top: Decimal

    def x_of(self, year):
        return round(100 * (year - self.low_year) / (self.high_year - self.low_year), 2)

    def y_of(self, value):
        plot_h = AXIS - TOP
        share = (Decimal(value) - self.bottom) / (self.top - self.bottom)
        return round(TOP + plot_h * (1 - float(share)), 2)

    def x_ticks(self):
        """A label for every year, each with the plot width (em) from which it is shown: the
        last year always; counting back from it, every 8th, 4th, 2nd year as the width allows."""
        years = list(range(self.low_year, self.high_year + 1))
        gaps = len(years) - 1
        ticks = []
        for back, year in enumerate(reversed(years)):
            step = 8
            while step > 1 and back % step:
                step //= 2
            needed = YEAR_LABEL_EM * gaps / step  # the plot width at which labels `step` apart fit
            from_width = next((w for w in YEAR_WIDTHS if w >= needed), YEAR_WIDTHS[-1])
            if back == 0:
                from_width = 0
            ticks.append((self.x_of(year), str(year), from_width))
        return list(reversed(ticks))

    def y_ticks(self, unit, language):
        """Five value labels, from the bottom to the top, and the divisor (1, 1,000, …) applied
        to them when the undivided labels would be longer than seven characters."""
        values = [self.bottom + (self.top - self.bottom) * Decimal(i) / 4 for i in range(5)]
        divisor = 1
        while max(len(format_axis_value(v / divisor, unit, language)) for v in values) > 7:
            divisor *= 1000
        ticks = [(self.y_of(v), format_axis_value(v / divisor, unit, language)) for v in values]
        return ticks, divisor


def _points(metric, measurements, scale, language):
    """The baseline, the measurements and the target, in that order."""

    def point(year, value, kind):
        label = format_axis_value(value, metric.unit, language)
        return Point(scale.x_of(year), scale.y_of(value), label, year, kind)

    points = []
    if metric.baseline_value is not None:
        points.append(point(metric.baseline_year, metric.baseline_value, "baseline"))
    points.extend(
        point(m.year, m.value, "estimate" if m.qualifier in ESTIMATES else "measurement")
        for m in measurements
    )
    if metric.target_value is not None and metric.target_year:
        points.append(point(metric.target_year, metric.target_value, "target"))
    return points


def _expected_line(metric, scale):
    """The straight path from the baseline to the target (None without both)."""
    if metric.target_value is None or not metric.target_year:
        return None
    start = expected_value(metric, metric.baseline_year) if metric.baseline_value is not None else None
    if start is None:
        return None
    return (
        scale.x_of(metric.baseline_year),
        scale.y_of(start),
        scale.x_of(metric.target_year),
        scale.y_of(metric.target_value),
    )


def row_sentence(row):
    return _("%(what)s, %(when)s: %(figure)s.") % {
        "what": row.what,
        "when": row.when,
        "figure": row.figure,
    }
